import { describe, expect, test } from 'vitest';
import { gradeMultipart, referenceValues, stockReason, type MultipartSpec, type NumericPart } from '../../../src/quiz/multipart/grade';
import { partEvaluator } from '../../../src/quiz/multipart/evaluate';

// The house-price chain: Hessian entries → largest eigenvalue → stability limit → behaviour at 0.1 and 0.2.
const spec: MultipartSpec = {
  offered: [0.1, 0.2, 1.5, 2.5, 3.5, 300, 400],
  parts: [
    { id: 'h11', kind: 'numeric', answer: 13.5, relativeTolerance: 0.01 },
    { id: 'h12', kind: 'numeric', answer: 5, relativeTolerance: 0.01 },
    { id: 'h22', kind: 'numeric', answer: 2, relativeTolerance: 0.01 },
    { id: 'lmax', kind: 'numeric', answer: '(h11 + h22)/2 + sqrt(((h11 - h22)/2)^2 + h12^2)', relativeTolerance: 0.01, carryForward: true },
    { id: 'limit', kind: 'numeric', answer: '2 / lmax', relativeTolerance: 0.01, carryForward: true },
    { id: 'at01', kind: 'choice', carryForward: true, choices: [{ id: 'converges', when: '0.1 < limit' }, { id: 'diverges', when: '0.1 > limit' }] },
    { id: 'at02', kind: 'choice', carryForward: true, choices: [{ id: 'converges', when: '0.2 < limit' }, { id: 'diverges', when: '0.2 > limit' }] },
  ],
};
const evaluate = partEvaluator(spec.parts.map((p) => p.id));
const right = { h11: '13.5', h12: '5', h22: '2', lmax: '15.37', limit: '0.1301', at01: 'converges', at02: 'diverges' };

describe('multi-part with error carried forward', () => {
  test('reference values chain through the parts', () => {
    const values = referenceValues(spec.parts, evaluate);
    expect(values.lmax).toBeCloseTo(15.36988, 4);
    expect(values.limit).toBeCloseTo(0.130125, 5);
  });

  test('all right: full marks', () => {
    const result = gradeMultipart(spec, right, evaluate);
    expect(result.fraction).toBe(1);
    expect(result.parts.every((p) => p.kind === 'right')).toBe(true);
  });

  test('a wrong eigenvalue followed by the limit right for it earns the limit, not the eigenvalue', () => {
    const result = gradeMultipart(spec, { ...right, lmax: '16.5', limit: String(2 / 16.5) }, evaluate);
    expect(result.parts.find((p) => p.id === 'lmax')?.kind).toBe('wrong');
    expect(result.parts.find((p) => p.id === 'limit')).toMatchObject({ kind: 'carried', from: ['lmax'] });
    expect(result.fraction).toBeCloseTo(6 / 7, 12);
  });

  test('a limit wrong even for the learner’s own eigenvalue earns nothing', () => {
    const result = gradeMultipart(spec, { ...right, lmax: '16.5', limit: '0.5' }, evaluate);
    expect(result.parts.find((p) => p.id === 'limit')?.kind).toBe('wrong');
  });

  test('behaviour is graded against the learner’s own limit: a limit above 0.2 makes “converges” right at 0.2', () => {
    const result = gradeMultipart(spec, { ...right, lmax: '8', limit: '0.25', at02: 'converges' }, evaluate);
    expect(result.parts.find((p) => p.id === 'limit')?.kind).toBe('carried');
    expect(result.parts.find((p) => p.id === 'at02')).toMatchObject({ kind: 'carried', from: ['limit'] });
    // An answer right for the right values is right whatever came before (the better of the two marks).
    expect(gradeMultipart(spec, { ...right, lmax: '8', limit: '0.25', at02: 'diverges' }, evaluate).parts.find((p) => p.id === 'at02')?.kind).toBe('right');
  });

  test('a wrong Hessian entry carries forward through the eigenvalue and the limit', () => {
    const lmax = (14.5 + 2) / 2 + Math.sqrt(((14.5 - 2) / 2) ** 2 + 25);
    const result = gradeMultipart(spec, { ...right, h11: '14.5', lmax: String(lmax), limit: String(2 / lmax) }, evaluate);
    expect(result.parts.map((p) => p.kind)).toEqual(['wrong', 'right', 'right', 'carried', 'carried', 'right', 'right']);
  });

  test.each([
    ['1', /trivial/],
    ['0', /trivial/],
    ['0.1', /given in the question/],
    ['300', /given in the question/],
    ['13.5', /answer to another part/],
  ])('a stock eigenvalue %s carries nothing forward, and says why', (stock, reason) => {
    const limit0 = Number(stock) === 0 ? '1e6' : String(2 / Number(stock));
    const result = gradeMultipart(spec, { ...right, lmax: stock, limit: limit0 }, evaluate);
    const limit = result.parts.find((p) => p.id === 'limit');
    expect(limit).toMatchObject({ kind: 'wrong', fraction: 0, refused: { from: 'lmax', reason: expect.stringMatching(reason) } });
  });

  test('the author’s own stock values are refused too', () => {
    const part = { ...(spec.parts[3] as NumericPart), stock: [10] };
    expect(stockReason(10, part, { ...spec, parts: spec.parts.map((p) => (p.id === 'lmax' ? part : p)) }, referenceValues(spec.parts, evaluate))).toMatch(/stock/);
  });

  test('a part without carryForward is graded against the right values only', () => {
    const strict = { ...spec, parts: spec.parts.map((p) => (p.id === 'limit' ? { ...p, carryForward: false } : p)) };
    const result = gradeMultipart(strict, { ...right, lmax: '16.5', limit: String(2 / 16.5) }, evaluate);
    expect(result.parts.find((p) => p.id === 'limit')?.kind).toBe('wrong');
  });

  test('an unanswered or malformed part makes the response invalid, naming the part', () => {
    expect(gradeMultipart(spec, { ...right, limit: '' }, evaluate).invalid).toMatch(/^Part 5: enter a number/);
    expect(gradeMultipart(spec, { ...right, h12: '5,0' }, evaluate).invalid).toMatch(/^Part 2: Use a dot/);
    expect(gradeMultipart(spec, { ...right, at01: 'maybe' }, evaluate).invalid).toMatch(/^Part 6: choose/);
  });

  test('carried-forward credit can be a share of the points', () => {
    const result = gradeMultipart({ ...spec, carryForwardCredit: 0.5 }, { ...right, lmax: '16.5', limit: String(2 / 16.5) }, evaluate);
    expect(result.fraction).toBeCloseTo(5.5 / 7, 12);
  });
});
