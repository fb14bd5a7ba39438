import { describeExpressionAnswer, gradeExpression, malformed, wrongFormula } from '../../expression/question';
import { defineKind, escapeHtml, fromOutcome } from '../kind';

/**
 * A formula the learner types, graded by equivalence (src/quiz/expression/): the response is the
 * text typed. Grading needs the expression library, which this module reaches through the engine's
 * slot (src/quiz/expression/engine.ts), so the shared grader carries no mathjs.
 */
export const expression = defineKind({
  type: 'expression',
  grade: (question, response) => fromOutcome(question, gradeExpression(question, response)),
  testResponses: (question) => [{ right: question.answer, wrong: wrongFormula(question), invalid: malformed(question) }],
  describeAnswer: (question) => describeExpressionAnswer(question),
  describeResponse: (_question, response) => (typeof response === 'string' ? escapeHtml(response) : undefined),
});
