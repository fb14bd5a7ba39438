import type { LessonProgress } from '../progress/document';
import { summariseLesson } from '../progress/summary';
import type { ScormVersion } from './suspend';

/**
 * What one lesson (one SCO) reports to the LMS, as SCORM data-model elements for each version.
 * Pure: the browser shell (session.ts) only sets these values and commits.
 *
 * - Score: the quiz's auto-graded points (self-assessed points are left out, as on the site).
 *   1.2 has no scaled score and LMSs (Moodle, Canvas) read `raw` against 0..100, so it reports the
 *   percentage; 2004 reports raw points with min/max and `scaled` = points / max (-1..1 by the standard).
 * - Completion: completed once every auto-graded question has a counted answer, else incomplete.
 * - Success: passed/failed against the LMS's passing score (1.2 `cmi.student_data.mastery_score`,
 *   0..100; 2004 `cmi.scaled_passing_score`, 0..1), written into the manifest; unknown without one.
 */

export interface LessonReport {
  /** Points earned and available (auto-graded). */
  points: number;
  maxPoints: number;
  /** 0..1 */
  scaled: number;
  completed: boolean;
  /** undefined: no passing score known. */
  passed?: boolean;
}

export function lessonReport(lesson: LessonProgress, passingScaled?: number): LessonReport {
  const summary = summariseLesson(lesson);
  const maxPoints = summary.maxScore ?? 0;
  const points = Math.min(summary.score, maxPoints || summary.score);
  const scaled = maxPoints > 0 ? round(points / maxPoints, 4) : 0;
  const completed = summary.questions !== undefined ? summary.answered >= summary.questions : false;
  const passed = passingScaled === undefined || !completed ? undefined : scaled >= passingScaled;
  return { points: round(points, 2), maxPoints, scaled, completed, passed };
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** The element names of each version for the values the site reports. */
export const elements = {
  '1.2': {
    suspendData: 'cmi.suspend_data',
    location: 'cmi.core.lesson_location',
    sessionTime: 'cmi.core.session_time',
    entry: 'cmi.core.entry',
    passingScore: 'cmi.student_data.mastery_score',
  },
  '2004': {
    suspendData: 'cmi.suspend_data',
    location: 'cmi.location',
    sessionTime: 'cmi.session_time',
    entry: 'cmi.entry',
    passingScore: 'cmi.scaled_passing_score',
  },
} as const;

/** The LMS's passing score as a 0..1 fraction, from the text it returned; undefined when none is set. */
export function passingScaled(version: ScormVersion, text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return version === '1.2' ? value / 100 : value;
}

/** The score and status elements for a report, in the order they are set. */
export function reportValues(version: ScormVersion, report: LessonReport): [string, string][] {
  if (version === '1.2') {
    const status = !report.completed ? 'incomplete' : report.passed === undefined ? 'completed' : report.passed ? 'passed' : 'failed';
    return [
      ['cmi.core.score.min', '0'],
      ['cmi.core.score.max', '100'],
      ['cmi.core.score.raw', String(round(report.scaled * 100, 2))],
      ['cmi.core.lesson_status', status],
    ];
  }
  return [
    ['cmi.score.min', '0'],
    ['cmi.score.max', String(report.maxPoints)],
    ['cmi.score.raw', String(report.points)],
    ['cmi.score.scaled', String(report.scaled)],
    ['cmi.completion_status', report.completed ? 'completed' : 'incomplete'],
    ['cmi.success_status', report.passed === undefined ? 'unknown' : report.passed ? 'passed' : 'failed'],
  ];
}

/** Session time in each version's format: 1.2 `HHHH:MM:SS.SS`, 2004 an ISO 8601 duration. */
export function sessionTime(version: ScormVersion, milliseconds: number): string {
  const centis = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  if (version === '2004') return `PT${hours}H${minutes}M${seconds}S`;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(hours).padStart(4, '0')}:${two(minutes)}:${seconds.toFixed(2).padStart(5, '0')}`;
}
