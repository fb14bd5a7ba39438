/**
 * Multi-part questions with error carried forward: parts share one prompt, and a later part may
 * be computed from earlier ones (`answer: "2 / lmax"`). Such a part is marked right when it is
 * right, and, if the author allows carrying forward, also when it is right for the learner's own
 * earlier answers, so one slip costs one part, not the whole chain (Numbas's "adaptive marking").
 *
 * The guard against stock answers (Numbas issue 444: type 0 or 1 in part 1 and part 2 becomes
 * trivial) is this rule: credit carries forward only from an earlier answer that is a genuine
 * attempt, meaning it is a finite number that differs, within that part's tolerance, from
 *   - the trivial values 0, 1 and −1,
 *   - every number written in the question (the prompt, the parts, the choices: the "offered"
 *     values a learner can copy without working anything out),
 *   - the right answer of any other part (copying another part's value is not working this one out),
 *   - any value the author lists in the part's `stock`,
 * and makes the dependent part's own value finite. Why this rule: it is checkable without
 * guessing intent, it names the reason in the feedback, and an honest slip (13.5 + 2 = 16.5
 * instead of 15.5) is almost never one of these values, while the shortcuts learners use are.
 *
 * Pure: the build, the tests and the page call it.
 */
import { parseNumber, withinTolerance } from '../numbers';

export interface NumericPart {
  id: string;
  kind: 'numeric';
  /** A number, or a formula of earlier parts' ids (`2 / lmax`). */
  answer: number | string;
  tolerance?: number;
  relativeTolerance?: number;
  /** Grade against the learner's own earlier answers too (only for a formula answer). */
  carryForward?: boolean;
  /** Values that never carry credit forward from this part, besides the trivial and offered ones. */
  stock?: readonly number[];
  points?: number;
}

export interface ChoicePartChoice {
  id: string;
  /** A condition on earlier parts (`0.1 < limit`): the right choice is the one whose condition holds. */
  when?: string;
}

export interface ChoicePart {
  id: string;
  kind: 'choice';
  choices: readonly ChoicePartChoice[];
  /** The right choice's id when it does not depend on earlier parts. */
  answer?: string;
  carryForward?: boolean;
  points?: number;
}

export type Part = NumericPart | ChoicePart;

/** Evaluates a formula or condition of earlier parts' values; NaN when it cannot. */
export type PartEvaluator = (formula: string, values: Readonly<Record<string, number>>) => number;

export interface MultipartSpec {
  parts: readonly Part[];
  /** Numbers written in the question's text (see the guard in the module comment). */
  offered: readonly number[];
  /** Share of a part's points for an answer right only for the learner's own earlier answers (default 1). */
  carryForwardCredit?: number;
}

export type PartVerdict =
  | { id: string; kind: 'right'; fraction: 1 }
  | { id: string; kind: 'carried'; fraction: number; from: string[] }
  | { id: string; kind: 'wrong'; fraction: 0; refused?: { from: string; reason: string } };

export interface MultipartResult {
  /** Fraction of the question's points earned. */
  fraction: number;
  parts: PartVerdict[];
  /** Set when some part is not an answer yet: says which and why; no part is graded. */
  invalid?: string;
}

export const trivialValues = [0, 1, -1] as const;

const weight = (part: Part) => part.points ?? 1;

/** The ids of earlier parts a formula or condition names. */
export function referencedParts(formula: string, earlier: readonly string[]): string[] {
  return earlier.filter((id) => new RegExp(`(?<![A-Za-z0-9_])${id}(?![A-Za-z0-9_])`).test(formula));
}

/** Ids of the earlier parts a part depends on. */
export function dependencies(part: Part, earlier: readonly string[]): string[] {
  if (part.kind === 'numeric') return typeof part.answer === 'string' ? referencedParts(part.answer, earlier) : [];
  return [...new Set(part.choices.flatMap((c) => (c.when ? referencedParts(c.when, earlier) : [])))];
}

/** The value a numeric part expects, given values for the earlier parts. */
function expectedNumber(part: NumericPart, values: Readonly<Record<string, number>>, evaluate: PartEvaluator): number {
  return typeof part.answer === 'number' ? part.answer : evaluate(part.answer, values);
}

/** The choice a choice part expects, given values for the earlier parts; undefined if none or several hold. */
export function expectedChoice(part: ChoicePart, values: Readonly<Record<string, number>>, evaluate: PartEvaluator): string | undefined {
  if (part.answer !== undefined) return part.answer;
  const holding = part.choices.filter((c) => c.when !== undefined && evaluate(c.when, values) === 1);
  return holding.length === 1 ? holding[0]!.id : undefined;
}

/** The right value of every numeric part, in order (each may use the ones before). */
export function referenceValues(parts: readonly Part[], evaluate: PartEvaluator): Record<string, number> {
  const values: Record<string, number> = {};
  for (const part of parts) if (part.kind === 'numeric') values[part.id] = expectedNumber(part, values, evaluate);
  return values;
}

const tolerances = (part: NumericPart) => ({ absolute: part.tolerance, relative: part.relativeTolerance ?? (part.tolerance === undefined ? 1e-3 : undefined) });

/** Why an earlier answer carries no credit forward, or undefined when it is a genuine attempt. */
export function stockReason(value: number, part: NumericPart, spec: MultipartSpec, reference: Readonly<Record<string, number>>): string | undefined {
  const near = (v: number) => withinTolerance(value, v, tolerances(part)) || value === v;
  if (trivialValues.some(near)) return `${value} is a trivial value`;
  if (spec.offered.some(near)) return `${value} is a number given in the question`;
  const other = spec.parts.find((p) => p.id !== part.id && p.kind === 'numeric' && Number.isFinite(reference[p.id]!) && near(reference[p.id]!));
  if (other) return `${value} is the answer to another part`;
  if ((part.stock ?? []).some(near)) return `${value} is a stock answer for this part`;
  return undefined;
}

/**
 * Grade every part. `responses` maps part ids to the text typed (numeric) or the choice id.
 * A response that is not an answer makes the whole result invalid, naming the part.
 */
export function gradeMultipart(spec: MultipartSpec, responses: Readonly<Record<string, unknown>>, evaluate: PartEvaluator): MultipartResult {
  const own: Record<string, number> = {};
  for (const [index, part] of spec.parts.entries()) {
    const given = responses[part.id];
    const label = `Part ${index + 1}`;
    if (part.kind === 'choice') {
      if (typeof given !== 'string' || !part.choices.some((c) => c.id === given)) {
        return { fraction: 0, parts: [], invalid: `${label}: choose one of the options first.` };
      }
      continue;
    }
    if (typeof given !== 'string' || given.trim() === '') return { fraction: 0, parts: [], invalid: `${label}: enter a number first.` };
    const parsed = parseNumber(given);
    if ('error' in parsed) return { fraction: 0, parts: [], invalid: `${label}: ${parsed.error}` };
    own[part.id] = parsed.value;
  }

  const reference = referenceValues(spec.parts, evaluate);
  const credit = spec.carryForwardCredit ?? 1;
  const verdicts: PartVerdict[] = [];
  spec.parts.forEach((part, index) => {
    const earlier = spec.parts.slice(0, index).map((p) => p.id);
    const uses = dependencies(part, earlier);
    const right =
      part.kind === 'numeric'
        ? withinTolerance(own[part.id]!, reference[part.id]!, tolerances(part))
        : responses[part.id] === expectedChoice(part, reference, evaluate);
    if (right) return verdicts.push({ id: part.id, kind: 'right', fraction: 1 });
    // Which earlier answers differ from the right ones: only those carry anything forward.
    const slipped = uses.filter((id) => {
      const p = spec.parts.find((q) => q.id === id);
      return p?.kind === 'numeric' && !withinTolerance(own[id]!, reference[id]!, tolerances(p));
    });
    if (!part.carryForward || slipped.length === 0) return verdicts.push({ id: part.id, kind: 'wrong', fraction: 0 });
    for (const id of slipped) {
      const from = spec.parts.find((q) => q.id === id) as NumericPart;
      const reason = stockReason(own[id]!, from, spec, reference);
      if (reason) return verdicts.push({ id: part.id, kind: 'wrong', fraction: 0, refused: { from: id, reason } });
    }
    // The learner's own values for the parts it uses, the right ones for the rest.
    const theirs = { ...reference, ...Object.fromEntries(slipped.map((id) => [id, own[id]!])) };
    const carried =
      part.kind === 'numeric'
        ? (() => {
            const value = expectedNumber(part, theirs, evaluate);
            return Number.isFinite(value) && withinTolerance(own[part.id]!, value, tolerances(part));
          })()
        : responses[part.id] === expectedChoice(part, theirs, evaluate);
    verdicts.push(carried ? { id: part.id, kind: 'carried', fraction: credit, from: slipped } : { id: part.id, kind: 'wrong', fraction: 0 });
  });
  const total = spec.parts.reduce((sum, p) => sum + weight(p), 0);
  const earned = verdicts.reduce((sum, v, i) => sum + v.fraction * weight(spec.parts[i]!), 0);
  return { fraction: total > 0 ? earned / total : 0, parts: verdicts };
}
