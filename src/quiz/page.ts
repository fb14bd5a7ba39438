import { renderMarkdown } from '../markdown/render';
import { buildGradable } from './build';
import type { GeneratorRegistry } from './generators/index';
import { isSelfAssessed, type Gradable } from './grade';
import { mapMarkdown } from './markdown';
import type { Question, QuizData } from './schema';

export { isPhrasing } from './build';

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

export function pageData(
  lessonId: string,
  quiz: Pick<QuizData, 'attempts'>,
  questions: Question[],
  complete: boolean,
): QuizPageData {
  return { lessonId, attempts: quiz.attempts, questions: questions.map((q) => gradable(q)), complete };
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
