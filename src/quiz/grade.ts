import type { Question, QuestionType } from './schema';
import type { ScoringPolicy } from './scoring';
import type { ParametrizedGradable } from './types/parametrized/gradable';
import type { DiagnoseGradable } from './types/diagnose/gradable';
import type { CodeGradable } from './types/code/gradable';
import type { ExpressionGradable } from './expression/question';
import type { MultipartGradable } from './multipart/question';
import { kinds } from './types/index';
import type { QuestionKind, ResponseCase } from './types/kind';

/**
 * The one grader. Tests, the build's self-check and the page all call `grade`. It is pure and
 * imports the schema for types only, so the browser bundle carries no zod.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Page data the build computes (variants, a curve, expected values) rather than copies. */
type BuiltGradable = ParametrizedGradable | DiagnoseGradable | CodeGradable | ExpressionGradable | MultipartGradable;
/** A question the grader takes as written (the others are built into page data first). */
export type ClassicQuestion = Exclude<Question, { type: BuiltGradable['type'] }>;

/** Fields every gradable question has. */
export interface GradableBase {
  id: string;
  points: number;
  /** The scoring policy, resolved at build from the quiz's, the type's and the question's (session.ts). */
  scoring?: Partial<ScoringPolicy>;
  /** Checks allowed, when the question or its type sets them apart from the quiz. */
  attempts?: number;
  feedback?: { correct?: string; incorrect?: string };
  /** Shown once the question is settled: HTML (page.ts `fullGradable`; a parametrized question's is per variant). */
  explanation?: string;
  /** What the type reveals on request, as HTML (an open question's model answer and checklist). */
  reveal?: string;
}

/** What the grader reads of a question: everything except the text shown around the inputs. */
export type Gradable =
  | (DistributiveOmit<ClassicQuestion, 'prompt' | 'explanation' | 'hints' | 'objectives' | 'modelAnswer' | 'checklist'> & Pick<GradableBase, 'explanation' | 'reveal'>)
  | BuiltGradable;
export type GradableOf<T extends QuestionType> = Extract<Gradable, { type: T }>;

export { selfRatings, type SelfRating } from './types/open/index';
export { assemble, variantOf } from './types/parametrized/index';
export { escapeHtml, asRecord, isStringList } from './types/kind';
export type { ParametrizedGradable, QuestionVariant, VariantChoice } from './types/parametrized/gradable';
export type { DiagnoseGradable, DiagnosePart } from './types/diagnose/gradable';
export type { CodeGradable, CodeResponse } from './types/code/gradable';
export type { ExpressionGradable } from './expression/question';
export type { MultipartGradable } from './multipart/question';


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

export function isSelfAssessed(question: Pick<Gradable, 'type'>): boolean {
  return kinds[question.type].selfAssessed === true;
}

/** Grade one response to one question. Each type's module says what response it takes. */
export function grade(question: Gradable, response: unknown): Grade {
  return (kinds[question.type] as QuestionKind).grade(question as never, response);
}

/** The response that states the question's own answer (its first test case's right response). */
export function expectedResponse(question: Gradable): unknown {
  return (kinds[question.type] as QuestionKind).testResponses(question as never)[0]?.right;
}

/** The right, wrong and invalid responses of every instance of the question (the type's test hook). */
export function testResponses(question: Gradable): ResponseCase[] {
  return (kinds[question.type] as QuestionKind).testResponses(question as never);
}

/**
 * The right answer in words, shown once a question is settled: a sentence, or block HTML when it
 * starts with `<p>` (a code solution). Choice and item texts are used as
 * they are stored: Markdown in the content, rendered HTML in the page.
 */
export function describeAnswer(question: Gradable, response?: unknown): string | undefined {
  return (kinds[question.type] as QuestionKind).describeAnswer(question as never, response);
}
