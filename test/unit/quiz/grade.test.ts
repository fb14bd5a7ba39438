import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { describeAnswer, expectedResponse, grade, isSelfAssessed, type ClassicQuestion } from '../../../src/quiz/grade';
import { questionSchema } from '../../../src/quiz/schema';

const base = { objectives: ['explain-effects'], prompt: 'Prompt', explanation: 'Because.' };
const q = (fields: Record<string, unknown>) => questionSchema.parse({ id: 'q', ...base, ...fields }) as ClassicQuestion;

const trueFalse = q({ type: 'true-false', answer: false, feedback: { correct: 'Right.', incorrect: 'Think again.' } });
const single = q({
  type: 'single',
  answer: 'b',
  choices: [
    { id: 'a', text: 'A', feedback: 'A is too small.' },
    { id: 'b', text: 'B' },
  ],
});
const multiple = q({
  type: 'multiple',
  points: 3,
  answers: ['a', 'b', 'c'],
  choices: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: id.toUpperCase() })),
});
const numeric = (fields: Record<string, unknown> = {}) => q({ type: 'numeric', answer: 6.4, ...fields });
const text = (fields: Record<string, unknown> = {}) => q({ type: 'text', answers: ['gradient descent'], ...fields });
const ordering = q({
  type: 'ordering',
  items: [
    { id: 'grad', text: 'Compute the gradient' },
    { id: 'scale', text: 'Scale it' },
    { id: 'step', text: 'Subtract it' },
  ],
});
const open = q({ type: 'open', points: 2, modelAnswer: 'A model answer.' });

describe('true-false and single choice', () => {
  test('right and wrong, with the author feedback that applies', () => {
    expect(grade(trueFalse, false)).toEqual({ score: 1, max: 1, correct: true, feedback: ['Right.'] });
    expect(grade(trueFalse, true)).toEqual({ score: 0, max: 1, correct: false, feedback: ['Think again.'] });
    expect(grade(single, 'a')).toMatchObject({ score: 0, correct: false, feedback: ['A is too small.'] });
    expect(grade(single, 'b')).toMatchObject({ score: 1, correct: true, feedback: [] });
  });

  test('no answer or a malformed one is refused, not marked wrong', () => {
    for (const response of [undefined, null, 'true', 1, {}, []]) {
      expect(grade(trueFalse, response).invalid).toBe('Choose true or false first.');
    }
    for (const response of [undefined, '', 'z', ['b'], 2]) {
      expect(grade(single, response)).toMatchObject({
        score: 0,
        max: 1,
        correct: false,
        invalid: 'Choose one of the options first.',
      });
    }
  });
});

describe('multiple choice: (right − wrong) ÷ right options, floor 0', () => {
  test.each([
    [['a', 'b', 'c'], 3, true],
    [['a', 'b'], 2, false],
    [['a'], 1, false],
    [['a', 'b', 'c', 'd'], 2, false],
    [['a', 'd'], 0, false],
    [['a', 'd', 'e'], 0, false],
    [['a', 'b', 'c', 'd', 'e'], 1, false],
    [['d'], 0, false],
  ])('%j scores %d of 3', (response, score, correct) => {
    const result = grade(multiple, response);
    expect(result.score).toBeCloseTo(score, 12);
    expect(result.correct).toBe(correct);
    expect(result.max).toBe(3);
  });

  test('a duplicate id counts once; an unknown id or nothing chosen is refused', () => {
    expect(grade(multiple, ['a', 'a', 'b', 'c']).correct).toBe(true);
    expect(grade(multiple, []).invalid).toBeDefined();
    expect(grade(multiple, ['a', 'x']).invalid).toBeDefined();
    expect(grade(multiple, 'a').invalid).toBeDefined();
  });

  test('property: the score stays within [0, max] and is full only for exactly the right set', () => {
    fc.assert(
      fc.property(fc.subarray(['a', 'b', 'c', 'd', 'e'], { minLength: 1 }), (chosen) => {
        const result = grade(multiple, chosen);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(result.max);
        const exact = chosen.length === 3 && ['a', 'b', 'c'].every((id) => chosen.includes(id));
        expect(result.correct).toBe(exact);
        // Adding a wrong option never raises the score.
        for (const extra of ['d', 'e'].filter((id) => !chosen.includes(id))) {
          expect(grade(multiple, [...chosen, extra]).score).toBeLessThanOrEqual(result.score);
        }
      }),
    );
  });

  test('the partial-credit sentence states the policy', () => {
    expect(grade(multiple, ['a', 'b', 'd']).feedback.join(' ')).toContain('(right − wrong) ÷ 3');
  });
});

describe('numeric', () => {
  test.each(['6.4', ' 6.4 ', '6.40', '+6.4', '64e-1', '32/5', '６.４'])('accepts %j as 6.4', (input) => {
    expect(grade(numeric(), input)).toMatchObject({ score: 1, correct: true });
  });

  test.each(['.5', '0.5', '5e-1', '5E-1', '1/2', '50e-2', '0.50'])('reads %j as one half', (input) => {
    expect(grade(numeric({ answer: 0.5 }), input).correct).toBe(true);
  });

  test.each(['-12', '−12', '-12.0', '-24/2'])('reads %j as minus twelve', (input) => {
    expect(grade(numeric({ answer: -12 }), input).correct).toBe(true);
  });

  test.each([
    ['', 'Enter a number first.'],
    ['   ', 'Enter a number first.'],
    ['1,000', 'Use a dot'],
    ['0,5', 'Use a dot'],
    ['six', 'not a number'],
    ['6.4.1', 'not a number'],
    ['1 000', 'not a number'],
    ['Infinity', 'not a number'],
    ['NaN', 'not a number'],
    ['0x10', 'not a number'],
    ['1/0', 'cannot have 0'],
    ['1e999', 'too large'],
  ])('refuses %j with a reason', (input, reason) => {
    const result = grade(numeric(), input);
    expect(result.invalid).toContain(reason);
    expect(result.score).toBe(0);
  });

  test('malformed responses are refused', () => {
    for (const response of [undefined, null, {}, ['6.4']]) expect(grade(numeric(), response).invalid).toBeDefined();
  });

  test('without a tolerance the answer must match to about nine digits', () => {
    expect(grade(numeric(), '6.4000000001').correct).toBe(true);
    expect(grade(numeric(), '6.401').correct).toBe(false);
    expect(grade(numeric({ answer: 0.025 }), '1/40').correct).toBe(true);
  });

  test('the tolerance boundary is inside; just beyond it is outside', () => {
    const q1 = numeric({ answer: 0.3, tolerance: 0.1 });
    expect(grade(q1, '0.4').correct).toBe(true);
    expect(grade(q1, '0.2').correct).toBe(true);
    expect(grade(q1, '0.4000001').correct).toBe(false);
    expect(grade(q1, '0.1999999').correct).toBe(false);
    const q2 = numeric({ answer: 200, relativeTolerance: 0.01 });
    expect(grade(q2, '202').correct).toBe(true);
    expect(grade(q2, '198').correct).toBe(true);
    expect(grade(q2, '202.001').correct).toBe(false);
  });

  test('with both tolerances the larger one applies', () => {
    const both = numeric({ answer: 100, tolerance: 0.5, relativeTolerance: 0.01 });
    expect(grade(both, '101').correct).toBe(true);
    expect(grade(both, '101.01').correct).toBe(false);
    const small = numeric({ answer: 0.01, tolerance: 0.001, relativeTolerance: 0.01 });
    expect(grade(small, '0.011').correct).toBe(true);
  });

  const thousandths = (n: number) => {
    const sign = n < 0 ? '-' : '';
    const abs = Math.abs(n);
    return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
  };

  test('property: exactly at ± tolerance is right, one thousandth beyond is wrong', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (m, k) => {
        const question = numeric({ answer: Number(thousandths(m)), tolerance: Number(thousandths(k)) });
        expect(grade(question, thousandths(m + k)).correct).toBe(true);
        expect(grade(question, thousandths(m - k)).correct).toBe(true);
        expect(grade(question, thousandths(m + k + 1)).correct).toBe(false);
        expect(grade(question, thousandths(m - k - 1)).correct).toBe(false);
      }),
    );
  });

  test('property: any double the learner types in full grades right against itself', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (answer) => {
        expect(grade(numeric({ answer }), String(answer)).correct).toBe(true);
      }),
    );
  });

  test('property: no string makes the grader throw', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const result = grade(numeric(), input);
        expect(result.invalid === undefined || result.score === 0).toBe(true);
      }),
    );
  });
});

describe('text', () => {
  test.each([
    'gradient descent',
    'Gradient Descent',
    '  gradient   descent ',
    'gradient\tdescent',
    'ＧＲＡＤＩＥＮＴ ＤＥＳＣＥＮＴ',
    'gradient\u00a0descent',
  ])('accepts %j after normalisation', (input) => {
    expect(grade(text(), input).correct).toBe(true);
  });

  test('NFKC folds ligatures and compatibility forms on both sides', () => {
    expect(grade(text({ answers: ['ﬁnite differences'] }), 'finite differences').correct).toBe(true);
    expect(grade(text({ answers: ['finite differences'] }), 'ﬁnite differences').correct).toBe(true);
    expect(grade(text({ answers: ['x²'] }), 'x2').correct).toBe(true);
  });

  test('case-sensitive questions keep case', () => {
    expect(grade(text({ answers: ['NaN'], caseSensitive: true }), 'nan').correct).toBe(false);
    expect(grade(text({ answers: ['NaN'], caseSensitive: true }), ' NaN ').correct).toBe(true);
  });

  test('patterns match the whole normalised response', () => {
    const q1 = text({ answers: ['central difference'], patterns: ['central( finite)? differences?'] });
    expect(grade(q1, 'Central finite differences').correct).toBe(true);
    expect(grade(q1, 'not a central difference').correct).toBe(false);
  });

  test('a wrong answer is wrong; nothing written is refused', () => {
    expect(grade(text(), 'gradient ascent')).toMatchObject({ score: 0, correct: false });
    expect(grade(text(), '  ').invalid).toBe('Write an answer first.');
    expect(grade(text(), 3).invalid).toBe('Write an answer first.');
  });

  test('a pattern that does not compile does not crash the page', () => {
    const broken = { ...text(), patterns: ['('] } as ClassicQuestion;
    expect(grade(broken, 'x').correct).toBe(false);
  });
});

describe('ordering', () => {
  test('only the exact order is right, and the feedback counts items in place', () => {
    expect(grade(ordering, ['grad', 'scale', 'step']).correct).toBe(true);
    const wrong = grade(ordering, ['scale', 'grad', 'step']);
    expect(wrong).toMatchObject({ score: 0, correct: false });
    expect(wrong.feedback).toContain('1 item is in the right place out of 3.');
  });

  test('anything but a permutation of the items is refused', () => {
    for (const response of [['grad', 'scale'], ['grad', 'grad', 'step'], ['grad', 'scale', 'x'], 'grad', undefined]) {
      expect(grade(ordering, response).invalid).toBe('Put every item in order first.');
    }
  });
});

describe('open (self-assessed)', () => {
  test('the rating sets the share of points', () => {
    expect(grade(open, { text: 'mine', rating: 'got-it' })).toMatchObject({ score: 2, max: 2, correct: true });
    expect(grade(open, { text: 'mine', rating: 'partly' })).toMatchObject({ score: 1, correct: false });
    expect(grade(open, { text: 'mine', rating: 'not-yet' })).toMatchObject({ score: 0, correct: false });
    expect(isSelfAssessed(open)).toBe(true);
    expect(isSelfAssessed(trueFalse)).toBe(false);
  });

  test('no text or no rating is refused', () => {
    expect(grade(open, { text: ' ', rating: 'got-it' }).invalid).toBe('Write your answer first.');
    expect(grade(open, { text: 'mine' }).invalid).toBe('Rate your answer first.');
    expect(grade(open, { text: 'mine', rating: 'toString' }).invalid).toBe('Rate your answer first.');
    expect(grade(open, null).invalid).toBe('Write your answer first.');
  });
});

describe('every type', () => {
  const all = [trueFalse, single, multiple, numeric(), text(), ordering, open];

  test("the stated answer earns full marks (the build's self-check)", () => {
    for (const question of all) expect(grade(question, expectedResponse(question))).toMatchObject({ correct: true });
  });

  test('sentences the grader writes carry no markup characters, so the page may insert them as HTML', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.anything(), (question, response) => {
        const result = grade(question, response);
        const written = [...result.feedback, result.invalid ?? ''].filter(
          (f) => !/^(Right|Think again|A is too small)\./.test(f),
        );
        for (const sentence of written) expect(sentence).not.toMatch(/[<>&]/);
      }),
    );
  });

  test('the answer can be described for the page once a question is settled', () => {
    expect(describeAnswer(numeric({ tolerance: 0.05, unit: 'm' }))).toBe('The answer: 6.4 m (± 0.05).');
    expect(describeAnswer(text({ answers: ['a<b'] }))).toBe('Accepted: a&#60;b');
    expect(describeAnswer(ordering)).toContain('1. Compute the gradient 2. Scale it 3. Subtract it');
    expect(describeAnswer(open)).toBeUndefined();
  });
});
