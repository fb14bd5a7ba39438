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


const serverKindOf = (question: Pick<Gradable, 'type'>) => serverKinds[question.type] as ServerKind;

/**
 * What the quiz components need at build time: questions with their Markdown rendered, the
 * grading data the page embeds, and a stable shuffle for ordering questions. Server only.
 */

/**
 * The JSON a quiz (or a single inline question) carries in its page. With the lesson's quiz data
 * file (`dataUrl`), each question is only what the page needs before the learner interacts
 * (`QuestionStub`: its type, points, checks and scoring, for the score and the attempts line);
 * the grading data, feedback, explanations and model answers come from the file, fetched when the
 * quiz nears the viewport or a learner starts on it. Without it, each question is inline, complete.
 */
export interface QuizPageData {
  lessonId: string;
  /** Checks allowed per question; 0 = unlimited. */
  attempts: number;
  questions: Gradable[];
  /** True for the lesson's full quiz, which owns the score summary and the quiz size in progress. */
  complete: boolean;
  /** Whether each check asks how sure the learner is, and marks by it (the quiz's `confidence`). */
  confidence: 'ask' | 'off' | 'weighted';
  /** The lesson's quiz data file (see {@link lessonQuizFile}): when set, `questions` are stubs. */
  dataUrl?: string;
}

/** What the page carries of a question when the rest is in the lesson's quiz data file. */
export type QuestionStub = Pick<Gradable, 'id' | 'type' | 'points' | 'attempts' | 'scoring'>;

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
 * A question's complete page data: the grader's part with its policy resolved (the default, the
 * quiz's, its type's, its own, so the page needs no other), the explanation shown once settled,
 * and what the type reveals on request (an open question's model answer).
 */
export function fullGradable(question: Question, quiz: Partial<Pick<QuizData, 'scoring'>>): Gradable {
  const server = serverKindOf(question);
  const built = gradable(question);
  // A type that shows its own explanation (a parametrized question's, per variant) carries it in its data already.
  const explanation = server.shown ? undefined : renderQuestion(question).explanation;
  const reveal = server.reveal?.(renderQuestion(question) as never);
  return {
    ...built,
    scoring: resolveScoring(quiz.scoring, kinds[question.type].scoring, question.scoring),
    ...(question.attempts === undefined ? {} : { attempts: question.attempts }),
    ...(explanation ? { explanation } : {}),
    ...(reveal ? { reveal } : {}),
  };
}

/** The stub of a question the page carries when the rest is in the quiz data file. */
export function questionStub({ id, type, points, attempts, scoring }: Gradable): QuestionStub {
  return { id, type, points, ...(attempts === undefined ? {} : { attempts }), ...(scoring === undefined ? {} : { scoring }) };
}

/**
 * The JSON a quiz carries. Given the lesson's quiz data file, each question is a stub and the page
 * fetches the rest from the file when it needs it; without it, every question is complete, inline.
 */
export function pageData(
  lessonId: string,
  quiz: Pick<QuizData, 'attempts'> & Partial<Pick<QuizData, 'scoring' | 'confidence'>>,
  questions: Question[],
  complete: boolean,
  file?: QuizDataFile,
): QuizPageData {
  const built = questions.map((q) => fullGradable(q, quiz));
  const confidence = quiz.confidence ?? 'ask';
  if (!file) return { lessonId, attempts: quiz.attempts, questions: built, complete, confidence };
  return { lessonId, attempts: quiz.attempts, confidence, questions: built.map((q) => questionStub(q) as Gradable), complete, dataUrl: file.url };
}

/** What a lesson page needs to know of its quiz data file. */
export interface QuizDataFile {
  /** Root-relative URL, with a hash of the content in the name (a new build never reuses a name). */
  url: string;
  /** The file name under /quiz-data/ (the route's parameter, without `.json`). */
  name: string;
  /** The file: {@link QuizDataFileBody}. */
  body: string;
}

/** The lesson's quiz data file: every question of its quiz, complete (every variant of a parametrized one). */
export interface QuizDataFileBody {
  lessonId: string;
  questions: Record<string, Gradable>;
}

/**
 * The quiz data file of a lesson: every question of its quiz as {@link fullGradable} makes it.
 * Written at build to `/quiz-data/<lesson id>.<hash>.json` (src/pages/quiz-data), precached by the
 * service worker like every file of the build, so the quiz grades offline.
 */
export function lessonQuizFile(lessonId: string, quiz: Pick<QuizData, 'questions'> & Partial<Pick<QuizData, 'scoring'>>): QuizDataFile {
  // Every page of the lesson (its quiz, each inline question, the route) asks for the same file: built once.
  const key = JSON.stringify([lessonId, quiz.scoring, quiz.questions]);
  const hit = quizFiles.get(key);
  if (hit) return hit;
  const data: QuizDataFileBody = { lessonId, questions: Object.fromEntries(quiz.questions.map((q) => [q.id, fullGradable(q, quiz)])) };
  const body = JSON.stringify(data);
  const name = `${lessonId}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}`;
  const file = { url: `/quiz-data/${name}.json`, name, body };
  quizFiles.set(key, file);
  return file;
}
const quizFiles = new Map<string, QuizDataFile>();

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
