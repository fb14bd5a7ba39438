/**
 * The `multipart` question type, browser half: grading with error carried forward (grade.ts
 * beside this file; formulas of earlier parts through the engine's slot), the reference response,
 * and the answer and response in words. Shaped as a question kind.
 */
import type { GradableBase } from '../grade';
import { formulaEngine } from '../expression/engine';
import { gradeMultipart, type ChoicePart, type NumericPart, type PartVerdict } from './grade';
import type { Outcome } from '../expression/question';

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

const plural = (n: number) => (n === 1 ? 'part' : 'parts');

function sentence(question: MultipartGradable, verdict: PartVerdict, index: number): string | undefined {
  const label = `Part ${index + 1}`;
  const number = (id: string) => question.parts.findIndex((p) => p.id === id) + 1;
  switch (verdict.kind) {
    case 'right':
      return undefined;
    case 'carried': {
      const from = verdict.from.map(number);
      return `${label} is right for your own answer to ${plural(from.length)} ${from.join(' and ')}: credit carried forward${verdict.fraction < 1 ? ` (${Math.round(verdict.fraction * 100)} % of its points)` : ''}.`;
    }
    case 'wrong':
      return verdict.refused
        ? `${label} is not right, and no credit carries forward from your answer to part ${number(verdict.refused.from)}: ${verdict.refused.reason}, not a worked answer.`
        : `${label} is not right.`;
  }
}

export function gradeMultipartQuestion(question: MultipartGradable, response: unknown): Outcome {
  const engine = formulaEngine();
  if (!engine) return { fraction: 0, feedback: [], invalid: 'The formula checker is still loading: check again in a moment.' };
  const given = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const result = gradeMultipart(question, given, engine.partEvaluator(question.parts.map((p) => p.id)));
  if (result.invalid) return { fraction: 0, feedback: [], invalid: result.invalid };
  const right = result.parts.filter((p) => p.kind === 'right').length;
  const summary = result.fraction < 1 ? `${right} of ${question.parts.length} parts right${result.parts.some((p) => p.kind === 'carried') ? ', others carried forward' : ''}.` : undefined;
  return {
    fraction: result.fraction,
    feedback: [...result.parts.map((p, i) => sentence(question, p, i)), summary].filter((s): s is string => s !== undefined),
  };
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
