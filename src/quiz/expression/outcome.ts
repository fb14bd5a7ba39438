/**
 * An expression question's grade in sentences: loaded with the engine (install.ts), so the quiz
 * script carries neither the grader nor the Greek-letter table.
 */
import { gradeFormula } from './grade';
import { greekNames } from './normalise';
import type { ExpressionGradable, Outcome } from './question';

const spelt = Object.fromEntries(Object.entries(greekNames).map(([letter, name]) => [name, letter]));
/** `eta_0` → `η₀`-like plain text for sentences: `η_0`. */
const plainName = (name: string) => name.split('_').map((part) => spelt[part] ?? part).join('_');
const plainNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4))));
/** Grader sentences are inserted as HTML: keep markup characters out. */
const plain = (text: string) => text.replace(/[<>&"]/g, ' ');

export function expressionOutcome(question: ExpressionGradable, response: string): Outcome {
  const verdict = gradeFormula(question, response);
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

