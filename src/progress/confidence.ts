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
