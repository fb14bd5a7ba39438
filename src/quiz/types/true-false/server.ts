import { defineServerKind } from '../server-kind';

export const trueFalseServer = defineServerKind({
  type: 'true-false',
  markdown: (q, { common }) => ({ ...q, ...common, explanation: common.explanation! }),
  answerField: 'answer',
});
