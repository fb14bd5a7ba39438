import { describe, expect, test } from 'vitest';
import { attemptsLeft, check, isSettled, quizTotals } from '../../../src/quiz/session';
import { questionSchema } from '../../../src/quiz/schema';
import type { ClassicQuestion } from '../../../src/quiz/grade';

const base = { objectives: ['explain-effects'], prompt: 'p', explanation: 'e' };
const q = (fields: Record<string, unknown>) => questionSchema.parse({ ...base, ...fields }) as ClassicQuestion;
const numeric = q({ id: 'n', type: 'numeric', answer: 8, points: 2 });
const open = q({ id: 'o', type: 'open', modelAnswer: 'm' });
const now = new Date('2026-03-01T10:00:00Z');

describe('attempts', () => {
  test('a refused response costs nothing; a wrong one costs an attempt', () => {
    const refused = check(numeric, undefined, '1,000', 3, now);
    expect(refused.record).toBeUndefined();
    expect(refused.grade.invalid).toMatch(/dot/);

    const wrong = check(numeric, undefined, '7', 3, now);
    expect(wrong.record).toMatchObject({
      response: '7',
      attempts: 1,
      score: 0,
      max: 2,
      correct: false,
      selfAssessed: false,
      answeredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(attemptsLeft(wrong.record, 3)).toBe(2);
    expect(isSettled(numeric, wrong.record, 3)).toBe(false);

    const right = check(numeric, wrong.record, '8', 3, now);
    expect(right.record).toMatchObject({ attempts: 2, score: 2, correct: true });
    expect(isSettled(numeric, right.record, 3)).toBe(true);
  });

  test('out of attempts settles the question and further checks do not count', () => {
    let record = undefined;
    for (const response of ['1', '2', '3']) record = check(numeric, record, response, 3, now).record;
    expect(record).toMatchObject({ attempts: 3, correct: false });
    expect(attemptsLeft(record, 3)).toBe(0);
    expect(isSettled(numeric, record, 3)).toBe(true);
    const late = check(numeric, record, '8', 3, now);
    expect(late.grade.correct).toBe(true);
    expect(late.record).toBeUndefined();
  });

  test('attempts: 0 means unlimited', () => {
    let record = undefined;
    for (let i = 0; i < 20; i++) record = check(numeric, record, '1', 0, now).record;
    expect(record?.attempts).toBe(20);
    expect(attemptsLeft(record, 0)).toBe(Infinity);
    expect(isSettled(numeric, record, 0)).toBe(false);
  });

  test('a self-assessed answer settles once rated and may be re-rated', () => {
    const first = check(open, undefined, { text: 'mine', rating: 'partly' }, 1, now).record;
    expect(first).toMatchObject({ score: 0.5, selfAssessed: true });
    expect(isSettled(open, first, 1)).toBe(true);
    const again = check(open, first, { text: 'mine', rating: 'got-it' }, 1, now).record;
    expect(again).toMatchObject({ score: 1, attempts: 2 });
  });
});

describe('totals', () => {
  test('graded and self-assessed points are counted apart; stale records are ignored', () => {
    const tf = q({ id: 't', type: 'true-false', answer: true });
    const records = {
      n: check(numeric, undefined, '8', 3, now).record!,
      o: check(open, undefined, { text: 'x', rating: 'partly' }, 3, now).record!,
      gone: check(tf, undefined, true, 3, now).record!,
    };
    expect(quizTotals([numeric, tf, open], records)).toEqual({
      score: 2,
      max: 3,
      answered: 1,
      questions: 2,
      selfScore: 0.5,
      selfMax: 1,
      selfRated: 1,
      selfQuestions: 1,
    });
  });
});
