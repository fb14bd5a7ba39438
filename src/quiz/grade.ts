import type { Choice, Question, QuestionType } from './schema';
import type { CodeTestCase, TestOutcome } from './code';
import { parseNumber, withinTolerance } from './numbers';
import { matchesText } from './text';
import { describeExpressionAnswer, gradeExpression, type ExpressionGradable, type Outcome } from './expression/question';
import { describeMultipartAnswer, gradeMultipartQuestion, type MultipartGradable } from './multipart/question';

export type { ExpressionGradable } from './expression/question';
export type { MultipartGradable } from './multipart/question';

/**
 * The one grader. Tests, the build's self-check and the page all call `grade`. It is pure and
 * imports the schema for types only, so the browser bundle carries no zod.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Types whose page data the build computes (variants, a curve, expected values), not copies. */
type BuiltType = 'parametrized' | 'diagnose' | 'code' | 'expression' | 'multipart';
/** A question the grader takes as written (the others are built into page data first). */
export type ClassicQuestion = Exclude<Question, { type: BuiltType }>;

/** Fields every gradable question has. */
interface GradableBase {
  id: string;
  points: number;
  feedback?: { correct?: string; incorrect?: string };
}

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
  /**
   * Every variant's seed, in order, when `variants` holds only some of them: a lesson page carries
   * the first and fetches the others (page.ts, withFirstVariant). Absent: `variants` holds them all.
   */
  seeds?: number[];
}

export interface DiagnosePart {
  choices: Choice[];
  answer: string;
}

export interface DiagnoseGradable extends GradableBase {
  type: 'diagnose';
  verdict: DiagnosePart;
  fix: DiagnosePart;
}

export interface CodeGradable extends GradableBase {
  type: 'code';
  /** The name of the function the learner defines. */
  function: string;
  /** Tests with expected values computed at build (non-finite numbers encoded, see code.ts). */
  tests: CodeTestCase[];
  /** The reference solution, shown once the question is settled. */
  solution: string;
}

/** What the grader reads of a question: everything except the text shown around the inputs. */
export type Gradable =
  | DistributiveOmit<ClassicQuestion, 'prompt' | 'explanation' | 'hints' | 'objectives' | 'modelAnswer' | 'checklist'>
  | ParametrizedGradable
  | DiagnoseGradable
  | CodeGradable
  | ExpressionGradable
  | MultipartGradable;
export type GradableOf<T extends QuestionType> = Extract<Gradable, { type: T }>;

/** How the learner rates their own answer to an `open` question, and the share of points each is worth. */
export const selfRatings = { 'got-it': 1, partly: 0.5, 'not-yet': 0 } as const;
export type SelfRating = keyof typeof selfRatings;

/** The response each question type takes. Anything else is graded `invalid`, never thrown on. */
export interface Responses {
  'true-false': boolean;
  /** The id of the chosen choice. */
  single: string;
  /** The ids of the chosen choices. */
  multiple: readonly string[];
  /** The text as typed; the grader parses it (see numbers.ts). */
  numeric: string;
  text: string;
  /** Item ids in the learner's order. */
  ordering: readonly string[];
  open: { text: string; rating: SelfRating };
  /** The variant answered (its seed) and the number typed or the choice id picked. */
  parametrized: { seed: number; answer: string };
  /** The ids of the chosen verdict and fix. */
  diagnose: { verdict: string; fix: string };
  /** The code that ran and each test's outcome, from the worker. */
  code: CodeResponse;
  /** The formula as typed. */
  expression: string;
  /** The text typed (numeric parts) or the choice id, by part id. */
  multipart: Readonly<Record<string, string>>;
}

export interface CodeResponse {
  code: string;
  outcomes: TestOutcome[];
  /** Set when the run was stopped (the time limit): says why. */
  stopped?: string;
}

/** The variant of a parametrized question with this seed, if the page has it. */
export function variantOf(question: ParametrizedGradable, seed: unknown): QuestionVariant | undefined {
  return question.variants.find((v) => v.seed === seed);
}

/** Rendered HTML of a variant's part: its pieces joined. */
export function assemble(question: ParametrizedGradable, indices: readonly number[] | undefined): string {
  return (indices ?? []).map((i) => question.pieces[i] ?? '').join('');
}

export interface Grade {
  score: number;
  max: number;
  /** Full marks. */
  correct: boolean;
  /**
   * Paragraphs to show after a check: the author's feedback (Markdown in the content, already
   * rendered HTML in the page's data) and sentences the grader writes, which contain no markup
   * characters and so are safe to insert as HTML.
   */
  feedback: string[];
  /** The response is not an answer (empty, not a number…): say why; it costs no attempt. */
  invalid?: string;
}

/** A grade from a type's own grader (expression, multi-part): its share of the points and sentences. */
function fromOutcome(question: Gradable, outcome: Outcome): Grade {
  return outcome.invalid !== undefined ? invalid(question, outcome.invalid) : result(question, outcome.fraction, outcome.feedback);
}

/** Types whose points the learner awards themself; they are totalled apart from the graded score. */
const selfAssessedTypes: ReadonlySet<QuestionType> = new Set<QuestionType>(['open']);

export function isSelfAssessed(question: Pick<Gradable, 'type'>): boolean {
  return selfAssessedTypes.has(question.type);
}

type Grader<T extends QuestionType> = (question: GradableOf<T>, response: unknown) => Grade;

function invalid(question: Gradable, reason: string): Grade {
  return { score: 0, max: question.points, correct: false, feedback: [], invalid: reason };
}

function result(question: Gradable, fraction: number, feedback: (string | undefined)[]): Grade {
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

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Score to two decimals at most, for sentences. */
const points = (n: number) => String(Math.round(n * 100) / 100);

const graders: { [T in QuestionType]: Grader<T> } = {
  'true-false': (question, response) => {
    if (typeof response !== 'boolean') return invalid(question, 'Choose true or false first.');
    return result(question, response === question.answer ? 1 : 0, []);
  },

  single: (question, response) => {
    const choice = question.choices.find((c) => c.id === response);
    if (!choice) return invalid(question, 'Choose one of the options first.');
    return result(question, choice.id === question.answer ? 1 : 0, [choice.feedback]);
  },

  multiple: (question, response) => {
    if (!isStringList(response) || response.length === 0) return invalid(question, 'Choose at least one option first.');
    const chosen = new Set(response);
    if ([...chosen].some((id) => !question.choices.some((c) => c.id === id))) {
      return invalid(question, 'Choose among the options shown.');
    }
    const answers = new Set(question.answers);
    const right = [...answers].filter((id) => chosen.has(id)).length;
    const wrong = chosen.size - right;
    const total = answers.size;
    const fraction = Math.max(0, (right - wrong) / total);
    const picked = question.choices.filter((c) => chosen.has(c.id)).map((c) => c.feedback);
    const summary =
      fraction === 1
        ? undefined
        : `You chose ${right} of the ${plural(total, 'right option', 'right options')} and ${plural(wrong, 'wrong one', 'wrong ones')}. ` +
          `Partial credit is (right − wrong) ÷ ${total}, never below zero: ${points(fraction * question.points)} of ${points(question.points)} ${question.points === 1 ? 'point' : 'points'}.`;
    return result(question, fraction, [...picked, summary]);
  },

  numeric: (question, response) => {
    if (typeof response !== 'string' && typeof response !== 'number') return invalid(question, 'Enter a number first.');
    const parsed = parseNumber(String(response));
    if ('error' in parsed) return invalid(question, parsed.error);
    const ok = withinTolerance(parsed.value, question.answer, {
      absolute: question.tolerance,
      relative: question.relativeTolerance,
    });
    return result(question, ok ? 1 : 0, []);
  },

  text: (question, response) => {
    if (typeof response !== 'string' || response.trim() === '') return invalid(question, 'Write an answer first.');
    return result(question, matchesText(response, question) ? 1 : 0, []);
  },

  ordering: (question, response) => {
    const ids = question.items.map((i) => i.id);
    if (!isStringList(response) || response.length !== ids.length || !ids.every((id) => response.includes(id))) {
      return invalid(question, 'Put every item in order first.');
    }
    const inPlace = ids.filter((id, i) => response[i] === id).length;
    const correct = inPlace === ids.length;
    return result(question, correct ? 1 : 0, [
      correct ? undefined : `${plural(inPlace, 'item is', 'items are')} in the right place out of ${ids.length}.`,
    ]);
  },

  parametrized: (question, response) => {
    const given = asRecord(response);
    const variant = variantOf(question, given.seed);
    if (!variant) return invalid(question, 'This variant is not in the quiz any more: answer the one shown.');
    const answer = given.answer;
    if (question.kind === 'choice') {
      const choice = variant.choices?.find((c) => c.id === answer);
      if (!choice) return invalid(question, 'Choose one of the options first.');
      return result(question, choice.id === variant.answer ? 1 : 0, [
        choice.feedback && assemble(question, choice.feedback),
      ]);
    }
    if (typeof answer !== 'string') return invalid(question, 'Enter a number first.');
    const parsed = parseNumber(answer);
    if ('error' in parsed) return invalid(question, parsed.error);
    const ok = withinTolerance(parsed.value, Number(variant.answer), {
      absolute: question.tolerance,
      relative: question.relativeTolerance,
    });
    return result(question, ok ? 1 : 0, []);
  },

  diagnose: (question, response) => {
    const given = asRecord(response);
    const verdict = question.verdict.choices.find((c) => c.id === given.verdict);
    const fix = question.fix.choices.find((c) => c.id === given.fix);
    if (!verdict || !fix) return invalid(question, 'Choose a verdict and a fix first.');
    const verdictRight = verdict.id === question.verdict.answer;
    const fixRight = fix.id === question.fix.answer;
    const fraction = (Number(verdictRight) + Number(fixRight)) / 2;
    const summary =
      fraction === 0.5
        ? `The ${verdictRight ? 'verdict' : 'fix'} is right and the ${verdictRight ? 'fix' : 'verdict'} is not: half the points.`
        : undefined;
    return result(question, fraction, [verdict.feedback, fix.feedback, summary]);
  },

  code: (question, response) => {
    const given = asRecord(response);
    const outcomes = given.outcomes;
    if (typeof given.code !== 'string' || !Array.isArray(outcomes) || outcomes.length !== question.tests.length) {
      return invalid(question, 'Run the tests first.');
    }
    const passed = outcomes.filter((o) => asRecord(o).passed === true).length;
    const total = question.tests.length;
    return result(question, passed / total, [
      passed === total ? undefined : `${passed} of ${plural(total, 'test passes', 'tests pass')}.`,
    ]);
  },

  expression: (question, response) => fromOutcome(question, gradeExpression(question, response)),

  multipart: (question, response) => fromOutcome(question, gradeMultipartQuestion(question, response)),

  open: (question, response) => {
    const given: { text?: unknown; rating?: unknown } =
      typeof response === 'object' && response !== null ? response : {};
    const { text, rating } = given;
    if (typeof text !== 'string' || text.trim() === '') return invalid(question, 'Write your answer first.');
    if (typeof rating !== 'string' || !Object.hasOwn(selfRatings, rating)) {
      return invalid(question, 'Rate your answer first.');
    }
    return result(question, selfRatings[rating as SelfRating], []);
  },
};

/** Grade one response to one question. See `Responses` for what each type expects. */
export function grade(question: Gradable, response: unknown): Grade {
  const grader = graders[question.type] as Grader<QuestionType>;
  return grader(question as never, response);
}

/** The response that states the question's own answer: the build checks it earns full marks. */
export function expectedResponse(question: Gradable): unknown {
  switch (question.type) {
    case 'true-false':
    case 'single':
      return question.answer;
    case 'multiple':
      return question.answers;
    case 'numeric':
      return String(question.answer);
    case 'text':
      return question.answers[0];
    case 'ordering':
      return question.items.map((i) => i.id);
    case 'open':
      return { text: 'model answer', rating: 'got-it' } satisfies Responses['open'];
    case 'parametrized': {
      const variant = question.variants[0];
      return { seed: variant?.seed ?? 0, answer: String(variant?.answer) } satisfies Responses['parametrized'];
    }
    case 'diagnose':
      return { verdict: question.verdict.answer, fix: question.fix.answer } satisfies Responses['diagnose'];
    case 'code':
      return {
        code: question.solution,
        outcomes: question.tests.map(() => ({ passed: true })),
      } satisfies Responses['code'];
    case 'expression':
      return question.answer satisfies Responses['expression'];
    case 'multipart':
      return question.reference satisfies Responses['multipart'];
  }
}

/**
 * The right answer in words, shown once a question is settled: a sentence, or block HTML when it
 * starts with `<p>` (a code solution). Choice and item texts are used as
 * they are stored: Markdown in the content, rendered HTML in the page.
 */
export function describeAnswer(question: Gradable, response?: unknown): string | undefined {
  switch (question.type) {
    case 'true-false':
      return `The statement is ${question.answer ? 'true' : 'false'}.`;
    case 'single': {
      const choice = question.choices.find((c) => c.id === question.answer);
      return choice && `The answer: ${choice.text}`;
    }
    case 'multiple':
      return `The right options: ${question.choices
        .filter((c) => question.answers.includes(c.id))
        .map((c) => c.text)
        .join('; ')}`;
    case 'numeric':
      return describeNumber(question.answer, question);
    case 'parametrized': {
      const variant = variantOf(question, asRecord(response).seed) ?? question.variants[0];
      if (!variant) return undefined;
      if (question.kind === 'numeric') return describeNumber(Number(variant.answer), question);
      const choice = variant.choices?.find((c) => c.id === variant.answer);
      return choice && `The answer: ${assemble(question, choice.text)}`;
    }
    case 'diagnose': {
      const text = (part: DiagnosePart) => part.choices.find((c) => c.id === part.answer)?.text ?? '';
      return `The verdict: ${text(question.verdict)} The fix: ${text(question.fix)}`;
    }
    case 'code':
      return `<p>A solution that passes every test:</p><pre class="quiz-code-solution"><code>${escapeHtml(question.solution)}</code></pre>`;
    case 'text':
      return `Accepted: ${question.answers.map(escapeHtml).join('; ')}`;
    case 'ordering':
      return `The order: ${question.items.map((item, i) => `${i + 1}. ${item.text}`).join(' ')}`;
    case 'expression':
      return describeExpressionAnswer(question);
    case 'multipart':
      return describeMultipartAnswer(question);
    case 'open':
      return undefined;
  }
}

function describeNumber(answer: number, question: { tolerance?: number; relativeTolerance?: number; unit?: string }): string {
  const tolerance = Math.max(question.tolerance ?? 0, (question.relativeTolerance ?? 0) * Math.abs(answer));
  const within = tolerance > 0 ? ` (± ${Number(tolerance.toPrecision(6))})` : '';
  const shown = Number(answer.toPrecision(12));
  return `The answer: ${shown}${question.unit ? ` ${escapeHtml(question.unit)}` : ''}${within}.`;
}

/** Accepted text answers and units are plain text, not Markdown: escape them before they meet HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
