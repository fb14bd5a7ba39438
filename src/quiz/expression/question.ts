/**
 * The `expression` question type, browser half: grading (through the engine's slot, so this file
 * carries no mathjs), the test responses the build grades, and the answer and response in words.
 * Shaped as a question kind (grade, testResponses, describeAnswer, describeResponse).
 */
import type { Form } from './form';
import type { VariableDomain } from './equivalence';
import type { GradableBase } from '../grade';
import { formulaEngine } from './engine';

export interface ExpressionGradable extends GradableBase {
  type: 'expression';
  answer: string;
  variables: Readonly<Record<string, VariableDomain>>;
  forms: readonly Form[];
  formCredit?: number;
  relativeTolerance?: number;
  /** The answer as the build rendered it with KaTeX, for "The answer: …". */
  answerHtml: string;
  /** Right and wrong formulas the build checks (the author's `accept` and `reject`, and a generated other form). */
  accept?: readonly string[];
  reject?: readonly string[];
}

export interface Outcome {
  fraction: number;
  feedback: string[];
  invalid?: string;
}

export function gradeExpression(question: ExpressionGradable, response: unknown): Outcome {
  if (typeof response !== 'string' || response.trim() === '') return { fraction: 0, feedback: [], invalid: 'Write a formula first.' };
  const engine = formulaEngine();
  if (!engine) return { fraction: 0, feedback: [], invalid: loading };
  return engine.gradeExpression(question, response);
}

/** Before the engine has arrived (the page waits for it before a check, so this is rare). */
export const loading = 'The formula checker is still loading: check again in a moment.';

/** A formula of the same question that is not an answer at all: the answer with an operator left dangling. */
export const malformed = (question: ExpressionGradable) => `${question.answer} +`;

/** A formula the grader must refuse: the author's first `reject`, or the answer plus one. */
export const wrongFormula = (question: ExpressionGradable) => question.reject?.[0] ?? `(${question.answer}) + 1`;

export function describeExpressionAnswer(question: ExpressionGradable): string {
  return `The answer: ${question.answerHtml}, or any formula equal to it${question.forms.length > 0 ? ` written ${question.forms.join(', ').replace('no-decimals', 'without decimals')}` : ''}.`;
}
