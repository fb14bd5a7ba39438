import type { Grade, Gradable, GradableOf } from '../grade';
import type { QuestionType } from '../schema';
import type { ScoringPolicy } from '../scoring';

/**
 * What a question type is, in the browser and the build alike: how it grades, what it shows once
 * settled, how it says what the learner answered, and the three responses its `test` hook makes
 * (after PrairieLearn's element `test`): one that states the answer, one that is wrong, one that is
 * not an answer at all. Pure: no zod, no DOM, so the page's grader can carry every type.
 * Its server half (schema, Markdown fields, checks, page data) is a `ServerKind` (server-kind.ts).
 */
export interface QuestionKind<T extends QuestionType = QuestionType> {
  type: T;
  grade(question: GradableOf<T>, response: unknown): Grade;
  /** The response cases the build grades for every question: see `ResponseCase`. */
  testResponses(question: GradableOf<T>): ResponseCase[];
  /** The right answer in words (a sentence, or block HTML starting with `<p>`), once settled. */
  describeAnswer(question: GradableOf<T>, response?: unknown): string | undefined;
  /** The learner's response in words, for the review: HTML, anything typed escaped. */
  describeResponse(question: GradableOf<T>, response: unknown): string | undefined;
  /**
   * What the review shows of the question as the learner answered it, when the page shows
   * something else now (a parametrized question: the variant answered, its prompt, explanation
   * and numbers). Default: the prompt and explanation as the page has them.
   */
  reviewed?(question: GradableOf<T>, response: { seed?: number } | undefined): ReviewedQuestion | undefined;
  /** Points the learner awards themself, totalled apart from the graded score. */
  selfAssessed?: boolean;
  /** Checks allowed unless the question says otherwise, whatever the quiz says (true-false: 1, code: 0 = unlimited). */
  attempts?: number;
  /** The type's scoring, over the quiz's (code is written by trial and error: no credit lost per run). */
  scoring?: Partial<ScoringPolicy>;
}

/** The review's own copy of a question: HTML, built at build time. */
export interface ReviewedQuestion {
  prompt: string;
  explanation: string;
  /** "Your numbers": the values the learner was given, in words. */
  numbers?: string;
}

/**
 * One instance's test responses: `right` must earn full marks, `wrong` less (undefined when the
 * question admits no wrong answer, e.g. an open question rated by the learner), `invalid` a
 * message and no mark. `label` names the instance ("variant 3") when a question has several.
 */
export interface ResponseCase {
  label?: string;
  right: unknown;
  wrong: unknown;
  invalid: unknown;
}

export function invalid(question: Gradable, reason: string): Grade {
  return { score: 0, max: question.points, correct: false, feedback: [], invalid: reason };
}

export function result(question: Gradable, fraction: number, feedback: (string | undefined)[]): Grade {
  const correct = fraction === 1;
  const general = correct ? question.feedback?.correct : question.feedback?.incorrect;
  return {
    score: fraction * question.points,
    max: question.points,
    correct,
    feedback: [...feedback, general].filter((f): f is string => f !== undefined),
  };
}

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

export const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Score to two decimals at most, for sentences. */
export const points = (n: number) => String(Math.round(n * 100) / 100);

/** Accepted text answers and units are plain text, not Markdown: escape them before they meet HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface NumberTolerance {
  tolerance?: number;
  relativeTolerance?: number;
  unit?: string;
}

export function describeNumber(answer: number, question: NumberTolerance): string {
  const tolerance = Math.max(question.tolerance ?? 0, (question.relativeTolerance ?? 0) * Math.abs(answer));
  const within = tolerance > 0 ? ` (± ${Number(tolerance.toPrecision(6))})` : '';
  const shown = Number(answer.toPrecision(12));
  return `The answer: ${shown}${question.unit ? ` ${escapeHtml(question.unit)}` : ''}${within}.`;
}

/** A number the grader refuses for `answer` whatever the tolerance: well outside it. */
export function numberOutside(answer: number, question: NumberTolerance): string {
  const allowed = Math.max(question.tolerance ?? 0, (question.relativeTolerance ?? 0) * Math.abs(answer));
  return String(answer + 2 * allowed + Math.abs(answer) + 1);
}

export const choiceText = (choices: readonly { id: string; text: string }[], id: unknown) =>
  choices.find((c) => c.id === id)?.text ?? '(none)';

/** A grade from a type's own pure grader: its share of the points and its sentences, or why it is no answer. */
export function fromOutcome(question: Gradable, outcome: { fraction: number; feedback: string[]; invalid?: string }): Grade {
  return outcome.invalid !== undefined ? invalid(question, outcome.invalid) : result(question, outcome.fraction, outcome.feedback);
}

/** Define a type, checked against its own question type. */
export const defineKind = <T extends QuestionType>(kind: QuestionKind<T>): QuestionKind<T> => kind;
