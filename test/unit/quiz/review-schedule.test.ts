import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import { createProgressStore, memoryStorage, type StorageLike } from '../../../src/progress/store';
import {
  calibration,
  confidenceMark,
  contentHash,
  dueReviews,
  entryOf,
  ratingOf,
  reviewSeed,
  scheduleReview,
  type Confidence,
  type ReviewItem,
} from '../../../src/progress/review';
import type { QuestionRecord } from '../../../src/progress/document';

const day = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-12-01T08:00:00Z');

function record(correct: boolean, confidence: Confidence | undefined, at: Date, seed?: number): QuestionRecord {
  return {
    response: correct ? 'right' : 'wrong',
    attempts: 1,
    score: correct ? 1 : 0,
    firstScore: correct ? 1 : 0,
    max: 1,
    correct,
    selfAssessed: false,
    answeredAt: at.toISOString(),
    ...(seed !== undefined ? { seed } : {}),
    ...(confidence ? { confidence } : {}),
  };
}

describe('ratingOf', () => {
  it('is Again when wrong, Hard after several attempts or a lucky guess, Good, and Easy when sure', () => {
    expect(ratingOf({ correct: false, attempts: 1, confidence: 'sure' })).toBe(Rating.Again);
    expect(ratingOf({ correct: true, attempts: 2, confidence: 'sure' })).toBe(Rating.Hard);
    expect(ratingOf({ correct: true, attempts: 1, confidence: 'guess' })).toBe(Rating.Hard);
    expect(ratingOf({ correct: true, attempts: 1, confidence: 'think' })).toBe(Rating.Good);
    expect(ratingOf({ correct: true, attempts: 1 })).toBe(Rating.Good);
    expect(ratingOf({ correct: true, attempts: 1, confidence: 'sure' })).toBe(Rating.Easy);
  });
});

describe('a simulated learner over 30 days', () => {
  /** Three lessons' questions; q3 is parametrized with three variants. */
  const seeds = [11, 22, 33];
  const items: ReviewItem[] = [
    { lessonId: '1.2.37', questionId: 'q1', contentHash: contentHash({ prompt: 'one' }) },
    { lessonId: '1.2.38', questionId: 'q2', contentHash: contentHash({ prompt: 'two' }) },
    { lessonId: '1.2.38', questionId: 'q3', contentHash: contentHash({ prompt: 'three', seeds }) },
    { lessonId: '1.2.39', questionId: 'q4', contentHash: contentHash({ prompt: 'four' }) },
  ];
  /** The learner's habits: wrong every fourth review of a question, sure when on a run of rights. */
  const answers = (index: number, reps: number): { correct: boolean; confidence: Confidence } => {
    const correct = (index + reps) % 4 !== 3;
    const confidence: Confidence = reps === 0 ? 'guess' : correct && reps > 2 ? 'sure' : 'think';
    return { correct, confidence };
  };

  it('follows ts-fsrs exactly, shows fresh variants, counts what is due, and resets changed questions', () => {
    const storage: StorageLike = memoryStorage();
    let now = new Date(start);
    // A new store each day: the schedule must survive reloads.
    const open = () => createProgressStore(storage, { now: () => now });
    const reference = fsrs({ enable_fuzz: false });
    const cards = new Map<string, Card>();
    const reps = new Map<string, number>();
    const lastSeed = new Map<string, number | undefined>();
    const key = (item: ReviewItem) => `${item.lessonId}/${item.questionId}`;
    const grade = (correct: boolean, confidence: Confidence): Grade =>
      !correct ? Rating.Again : confidence === 'guess' ? Rating.Hard : confidence === 'sure' ? Rating.Easy : Rating.Good;

    // Day 0: the learner meets every question in the lessons' quizzes, at first attempt. The quiz
    // saves only the answer; the schedule follows from its first attempt (entryOf).
    let store = open();
    items.forEach((item, index) => {
      const { correct, confidence } = answers(index, 0);
      const seed = item.questionId === 'q3' ? seeds[0] : undefined;
      store.recordAnswer(item.lessonId, item.questionId, record(correct, confidence, now, seed));
      cards.set(key(item), reference.next(createEmptyCard(now), now, grade(correct, confidence)).card);
      reps.set(key(item), 1);
      lastSeed.set(key(item), seed);
    });

    let reviewsDone = 0;
    let changed = false;
    for (let d = 1; d <= 30; d++) {
      now = new Date(start + d * day);
      store = open();
      // Day 15: a release changes q2's content; its old schedule must not carry over.
      if (d === 15) {
        items[1] = { ...items[1]!, contentHash: contentHash({ prompt: 'two, reworded' }) };
        changed = true;
      }
      const due = dueReviews(store.read(), items, now);
      const expected = items.filter((item) => {
        const card = cards.get(key(item))!;
        return card.due.getTime() <= now.getTime() || (changed && item.questionId === 'q2' && d === 15);
      });
      // The header's count is the number due; the same questions as ts-fsrs's own cards say.
      expect(due.map(key).sort(), `day ${d}`).toEqual(expected.map(key).sort());
      for (const item of due) {
        const index = items.findIndex((i) => key(i) === key(item));
        const n = reps.get(key(item))!;
        const { correct, confidence } = answers(index, n);
        const entry = entryOf(store.read(), item);
        let seed: number | undefined;
        if (item.questionId === 'q3') {
          seed = reviewSeed(seeds, entry?.last?.seed, entry?.card.reps ?? 0);
          expect(seed, `q3 on day ${d} is a fresh variant`).not.toBe(lastSeed.get(key(item)));
          lastSeed.set(key(item), seed);
        }
        const next = scheduleReview(entry, { correct, attempts: 1, confidence }, now, item.contentHash, seed);
        store.recordReview(item.lessonId, item.questionId, next);
        const base = item.reason === 'changed' ? createEmptyCard(now) : cards.get(key(item))!;
        if (item.reason === 'changed') {
          expect(next.card.reps).toBe(1);
          changed = false;
        }
        const ref = reference.next(base, now, grade(correct, confidence)).card;
        cards.set(key(item), ref);
        reps.set(key(item), n + 1);
        expect(new Date(next.card.due).getTime(), `${key(item)} on day ${d}`).toBe(ref.due.getTime());
        expect(next.card.stability).toBeCloseTo(ref.stability, 10);
        expect(next.card.difficulty).toBeCloseTo(ref.difficulty, 10);
        reviewsDone++;
      }
      expect(dueReviews(store.read(), items, now)).toEqual([]);
    }
    // Spacing worked: far fewer reviews than one per question per day.
    expect(reviewsDone).toBeGreaterThan(items.length);
    expect(reviewsDone).toBeLessThan(items.length * 30 * 0.5);

    // Export → reset (a new browser) → import restores the schedule exactly.
    const file = open().exportProgress();
    const fresh = createProgressStore(memoryStorage(), { now: () => now });
    expect(fresh.importProgress(file)).toEqual({ ok: true });
    expect(fresh.read()).toEqual(open().read());
    const later = new Date(start + 45 * day);
    expect(dueReviews(fresh.read(), items, later)).toEqual(dueReviews(open().read(), items, later));
  });
});

describe('progress saved before review existed', () => {
  it('loads unchanged; each question it answered is scheduled from its first attempt', () => {
    const at = new Date(start);
    const saved = {
      version: 2,
      lessons: { '1.2.38': { homework: {}, quiz: { q2: record(true, undefined, at) } } },
    };
    const storage = memoryStorage();
    storage.setItem('course-progress:v2', JSON.stringify(saved));
    const store = createProgressStore(storage, { now: () => at });
    expect(store.read()).toEqual(saved);
    const items = [{ lessonId: '1.2.38', questionId: 'q2', contentHash: 'abc' }, { lessonId: '1.2.38', questionId: 'q9', contentHash: 'x' }];
    // Right at once, no confidence: Good, a learning step of ten minutes (ts-fsrs's own).
    const tenMinutes = new Date(at.getTime() + 10 * 60_000);
    expect(dueReviews(store.read(), items, at)).toEqual([]);
    expect(dueReviews(store.read(), items, tenMinutes)).toEqual([{ ...items[0], due: tenMinutes, reason: 'due' }]);
    expect(fsrs({ enable_fuzz: false }).next(createEmptyCard(at), at, Rating.Good).card.due).toEqual(tenMinutes);
  });

  it('a damaged schedule entry is set aside like a damaged answer, naming the field', () => {
    const storage = memoryStorage();
    const at = new Date(start);
    const bad = { version: 2, lessons: { a: { homework: {}, quiz: {}, reviews: { q: { contentHash: 'h', card: { due: 'soon' } } } } } };
    storage.setItem('course-progress:v2', JSON.stringify(bad));
    const store = createProgressStore(storage, { now: () => at });
    const notices: unknown[] = [];
    store.onNotice((n) => notices.push(n));
    expect(store.read().lessons).toEqual({});
    expect(notices).toEqual([expect.objectContaining({ kind: 'set-aside', reason: 'lessons.a.reviews.q.card.due: expected a date and time' })]);
    expect(store.backups()[0]?.value).toBe(JSON.stringify(bad));
  });
});

describe('calibration', () => {
  it('counts how often each confidence level is right and lists confident misses, sure first', () => {
    const t = (h: number) => new Date(start + h * 3600_000);
    const document = {
      version: 2,
      lessons: {
        a: {
          homework: {},
          quiz: {
            s1: record(true, 'sure', t(1)),
            s2: record(false, 'sure', t(2)),
            s3: record(false, 'sure', t(3)),
            k1: record(false, 'think', t(4)),
            g1: record(false, 'guess', t(5)),
            none: record(false, undefined, t(6)),
          },
        },
      },
    };
    const { levels, misses } = calibration(document);
    expect(levels).toEqual([
      { confidence: 'sure', answered: 3, right: 1 },
      { confidence: 'think', answered: 1, right: 0 },
      { confidence: 'guess', answered: 1, right: 0 },
    ]);
    expect(misses.map((m) => m.questionId)).toEqual(['s3', 's2', 'k1']);
  });
});

describe('confidenceMark', () => {
  it('rewards certainty only when right, and never penalises a guess', () => {
    expect([confidenceMark(1, 3, 'sure'), confidenceMark(1, 3, 'think'), confidenceMark(1, 3, 'guess')]).toEqual([3, 2, 1]);
    expect([confidenceMark(0, 3, 'sure'), confidenceMark(0, 3, 'think'), confidenceMark(0, 3, 'guess')]).toEqual([-6, -2, 0]);
  });
});

describe('reviewSeed and contentHash', () => {
  it('never repeats the last variant while there are others', () => {
    for (let reps = 0; reps < 6; reps++) expect(reviewSeed([1, 2, 3], 2, reps)).not.toBe(2);
    expect(reviewSeed([7], 7, 3)).toBe(7);
    expect(reviewSeed([], undefined, 0)).toBeUndefined();
  });

  it('ignores key order and changes with the content', () => {
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});
