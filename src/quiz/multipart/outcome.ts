/**
 * A multi-part question's grade in sentences, with error carried forward: loaded with the engine
 * (src/quiz/expression/install.ts), so the quiz script carries neither the grader nor mathjs.
 */
import { gradeMultipart, type PartVerdict } from './grade';
import { partEvaluator } from './evaluate';
import type { MultipartGradable } from './question';
import type { Outcome } from '../expression/question';

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

export function multipartOutcome(question: MultipartGradable, response: unknown): Outcome {
  const given = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const result = gradeMultipart(question, given, partEvaluator(question.parts.map((p) => p.id)));
  if (result.invalid) return { fraction: 0, feedback: [], invalid: result.invalid };
  const right = result.parts.filter((p) => p.kind === 'right').length;
  const summary = result.fraction < 1 ? `${right} of ${question.parts.length} parts right${result.parts.some((p) => p.kind === 'carried') ? ', others carried forward' : ''}.` : undefined;
  return {
    fraction: result.fraction,
    feedback: [...result.parts.map((p, i) => sentence(question, p, i)), summary].filter((s): s is string => s !== undefined),
  };
}

