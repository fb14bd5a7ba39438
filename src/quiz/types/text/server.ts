import { defineServerKind } from '../server-kind';

export const textServer = defineServerKind({
  type: 'text',
  markdown: (q, { common }) => ({ ...q, ...common, explanation: common.explanation! }),
  answerField: 'answers',
});
