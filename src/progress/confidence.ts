import type { ProgressDocument, QuestionRecord } from './document';

/**
 * How sure a learner says they are with an answer, and confidence-weighted marking. Apart from
 * review.ts so the quiz script can use it without loading the scheduler.
 */

/** How sure the learner said they were before checking. */
export type Confidence = 'sure' | 'think' | 'guess';
export const confidences: readonly Confidence[] = ['sure', 'think', 'guess'];
export const confidenceLabels: Record<Confidence, string> = { sure: 'Sure', think: 'Think so', guess: 'Guessing' };
export const isConfidence = (value: unknown): value is Confidence =>
  typeof value === 'string' && (confidences as readonly string[]).includes(value);

/**
 * Confidence-weighted marking (Gardner-Medwin's certainty-based marking, scaled to the question's
 * points): right earns max × 1, 2⁄3, 1⁄3 for sure, think so, guessing; wrong costs max × 2, 2⁄3, 0.
 * So claiming certainty pays only when one is right more than 80 % of the time, and a guess never
 * loses. `fraction` is the grade (0…1); partial credit counts in proportion.
 */
const weights: Record<Confidence, { right: number; wrong: number }> = {
  sure: { right: 1, wrong: 2 },
  think: { right: 2 / 3, wrong: 2 / 3 },
  guess: { right: 1 / 3, wrong: 0 },
};

export function confidenceMark(fraction: number, max: number, confidence: Confidence): number {
  const { right, wrong } = weights[confidence];
  return max * (fraction * right - (1 - fraction) * wrong);
}

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
