/**
 * Small seeded pseudo-random generator (mulberry32) and helpers.
 *
 * `Math.random` cannot be seeded, and every chart, quiz variant and mini-batch order must be
 * reproducible from a seed at build time and in the browser alike, so all randomness in the
 * module goes through this file.
 *
 * @packageDocumentation
 */

/** A generator of uniform floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a 32-bit-state generator, fast and good enough for shuffles and quiz variants
 * (not for cryptography). The same seed always yields the same sequence on every JS engine,
 * since it only uses 32-bit integer arithmetic (`Math.imul`, `>>>`).
 *
 * @param seed - Any number; it is reduced to an unsigned 32-bit integer.
 * @returns A function returning uniform floats in [0, 1) with 32 random bits each.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Uniform integer in [0, n).
 *
 * @param random - Generator from {@link mulberry32}.
 * @param n - Exclusive upper bound (positive integer).
 */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/**
 * Uniform float in [min, max).
 *
 * @param random - Generator from {@link mulberry32}.
 */
export function randomUniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/**
 * Standard normal sample by the Box–Muller transform (one of the pair is discarded to keep
 * the generator state simple and the sequence easy to reason about).
 *
 * @param random - Generator from {@link mulberry32}.
 */
export function randomNormal(random: Random): number {
  // 1 − u keeps the logarithm's argument in (0, 1].
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Fisher–Yates shuffle of `array[0..count)` in place.
 *
 * @param random - Generator from {@link mulberry32}.
 * @param array - Array to shuffle.
 * @param count - Number of leading elements to shuffle (default: all).
 */
export function shuffleInPlace<X>(
  random: Random,
  array: { length: number; [i: number]: X },
  count: number = array.length,
): void {
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i] as X;
    array[i] = array[j] as X;
    array[j] = tmp;
  }
}
