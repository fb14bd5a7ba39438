import type { GradableBase } from '../../grade';

/** A choice of one variant: its text and feedback are lists of indices into the question's `pieces`. */
export interface VariantChoice {
  id: string;
  value: number;
  text: number[];
  feedback?: number[];
  /** The accessible name when the text is nothing but math (see mathOnlyLabel in page.ts). */
  label?: string;
}

/** One variant of a parametrized question, as the build rendered it. */
export interface QuestionVariant {
  seed: number;
  /** The parameters as the prompt shows them, for the review ("a = 1.5, x0 = 4"). */
  params: Record<string, string>;
  /** A number (numeric) or the id of the right choice (choice). */
  answer: number | string;
  choices?: VariantChoice[];
  /** The rendered prompt and explanation, as indices into `pieces`. */
  prompt: number[];
  explanation: number[];
  /**
   * Wrong answers the generator computed for this variant, each with the misconception behind it
   * (rendered, as indices into `pieces`): a numeric response within tolerance of one is told why.
   */
  misconceptions?: { value: number; why: number[] }[];
}

export interface ParametrizedGradable extends GradableBase {
  type: 'parametrized';
  kind: 'numeric' | 'choice';
  tolerance?: number;
  relativeTolerance?: number;
  unit?: string;
  /** The prompts are phrasing content and sit in the legend (as Question.astro decides for seed 0). */
  promptInline: boolean;
  /**
   * Rendered HTML fragments the variants are assembled from. Variants repeat most of their text
   * and many of their formulas, so each distinct fragment (a KaTeX formula, the prose between) is
   * stored once: thirty variants cost a few formulas each, not thirty copies of the question.
   */
  pieces: string[];
  variants: QuestionVariant[];
}

