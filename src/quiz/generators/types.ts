import type { ParamValue, ParamValues } from '../params';

/**
 * What the quiz's named generators are: functions of the simulation module that turn parameters
 * into an answer (parametrized questions), a loss curve (diagnose questions) or a test's expected
 * value (code questions). The build calls them; the page only receives their results. The
 * registry is a parameter of the validator and the page builder, so tests register broken
 * generators of their own instead of the site shipping them.
 */

/** A plausible wrong answer: the validator checks the tolerance cannot mistake it for the answer. */
export interface Distractor {
  value: number;
  /** The mistake that produces it, for the validator's message ("forgot the factor 2"). */
  why: string;
}

export interface NumericVariant {
  kind: 'numeric';
  answer: number;
  distractors: Distractor[];
  /** Further numbers the templates may show (`{factor}` in the explanation). */
  values: Record<string, ParamValue>;
}

export interface GeneratedChoice {
  /** Stable across variants, so `choiceFeedback` can address it. */
  id: string;
  value: number;
}

export interface ChoiceVariant {
  kind: 'choice';
  /** The page lists them by increasing value, so the order gives nothing away. */
  choices: GeneratedChoice[];
  /** The id of the right choice. */
  answer: string;
  values: Record<string, ParamValue>;
}

export type GeneratedVariant = NumericVariant | ChoiceVariant;

export interface VariantGenerator {
  description: string;
  kind: GeneratedVariant['kind'];
  /** The parameters it reads; the question must declare each. */
  params: readonly string[];
  generate(params: ParamValues): GeneratedVariant;
}

export interface CurveGenerator {
  description: string;
  params: readonly string[];
  /** Logged losses, in order (the first is the loss after the first update or epoch). */
  losses(params: Readonly<Record<string, number>>): number[];
}

export interface TestOracle {
  description: string;
  /** The expected return value of the learner's function for these arguments. */
  expected(args: readonly unknown[]): unknown;
}

export interface GeneratorRegistry {
  variants: Readonly<Record<string, VariantGenerator>>;
  curves: Readonly<Record<string, CurveGenerator>>;
  oracles: Readonly<Record<string, TestOracle>>;
}

/** A parameter as a number, or NaN (which the validator then reports) when it is not one. */
export function numberParam(params: ParamValues, name: string): number {
  const value = params[name];
  return typeof value === 'number' ? value : Number.NaN;
}
