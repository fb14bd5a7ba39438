import { describe, expect, it } from 'vitest';
import { dueInWords, dueReviews, nextDue, scheduleReview, type ReviewItem } from '../../../src/progress/review';
import type { ProgressDocument } from '../../../src/progress/document';

const minute = 60_000;
const day = 24 * 60 * minute;
const start = new Date('2026-12-01T09:00:00Z');

const items: ReviewItem[] = [
  { lessonId: '1.1.1', questionId: 'a', contentHash: 'h-a' },
  { lessonId: '1.1.1', questionId: 'b', contentHash: 'h-b' },
  { lessonId: '1.1.2', questionId: 'c', contentHash: 'h-c' },
];

function answered(correct: boolean, at: Date) {
  return { response: 'x', attempts: 1, score: correct ? 1 : 0, firstScore: correct ? 1 : 0, max: 1, correct, selfAssessed: false, answeredAt: at.toISOString() };
}

describe('nextDue', () => {
  it('is the earliest due time after now among scheduled questions of the current content; undefined with none', () => {
    const document: ProgressDocument = { version: 2, lessons: {} };
    expect(nextDue(document, items, start)).toBeUndefined();
    document.lessons['1.1.1'] = {
      homework: {},
      // a: wrong at once (back in a minute); b: right (back in ten).
      quiz: { a: answered(false, start), b: answered(true, start) },
    };
    expect(nextDue(document, items, start)?.getTime()).toBe(start.getTime() + minute);
    // Once a is due it is no longer "next": b is.
    expect(nextDue(document, items, new Date(start.getTime() + 2 * minute))?.getTime()).toBe(start.getTime() + 10 * minute);
    expect(dueReviews(document, items, new Date(start.getTime() + 2 * minute)).map((d) => d.questionId)).toEqual(['a']);
    // A review pushes a further away; a question whose content changed is due now, never "next".
    document.lessons['1.1.1'].reviews = {
      a: scheduleReview(undefined, { correct: true, attempts: 1, confidence: 'sure' }, start, 'h-a'),
      b: scheduleReview(undefined, { correct: true, attempts: 1 }, start, 'old-hash'),
    };
    const later = new Date(start.getTime() + 20 * minute);
    expect(nextDue(document, items, later)!.getTime()).toBeGreaterThan(later.getTime() + day);
    expect(dueReviews(document, items, later).map((d) => [d.questionId, d.reason])).toEqual([['b', 'changed']]);
  });
});

describe('dueInWords', () => {
  const at = (ms: number) => new Date(start.getTime() + ms);
  it('says now, minutes, hours, tomorrow and days', () => {
    expect(dueInWords(start, start)).toBe('now');
    expect(dueInWords(at(-minute), start)).toBe('now');
    expect(dueInWords(at(30_000), start)).toBe('in 1 minute');
    expect(dueInWords(at(10 * minute), start)).toBe('in 10 minutes');
    expect(dueInWords(at(60 * minute), start)).toBe('in 1 hour');
    expect(dueInWords(at(5 * 60 * minute), start)).toBe('in 5 hours');
    expect(dueInWords(at(day), start)).toBe('tomorrow');
    expect(dueInWords(at(15 * day), start)).toBe('in 15 days');
  });
});
