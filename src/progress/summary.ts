import type { LessonProgress } from './document';

/** What a course home badge or the progress page shows for one lesson. */
export interface LessonSummary {
  /** Auto-graded points earned and the most there are (when the quiz has been seen). */
  score: number;
  maxScore?: number;
  /** Points the first attempts earned, and the questions answered right in the end (mastery). */
  firstScore: number;
  mastered: number;
  /** Auto-graded questions answered and how many there are (when known). */
  answered: number;
  questions?: number;
  /** Self-assessed (open) questions rated, and the points awarded. */
  selfRated: number;
  selfScore: number;
  homeworkDone: number;
  lastVisited?: string;
}

export function summariseLesson(lesson: LessonProgress | undefined): LessonSummary {
  const records = Object.values(lesson?.quiz ?? {});
  const graded = records.filter((r) => !r.selfAssessed);
  const rated = records.filter((r) => r.selfAssessed);
  return {
    score: graded.reduce((sum, r) => sum + r.score, 0),
    firstScore: graded.reduce((sum, r) => sum + r.firstScore, 0),
    mastered: graded.filter((r) => r.correct).length,
    maxScore: lesson?.quizSize?.points,
    answered: graded.length,
    questions: lesson?.quizSize?.questions,
    selfRated: rated.length,
    selfScore: rated.reduce((sum, r) => sum + r.score, 0),
    homeworkDone: Object.values(lesson?.homework ?? {}).filter(Boolean).length,
    lastVisited: lesson?.lastVisited,
  };
}

/** The short text of a course-home badge: "Quiz 4 of 9 points · 2 homework done", or "Not started". */
export function badgeText(summary: LessonSummary): string {
  const parts: string[] = [];
  if (summary.answered > 0 || summary.selfRated > 0) {
    const score = Math.round(summary.score * 100) / 100;
    parts.push(
      summary.maxScore === undefined
        ? `Quiz ${score} ${score === 1 ? 'point' : 'points'}`
        : `Quiz ${score} of ${summary.maxScore} points`,
    );
  }
  if (summary.homeworkDone > 0) parts.push(`${summary.homeworkDone} homework done`);
  if (parts.length === 0) return summary.lastVisited ? 'Visited' : 'Not started';
  return parts.join(' · ');
}
