import { asRecord, defineKind, escapeHtml, invalid, plural, result } from '../kind';

/**
 * A function the learner writes (JavaScript, TypeScript or Python, or a choice of them); the tests run in a worker (src/client/code/*,
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
  // In the language the learner answered in, when the question offered a choice.
  describeAnswer: (question, response) => {
    const language = asRecord(response).language;
    const solution = (typeof language === 'string' && question.alternatives?.[language as keyof typeof question.alternatives]?.solution) || question.solution;
    return `<p>A solution that passes every test:</p><pre class="quiz-code-solution"><code>${escapeHtml(solution)}</code></pre>`;
  },
  describeResponse(question, response) {
    const outcomes = asRecord(response).outcomes;
    const passed = Array.isArray(outcomes) ? outcomes.filter((o) => asRecord(o).passed === true).length : 0;
    return `${passed} of ${question.tests.length} tests passed.`;
  },
});
