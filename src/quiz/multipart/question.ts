/**
 * The `multipart` question type, browser half: grading with error carried forward (grade.ts
 * beside this file; formulas of earlier parts through the engine's slot), the reference response,
 * and the answer and response in words. Shaped as a question kind.
 */
import type { GradableBase } from '../grade';
import { formulaEngine } from '../expression/engine';
import type { ChoicePart, NumericPart } from './grade';
import { loading, type Outcome } from '../expression/question';

/** A part as the page carries it: the grader's fields plus its rendered choice texts and unit. */
export type MultipartGradablePart =
  | (NumericPart & { unit?: string })
  | (Omit<ChoicePart, 'choices'> & { choices: readonly { id: string; when?: string; text: string }[] });

export interface MultipartGradable extends GradableBase {
  type: 'multipart';
  parts: readonly MultipartGradablePart[];
  /** Numbers written in the question (the stock-answer guard refuses them as earlier answers). */
  offered: readonly number[];
  carryForwardCredit?: number;
  /** The right response, computed by the build: each part's value (as text) or choice id. */
  reference: Readonly<Record<string, string>>;
}

export function gradeMultipartQuestion(question: MultipartGradable, response: unknown): Outcome {
  const engine = formulaEngine();
  return engine ? engine.gradeMultipart(question, response) : { fraction: 0, feedback: [], invalid: loading };
}

/** A response the grader must mark down: every numeric part doubled plus one, every choice the first wrong one. */
export function wrongMultipart(question: MultipartGradable): Record<string, string> {
  return Object.fromEntries(
    question.parts.map((part) => {
      const right = question.reference[part.id] ?? '';
      if (part.kind === 'choice') return [part.id, part.choices.find((c) => c.id !== right)?.id ?? right];
      return [part.id, String(2 * Number(right) + 1)];
    }),
  );
}

/** A response that is not an answer: the first part left empty. */
export const unansweredMultipart = (question: MultipartGradable) => ({ ...question.reference, [question.parts[0]?.id ?? '']: '' });

export function describeMultipartAnswer(question: MultipartGradable): string {
  return `The answers: ${question.parts
    .map((part, i) => {
      const right = question.reference[part.id] ?? '';
      const shown = part.kind === 'choice' ? (part.choices.find((c) => c.id === right)?.text ?? right) : `${Number(Number(right).toPrecision(6))}${part.unit ? ` ${part.unit}` : ''}`;
      return `part ${i + 1}: ${shown}`;
    })
    .join('; ')}.`;
}

export function describeMultipartResponse(question: MultipartGradable, response: unknown, escapeHtml: (s: string) => string): string | undefined {
  const given = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : undefined;
  if (!given) return undefined;
  return question.parts
    .map((part, i) => {
      const value = given[part.id];
      const shown = part.kind === 'choice' ? (part.choices.find((c) => c.id === value)?.text ?? '(none)') : escapeHtml(typeof value === 'string' ? value : '');
      return `Part ${i + 1}: ${shown}`;
    })
    .join('; ');
}
