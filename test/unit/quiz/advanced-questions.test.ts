import { describe, expect, test } from 'vitest';
import { buildGradable } from '../../../src/quiz/build';
import { resolveScoring } from '../../../src/quiz/scoring';
import { describeResponse } from '../../../src/quiz/describe';
import {
  assemble,
  describeAnswer,
  expectedResponse,
  grade,
  type CodeGradable,
  type DiagnoseGradable,
  type ParametrizedGradable,
} from '../../../src/quiz/grade';
import { lessonQuizFile, pageData, type QuizDataFileBody } from '../../../src/quiz/page';
import { kinds } from '../../../src/quiz/types/index';
import { drawParams, paramValues } from '../../../src/quiz/params';
import { questionSchema, type Question } from '../../../src/quiz/schema';
import { check, isSettled, variantSeed } from '../../../src/quiz/session';
import { gdIterate1D } from '../../../src/sim/index';

/**
 * Parametrized, diagnose and code questions as the page meets them: built (variants rendered,
 * expected values computed), graded, checked attempt by attempt with the variant's seed saved,
 * and described for the review.
 */

const q = (fields: Record<string, unknown>): Question =>
  questionSchema.parse({ objectives: ['o'], explanation: 'Because.', ...fields });
const now = new Date('2026-03-01T10:00:00Z');

const gdSteps = q({
  id: 'gd',
  type: 'parametrized',
  generator: 'gd-steps-parabola',
  params: {
    a: { choices: [1.5, 2, 3] },
    x0: { min: 1, max: 10, step: 1 },
    lr: { choices: [0.05, 0.1, 0.15, 0.2] },
    k: { min: 2, max: 4, step: 1 },
  },
  relativeTolerance: 0.005,
  prompt: 'On $f(x) = {a}\\,x^2$ from $x_0 = {x0}$ with $\\eta = {lr}$: where is $x$ after {k} steps?',
  explanation: 'The factor is ${factor}$, so $x_{k} = {answer:4}$.',
});
const bowl = q({
  id: 'bowl',
  type: 'parametrized',
  generator: 'stability-choice-bowl',
  params: { p: { choices: [0.5, 1, 2] }, q: { choices: [5, 10, 20] } },
  variants: 9,
  prompt: 'Which rate is the largest stable one for $L = {p}\\,u^2 + {q}\\,v^2$?',
  choiceText: '$\\eta = {value:4}$',
  choiceFeedback: { best: 'That is the best constant rate.' },
  explanation: 'The limit is ${limit:4}$.',
});
const built = buildGradable(gdSteps) as ParametrizedGradable;
const builtBowl = buildGradable(bowl) as ParametrizedGradable;
const variant = (question: ParametrizedGradable, seed: number) => question.variants.find((v) => v.seed === seed)!;

describe('a parametrized question, built', () => {
  test('the page carries `variants` variants (30 by default), seeds 0, 1, 2, …, each with its parameters and answer', () => {
    expect(built.variants.map((v) => v.seed)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(builtBowl.variants).toHaveLength(9);
    for (const v of built.variants) {
      const drawn = drawParams((gdSteps as Extract<Question, { type: 'parametrized' }>).params, v.seed) as Record<string, number>;
      expect(v.params).toEqual(Object.fromEntries(Object.entries(drawn).map(([k, x]) => [k, String(x)])));
      expect(v.answer as number).toBeCloseTo(gdIterate1D(drawn.a!, drawn.lr!, drawn.x0!, drawn.k!), 10);
    }
  });

  test("each variant's prompt is rendered with its own numbers; identical pieces are stored once", () => {
    const v = built.variants[3]!;
    const prompt = assemble(built, v.prompt);
    expect(prompt).toContain('<math');
    expect(prompt).toContain(`<math data-tex="x_0 = ${v.params.x0}">`);
    expect(prompt).toContain(`after ${v.params.k} steps`);
    expect(new Set(built.pieces).size).toBe(built.pieces.length);
    const referenced = built.variants.reduce((n, x) => n + x.prompt.length + x.explanation.length, 0);
    expect(built.pieces.length).toBeLessThan(referenced);
  });

  test('choices are listed by value, so their order gives nothing away', () => {
    for (const v of builtBowl.variants) {
      const values = v.choices!.map((c) => c.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(v.choices!.map((c) => c.id).sort()).toEqual(['best', 'flat-limit', 'limit', 'no-overshoot']);
      expect(v.answer).toBe('limit');
    }
  });
});

describe('grading a parametrized question', () => {
  test('a number within the relative tolerance of its own variant is right, the other variant’s answer is not', () => {
    const v = variant(built, 5);
    const answer = v.answer as number;
    expect(grade(built, { seed: 5, answer: String(answer * 1.004) })).toMatchObject({ correct: true, score: 1 });
    expect(grade(built, { seed: 5, answer: String(answer * 1.006) })).toMatchObject({ correct: false, score: 0 });
    const other = built.variants.find((x) => Math.abs((x.answer as number) - answer) > 0.01 * Math.abs(answer))!;
    expect(grade(built, { seed: 5, answer: String(other.answer) }).correct).toBe(false);
    expect(grade(built, { seed: other.seed, answer: String(other.answer) }).correct).toBe(true);
  });

  test('a variant the page does not have, or no number, is refused without costing an attempt', () => {
    expect(grade(built, { seed: 999, answer: '1' }).invalid).toMatch(/not in the quiz any more/);
    expect(grade(built, { seed: 0, answer: '1,5' }).invalid).toMatch(/dot for decimals/);
    expect(check(built, undefined, { seed: 0, answer: 'x' }, 3, now).record).toBeUndefined();
  });

  test('a choice variant: the right id scores, a wrong one gets its feedback', () => {
    expect(grade(builtBowl, { seed: 2, answer: 'limit' }).correct).toBe(true);
    const wrong = grade(builtBowl, { seed: 2, answer: 'best' });
    expect(wrong.correct).toBe(false);
    expect(wrong.feedback.join(' ')).toContain('the best constant rate');
    expect(grade(builtBowl, { seed: 2, answer: 'nope' }).invalid).toMatch(/Choose one/);
  });

  test('the stated answer of every variant earns full marks (the build self-check)', () => {
    for (const question of [built, builtBowl]) {
      for (const v of question.variants) {
        const response = expectedResponse({ ...question, variants: [v] });
        expect(grade(question, response), `seed ${v.seed}`).toMatchObject({ correct: true });
      }
    }
  });
});

describe("a lesson page carries each question's stub; the rest is in the lesson's quiz data file", () => {
  const tf = q({ id: 'tf', type: 'true-false', prompt: 'Yes?', answer: true, explanation: 'Because **so**.' });
  const quiz = { questions: [gdSteps, bowl, tf] };

  test('the file: every question of the quiz complete, every variant, the explanation rendered, named by its content', () => {
    const file = lessonQuizFile('9.9.9', quiz);
    expect(file.url).toMatch(/^\/quiz-data\/9\.9\.9\.[0-9a-f]{12}\.json$/);
    expect(file.url).toBe(`/quiz-data/${file.name}.json`);
    const data = JSON.parse(file.body) as QuizDataFileBody;
    expect(data.lessonId).toBe('9.9.9');
    expect(Object.keys(data.questions)).toEqual(['gd', 'bowl', 'tf']);
    expect(data.questions.gd).toEqual(JSON.parse(JSON.stringify({ ...built, scoring: resolveScoring() })));
    expect((data.questions.bowl as ParametrizedGradable).variants).toHaveLength(9);
    expect(data.questions.tf!.explanation).toContain('<strong>so</strong>');
    expect(lessonQuizFile('9.9.9', quiz).url).toBe(file.url);
    expect(lessonQuizFile('9.9.9', { questions: [gdSteps] }).url).not.toBe(file.url);
  });

  test('the page: stubs (type, points, checks, scoring) and the file named; without the file, every question inline and complete', () => {
    const file = lessonQuizFile('9.9.9', quiz);
    const page = pageData('9.9.9', { attempts: 3 }, quiz.questions, true, file);
    expect(page.dataUrl).toBe(file.url);
    expect(page.questions).toEqual(quiz.questions.map((x) => ({ id: x.id, type: x.type, points: x.points, scoring: resolveScoring(undefined, kinds[x.type].scoring) })));
    expect(JSON.stringify(page).length).toBeLessThan(file.body.length / 10);
    // Without the file (the guide's examples), the page grades with what it carries.
    const inline = pageData('9.9.9', { attempts: 3 }, quiz.questions, true);
    expect(inline.questions[0]).toEqual({ ...built, scoring: resolveScoring() });
    expect(grade(inline.questions[2]!, true)).toMatchObject({ correct: true });
  });
});

describe('attempts at a parametrized question: the seed is saved and decides the variant', () => {
  const answerOf = (seed: number) => String(variant(built, seed).answer);

  test('first the build-rendered variant; a wrong answer saves its seed and moves to another variant, the same on every reload', () => {
    expect(variantSeed(built, undefined, 3)).toBe(0);
    const first = check(built, undefined, { seed: 0, answer: '12345' }, 3, now).record!;
    expect(first).toMatchObject({ seed: 0, attempts: 1, correct: false });
    const next = variantSeed(built, first, 3);
    expect(next).not.toBe(0);
    expect(built.variants.map((v) => v.seed)).toContain(next);
    // A reload computes the variant from the saved record alone.
    expect(variantSeed(built, JSON.parse(JSON.stringify(first)), 3)).toBe(next);

    const second = check(built, first, { seed: next, answer: answerOf(next) }, 3, now).record!;
    // Right at the second attempt: mastered, worth half by the default policy.
    expect(second).toMatchObject({ seed: next, attempts: 2, correct: true, score: 0.5, firstScore: 0 });
    // Settled: the variant stays the one answered, so the review shows what was asked.
    expect(isSettled(built, second, 3)).toBe(true);
    expect(variantSeed(built, second, 3)).toBe(next);
    const shown = Number((variant(built, next).answer as number).toPrecision(12));
    expect(describeAnswer(built, second.response)).toBe(`The answer: ${shown} (± ${Number((0.005 * Math.abs(shown)).toPrecision(6))}).`);
  });

  test('out of attempts, the last variant answered stays on show', () => {
    let record = undefined;
    let seed = variantSeed(built, record, 3);
    const seeds: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      seeds.push(seed);
      record = check(built, record, { seed, answer: '12345' }, 3, now).record!;
      seed = variantSeed(built, record, 3);
    }
    expect(record).toMatchObject({ attempts: 3, correct: false, seed: seeds[2] });
    expect(isSettled(built, record, 3)).toBe(true);
    expect(seed).toBe(seeds[2]);
  });

  test('successive wrong attempts spread over the variants rather than cycling between two', () => {
    const seen = new Set<number>();
    let record = undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      const seed = variantSeed(built, record, 0);
      seen.add(seed);
      record = check(built, record, { seed, answer: '12345' }, 0, now).record!;
    }
    expect(seen.size).toBeGreaterThan(8);
  });
});

const curve = q({
  id: 'curve',
  type: 'diagnose',
  prompt: 'Read the curve.',
  points: 2,
  losses: [0.8, 1.5, 3.2, 8.7, 'NaN'],
  verdict: {
    choices: [
      { id: 'divergence', text: 'It diverged.', diagnosis: 'divergence' },
      { id: 'oscillation', text: 'It oscillates.', feedback: 'It never came back down.' },
    ],
    answer: 'divergence',
  },
  fix: {
    choices: [
      { id: 'lower', text: 'Lower the rate.', fix: 'lower-rate' },
      { id: 'raise', text: 'Raise the rate.', feedback: 'Larger steps overshoot more.' },
    ],
    answer: 'lower',
  },
});
const builtCurve = buildGradable(curve) as DiagnoseGradable;

describe('grading a diagnose question', () => {
  test('verdict and fix both right: full marks; one of them: half, and the feedback says which', () => {
    expect(grade(builtCurve, { verdict: 'divergence', fix: 'lower' })).toMatchObject({ score: 2, correct: true });
    const verdictOnly = grade(builtCurve, { verdict: 'divergence', fix: 'raise' });
    expect(verdictOnly).toMatchObject({ score: 1, correct: false });
    expect(verdictOnly.feedback.join(' ')).toContain('Larger steps overshoot more.');
    expect(verdictOnly.feedback.join(' ')).toContain('The verdict is right and the fix is not: half the points.');
    const fixOnly = grade(builtCurve, { verdict: 'oscillation', fix: 'lower' });
    expect(fixOnly).toMatchObject({ score: 1, correct: false });
    expect(fixOnly.feedback.join(' ')).toContain('The fix is right and the verdict is not');
    expect(grade(builtCurve, { verdict: 'oscillation', fix: 'raise' })).toMatchObject({ score: 0, correct: false });
  });

  test('a missing part is refused; the page data keeps no diagnosis or fix labels', () => {
    expect(grade(builtCurve, { verdict: 'divergence' }).invalid).toMatch(/verdict and a fix/);
    expect(JSON.stringify(builtCurve)).not.toMatch(/"diagnosis"|"fix":"lower-rate"/);
  });

  test('the answer and the response, in words', () => {
    expect(describeAnswer(builtCurve)).toBe('The verdict: It diverged. The fix: Lower the rate.');
    expect(describeResponse(builtCurve, { verdict: 'oscillation', fix: 'lower' })).toBe('Verdict: It oscillates. Fix: Lower the rate.');
  });
});

const code = q({
  id: 'code',
  type: 'code',
  prompt: 'Write compareRates.',
  points: 2,
  function: 'compareRates',
  oracle: 'compare-rates-parabola',
  starter: 'function compareRates(x0, a, b, steps) {\n  return { finalA: 0, finalB: 0, better: "A" };\n}\n',
  solution: 'function compareRates(x0, a, b, steps) { const d = (r) => Math.abs(x0 * (1 - 2 * r) ** steps); return { finalA: d(a), finalB: d(b), better: d(a) <= d(b) ? "A" : "B" }; }',
  tests: [
    { name: 'one', args: [10, 0.1, 0.3, 5] },
    { name: 'two', args: [10, 0.1, 1.1, 10] },
    { name: 'three', args: [1, 0.5, 0.45, 3] },
    { name: 'four', args: [-4, 0.9, 0.05, 6], expected: { finalA: 1, finalB: 2, better: 'A' } },
  ],
});
const builtCode = buildGradable(code) as CodeGradable;

describe('a code question', () => {
  test("the oracle computes the expected values from the simulation; a test's own expected value wins", () => {
    expect(builtCode.tests[0]!.expected).toEqual({
      finalA: expect.closeTo(Math.abs(gdIterate1D(1, 0.1, 10, 5)), 9),
      finalB: expect.closeTo(Math.abs(gdIterate1D(1, 0.3, 10, 5)), 9),
      better: 'B',
    });
    expect(builtCode.tests[3]!.expected).toEqual({ finalA: 1, finalB: 2, better: 'A' });
  });

  test('points are shared over the tests; unlimited checks, so it settles only when all pass', () => {
    const outcomes = (passed: boolean[]) => ({ code: 'x', outcomes: passed.map((p) => ({ passed: p })) });
    expect(grade(builtCode, outcomes([true, true, false, false]))).toMatchObject({ score: 1, correct: false });
    expect(grade(builtCode, outcomes([true, true, true, false])).feedback).toContain('3 of 4 tests pass.');
    expect(grade(builtCode, outcomes([true, true, true, true]))).toMatchObject({ score: 2, correct: true });
    expect(grade(builtCode, { code: 'x', outcomes: [] }).invalid).toMatch(/Run the tests/);
    let record = undefined;
    for (let run = 0; run < 10; run++) record = check(builtCode, record, outcomes([false, false, false, false]), 3, now).record;
    expect(record).toMatchObject({ attempts: 10 });
    expect(isSettled(builtCode, record, 3)).toBe(false);
    expect(describeResponse(builtCode, outcomes([true, false, true, false]))).toBe('2 of 4 tests passed.');
    expect(describeAnswer(builtCode)).toContain('<pre class="quiz-code-solution"><code>function compareRates');
  });
});

describe('the review describes a parametrized response in its own variant', () => {
  test('numbers as typed (escaped), choices as rendered', () => {
    expect(describeResponse(built, { seed: 1, answer: '<b>2</b>' })).toBe('&#60;b&#62;2&#60;/b&#62;');
    const v = variant(builtBowl, 4);
    const chosen = v.choices!.find((c) => c.id === 'best')!;
    expect(describeResponse(builtBowl, { seed: 4, answer: 'best' })).toBe(assemble(builtBowl, chosen.text));
  });

  test('every parameter value the review shows is one the question declares', () => {
    const params = (gdSteps as Extract<Question, { type: 'parametrized' }>).params;
    for (const v of built.variants) {
      for (const [name, value] of Object.entries(v.params)) expect(paramValues(params[name]!).map(String)).toContain(value);
    }
  });
});
