import { describe, expect, test } from 'vitest';
import { attemptLimit, attemptsLeft, check, isSettled, quizTotals, standing } from '../../../src/quiz/session';
import { creditFor, describeScoring, resolveScoring } from '../../../src/quiz/scoring';
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
    // Right at the second try: mastered, but worth half (the default credit 1, ½, ¼).
    expect(right.record).toMatchObject({ attempts: 2, score: 1, firstScore: 0, correct: true });
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
      firstScore: 2,
      mastered: 1,
      masteredPoints: 2,
      selfScore: 0.5,
      selfMax: 1,
      selfRated: 1,
      selfQuestions: 1,
    });
  });
});

describe('standing: the end quiz\'s line for a question asked in a section', () => {
  test('unanswered, open to another check, out of checks, right, rated', () => {
    expect(standing(numeric, undefined, 3)).toBe('Not answered yet.');
    const wrong = check(numeric, undefined, '7', 3, now).record!;
    expect(standing(numeric, wrong, 3)).toBe('Answered: 0 of 2 points so far; you can check again.');
    expect(standing(numeric, wrong, 1)).toBe('Answered: 0 of 2 points, no checks left.');
    const right = check(numeric, wrong, '8', 3, now).record!;
    expect(standing(numeric, right, 3)).toBe('Answered: correct, 1 of 2 points.');
    const rated = check(open, undefined, { text: 'mine', rating: 'partly' }, 1, now).record!;
    expect(standing(open, rated, 1)).toBe('Rated: 0.5 of 1 point, self-assessed.');
  });
});

describe('scoring policy: credit by attempt, a floor, hint cost', () => {
  const answerAt = (question: ClassicQuestion, wrongFirst: number, hints = 0) => {
    let record = undefined as ReturnType<typeof check>['record'];
    for (let i = 0; i < wrongFirst; i++) record = check(question, record, '7', 0, now, hints).record;
    return check(question, record, '8', 0, now, hints).record!;
  };

  test('wrong then right no longer earns full marks: 1, ½, ¼, then ¼ for every later attempt', () => {
    expect([0, 1, 2, 3, 6].map((wrong) => answerAt(numeric, wrong).score)).toEqual([2, 1, 0.5, 0.5, 0.5]);
    expect(answerAt(numeric, 3)).toMatchObject({ firstScore: 0, correct: true });
  });

  test("the quiz's policy, overridden by the question's, with the author's floor and hint cost", () => {
    const floored = q({ id: 'f', type: 'numeric', answer: 8, scoring: { credit: [1, 0.5, 0.25, 0], floor: 0.4 } });
    expect([0, 1, 2, 3].map((wrong) => answerAt(floored, wrong).score)).toEqual([1, 0.5, 0.4, 0.4]);
    const hinted = q({ id: 'h', type: 'numeric', answer: 8, scoring: { hintCost: 0.25 } });
    expect(answerAt(hinted, 0, 1).score).toBe(0.75);
    expect(answerAt(hinted, 0, 8).score).toBe(0);
    expect(resolveScoring({ credit: [1, 0.8], floor: 0.2 }, { floor: 0.5 })).toEqual({ credit: [1, 0.8], floor: 0.5, hintCost: 0 });
    expect(creditFor(resolveScoring({ credit: [1, 0.8], floor: 0.2 }), 9)).toBe(0.8);
  });

  test('true-false allows one attempt unless the question says otherwise; code runs free', () => {
    expect(attemptLimit(q({ id: 't', type: 'true-false', answer: true }), 3)).toBe(1);
    expect(attemptLimit(q({ id: 't', type: 'true-false', answer: true, attempts: 2 }), 3)).toBe(2);
    expect(attemptLimit(numeric, 3)).toBe(3);
    expect(attemptLimit({ type: 'code' }, 3)).toBe(0);
  });

  test('the policy in words, as shown before the learner answers', () => {
    expect(describeScoring(resolveScoring(), 3)).toBe('Full credit on the first try, then ½, ¼.');
    expect(describeScoring(resolveScoring(), 1)).toBe('One attempt: full credit if it is right.');
    expect(describeScoring(resolveScoring({ floor: 0.25, hintCost: 0.1 }), 0)).toBe(
      'Full credit on the first try, then ½, ¼, never below ¼. Each hint opened costs 10 % of the points.',
    );
  });
});
