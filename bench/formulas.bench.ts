// Benchmarks of formula grading (src/quiz/expression, src/quiz/multipart): what one Check costs
// once the engine is in the page. `npm run bench`; sizes and the in-page time to a graded answer:
// `node bench/formula-page.ts` (after a build).
import { test } from 'vitest';
import { gradeFormula } from '../src/quiz/expression/grade';
import { parseFormula } from '../src/quiz/expression/parse';
import { gradeMultipart, type MultipartSpec } from '../src/quiz/multipart/grade';
import { partEvaluator } from '../src/quiz/multipart/evaluate';

const stepDecay = {
  answer: 'eta_0 * gamma^floor(t/k)',
  variables: { η_0: { min: 0.01, max: 1 }, γ: { min: 0.1, max: 0.9 }, t: { min: 0, max: 60, integer: true }, k: { min: 1, max: 10, integer: true } },
};
const update = { answer: 'x - eta*2*a*x', variables: { x: { min: -5, max: 5 }, a: { min: 0.5, max: 3 }, η: { min: 0.01, max: 1 } }, forms: ['simplified' as const] };
const house: MultipartSpec = {
  offered: [0.1, 0.2, 2, 2.5, 6.75],
  parts: [
    { id: 'h11', kind: 'numeric', answer: 13.5 },
    { id: 'h12', kind: 'numeric', answer: 5 },
    { id: 'h22', kind: 'numeric', answer: 2 },
    { id: 'lmax', kind: 'numeric', answer: '(h11 + h22)/2 + sqrt(((h11 - h22)/2)^2 + h12^2)', carryForward: true },
    { id: 'limit', kind: 'numeric', answer: '2 / lmax', carryForward: true },
    { id: 'at01', kind: 'choice', carryForward: true, choices: [{ id: 'converges', when: '0.1 < limit' }, { id: 'diverges', when: '0.1 > limit' }] },
  ],
};
const evaluate = partEvaluator(house.parts.map((p) => p.id));

test('one Check of a formula (target ≤ 5 ms: a keystroke-speed preview and an instant grade)', async ({ bench }) => {
  await bench.compare(
    bench('preview: read η₀γ^⌊t/k⌋ and write its LaTeX', () => {
      parseFormula('η₀γ^⌊t/k⌋', { variables: Object.keys(stepDecay.variables) });
    }),
    bench('grade an equivalent step decay (both parsed, 40 points)', () => {
      gradeFormula(stepDecay, 'γ^⌊t/k⌋ η₀');
    }),
    bench('grade a non-equivalent step decay (stops at the first differing point)', () => {
      gradeFormula(stepDecay, 'η_0·γ^(t/k)');
    }),
    bench('grade the update rule with the simplified check', () => {
      gradeFormula(update, 'x(1 - 2aη)');
    }),
    bench('grade the house-price chain with one slip carried forward', () => {
      gradeMultipart(house, { h11: '13.5', h12: '5', h22: '2', lmax: '16.5', limit: '0.1212', at01: 'diverges' }, evaluate);
    }),
  );
});
