/**
 * The `expression` question type, browser half: grading (through the engine's slot, so this file
 * carries no mathjs), the test responses the build grades, and the answer and response in words.
 * Shaped as a question kind (grade, testResponses, describeAnswer, describeResponse).
 */
import type { Form } from './form';
import type { VariableDomain } from './equivalence';
import type { GradableBase } from '../grade';
import { formulaEngine } from './engine';
import { greekNames } from './normalise';

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

const spelt = Object.fromEntries(Object.entries(greekNames).map(([letter, name]) => [name, letter]));
/** `eta_0` → `η₀`-like plain text for sentences: `η_0`. */
const plainName = (name: string) => name.split('_').map((part) => spelt[part] ?? part).join('_');
const plainNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));
/** Grader sentences are inserted as HTML: keep markup characters out. */
const plain = (text: string) => text.replace(/[<>&"]/g, ' ');

export function gradeExpression(question: ExpressionGradable, response: unknown): Outcome {
  if (typeof response !== 'string' || response.trim() === '') return { fraction: 0, feedback: [], invalid: 'Write a formula first.' };
  const engine = formulaEngine();
  if (!engine) return { fraction: 0, feedback: [], invalid: 'The formula checker is still loading: check again in a moment.' };
  const verdict = engine.gradeFormula(question, response);
  switch (verdict.kind) {
    case 'invalid':
      return { fraction: 0, feedback: [], invalid: verdict.message };
    case 'right':
      return { fraction: 1, feedback: [] };
    case 'form':
      return { fraction: verdict.fraction, feedback: [plain(`Your formula is equivalent to the answer, but ${verdict.problem}.`)] };
    case 'wrong': {
      const at = Object.entries(verdict.at).map(([name, value]) => `${plainName(name)} = ${plainNumber(value)}`).join(', ');
      const got = Number.isFinite(verdict.got) ? `yours gives ${plainNumber(verdict.got)}` : 'yours is undefined';
      return { fraction: 0, feedback: [plain(`Not equivalent: at ${at} the answer is ${plainNumber(verdict.expected)} and ${got}.`)] };
    }
  }
}

/** A formula of the same question that is not an answer at all: the answer with an operator left dangling. */
export const malformed = (question: ExpressionGradable) => `${question.answer} +`;

/** A formula the grader must refuse: the author's first `reject`, or the answer plus one. */
export const wrongFormula = (question: ExpressionGradable) => question.reject?.[0] ?? `(${question.answer}) + 1`;

export function describeExpressionAnswer(question: ExpressionGradable): string {
  return `The answer: ${question.answerHtml}, or any formula equal to it${question.forms.length > 0 ? ` written ${question.forms.join(', ').replace('no-decimals', 'without decimals')}` : ''}.`;
}
