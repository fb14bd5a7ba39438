import { formulaBuild } from '../../expression/formula-build';
import { defineServerKind } from '../server-kind';

export const expressionServer = defineServerKind({
  type: 'expression',
  markdown: (q, { common }) => ({ ...q, ...common, explanation: common.explanation! }),
  checkBuilt: (q, { at, report }) => formulaBuild().checkExpression(q, at, report),
  answerField: 'answer',
  build: (q) => formulaBuild().buildExpression(q),
});
