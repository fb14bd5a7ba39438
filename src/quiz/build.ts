import { renderMarkdown } from '../markdown/render';
import type { Gradable } from './grade';
import { defaultGenerators, type GeneratorRegistry } from './generators/index';
import { mapMarkdown } from './markdown';
import { serverKinds } from './types/server';
import type { ServerKind } from './types/server-kind';
import type { Question } from './schema';

/**
 * The page data of a question: what its type's `build` hook computes (src/quiz/types/<type>/build.ts:
 * variants, curves, code tests), or the question rendered less what stays in the HTML. Server only.
 */

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

