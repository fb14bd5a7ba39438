import { asRecord, defineKind, escapeHtml, invalid, plural, result } from '../kind';

/**
 * A JavaScript function the learner writes; the tests run in a worker (src/client/code/*,
 * src/quiz/code.ts, which this module leaves where they are). The response is
 * `{ code, outcomes }` from the worker. Checks are unlimited.
 */
export const code = defineKind({
  type: 'code',
  attempts: 0,
  scoring: { credit: [1] },
  grade(question, response) {
    const given = asRecord(response);
    const outcomes = given.outcomes;
    if (typeof given.code !== 'string' || !Array.isArray(outcomes) || outcomes.length !== question.tests.length) {
      return invalid(question, 'Run the tests first.');
    }
    const passed = outcomes.filter((o) => asRecord(o).passed === true).length;
    const total = question.tests.length;
    return result(question, passed / total, [
      passed === total ? undefined : `${passed} of ${plural(total, 'test passes', 'tests pass')}.`,
    ]);
  },
  testResponses: (question) => [
    {
      right: { code: question.solution, outcomes: question.tests.map(() => ({ passed: true })) },
      wrong: { code: question.solution, outcomes: question.tests.map(() => ({ passed: false })) },
      invalid: { code: question.solution },
    },
  ],
  describeAnswer: (question) =>
    `<p>A solution that passes every test:</p><pre class="quiz-code-solution"><code>${escapeHtml(question.solution)}</code></pre>`,
  describeResponse(question, response) {
    const outcomes = asRecord(response).outcomes;
    const passed = Array.isArray(outcomes) ? outcomes.filter((o) => asRecord(o).passed === true).length : 0;
    return `${passed} of ${question.tests.length} tests passed.`;
  },
});
