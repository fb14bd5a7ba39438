import type { Gradable, ParametrizedGradable } from './grade';
import type { Choice } from './schema';
import { describeMultipartResponse } from './multipart/question';

/**
 * The learner's response in words, for the review. Apart from grade.ts, and importing nothing but
 * types, so that only the review (loaded when asked for) carries it: the few helpers it shares with
 * grade.ts are repeated here rather than pulling the grader into the review's bundle or splitting
 * the quiz script into more files.
 */

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
export const variantOf = (question: ParametrizedGradable, seed: unknown) => question.variants.find((v) => v.seed === seed);
export const assemble = (question: ParametrizedGradable, indices: readonly number[] | undefined) =>
  (indices ?? []).map((i) => question.pieces[i] ?? '').join('');

/**
 * The learner's response in words, for the review: HTML, with choice texts as rendered and
 * anything the learner typed escaped. Undefined when there is no response.
 */
export function describeResponse(question: Gradable, response: unknown): string | undefined {
  if (response === undefined || response === null) return undefined;
  const given = asRecord(response);
  const choiceText = (choices: readonly Choice[], id: unknown) => choices.find((c) => c.id === id)?.text ?? '(none)';
  switch (question.type) {
    case 'true-false':
      return response ? 'True' : 'False';
    case 'single':
      return choiceText(question.choices, response);
    case 'multiple':
      return isStringList(response) ? response.map((id) => choiceText(question.choices, id)).join('; ') : undefined;
    case 'numeric':
    case 'text':
    case 'expression':
      return typeof response === 'string' ? escapeHtml(response) : undefined;
    case 'multipart':
      return describeMultipartResponse(question, response, escapeHtml);
    case 'ordering':
      return isStringList(response)
        ? response.map((id, i) => `${i + 1}. ${question.items.find((item) => item.id === id)?.text ?? ''}`).join(' ')
        : undefined;
    case 'open':
      return typeof given.text === 'string' ? escapeHtml(given.text) : undefined;
    case 'parametrized': {
      const variant = variantOf(question, given.seed);
      if (question.kind === 'choice') {
        const choice = variant?.choices?.find((c) => c.id === given.answer);
        return choice ? assemble(question, choice.text) : undefined;
      }
      return typeof given.answer === 'string' ? escapeHtml(given.answer) : undefined;
    }
    case 'diagnose':
      return `Verdict: ${choiceText(question.verdict.choices, given.verdict)} Fix: ${choiceText(question.fix.choices, given.fix)}`;
    case 'code': {
      const outcomes = Array.isArray(given.outcomes) ? given.outcomes : [];
      const passed = outcomes.filter((o) => asRecord(o).passed === true).length;
      return `${passed} of ${question.tests.length} tests passed.`;
    }
  }
}

