import type { QuestionRecord } from '../progress/document';
import { mulberry32 } from '../sim/random';
import { grade, isSelfAssessed, type Grade, type Gradable, type ParametrizedGradable } from './grade';
import { creditFor, resolveScoring, type ScoringPolicy } from './scoring';
import { kinds } from './types/index';

/**
 * The rules of taking a quiz, apart from any page: how many checks a question allows, when it is
 * settled (its explanation shown, its inputs closed) and how a check changes the saved record.
 */

/**
 * The checks a question allows: its own, else its type's (true-false: one; code is written by trial
 * and error and runs its tests as often as the learner likes, 0 = unlimited), else the quiz's.
 */
export function attemptLimit(question: Pick<Gradable, 'type' | 'attempts'>, quizLimit: number): number {
  return question.attempts ?? kinds[question.type].attempts ?? quizLimit;
}

/** The question's scoring policy: as the build resolved it (page.ts), else its own over its type's over the default. */
export function scoringOf(question: Pick<Gradable, 'type' | 'scoring'>): ScoringPolicy {
  return resolveScoring(kinds[question.type].scoring, question.scoring);
}

/** Checks left for a question; `Infinity` when the quiz allows unlimited attempts (`attempts: 0`). */
export function attemptsLeft(record: QuestionRecord | undefined, limit: number): number {
  if (limit === 0) return Infinity;
  return Math.max(0, limit - (record?.attempts ?? 0));
}

/** Answered right, out of attempts, or (self-assessed) rated: nothing more to check. */
export function isSettled(question: Gradable, record: QuestionRecord | undefined, limit: number): boolean {
  if (!record) return false;
  if (isSelfAssessed(question) || record.correct) return true;
  return attemptsLeft(record, attemptLimit(question, limit)) === 0;
}

/**
 * The variant of a parametrized question to show. The first attempt is the variant the server
 * rendered (seed of the first variant), so the page reads the same with and without JavaScript.
 * Once an attempt is recorded: its own variant while it is the last word (right, or no attempts
 * left, so the review shows what was asked), otherwise a new variant for the next attempt, drawn
 * by mulberry32 from the last seed and the attempt count. Being a function of the saved record, a
 * reload shows the same variant again.
 */
export function variantSeed(question: ParametrizedGradable, record: QuestionRecord | undefined, limit: number): number {
  const seeds = question.variants.map((v) => v.seed);
  const first = seeds[0] ?? 0;
  if (!record || record.seed === undefined) return first;
  if (isSettled(question, record, limit) || seeds.length < 2) return seeds.includes(record.seed) ? record.seed : first;
  const random = mulberry32(Math.imul(record.seed + 1, 0x9e3779b1) ^ record.attempts);
  const others = seeds.filter((seed) => seed !== record.seed);
  return others[Math.floor(random() * others.length)] ?? first;
}

/**
 * Where a question stands, in a sentence: what the end quiz shows beside a question the lesson asked
 * in a section (Quiz.astro links there rather than asking it twice).
 */
export function standing(question: Gradable, record: QuestionRecord | undefined, limit: number): string {
  if (!record) return 'Not answered yet.';
  const score = `${Math.round(record.score * 100) / 100} of ${record.max} ${record.max === 1 ? 'point' : 'points'}`;
  if (isSelfAssessed(question)) return `Rated: ${score}, self-assessed.`;
  if (record.correct) return `Answered: correct, ${score}.`;
  if (isSettled(question, record, limit)) return `Answered: ${score}, no checks left.`;
  return `Answered: ${score} so far; you can check again.`;
}

export interface CheckOutcome {
  grade: Grade;
  /** The record to save; undefined when the check did not count (refused response, settled question). */
  record?: QuestionRecord;
}

/**
 * Check a response. A refused response (not a number, nothing chosen) costs no attempt. A
 * self-assessed question may be re-rated at any time; others stop counting checks once settled.
 * The saved score is the grade times the attempt's credit (scoring.ts); `firstScore` keeps what the
 * first counted attempt earned and `correct` whether the learner got there at all (mastery).
 */
export function check(
  question: Gradable,
  previous: QuestionRecord | undefined,
  response: unknown,
  limit: number,
  now: Date,
  hintsUsed = 0,
): CheckOutcome {
  const result = grade(question, response);
  if (result.invalid !== undefined) return { grade: result };
  const selfAssessed = isSelfAssessed(question);
  if (!selfAssessed && isSettled(question, previous, limit)) return { grade: result };
  const seed = (response as { seed?: unknown } | null)?.seed;
  const attempt = (previous?.attempts ?? 0) + 1;
  const score = result.score * creditFor(scoringOf(question), attempt, hintsUsed);
  return {
    grade: result,
    record: {
      response,
      attempts: attempt,
      score,
      firstScore: previous?.firstScore ?? score,
      max: result.max,
      correct: result.correct,
      selfAssessed,
      answeredAt: now.toISOString(),
      ...(typeof seed === 'number' ? { seed } : {}),
    },
  };
}

export interface QuizTotals {
  /** Auto-graded points earned, the points available and questions answered of how many. */
  score: number;
  max: number;
  answered: number;
  questions: number;
  /** Points the first attempts earned, and the questions answered right in the end (mastery) and their points. */
  firstScore: number;
  mastered: number;
  masteredPoints: number;
  /** Self-assessed points, apart. */
  selfScore: number;
  selfMax: number;
  selfRated: number;
  selfQuestions: number;
}

/** Totals over a quiz's questions; records of questions no longer in the quiz are ignored. */
export function quizTotals(
  questions: readonly Gradable[],
  records: Readonly<Record<string, QuestionRecord>>,
): QuizTotals {
  const totals: QuizTotals = {
    score: 0,
    max: 0,
    answered: 0,
    questions: 0,
    firstScore: 0,
    mastered: 0,
    masteredPoints: 0,
    selfScore: 0,
    selfMax: 0,
    selfRated: 0,
    selfQuestions: 0,
  };
  for (const question of questions) {
    const record = records[question.id];
    if (isSelfAssessed(question)) {
      totals.selfMax += question.points;
      totals.selfQuestions += 1;
      if (record) {
        totals.selfScore += record.score;
        totals.selfRated += 1;
      }
    } else {
      totals.max += question.points;
      totals.questions += 1;
      if (record) {
        totals.score += record.score;
        totals.firstScore += record.firstScore;
        totals.answered += 1;
        if (record.correct) {
          totals.mastered += 1;
          totals.masteredPoints += question.points;
        }
      }
    }
  }
  return totals;
}
