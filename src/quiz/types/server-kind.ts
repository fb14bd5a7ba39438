import type { FieldPath, Problem } from '../../content/problems';
import type { GeneratorRegistry } from '../generators/index';
import type { Gradable } from '../grade';
import type { QuestionOf, QuestionType } from '../schema';

/**
 * The server half of a question type (its schema is in schema.ts beside it, registry schemas.ts): which of its fields are Markdown, the checks the
 * build makes of it, and the page data it builds. Server only (zod, KaTeX, the simulation). Its
 * browser half is a `QuestionKind` (kind.ts); registry: server.ts.
 */
export interface ServerKind<T extends QuestionType = QuestionType, Q = QuestionOf<T>> {
  type: T;
  /** A copy of the question with every Markdown field passed through the renderer (markdown.ts). */
  markdown(question: Q, fields: MarkdownFields): Q;
  /** Checks of the question as written: ids, answers among the choices, ranges. */
  check?(question: Q, context: CheckContext): void;
  /** Checks of what the build computes (variants, curves, solutions): only once `check` is clean. */
  checkBuilt?(question: Q, context: CheckContext): void;
  /** The field a failed self-check (the type's test responses) is reported at. */
  answerField: string;
  /** The page data the grader reads; default: the question rendered, less what stays in the HTML. */
  build?(question: Q, generators: GeneratorRegistry): Gradable;
  /** What the type reveals on request, as HTML, carried in the quiz data file (an open question's model answer). */
  reveal?(rendered: Q): string;
  /**
   * The prompt the page shows before any attempt, when it is not the question's own (a
   * parametrized question: its first variant's; its explanations are per variant in its data too);
   * `inLegend` when the prompt is phrasing.
   */
  shown?(built: Extract<Gradable, { type: T }>): { prompt: string; inLegend: boolean };
  /** The Check button's words, when not "Check" (a code question runs its tests). */
  checkLabel?: string;
  /** Rendered fields the page shows in HTML and the grader never reads (left out of the page data). */
  pageOnly?: readonly string[];
  /** Each wrong option and whether the author says why it is wrong (the feedback check). */
  wrongOptions?(question: Q, generators: GeneratorRegistry): { path: (string | number)[]; feedback: string | undefined }[];
}

export interface MarkdownFields {
  block(source: string, ...path: (string | number)[]): string;
  inline(source: string, ...path: (string | number)[]): string;
  optional(source: string | undefined, ...path: (string | number)[]): string | undefined;
  /** The common fields rendered: prompt, hints, feedback and (when present) explanation. */
  common: { prompt: string; hints: string[]; explanation?: string; feedback?: { correct?: string; incorrect?: string } };
}

export type Report = (path: FieldPath, message: string, severity?: Problem['severity']) => void;

export interface CheckContext {
  at: (...path: (string | number)[]) => FieldPath;
  report: Report;
  generators: GeneratorRegistry;
  /** Report each value that repeats an earlier one (after `normalise`), at its own path. */
  unique(values: string[], path: (j: number) => FieldPath, what: string, normalise?: (s: string) => string): void;
  /** Texts compared as a learner reads them: NFKC, trimmed, runs of space collapsed, lower case. */
  sameText(s: string): string;
}

/** Define a server kind, its hooks typed by its own question type. */
export const defineServerKind = <T extends QuestionType>(kind: ServerKind<T>): ServerKind<T> => kind;

/** Choices: ids and texts unique, each answer among the ids. */
export function checkChoices(
  choices: readonly { id: string; text: string }[],
  answers: readonly string[],
  answerPath: (k: number) => (string | number)[],
  choicesPath: (string | number)[],
  { at, report, unique, sameText }: CheckContext,
) {
  const ids = choices.map((c) => c.id);
  unique(ids, (j) => at(...choicesPath, j, 'id'), 'choice id');
  unique(
    choices.map((c) => c.text),
    (j) => at(...choicesPath, j, 'text'),
    'choice',
    sameText,
  );
  answers.forEach((answer, k) => {
    if (!ids.includes(answer)) report(at(...answerPath(k)), `"${answer}" is not one of the choice ids; expected one of ${ids.join(', ')}`);
  });
}

/** Choice texts and feedback rendered: text inline (it sits in a label), feedback as blocks. */
export function renderChoices<C extends { text: string; feedback?: string }>(
  choices: readonly C[],
  { inline, optional }: MarkdownFields,
  ...path: (string | number)[]
): C[] {
  return choices.map((c, i) => ({
    ...c,
    text: inline(c.text, ...path, i, 'text'),
    feedback: optional(c.feedback, ...path, i, 'feedback'),
  }));
}

export type At = (...path: (string | number)[]) => FieldPath;

/** The names a registry knows, for "expected one of …" messages. */
export const registryNames = (registry: Readonly<Record<string, unknown>>) => Object.keys(registry).join(', ') || '(none)';
