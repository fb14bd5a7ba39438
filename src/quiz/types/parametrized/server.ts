import { buildParametrized } from './build';
import { checkParametrized } from './check-built';
import { defineServerKind } from '../server-kind';

export const parametrizedServer = defineServerKind({
  type: 'parametrized',
  // The prompt, explanation and choice texts are templates: the build renders them once per variant.
  markdown: (q, { common }) => ({ ...q, hints: common.hints, feedback: common.feedback }),
  check(q, { at, report }) {
    for (const [name, spec] of Object.entries(q.params)) {
      if ('min' in spec && spec.max < spec.min) {
        report(at('params', name, 'max'), `expected max (${spec.max}) to be no smaller than min (${spec.min})`);
      }
    }
  },
  checkBuilt: (q, { at, report, generators }) => checkParametrized(q, at, report, generators),
  answerField: 'generator',
  build: buildParametrized,
  wrongOptions: (q) =>
    q.choiceText === undefined
      ? []
      : // Which choices are wrong varies by variant; the author's feedback is keyed by the generator's choice ids.
        [],
});
