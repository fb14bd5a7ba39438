import type { FieldPath } from '../../../content/problems';
import { renderMarkdown } from '../../../markdown/render';
import type { GeneratorRegistry } from '../../generators/index';
import { formatParam } from '../../params';
import type { QuestionOf } from '../../schema';
import { defaultRelativeTolerance } from '../../numbers';
import { registryNames as names, type At, type Report } from '../server-kind';
import { variantSource, type VariantSource } from './build';

/** The build's checks of a parametrized question: variants sampled, each generated and compiled, answers apart from the wrong ones. */

/** How many variants the build samples per parametrized question, whatever the page carries. */
export const sampledVariants = 200;


/** "variant 17 (a = 2, x0 = 3)": which variant, in words an author can reproduce. */
function variantName(source: Pick<VariantSource, 'seed' | 'params'>): string {
  const params = Object.entries(source.params)
    .map(([name, value]) => `${name} = ${formatParam(value, { math: false })}`)
    .join(', ');
  return `variant ${source.seed}${params ? ` (${params})` : ''}`;
}

/** The tolerance the grader allows around `answer` (numbers.ts: the larger of the two, or ~9 digits). */
function allowedAround(answer: number, tolerance: { tolerance?: number; relativeTolerance?: number }): number {
  if (tolerance.tolerance === undefined && tolerance.relativeTolerance === undefined) {
    return defaultRelativeTolerance * Math.abs(answer);
  }
  return Math.max(tolerance.tolerance ?? 0, (tolerance.relativeTolerance ?? 0) * Math.abs(answer));
}

export function checkParametrized(
  question: QuestionOf<'parametrized'>,
  at: At,
  report: Report,
  registry: GeneratorRegistry,
): void {
  const generator = registry.variants[question.generator];
  if (!generator) {
    report(at('generator'), `there is no generator "${question.generator}"; expected one of ${names(registry.variants)}`);
    return;
  }
  const missing = generator.params.filter((name) => !Object.hasOwn(question.params, name));
  if (missing.length > 0) {
    report(at('params'), `the generator "${question.generator}" needs the parameters ${generator.params.join(', ')}; missing ${missing.join(', ')}`);
    return;
  }
  if (generator.kind === 'choice' && (question.tolerance !== undefined || question.unit !== undefined)) {
    report(at(question.tolerance !== undefined ? 'tolerance' : 'unit'), `"${question.generator}" makes a choice question, which takes no tolerance or unit`);
  }
  if (generator.kind === 'numeric' && (question.choiceText !== undefined || question.choiceFeedback !== undefined)) {
    report(at(question.choiceText !== undefined ? 'choiceText' : 'choiceFeedback'), `"${question.generator}" makes a numeric question, which has no choices`);
  }

  // One problem per kind, at the first variant that shows it: 200 copies of the same message help no one.
  const seen = new Set<string>();
  const once = (kind: string, path: FieldPath, message: string) => {
    if (seen.has(kind)) return;
    seen.add(kind);
    report(path, message);
  };
  const toleranceField = at(question.tolerance !== undefined ? 'tolerance' : question.relativeTolerance !== undefined ? 'relativeTolerance' : 'generator');

  for (let seed = 0; seed < Math.max(sampledVariants, question.variants); seed++) {
    let source: VariantSource;
    try {
      source = variantSource(question, seed, registry);
    } catch (error) {
      once('throws', at('generator'), `variant ${seed}: the generator "${question.generator}" failed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const name = variantName(source);
    const badParam = Object.entries(source.params).find(([, v]) => typeof v === 'number' && !Number.isFinite(v));
    if (badParam) once('param', at('params', badParam[0]), `${name}: the parameter ${badParam[0]} has no value`);
    for (const field of ['prompt', 'explanation'] as const) {
      const template = field === 'prompt' ? source.prompt : source.explanation;
      const unknown = source.unknownNames.filter((n) => (field === 'prompt' ? question.prompt : question.explanation).includes(`{${n}`));
      if (unknown.length > 0 && template) {
        once(`unknown-${field}`, at(field), `{${unknown[0]}} names no parameter and no value of the generator; known: ${Object.keys(source.values).join(', ')}`);
      }
    }
    const { generated } = source;
    if (generated.kind === 'numeric') {
      if (!Number.isFinite(generated.answer)) {
        once('finite', at('generator'), `${name}: the answer is ${generated.answer}, not a finite number`);
        continue;
      }
      const allowed = allowedAround(generated.answer, question);
      if (generated.answer !== 0 && allowed >= Math.abs(generated.answer)) {
        once('zero', toleranceField, `${name}: the tolerance ±${formatParam(allowed, { math: false })} is at least the answer ${formatParam(generated.answer, { math: false })} itself, so 0 would be accepted; use a relative tolerance or a smaller one`);
      }
      for (const distractor of generated.distractors) {
        if (!Number.isFinite(distractor.value)) continue;
        const distance = Math.abs(distractor.value - generated.answer);
        if (allowed >= distance / 2) {
          once('separation', toleranceField, `${name}: the tolerance ±${formatParam(allowed, { math: false })} cannot separate the answer ${formatParam(generated.answer, { math: false })} from ${formatParam(distractor.value, { math: false })} (${distractor.why}): it must be less than half their distance, ${formatParam(distance / 2, { math: false })}`);
        }
      }
    } else {
      const ids = generated.choices.map((c) => c.id);
      if (!ids.includes(generated.answer)) {
        once('answer', at('generator'), `${name}: the answer "${generated.answer}" is not among the choices ${ids.join(', ')}`);
      }
      const infinite = generated.choices.find((c) => !Number.isFinite(c.value));
      if (infinite) {
        once('finite', at('generator'), `${name}: the choice "${infinite.id}" is ${infinite.value}, not a finite number`);
        continue;
      }
      for (let i = 0; i < generated.choices.length; i++) {
        for (let j = i + 1; j < generated.choices.length; j++) {
          const a = generated.choices[i]!;
          const b = generated.choices[j]!;
          const tolerance = Math.max(question.tolerance ?? 0, (question.relativeTolerance ?? 1e-9) * Math.max(Math.abs(a.value), Math.abs(b.value)));
          const sameText = source.choiceText[a.id] === source.choiceText[b.id];
          if (Math.abs(a.value - b.value) <= tolerance || sameText) {
            once('collision', at('generator'), `${name}: the choices "${a.id}" and "${b.id}" collide (${formatParam(a.value, { math: false })} and ${formatParam(b.value, { math: false })}${sameText ? ', shown as the same text' : ''})`);
          }
        }
      }
    }
    // The page's variants are rendered at build: their Markdown must compile.
    if (seed < question.variants) {
      const fields: [FieldPath, string, boolean][] = [
        [at('prompt'), source.prompt, true],
        [at('explanation'), source.explanation, false],
        ...Object.values(source.choiceText).map((text): [FieldPath, string, boolean] => [at('choiceText'), text, true]),
        ...Object.entries(source.choiceFeedback).map(([id, text]): [FieldPath, string, boolean] => [at('choiceFeedback', id), text, false]),
      ];
      for (const [path, markdown, inline] of fields) {
        try {
          renderMarkdown(markdown, { inline });
        } catch (error) {
          once(`markdown-${path.join('.')}`, path, `${name}: the Markdown does not compile: ${error instanceof Error ? error.message.replace(/\n/g, '; ') : String(error)}`);
        }
      }
    }
  }
}
