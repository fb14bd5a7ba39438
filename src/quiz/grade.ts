import type { Question, QuestionType } from './schema';
import { parseNumber, withinTolerance } from './numbers';
import { matchesText } from './text';

/**
 * The one grader. Tests, the build's self-check and the page all call `grade`. It is pure and
 * imports the schema for types only, so the browser bundle carries no zod.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the grader reads of a question: everything except the text shown around the inputs. */
export type Gradable = DistributiveOmit<
  Question,
  'prompt' | 'explanation' | 'hints' | 'objectives' | 'modelAnswer' | 'checklist'
>;
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

const isStringList = (value: unknown): value is string[] =>
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
  }
}

/**
 * The right answer in words, shown once a question is settled. Choice and item texts are used as
 * they are stored: Markdown in the content, rendered HTML in the page.
 */
export function describeAnswer(question: Gradable): string | undefined {
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
    case 'numeric': {
      const tolerance = Math.max(
        question.tolerance ?? 0,
        (question.relativeTolerance ?? 0) * Math.abs(question.answer),
      );
      const within = tolerance > 0 ? ` (± ${Number(tolerance.toPrecision(6))})` : '';
      return `The answer: ${question.answer}${question.unit ? ` ${escapeHtml(question.unit)}` : ''}${within}.`;
    }
    case 'text':
      return `Accepted: ${question.answers.map(escapeHtml).join('; ')}`;
    case 'ordering':
      return `The order: ${question.items.map((item, i) => `${i + 1}. ${item.text}`).join(' ')}`;
    case 'open':
      return undefined;
  }
}

/** Accepted text answers and units are plain text, not Markdown: escape them before they meet HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
