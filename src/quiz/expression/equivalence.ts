/**
 * Equivalence of two formulas by evaluation: both are evaluated at the same seeded random points
 * of the variables' declared domains and must agree at every point where the reference is
 * defined. This is what STACK, Numbas and PrairieLearn do for "is this the same function": a
 * random point where two different formulas agree to nine digits is vanishingly rare, and the
 * same seed gives the same points at build time and in the page.
 */
import { mulberry32, randomUniform, randomInt } from '../../sim/random';
import { evaluateFormula, type Formula } from './parse';

/** Where a variable is sampled: a real interval, or whole numbers from min to max inclusive. */
export interface VariableDomain {
  min: number;
  max: number;
  integer?: boolean;
}

export type Domains = Readonly<Record<string, VariableDomain>>;

export interface EquivalenceOptions {
  /** Points tried (default 40). */
  samples?: number;
  seed?: number;
  /** Agreement demanded, relative to the larger magnitude (default 1e-8). */
  relativeTolerance?: number;
  /** Agreement demanded near zero (default 1e-12). */
  absoluteTolerance?: number;
}

export type Equivalence =
  | { equivalent: true; points: number }
  | { equivalent: false; at: Record<string, number>; expected: number; got: number }
  /** The reference is undefined at too many points to decide: an author's problem, not a learner's. */
  | { equivalent: 'undecided'; points: number };

/** Fewest points where the reference is defined for a verdict. */
export const minimumDefinedPoints = 8;

/** A domain is usable when it holds at least one value (two for a real interval). */
export function domainProblem(name: string, domain: VariableDomain): string | undefined {
  if (!Number.isFinite(domain.min) || !Number.isFinite(domain.max)) return `the domain of ${name} needs finite min and max`;
  if (domain.integer) {
    if (Math.floor(domain.max) < Math.ceil(domain.min)) return `the domain of ${name} holds no whole number from ${domain.min} to ${domain.max}`;
  } else if (!(domain.max > domain.min)) {
    return `the domain of ${name} is empty: min (${domain.min}) must be below max (${domain.max})`;
  }
  return undefined;
}

/** The sample points, the same for a given seed everywhere. */
export function samplePoints(domains: Domains, count: number, seed: number): Record<string, number>[] {
  const random = mulberry32(seed);
  const names = Object.keys(domains).sort();
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      names.map((name) => {
        const d = domains[name]!;
        if (d.integer) {
          const low = Math.ceil(d.min);
          return [name, low + randomInt(random, Math.floor(d.max) - low + 1)];
        }
        return [name, randomUniform(random, d.min, d.max)];
      }),
    ),
  );
}

export function closeEnough(expected: number, got: number, relative: number, absolute: number): boolean {
  if (expected === got) return true;
  return Math.abs(expected - got) <= absolute + relative * Math.max(Math.abs(expected), Math.abs(got));
}

/** Is `candidate` the same function as `reference` over the domains? */
export function equivalent(reference: Formula, candidate: Formula, domains: Domains, options: EquivalenceOptions = {}): Equivalence {
  const { samples = 40, seed = 1, relativeTolerance = 1e-8, absoluteTolerance = 1e-12 } = options;
  let defined = 0;
  for (const point of samplePoints(domains, samples, seed)) {
    const expected = evaluateFormula(reference, point);
    if (!Number.isFinite(expected)) continue;
    defined += 1;
    const got = evaluateFormula(candidate, point);
    if (!Number.isFinite(got) || !closeEnough(expected, got, relativeTolerance, absoluteTolerance)) {
      return { equivalent: false, at: point, expected, got };
    }
  }
  return defined >= minimumDefinedPoints ? { equivalent: true, points: defined } : { equivalent: 'undecided', points: defined };
}
