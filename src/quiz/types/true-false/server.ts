import { defineServerKind } from '../server-kind';

export const trueFalseServer = defineServerKind({
  type: 'true-false',
  markdown: (q, { common }) => ({ ...q, ...common, explanation: common.explanation! }),
  answerField: 'answer',
  // The wrong option is the other truth value: `feedback.incorrect` says why it is wrong.
  wrongOptions: (q) => [{ path: ['feedback', 'incorrect'], feedback: q.feedback?.incorrect }],
});
