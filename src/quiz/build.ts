import { renderMarkdown } from '../markdown/render';
import { encodeValue, type CodeTestCase } from './code';
import type { CodeGradable, DiagnoseGradable, Gradable, ParametrizedGradable, QuestionVariant, VariantChoice } from './grade';
import { defaultGenerators, type GeneratedVariant, type GeneratorRegistry } from './generators/index';
import { mapMarkdown } from './markdown';
import { mathOnlyLabel } from './math-label';
import { escapeHtml } from './types/kind';
import { serverKinds } from './types/server';
import type { ServerKind } from './types/server-kind';
import { drawParams, formatParam, interpolate, type ParamValues } from './params';
import type { LossValue, Question, QuestionOf } from './schema';

/**
 * What the build computes for the question types whose page data is not a copy of the YAML:
 * the variants of a parametrized question (drawn, generated and rendered to HTML with KaTeX),
 * the loss curve of a diagnose question, and the expected values of a code question's tests.
 * Server only: it renders Markdown and runs the simulation module.
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
 * Split rendered HTML into prose and formulas: each `<span class="katex">…</span>` (nested spans
 * counted) is one piece and the text between is another, so identical formulas are stored once.
 */
export function splitPieces(html: string): string[] {
  const pieces: string[] = [];
  const open = '<span class="katex">';
  let from = 0;
  for (let start = html.indexOf(open); start !== -1; start = html.indexOf(open, from)) {
    if (start > from) pieces.push(html.slice(from, start));
    const tag = /<(\/?)span\b[^>]*>/g;
    tag.lastIndex = start + open.length;
    let depth = 1;
    let match: RegExpExecArray | null = null;
    while (depth > 0 && (match = tag.exec(html))) depth += match[1] ? -1 : 1;
    const end = match ? tag.lastIndex : html.length;
    pieces.push(html.slice(start, end));
    from = end;
  }
  if (from < html.length) pieces.push(html.slice(from));
  return pieces;
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

/** Block HTML cannot go in a `<legend>`; such prompts sit below it instead. */
export function isPhrasing(html: string): boolean {
  return !/<(p|div|ul|ol|table|pre|blockquote|h[1-6]|hr|figure|dl)\b/i.test(html);
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

/** The tests of a code question with their expected values: given, or computed by the oracle. */
export function codeTests(question: QuestionOf<'code'>, registry: GeneratorRegistry = defaultGenerators): CodeTestCase[] {
  const oracle = question.oracle === undefined ? undefined : registry.oracles[question.oracle];
  if (question.oracle !== undefined && !oracle) throw new Error(`question ${question.id}: there is no oracle "${question.oracle}"`);
  return question.tests.map((test) => {
    const expected = test.expected !== undefined ? test.expected : oracle?.expected(test.args);
    const tolerance = test.tolerance ?? question.tolerance;
    const relativeTolerance = test.relativeTolerance ?? question.relativeTolerance;
    return {
      name: test.name,
      args: encodeValue(test.args) as unknown[],
      expected: encodeValue(expected),
      ...(tolerance === undefined ? {} : { tolerance }),
      ...(relativeTolerance === undefined ? {} : { relativeTolerance }),
    };
  });
}

export function buildCode(question: QuestionOf<'code'>, registry: GeneratorRegistry): CodeGradable {
  const rendered = mapMarkdown(question, (source) => renderMarkdown(source));
  return {
    type: 'code',
    id: question.id,
    points: question.points,
    ...(rendered.feedback ? { feedback: rendered.feedback } : {}),
    function: question.function,
    language: question.language,
    tests: codeTests(question, registry),
    solution: question.solution,
    ...(question.alternatives
      ? {
          alternatives: Object.fromEntries(
            Object.entries(question.alternatives).map(([language, alternative]) => [
              language,
              { function: alternative!.function ?? question.function, solution: alternative!.solution },
            ]),
          ),
        }
      : {}),
  };
}

/** The grader's part of a question the grader takes as written: the prompt, explanation and hints stay in the HTML. */
function classicGradable(question: Question, pageOnly: readonly string[] = []): Gradable {
  const rendered = mapMarkdown(question, (source, { inline }) => renderMarkdown(source, { inline }));
  const { prompt: _prompt, explanation: _explanation, hints: _hints, objectives: _objectives, scoring: _scoring, ...rest } = rendered;
  return Object.fromEntries(Object.entries(rest).filter(([key]) => !pageOnly.includes(key))) as Gradable;
}

const cache = new Map<string, Gradable>();

/**
 * The page data of one question (the grader's part, rendered). Built once per question and build:
 * the quiz and a Check yourself of the same question share it.
 */
export function buildGradable(question: Question, registry: GeneratorRegistry = defaultGenerators): Gradable {
  const key = registry === defaultGenerators ? JSON.stringify(question) : undefined;
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit) return hit;
  const kind = serverKinds[question.type] as ServerKind;
  const built = kind.build ? kind.build(question as never, registry) : classicGradable(question, kind.pageOnly);
  if (key !== undefined) cache.set(key, built);
  return built;
}
