import { buildExpression, checkExpression } from '../../expression/build';
import { defineServerKind } from '../server-kind';

export const expressionServer = defineServerKind({
  type: 'expression',
  markdown: (q, { common }) => ({ ...q, ...common, explanation: common.explanation! }),
  checkBuilt: (q, { at, report }) => checkExpression(q, at, report),
  answerField: 'answer',
  build: (q) => buildExpression(q),
});
