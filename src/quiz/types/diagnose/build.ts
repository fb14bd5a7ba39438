import { renderMarkdown } from '../../../markdown/render';
import type { DiagnoseGradable } from '../../grade';
import { defaultGenerators, type GeneratorRegistry } from '../../generators/index';
import { mapMarkdown } from '../../markdown';
import type { LossValue, QuestionOf } from '../../schema';

/** What the build computes for a diagnose question: the loss curve it shows, and its page data. Server only. */

/** A logged loss as a number: the words NaN and Infinity included. */
export function lossNumber(value: LossValue): number {
  return typeof value === 'number' ? value : Number(value);
}

/** The losses a diagnose question shows: its list, or its simulated curve. */
export function diagnoseLosses(question: QuestionOf<'diagnose'>, registry: GeneratorRegistry = defaultGenerators): number[] {
  if (question.losses) return question.losses.map(lossNumber);
  if (question.curve) {
    const generator = registry.curves[question.curve.generator];
    if (!generator) throw new Error(`question ${question.id}: there is no curve generator "${question.curve.generator}"`);
    return generator.losses(question.curve.params);
  }
  return [];
}

export function buildDiagnose(question: QuestionOf<'diagnose'>): DiagnoseGradable {
  const rendered = mapMarkdown(question, (source, { inline }) => renderMarkdown(source, { inline }));
  return {
    type: 'diagnose',
    id: question.id,
    points: question.points,
    ...(rendered.feedback ? { feedback: rendered.feedback } : {}),
    verdict: { choices: rendered.verdict.choices.map(({ diagnosis: _d, ...c }) => c), answer: question.verdict.answer },
    fix: { choices: rendered.fix.choices.map(({ fix: _f, ...c }) => c), answer: question.fix.answer },
  };
}

