import type { ProgressDocument, QuestionRecord } from './document';
import { confidences, type Confidence } from './confidence';

/** Calibration for the progress page: apart from confidence.ts, which the quiz script loads. */

/** How often the learner was right at one confidence level (first attempts of auto-graded questions). */
export interface CalibrationLevel {
  confidence: Confidence;
  answered: number;
  /** Sum of first-attempt fractions (firstScore / max): partial credit counts in part. */
  right: number;
}

export interface ConfidentMiss {
  lessonId: string;
  questionId: string;
  confidence: Confidence;
  record: QuestionRecord;
}

/**
 * Calibration over every answer given with a confidence, and the answers given with confidence
 * but wrong at the first attempt, sure before think-so, most recent first: those to review first.
 */
export function calibration(document: ProgressDocument): { levels: CalibrationLevel[]; misses: ConfidentMiss[] } {
  const levels = new Map(confidences.map((c) => [c, { confidence: c, answered: 0, right: 0 }]));
  const misses: ConfidentMiss[] = [];
  for (const [lessonId, lesson] of Object.entries(document.lessons)) {
    for (const [questionId, record] of Object.entries(lesson.quiz)) {
      if (record.selfAssessed || !record.confidence || record.max <= 0) continue;
      const level = levels.get(record.confidence)!;
      const fraction = record.firstScore / record.max;
      level.answered += 1;
      level.right += fraction;
      if (fraction < 1 && record.confidence !== 'guess') misses.push({ lessonId, questionId, confidence: record.confidence, record });
    }
  }
  misses.sort(
    (a, b) =>
      confidences.indexOf(a.confidence) - confidences.indexOf(b.confidence) ||
      Date.parse(b.record.answeredAt) - Date.parse(a.record.answeredAt),
  );
  return { levels: [...levels.values()], misses };
}
