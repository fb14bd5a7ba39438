import { renderMarkdown } from '../../../markdown/render';
import type { ParametrizedGradable, QuestionVariant, VariantChoice } from './gradable';
import { defaultGenerators, type GeneratedVariant, type GeneratorRegistry } from '../../generators/index';
import { mapMarkdown } from '../../markdown';
import { mathOnlyLabel } from '../../math-label';
import { isPhrasing } from '../../phrasing';
import { escapeHtml } from '../kind';
import { drawParams, formatParam, interpolate, type ParamValues } from '../../params';
import type { QuestionOf } from '../../schema';

/**
 * What the build computes for a parametrized question: its variants, drawn, generated and
 * rendered to HTML (formulas as MathML), the pieces of HTML stored once. Server only.
 */

/** One variant before rendering: its parameters, what the generator made of them, and its Markdown. */
export interface VariantSource {
  seed: number;
  params: ParamValues;
  generated: GeneratedVariant;
  /** Everything a template may name: the parameters and the generator's values (`answer` included). */
  values: ParamValues;
  prompt: string;
  explanation: string;
  /** Choice texts and feedback by choice id (choice generators). */
  choiceText: Record<string, string>;
  choiceFeedback: Record<string, string>;
  /** Placeholders outside math that name nothing known. */
  unknownNames: string[];
}

/** Draw, generate and interpolate variant `seed`. Throws when the generator does (the validator reports it). */
export function variantSource(
  question: QuestionOf<'parametrized'>,
  seed: number,
  registry: GeneratorRegistry = defaultGenerators,
): VariantSource {
  const generator = registry.variants[question.generator];
  if (!generator) throw new Error(`there is no generator "${question.generator}"`);
  const params = drawParams(question.params, seed);
  const generated = generator.generate(params);
  const values: ParamValues = { ...params, ...generated.values };
  if (generated.kind === 'numeric') values.answer = generated.answer;
  const unknownNames: string[] = [];
  const fill = (template: string, extra: ParamValues = {}) => {
    const result = interpolate(template, { ...values, ...extra });
    unknownNames.push(...result.unknown);
    return result.text;
  };
  const choiceText: Record<string, string> = {};
  const choiceFeedback: Record<string, string> = {};
  if (generated.kind === 'choice') {
    for (const choice of generated.choices) {
      choiceText[choice.id] = fill(question.choiceText ?? '{value}', { value: choice.value });
      const feedback = question.choiceFeedback?.[choice.id];
      if (feedback !== undefined) choiceFeedback[choice.id] = fill(feedback, { value: choice.value });
    }
  }
  return {
    seed,
    params,
    generated,
    values,
    prompt: fill(question.prompt),
    explanation: fill(question.explanation),
    choiceText,
    choiceFeedback,
    unknownNames: [...new Set(unknownNames)],
  };
}

/**
 * Split rendered HTML into prose and formulas: each `<math>…</math>` (MathML does not nest it) is one piece and the
 * text between is another, so identical formulas are stored once.
 */
export function splitPieces(html: string): string[] {
  return html.split(/(<math\b[\s\S]*?<\/math>)/).filter((piece) => piece !== '');
}

/** A dictionary of HTML pieces: `add(html)` returns the indices of its pieces, each stored once. */
function pieceStore() {
  const pieces: string[] = [];
  const index = new Map<string, number>();
  return {
    pieces,
    add(html: string): number[] {
      return splitPieces(html).map((piece) => {
        let i = index.get(piece);
        if (i === undefined) {
          i = pieces.length;
          pieces.push(piece);
          index.set(piece, i);
        }
        return i;
      });
    },
  };
}


/** The page data of a parametrized question: its first `variants` variants, rendered. */
export function buildParametrized(question: QuestionOf<'parametrized'>, registry: GeneratorRegistry): ParametrizedGradable {
  const generator = registry.variants[question.generator];
  if (!generator) throw new Error(`question ${question.id}: there is no generator "${question.generator}"`);
  const store = pieceStore();
  const sources = Array.from({ length: question.variants }, (_, seed) => variantSource(question, seed, registry));
  const promptInline = isPhrasing(renderMarkdown(sources[0]!.prompt, { inline: true }));
  const variants = sources.map((source): QuestionVariant => {
    const { generated } = source;
    const choices =
      generated.kind === 'choice'
        ? [...generated.choices]
            .sort((a, b) => a.value - b.value)
            .map((choice): VariantChoice => {
              const feedback = source.choiceFeedback[choice.id];
              const html = renderMarkdown(source.choiceText[choice.id]!, { inline: true });
              const label = mathOnlyLabel(html);
              return {
                id: choice.id,
                value: choice.value,
                text: store.add(html),
                ...(label === undefined ? {} : { label }),
                ...(feedback === undefined ? {} : { feedback: store.add(renderMarkdown(feedback)) }),
              };
            })
        : undefined;
    return {
      seed: source.seed,
      params: Object.fromEntries(
        Object.entries(source.params).map(([name, value]) => [name, formatParam(value, { math: false })]),
      ),
      answer: generated.kind === 'numeric' ? generated.answer : generated.answer,
      ...(choices ? { choices } : {}),
      prompt: store.add(renderMarkdown(source.prompt, { inline: promptInline })),
      explanation: store.add(renderMarkdown(source.explanation)),
      // The generator's wrong answers for this variant, each with why a learner gets it: the grader names it.
      ...(generated.kind === 'numeric' && generated.distractors.length > 0
        ? {
            misconceptions: generated.distractors
              .filter((d) => Number.isFinite(d.value))
              .map((d) => ({ value: d.value, why: store.add(escapeHtml(`That is a common mistake: ${d.why}.`)) })),
          }
        : {}),
    };
  });
  const rendered = mapMarkdown(question, (source) => renderMarkdown(source));
  return {
    type: 'parametrized',
    id: question.id,
    points: question.points,
    ...(rendered.feedback ? { feedback: rendered.feedback } : {}),
    kind: generator.kind,
    ...(question.tolerance === undefined ? {} : { tolerance: question.tolerance }),
    ...(question.relativeTolerance === undefined ? {} : { relativeTolerance: question.relativeTolerance }),
    ...(question.unit === undefined ? {} : { unit: question.unit }),
    promptInline,
    pieces: store.pieces,
    variants,
  };
}
