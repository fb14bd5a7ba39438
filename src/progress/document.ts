/**
 * The shape of a learner's saved progress, and a hand-written check of it (the pages that load it
 * must stay small, so no schema library). Everything is plain JSON.
 */

/** One question's last checked answer. */
export interface QuestionRecord {
  /** The last response that was checked, in the form the grader takes. */
  response: unknown;
  /** Checks that counted; a refused response (not a number, empty) is not one. */
  attempts: number;
  /** Points earned: the last counted attempt's grade times its credit (src/quiz/scoring.ts). */
  score: number;
  /** Points the first counted attempt earned (migrated records: see migrations.ts). */
  firstScore: number;
  max: number;
  /** Answered right, at whatever attempt: mastery. */
  correct: boolean;
  /** Points the learner awarded themself (an open question), totalled apart. */
  selfAssessed: boolean;
  /** ISO 8601 time of the last check. */
  answeredAt: string;
  /**
   * Parametrized questions: the seed of the variant the last checked response answered. Optional,
   * so records written before it existed (and by other question types) stay valid: adding it did
   * not change the version of the document (migrations.ts).
   */
  seed?: number;
  /**
   * How sure the learner said they were at the first counted check ('sure' | 'think' | 'guess'),
   * when the quiz asked: calibration compares it with `firstScore`. Optional like `seed`: records saved before it existed stay valid as they are.
   */
  confidence?: Confidence;
}

export interface LessonProgress {
  /** ISO 8601 time the lesson page was last opened. */
  lastVisited?: string;
  /** Homework item id → ticked. */
  homework: Record<string, boolean>;
  /** Question id → last checked answer. */
  quiz: Record<string, QuestionRecord>;
  /** Auto-graded points and question count of the quiz as last seen, so summaries need no page data. */
  quizSize?: { points: number; questions: number };
  /**
   * Question id → its place in the spaced-review schedule (review.ts). Optional: progress saved
   * before review existed has none, and every question it answered is simply due for a first
   * review, so the document's version did not change.
   */
  reviews?: Record<string, ReviewEntry>;
  /**
   * Explorer task name → when the learner first solved it (ExplorerTask.astro), so a solved task
   * stays solved on the next visit. Optional like `reviews`: older progress has none, and the
   * document's version did not change.
   */
  explorerTasks?: Record<string, { solvedAt: string }>;
}

import type { Confidence } from './confidence';
import type { ReviewEntry } from './review';

export interface ProgressDocument {
  version: number;
  /** Lesson id → progress. */
  lessons: Record<string, LessonProgress>;
}

export function emptyDocument(version: number): ProgressDocument {
  return { version, lessons: {} };
}

export function emptyLesson(): LessonProgress {
  return { homework: {}, quiz: {} };
}

/** Ids are short and plain; refusing anything else also keeps `__proto__` and friends out. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

const isScore = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function checkQuestion(value: unknown, at: string): string | undefined {
  if (!isRecord(value)) return `${at}: expected an object`;
  if (!('response' in value)) return `${at}.response: missing`;
  if (!isCount(value.attempts)) return `${at}.attempts: expected a whole number of 0 or more`;
  if (!isScore(value.score)) return `${at}.score: expected a number of 0 or more`;
  if (!isScore(value.firstScore)) return `${at}.firstScore: expected a number of 0 or more`;
  if (!isScore(value.max) || value.max < value.score || value.max < value.firstScore) return `${at}.max: expected a number no smaller than score`;
  if (typeof value.correct !== 'boolean') return `${at}.correct: expected true or false`;
  if (typeof value.selfAssessed !== 'boolean') return `${at}.selfAssessed: expected true or false`;
  if (!isTime(value.answeredAt)) return `${at}.answeredAt: expected a date and time`;
  if (value.seed !== undefined && !isCount(value.seed)) return `${at}.seed: expected a whole number of 0 or more`;
  if (value.confidence !== undefined && !isConfidenceText(value.confidence)) {
    return `${at}.confidence: expected one of sure, think, guess`;
  }
  return undefined;
}

const isConfidenceText = (value: unknown) => value === 'sure' || value === 'think' || value === 'guess';

const cardNumbers = ['stability', 'difficulty', 'elapsed_days', 'scheduled_days'] as const;
const cardCounts = ['learning_steps', 'reps', 'lapses'] as const;

function checkReview(value: unknown, at: string): string | undefined {
  if (!isRecord(value)) return `${at}: expected an object`;
  if (typeof value.contentHash !== 'string') return `${at}.contentHash: expected text`;
  const card = value.card;
  if (!isRecord(card)) return `${at}.card: expected an object`;
  if (!isTime(card.due)) return `${at}.card.due: expected a date and time`;
  if (card.last_review !== undefined && !isTime(card.last_review)) return `${at}.card.last_review: expected a date and time`;
  for (const field of cardNumbers) if (!isScore(card[field])) return `${at}.card.${field}: expected a number of 0 or more`;
  for (const field of cardCounts) if (!isCount(card[field])) return `${at}.card.${field}: expected a whole number of 0 or more`;
  if (![0, 1, 2, 3].includes(card.state as number)) return `${at}.card.state: expected 0, 1, 2 or 3`;
  const last = value.last;
  if (last !== undefined) {
    if (!isRecord(last) || typeof last.correct !== 'boolean' || !isTime(last.at)) return `${at}.last: expected { correct, at }`;
    if (last.confidence !== undefined && !isConfidenceText(last.confidence)) return `${at}.last.confidence: expected one of sure, think, guess`;
    if (last.seed !== undefined && !isCount(last.seed)) return `${at}.last.seed: expected a whole number of 0 or more`;
  }
  return undefined;
}

function checkLesson(value: unknown, at: string): string | undefined {
  if (!isRecord(value)) return `${at}: expected an object`;
  if (value.lastVisited !== undefined && !isTime(value.lastVisited)) {
    return `${at}.lastVisited: expected a date and time`;
  }
  if (!isRecord(value.homework)) return `${at}.homework: expected an object`;
  for (const [id, done] of Object.entries(value.homework)) {
    if (!idPattern.test(id)) return `${at}.homework: "${id}" is not an item id`;
    if (typeof done !== 'boolean') return `${at}.homework.${id}: expected true or false`;
  }
  if (!isRecord(value.quiz)) return `${at}.quiz: expected an object`;
  for (const [id, record] of Object.entries(value.quiz)) {
    if (!idPattern.test(id)) return `${at}.quiz: "${id}" is not a question id`;
    const problem = checkQuestion(record, `${at}.quiz.${id}`);
    if (problem) return problem;
  }
  if (value.reviews !== undefined) {
    if (!isRecord(value.reviews)) return `${at}.reviews: expected an object`;
    for (const [id, entry] of Object.entries(value.reviews)) {
      if (!idPattern.test(id)) return `${at}.reviews: "${id}" is not a question id`;
      const problem = checkReview(entry, `${at}.reviews.${id}`);
      if (problem) return problem;
    }
  }
  if (value.explorerTasks !== undefined) {
    if (!isRecord(value.explorerTasks)) return `${at}.explorerTasks: expected an object`;
    for (const [id, solved] of Object.entries(value.explorerTasks)) {
      if (!idPattern.test(id)) return `${at}.explorerTasks: "${id}" is not a task name`;
      if (!isRecord(solved) || !isTime(solved.solvedAt)) return `${at}.explorerTasks.${id}: expected { solvedAt: a date and time }`;
    }
  }
  if (value.quizSize !== undefined) {
    const size = value.quizSize;
    if (!isRecord(size) || !isScore(size.points) || !isCount(size.questions)) {
      return `${at}.quizSize: expected { points, questions }`;
    }
  }
  return undefined;
}

/** Check a parsed document of the given version; the reason names the first field that is wrong. */
export function checkDocument(value: unknown, version: number): Checked<ProgressDocument> {
  if (!isRecord(value)) return { ok: false, reason: 'expected an object' };
  if (value.version !== version) {
    return { ok: false, reason: `expected version ${version}, found ${JSON.stringify(value.version)}` };
  }
  if (!isRecord(value.lessons)) return { ok: false, reason: 'lessons: expected an object' };
  for (const [id, lesson] of Object.entries(value.lessons)) {
    if (!idPattern.test(id)) return { ok: false, reason: `lessons: "${id}" is not a lesson id` };
    const problem = checkLesson(lesson, `lessons.${id}`);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, value: value as unknown as ProgressDocument };
}
