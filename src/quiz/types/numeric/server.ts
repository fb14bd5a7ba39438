import { defineServerKind } from '../server-kind';

export const numericServer = defineServerKind({
  type: 'numeric',
  markdown: (q, { common }) => ({ ...q, ...common, explanation: common.explanation! }),
  answerField: 'answer',
});
