import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import type { ProgressDocument, QuestionRecord } from './document';
import type { Confidence } from './confidence';

export { calibration } from './calibration';
export { confidenceLabels, confidenceMark, confidences, isConfidence, type Confidence } from './confidence';

/**
 * The learning loop after "answer, get feedback": how sure the learner was, how well that matches
 * how often they are right (calibration), and when each question they have met comes back for
 * review. Scheduling is ts-fsrs's FSRS (not hand-written); this module only turns an answer into an
 * FSRS rating, keeps the card as plain JSON in the progress document, and reads what is due. Pure:
 * every function takes the time it is given.
 */

/** An FSRS card as stored: ts-fsrs's `Card` with dates as ISO 8601 text. */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review?: string;
}

/** One question's place in the review schedule. */
export interface ReviewEntry {
  card: StoredCard;
  /** The question's content hash when it was scheduled; a different one means it changed: start again. */
  contentHash: string;
  /** The last review's outcome, for the review page and calibration. */
  last?: { correct: boolean; confidence?: Confidence; seed?: number; at: string };
}

/** What one check or review tells the scheduler. */
export interface ReviewOutcome {
  correct: boolean;
  /** Counted attempts at this sitting (1 = right or wrong at once). */
  attempts: number;
  confidence?: Confidence;
}

/**
 * The FSRS rating of an outcome: wrong is Again; right after more than one attempt, or right while
 * guessing, is Hard (the learner did not really know); right at once is Good, and Easy when the
 * learner was sure.
 */
export function ratingOf(outcome: ReviewOutcome): Grade {
  if (!outcome.correct) return Rating.Again;
  if (outcome.attempts > 1 || outcome.confidence === 'guess') return Rating.Hard;
  return outcome.confidence === 'sure' ? Rating.Easy : Rating.Good;
}

/** One scheduler for the whole site; no fuzz, so a schedule is reproducible (and testable). */
export const scheduler = fsrs({ enable_fuzz: false });

export function storeCard(card: Card): StoredCard {
  const { last_review, due, ...rest } = card;
  return {
    ...rest,
    due: due.toISOString(),
    state: Number(card.state),
    ...(last_review ? { last_review: last_review.toISOString() } : {}),
  };
}

export function loadCard(stored: StoredCard): Card {
  return {
    ...stored,
    due: new Date(stored.due),
    last_review: stored.last_review ? new Date(stored.last_review) : undefined,
  };
}

/**
 * The entry after an outcome at `now`. An entry for other content (a new release changed the
 * question) is not continued: the question starts afresh as a new card.
 */
export function scheduleReview(
  entry: ReviewEntry | undefined,
  outcome: ReviewOutcome,
  now: Date,
  contentHash: string,
  seed?: number,
): ReviewEntry {
  const card = entry && entry.contentHash === contentHash ? loadCard(entry.card) : createEmptyCard(now);
  const next = scheduler.next(card, now, ratingOf(outcome));
  return {
    card: storeCard(next.card),
    contentHash,
    last: {
      correct: outcome.correct,
      ...(outcome.confidence ? { confidence: outcome.confidence } : {}),
      ...(seed !== undefined ? { seed } : {}),
      at: now.toISOString(),
    },
  };
}

/** A question on the site, as the review page knows it. */
export interface ReviewItem {
  lessonId: string;
  questionId: string;
  contentHash: string;
}

export interface DueReview extends ReviewItem {
  /** When it fell due. */
  due: Date;
  /** Why: its time came, or its content changed in a release (it starts afresh, due at once). */
  reason: 'due' | 'changed';
}

/**
 * The schedule entry a question has: its own, or, for a question answered in a quiz or Check
 * yourself but not yet reviewed, the one its first attempt gives. The quiz script does not load the
 * scheduler (its size budget), so a first attempt is scheduled here, from the saved record.
 */
export function entryOf(document: ProgressDocument, item: ReviewItem): ReviewEntry | undefined {
  const lesson = document.lessons[item.lessonId];
  const record = lesson?.quiz[item.questionId];
  const own = lesson?.reviews?.[item.questionId];
  if (own || !record || record.selfAssessed) return own;
  return scheduleReview(undefined, firstAttempt(record), new Date(record.answeredAt), item.contentHash, record.seed);
}

/** A saved record's first attempt as a review outcome: right if it earned full marks. */
export function firstAttempt(record: QuestionRecord): ReviewOutcome {
  return {
    correct: record.max > 0 && record.firstScore >= record.max,
    attempts: 1,
    ...(record.confidence ? { confidence: record.confidence } : {}),
  };
}

/**
 * The questions the learner has met that are due at `now`, most overdue first. "Met" means a
 * checked answer in the progress document; questions no longer on the site are left out, and so
 * are self-assessed ones (the learner rates those themself).
 */
export function dueReviews(document: ProgressDocument, items: readonly ReviewItem[], now: Date): DueReview[] {
  const due: DueReview[] = [];
  for (const item of items) {
    const entry = entryOf(document, item);
    if (!entry) continue;
    if (entry.contentHash !== item.contentHash) due.push({ ...item, due: now, reason: 'changed' });
    else if (Date.parse(entry.card.due) <= now.getTime()) due.push({ ...item, due: new Date(entry.card.due), reason: 'due' });
  }
  return due.sort((a, b) => a.due.getTime() - b.due.getTime());
}

/**
 * The variant a review shows: a seed the learner has not just answered, stepping through the
 * question's seeds with each review so every review is fresh while there are others to show.
 */
export function reviewSeed(seeds: readonly number[], last: number | undefined, reps: number): number | undefined {
  if (seeds.length === 0) return undefined;
  const others = seeds.length > 1 ? seeds.filter((s) => s !== last) : [...seeds];
  return others[reps % others.length];
}

/**
 * A stable short hash of a question's content (FNV-1a over its JSON with sorted keys), so a
 * question whose prompt, answer or variants change in a release is reset rather than mis-scheduled.
 */
export function contentHash(question: unknown): string {
  let hash = 0x811c9dc5;
  const text = stableJson(question);
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** When the next of the learner's questions falls due after `now` (for "nothing due"); undefined if none is scheduled. */
export function nextDue(document: ProgressDocument, items: readonly ReviewItem[], now: Date): Date | undefined {
  let next: number | undefined;
  for (const item of items) {
    const entry = entryOf(document, item);
    if (!entry || entry.contentHash !== item.contentHash) continue;
    const due = Date.parse(entry.card.due);
    if (due > now.getTime() && (next === undefined || due < next)) next = due;
  }
  return next === undefined ? undefined : new Date(next);
}

/** A due time in words from `now`: "now", "in 10 minutes", "in 5 hours", "tomorrow", "in 3 days". */
export function dueInWords(due: Date, now: Date): string {
  const minutes = Math.ceil((due.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  const plural = (n: number, unit: string) => `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  const days = Math.round(hours / 24);
  return days === 1 ? 'tomorrow' : plural(days, 'day');
}
