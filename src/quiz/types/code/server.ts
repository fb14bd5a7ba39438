import { buildCode } from './build';
import { checkCode } from './check-built';
import { defineServerKind } from '../server-kind';

/** The sandbox, editor and test runner stay in src/client/code/* and src/quiz/code.ts: this module delegates. */
export const codeServer = defineServerKind({
  type: 'code',
  markdown: (q, { common }) => ({ ...q, ...common, explanation: common.explanation! }),
  check(q, { at, unique, sameText, report }) {
    unique(q.tests.map((t) => t.name), (j) => at('tests', j, 'name'), 'test name', sameText);
    if (q.alternatives?.[q.language]) {
      report(at('alternatives', q.language), `${q.language} is already the question's language: an alternative is another language the learner may choose`);
    }
  },
  checkBuilt: (q, { at, report, generators }) => checkCode(q, at, report, generators),
  checkLabel: 'Run the tests',
  answerField: 'solution',
  build: buildCode,
});
