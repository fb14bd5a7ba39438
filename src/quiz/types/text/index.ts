import { matchesText } from '../../text';
import { defineKind, escapeHtml, invalid, result } from '../kind';

/** `answers`, optional `patterns` and `caseSensitive`; the response is the text typed. */
export const text = defineKind({
  type: 'text',
  grade(question, response) {
    if (typeof response !== 'string' || response.trim() === '') return invalid(question, 'Write an answer first.');
    return result(question, matchesText(response, question) ? 1 : 0, []);
  },
  testResponses(question) {
    // A text no accepted answer or pattern matches, if one of these is (a pattern may match anything).
    const wrong = ['zzz qqq', `not ${question.answers[0]}`, '0', '—'].find((t) => !matchesText(t, question));
    return [{ right: question.answers[0], wrong, invalid: '   ' }];
  },
  describeAnswer: (question) => `Accepted: ${question.answers.map(escapeHtml).join('; ')}`,
  describeResponse: (_question, response) => (typeof response === 'string' ? escapeHtml(response) : undefined),
});
