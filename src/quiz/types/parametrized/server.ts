import { buildParametrized, variantSource } from './build';
import { checkParametrized } from './check-built';
import { defineServerKind } from '../server-kind';
import { assemble } from './index';

/** Variants drawn to learn which choices can be wrong (the ids a generator offers rarely vary). */
const wrongOptionSample = 20;

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
  // The page shows one variant before any attempt; the others wait in the lesson's variants file.
  // The server shows the first variant's prompt, which the client swaps for the learner's own.
  shown(built) {
    const first = built.variants[0];
    return { prompt: assemble(built, first?.prompt), inLegend: built.promptInline };
  },
  // Which choices are wrong may vary by variant: every choice id a sampled variant offers that is not
  // its answer; the author's feedback is keyed by the generator's choice ids.
  wrongOptions(q, generators) {
    if (generators.variants[q.generator]?.kind !== 'choice') return [];
    const wrong = new Set<string>();
    for (let seed = 0; seed < Math.min(q.variants, wrongOptionSample); seed++) {
      let generated;
      try {
        generated = variantSource(q, seed, generators).generated;
      } catch {
        return []; // the build's variant checks report a generator that throws
      }
      if (generated.kind !== 'choice') return [];
      for (const choice of generated.choices) if (choice.id !== generated.answer) wrong.add(choice.id);
    }
    return [...wrong].map((id) => ({ path: ['choiceFeedback', id], feedback: q.choiceFeedback?.[id] }));
  },
});
