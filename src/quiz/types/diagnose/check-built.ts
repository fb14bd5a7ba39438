import { diagnoseLoss } from '../../../sim/index';
import type { GeneratorRegistry } from '../../generators/index';
import type { QuestionOf } from '../../schema';
import { registryNames as names, type At, type Report } from '../server-kind';
import { diagnoseLosses } from './build';

/** The build's check of a diagnose question: its curve computed, and read by src/sim's diagnoseLoss as the right verdict says. */

export function checkDiagnose(question: QuestionOf<'diagnose'>, at: At, report: Report, registry: GeneratorRegistry): void {
  if (question.curve) {
    const generator = registry.curves[question.curve.generator];
    if (!generator) {
      report(at('curve', 'generator'), `there is no curve generator "${question.curve.generator}"; expected one of ${names(registry.curves)}`);
      return;
    }
    const missing = generator.params.filter((name) => !Object.hasOwn(question.curve!.params, name));
    if (missing.length > 0) {
      report(at('curve', 'params'), `the curve "${question.curve.generator}" needs ${generator.params.join(', ')}; missing ${missing.join(', ')}`);
      return;
    }
  }
  let losses: number[];
  try {
    losses = diagnoseLosses(question, registry);
  } catch (error) {
    report(at('curve'), `the curve could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (losses.filter(Number.isFinite).length < 2) {
    report(at(question.curve ? 'curve' : 'losses'), 'expected at least two finite losses to draw a curve');
    return;
  }
  const right = question.verdict.choices.find((c) => c.id === question.verdict.answer);
  const index = question.verdict.choices.findIndex((c) => c.id === question.verdict.answer);
  const simulation = diagnoseLoss(losses);
  if (!right?.diagnosis) {
    report(
      at('verdict', 'choices', index, 'diagnosis'),
      `question ${question.id}: say which diagnosis the right verdict means (diagnosis: ${simulation.verdict}, as the simulation reads this curve) so the build can compare`,
      'warning',
    );
  } else if (right.diagnosis !== simulation.verdict) {
    report(
      at('verdict', 'choices', index, 'diagnosis'),
      `question ${question.id}: the right verdict means "${right.diagnosis}", but src/sim's diagnoseLoss reads the curve as "${simulation.verdict}" (${simulation.reasons[0] ?? ''})`,
      'warning',
    );
  }
}

