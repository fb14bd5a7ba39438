import type { LessonProgress } from './document';

/**
 * Mastery of each learning objective of a lesson, from the questions that assess it (a question's
 * `objectives` in the quiz file; the same link the objective-coverage check follows). A question
 * counts by its latest retrieval: the last spaced review when there has been one (review.ts keeps
 * its outcome), else the first attempt's share of the points. A later right answer after wrong
 * ones is not mastery: that is what the review is for. Self-assessed questions are left out (the
 * learner rates those themself). Pure, and small enough for the course page.
 */

/** What a page knows of one question: its id and the objectives it assesses. */
export interface AssessingQuestion {
  id: string;
  objectives: readonly string[];
}

export interface ObjectiveMastery {
  objectiveId: string;
  /** Auto-graded questions that assess it. */
  questions: number;
  /** Of those, answered at least once. */
  met: number;
  /** Of those, reviewed at least once. */
  reviewed: number;
  /** Mean over every assessing question (unmet ones count 0) of its latest retrieval, 0..1. */
  share: number;
  level: MasteryLevel;
}

/**
 * - `not-started`: no question met yet (or none assesses it).
 * - `learning`: under {@link secureShare} at the latest tries.
 * - `first-try`: at or above it on first attempts, but not every question confirmed by a review.
 * - `mastered`: at or above it, every question met, and each of them right at its last review.
 */
export type MasteryLevel = 'not-started' | 'learning' | 'first-try' | 'mastered';

/** The share of latest tries right that counts as knowing an objective. */
export const secureShare = 0.8;

export const masteryLabels: Record<MasteryLevel, string> = {
  'not-started': 'Not started',
  learning: 'Learning',
  'first-try': 'Right at first, not yet reviewed',
  mastered: 'Mastered',
};

/** One question's latest retrieval, 0..1, and whether it was a review; undefined when never answered. */
export function latestRetrieval(lesson: LessonProgress | undefined, questionId: string): { value: number; reviewed: boolean } | undefined {
  const record = lesson?.quiz[questionId];
  if (!record || record.selfAssessed) return undefined;
  const last = lesson?.reviews?.[questionId]?.last;
  // A review entry saved before the answer (a reset quiz answered again) is older news than the answer.
  if (last && Date.parse(last.at) >= Date.parse(record.answeredAt)) return { value: last.correct ? 1 : 0, reviewed: true };
  return { value: record.max > 0 ? Math.min(1, record.firstScore / record.max) : 0, reviewed: false };
}

export function objectiveMastery(
  objectiveIds: readonly string[],
  questions: readonly AssessingQuestion[],
  lesson: LessonProgress | undefined,
): ObjectiveMastery[] {
  return objectiveIds.map((objectiveId) => {
    const assessing = questions.filter((q) => q.objectives.includes(objectiveId));
    let met = 0;
    let reviewed = 0;
    let sum = 0;
    let allReviewedRight = assessing.length > 0;
    for (const question of assessing) {
      const latest = latestRetrieval(lesson, question.id);
      if (!latest) {
        allReviewedRight = false;
        continue;
      }
      met += 1;
      sum += latest.value;
      if (latest.reviewed) reviewed += 1;
      if (!latest.reviewed || latest.value < 1) allReviewedRight = false;
    }
    const share = assessing.length === 0 ? 0 : sum / assessing.length;
    const level: MasteryLevel =
      met === 0 ? 'not-started' : share < secureShare ? 'learning' : allReviewedRight ? 'mastered' : 'first-try';
    return { objectiveId, questions: assessing.length, met, reviewed, share, level };
  });
}

/** The words beside an objective: "Learning: 40 % (2 of 3 questions met, 1 reviewed)". */
export function masteryText(mastery: ObjectiveMastery): string {
  if (mastery.questions === 0) return 'No question assesses this yet';
  if (mastery.level === 'not-started') return `${masteryLabels[mastery.level]} (${mastery.questions} ${mastery.questions === 1 ? 'question' : 'questions'})`;
  const percent = Math.round(mastery.share * 100);
  return `${masteryLabels[mastery.level]}: ${percent} % (${mastery.met} of ${mastery.questions} ${mastery.questions === 1 ? 'question' : 'questions'} met, ${mastery.reviewed} reviewed)`;
}
