/**
 * One colour per learning rate across every chart of a lesson: a reader who has learnt that
 * η = 1.1 is vermillion in one figure finds it vermillion in the next.
 *
 * @packageDocumentation
 */
import { COLOR } from './theme';

/** The rates the lessons' multi-run charts draw, each with its colour. */
const RATE_COLORS: ReadonlyMap<number, string> = new Map([
  [0.01, COLOR.secondary],
  [0.1, COLOR.primary],
  [0.9, COLOR.good],
  [1, COLOR.tertiary],
  [1.1, COLOR.danger],
]);

/**
 * The colour of learning rate `rate` in every chart.
 *
 * @throws Error for a rate without a colour, so that a new figure cannot silently reuse
 *   another rate's colour.
 */
export function rateColor(rate: number): string {
  const color = RATE_COLORS.get(rate);
  if (color === undefined) {
    throw new Error(`No chart colour for learning rate ${rate}; add it to RATE_COLORS in src/charts/rateColor.ts (known: ${[...RATE_COLORS.keys()].join(', ')}).`);
  }
  return color;
}
