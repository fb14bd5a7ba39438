import { parseNumber, withinTolerance } from '../../numbers';
import { defineKind, describeNumber, escapeHtml, invalid, numberOutside, result } from '../kind';

/** `answer` with optional `tolerance`, `relativeTolerance`, `unit`; the response is the text typed. */
export const numeric = defineKind({
  type: 'numeric',
  grade(question, response) {
    if (typeof response !== 'string' && typeof response !== 'number') return invalid(question, 'Enter a number first.');
    const parsed = parseNumber(String(response));
    if ('error' in parsed) return invalid(question, parsed.error);
    const ok = withinTolerance(parsed.value, question.answer, {
      absolute: question.tolerance,
      relative: question.relativeTolerance,
    });
    return result(question, ok ? 1 : 0, []);
  },
  testResponses: (question) => [
    { right: String(question.answer), wrong: numberOutside(question.answer, question), invalid: 'about six' },
  ],
  describeAnswer: (question) => describeNumber(question.answer, question),
  describeResponse: (_question, response) => (typeof response === 'string' ? escapeHtml(response) : undefined),
});
