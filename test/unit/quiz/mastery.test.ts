import { describe, expect, it } from 'vitest';
import { latestRetrieval, masteryText, objectiveMastery } from '../../../src/progress/mastery';
import { scheduleReview } from '../../../src/progress/review';
import type { LessonProgress, QuestionRecord } from '../../../src/progress/document';

const at = (day: number) => new Date(Date.UTC(2026, 11, 1 + day, 9)).toISOString();

function record(firstScore: number, max: number, day = 0, extra: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    response: 'x',
    attempts: 1,
    score: firstScore,
    firstScore,
    max,
    correct: firstScore >= max,
    selfAssessed: false,
    answeredAt: at(day),
    ...extra,
  };
}

const reviewed = (correct: boolean, day: number) =>
  scheduleReview(undefined, { correct, attempts: 1 }, new Date(at(day)), 'hash');

const questions = [
  { id: 'a', objectives: ['derive'] },
  { id: 'b', objectives: ['derive', 'explain'] },
  { id: 'c', objectives: ['explain'] },
];

describe('objectiveMastery', () => {
  it('is not started with no answers, and says how many questions assess each objective', () => {
    const mastery = objectiveMastery(['derive', 'explain', 'unassessed'], questions, undefined);
    expect(mastery.map((m) => [m.objectiveId, m.level, m.questions, m.met])).toEqual([
      ['derive', 'not-started', 2, 0],
      ['explain', 'not-started', 2, 0],
      ['unassessed', 'not-started', 0, 0],
    ]);
    expect(masteryText(mastery[2]!)).toBe('No question assesses this yet');
    expect(masteryText(mastery[0]!)).toBe('Not started (2 questions)');
  });

  it('counts first attempts (partial credit in part, unmet questions as 0), not a later right answer', () => {
    const lesson: LessonProgress = {
      homework: {},
      // b was wrong first and right at the second attempt: mastered in the quiz's sense, not retrieved.
      quiz: { a: record(1, 1), b: record(0, 2, 0, { attempts: 2, score: 1, correct: true }) },
    };
    const [derive, explain] = objectiveMastery(['derive', 'explain'], questions, lesson);
    expect(derive).toMatchObject({ met: 2, reviewed: 0, share: 0.5, level: 'learning' });
    // explain: b (0) and c (unmet).
    expect(explain).toMatchObject({ met: 1, share: 0, level: 'learning' });
    expect(masteryText(derive!)).toBe('Learning: 50 % (2 of 2 questions met, 0 reviewed)');
  });

  it('is right-at-first until every question is confirmed by a right review, then mastered', () => {
    const lesson: LessonProgress = { homework: {}, quiz: { a: record(1, 1), b: record(2, 2) } };
    expect(objectiveMastery(['derive'], questions, lesson)[0]).toMatchObject({ share: 1, level: 'first-try' });
    lesson.reviews = { a: reviewed(true, 3) };
    expect(objectiveMastery(['derive'], questions, lesson)[0]).toMatchObject({ reviewed: 1, level: 'first-try' });
    lesson.reviews.b = reviewed(true, 4);
    expect(objectiveMastery(['derive'], questions, lesson)[0]).toMatchObject({ reviewed: 2, share: 1, level: 'mastered' });
    // A failed review counts against it, whatever the first attempt was.
    lesson.reviews.b = reviewed(false, 5);
    expect(objectiveMastery(['derive'], questions, lesson)[0]).toMatchObject({ share: 0.5, level: 'learning' });
  });

  it('ignores a review older than the answer (the quiz was reset and answered again) and self-assessed records', () => {
    const lesson: LessonProgress = {
      homework: {},
      quiz: { a: record(0, 1, 10), open: record(1, 1, 0, { selfAssessed: true }) },
      reviews: { a: reviewed(true, 2) },
    };
    expect(latestRetrieval(lesson, 'a')).toEqual({ value: 0, reviewed: false });
    expect(latestRetrieval(lesson, 'open')).toBeUndefined();
  });
});
