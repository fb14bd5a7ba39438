import type { ScoringSpec } from './schema';

/**
 * What an attempt is worth. A second try no longer earns what a first does: attempt n earns
 * `credit[n - 1]` of the points (the last entry for every later attempt), never below `floor`, less
 * `hintCost` for each hint the learner opened before checking. Pure, shared by build and page.
 */
export interface ScoringPolicy {
  credit: number[];
  floor: number;
  hintCost: number;
}

export const defaultScoring: ScoringPolicy = { credit: [1, 0.5, 0.25], floor: 0, hintCost: 0 };

/** Later layers win field by field: the default, the quiz's, the type's, the question's. */
export function resolveScoring(...layers: (ScoringSpec | Partial<ScoringPolicy> | undefined)[]): ScoringPolicy {
  const policy = { ...defaultScoring };
  for (const layer of layers) {
    if (layer?.credit !== undefined) policy.credit = [...layer.credit];
    if (layer?.floor !== undefined) policy.floor = layer.floor;
    if (layer?.hintCost !== undefined) policy.hintCost = layer.hintCost;
  }
  return policy;
}

/** The share of the points attempt `attempt` (1 = first) earns with `hintsUsed` hints opened. */
export function creditFor(policy: ScoringPolicy, attempt: number, hintsUsed = 0): number {
  const base = policy.credit[Math.min(Math.max(attempt, 1), policy.credit.length) - 1] ?? 1;
  return Math.min(1, Math.max(policy.floor, base - policy.hintCost * hintsUsed, 0));
}

const shares: Record<string, string> = { '1': 'full', '0.5': '½', '0.25': '¼', '0.75': '¾', '0': 'no' };
const share = (n: number) => shares[String(n)] ?? `${Math.round(n * 100)} %`;

/**
 * The policy in words, shown before the learner answers: "Full credit on the first try, then ½, ¼."
 * Only the attempts the limit allows are listed (0 = unlimited).
 */
export function describeScoring(policy: ScoringPolicy, limit: number): string {
  const shown = limit === 0 ? policy.credit : policy.credit.slice(0, limit);
  const later = shown.slice(1).map((c) => share(Math.max(c, policy.floor)));
  const first = `${share(shown[0] ?? 1)[0]!.toUpperCase()}${share(shown[0] ?? 1).slice(1)} credit on the first try`;
  const floor = policy.floor > 0 ? `, never below ${share(policy.floor)}` : '';
  const hints = policy.hintCost > 0 ? ` Each hint opened costs ${share(policy.hintCost)} of the points.` : '';
  if (limit === 1) return `One attempt: ${share(shown[0] ?? 1)} credit if it is right.${hints}`;
  if (later.length === 0 || later.every((c) => c === 'full')) return `${first.replace('on the first try', 'on every try')}.${hints}`;
  return `${first}, then ${later.join(', ')}${floor}.${hints}`;
}
