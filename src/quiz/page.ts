import { createHash } from 'node:crypto';
import { renderMarkdown } from '../markdown/render';
import { buildGradable } from './build';
import type { GeneratorRegistry } from './generators/index';
import { isSelfAssessed, type Gradable } from './grade';
import { mapMarkdown } from './markdown';
import { resolveScoring } from './scoring';
import { kinds } from './types/index';
import { serverKinds } from './types/server';
import type { ServerKind } from './types/server-kind';
import type { Question, QuizData } from './schema';

export { isPhrasing } from './build';
export { withFirstVariant } from './types/parametrized/build';

const serverKindOf = (question: Pick<Gradable, 'type'>) => serverKinds[question.type] as ServerKind;

/**
 * What the quiz components need at build time: questions with their Markdown rendered, the
 * grading data the page embeds, and a stable shuffle for ordering questions. Server only.
 */

/** The JSON a quiz (or a single inline question) carries for the browser's grader. */
export interface QuizPageData {
  lessonId: string;
  /** Checks allowed per question; 0 = unlimited. */
  attempts: number;
  questions: Gradable[];
  /** True for the lesson's full quiz, which owns the score summary and the quiz size in progress. */
  complete: boolean;
  /** Whether each check asks how sure the learner is, and marks by it (the quiz's `confidence`). */
  confidence: 'ask' | 'off' | 'weighted';
  /**
   * The lesson's variants file (see {@link lessonVariants}), when parametrized questions carry only
   * their first variant in the page: the page fetches the others from it when a learner needs one.
   */
  variantsUrl?: string;
}

export function renderQuestion<Q extends Question>(question: Q): Q {
  return mapMarkdown(question, (source, { inline }) => renderMarkdown(source, { inline }));
}

/**
 * The grader's part of a question, rendered: the prompt, explanation and hints stay in the HTML;
 * parametrized, diagnose and code questions get what the build computes for them (build.ts).
 */
export function gradable(question: Question, registry?: GeneratorRegistry): Gradable {
  return buildGradable(question, registry);
}

/**
 * The JSON a quiz carries. Given the lesson's variants file, a parametrized question carries only
 * its first variant (the one the page shows before any attempt) and the seeds of the others, which
 * the page fetches from the file when a learner needs one; without it, every variant is inline.
 */
export function pageData(
  lessonId: string,
  quiz: Pick<QuizData, 'attempts'> & Partial<Pick<QuizData, 'scoring' | 'confidence'>>,
  questions: Question[],
  complete: boolean,
  variants?: VariantsFile,
): QuizPageData {
  // Each question carries its policy resolved (the default, the quiz's, its type's, its own), so the page needs no other.
  const built = questions.map((q): Gradable => ({
    ...gradable(q),
    scoring: resolveScoring(quiz.scoring, kinds[q.type].scoring, q.scoring),
    ...(q.attempts === undefined ? {} : { attempts: q.attempts }),
  }));
  const confidence = quiz.confidence ?? 'ask';
  if (!variants) return { lessonId, attempts: quiz.attempts, questions: built, complete, confidence };
  return {
    lessonId,
    attempts: quiz.attempts,
    confidence,
    // A question whose type can wait for the rest of its data carries what the page shows first.
    questions: built.map((q) => (variants.questions.includes(q.id) ? (serverKindOf(q).firstShown?.(q as never) ?? q) : q)),
    complete,
    variantsUrl: variants.url,
  };
}

/** What a lesson page needs to know of its variants file. */
export interface VariantsFile {
  /** Root-relative URL, with a hash of the content in the name (a new build never reuses a name). */
  url: string;
  /** The file name under /quiz-data/ (the route's parameter, without `.json`). */
  name: string;
  /** The ids of the parametrized questions it holds. */
  questions: string[];
  /** The file: `{ lessonId, questions: { <id>: ParametrizedGradable with every variant } }`. */
  body: string;
}

/** The file a page fetches the other variants of parametrized questions from. */
export interface VariantsFileData {
  lessonId: string;
  questions: Record<string, Gradable>;
}

/**
 * The variants file of a lesson's quiz: every question whose type carries only part of its data in
 * the page (`firstShown`: a parametrized question with more than one variant), with all of it. Written at build to `/quiz-data/<lesson id>.<hash>.json` (src/pages/quiz-data),
 * precached by the service worker like every file of the build. Undefined when there is none.
 */
export function lessonVariants(lessonId: string, quiz: Pick<QuizData, 'questions'>): VariantsFile | undefined {
  const full = quiz.questions.map((q) => gradable(q)).filter((q) => serverKindOf(q).firstShown?.(q as never) !== undefined);
  if (full.length === 0) return undefined;
  const data: VariantsFileData = { lessonId, questions: Object.fromEntries(full.map((q) => [q.id, q])) };
  const body = JSON.stringify(data);
  const name = `${lessonId}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}`;
  return { url: `/quiz-data/${name}.json`, name, questions: full.map((q) => q.id), body };
}

/** JSON safe inside `<script type="application/json">`: no `</script>` or `<!--` can close it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A fixed, id-seeded shuffle for the items of an ordering question: the same on every build, so
 * the page does not change between deployments, and never the correct order itself.
 */
export function shuffledOrder<T>(items: readonly T[], seed: string): T[] {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (order.length > 1 && order.every((item, i) => item === items[i])) order.push(order.shift()!);
  return order;
}

/** Auto-graded points and questions, and the self-assessed ones apart. */
export function quizPoints(questions: readonly Pick<Question, 'type' | 'points'>[]) {
  const graded = questions.filter((q) => !isSelfAssessed(q));
  const self = questions.filter((q) => isSelfAssessed(q));
  return {
    points: graded.reduce((sum, q) => sum + q.points, 0),
    questions: graded.length,
    selfPoints: self.reduce((sum, q) => sum + q.points, 0),
    selfQuestions: self.length,
  };
}

/**
 * The quiz collection entry of a lesson: its file is named `<lesson id>-<slug>.quiz.yaml` (or
 * `<lesson id>.quiz.yaml`). Matched on the file name, so it holds whatever ids the collection makes.
 */
export function findQuizEntry<E extends { id: string; filePath?: string }>(
  entries: readonly E[],
  lessonId: string,
): E | undefined {
  return entries.find((entry) => {
    const name = (entry.filePath ?? entry.id).split('/').pop() ?? '';
    return name.startsWith(`${lessonId}-`) || name === `${lessonId}.quiz.yaml` || name === lessonId;
  });
}

export { mathOnlyLabel } from './math-label';
