import { renderMarkdown } from '../markdown/render';
import { isSelfAssessed, type Gradable } from './grade';
import { mapMarkdown } from './markdown';
import type { Question, QuizData } from './schema';

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

/** The grader's part of a rendered question: the prompt, explanation and hints stay in the HTML. */
export function gradable(rendered: Question): Gradable {
  const { prompt: _prompt, explanation: _explanation, hints: _hints, objectives: _objectives, ...rest } = rendered;
  if (rest.type === 'open') {
    const { modelAnswer: _model, checklist: _checklist, ...open } = rest;
    return open;
  }
  return rest;
}

export function pageData(
  lessonId: string,
  quiz: Pick<QuizData, 'attempts'>,
  questions: Question[],
  complete: boolean,
): QuizPageData {
  return { lessonId, attempts: quiz.attempts, questions: questions.map((q) => gradable(renderQuestion(q))), complete };
}

/** JSON safe inside `<script type="application/json">`: no `</script>` or `<!--` can close it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Block-level HTML cannot go in a `<legend>`; such prompts sit below it instead. */
export function isPhrasing(html: string): boolean {
  return !/<(p|div|ul|ol|table|pre|blockquote|h[1-6]|hr|figure|dl)\b/i.test(html);
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

/**
 * The accessible name of a label that is nothing but math, as Chromium computes it from KaTeX's
 * MathML (tokens joined by spaces, e.g. "η = 0.3"). axe cannot read MathML and would call such a
 * label empty, so the component states the same name in `aria-label`. Undefined when the label
 * has plain text of its own.
 */
export function mathOnlyLabel(html: string): string | undefined {
  if (!html.includes('class="katex"')) return undefined;
  const mathml: string[] = [];
  const rest = withoutElement(html, 'span', 'katex-html')
    .replace(/<annotation\b[\s\S]*?<\/annotation>/g, '')
    .replace(/<math\b[\s\S]*?<\/math>/g, (math) => {
      mathml.push(math);
      return ' ';
    });
  if (textOf(rest) !== '') return undefined;
  return mathml.map(textOf).join(' ');
}

/** Plain text of an HTML fragment: tags become spaces, entities are decoded, space collapses. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, code: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (code.startsWith('#')) {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return String.fromCodePoint(n);
      }
      return named[code.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Remove every `<tag class="…className…">` element with all it contains (tags of that name may nest). */
function withoutElement(html: string, tag: string, className: string): string {
  const open = new RegExp(`<${tag}\\b[^>]*class="[^"]*\\b${className}\\b[^"]*"[^>]*>`, 'g');
  const any = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  let out = '';
  let from = 0;
  for (let match = open.exec(html); match; match = open.exec(html)) {
    out += html.slice(from, match.index);
    any.lastIndex = match.index + match[0].length;
    let depth = 1;
    let tagMatch: RegExpExecArray | null = null;
    while (depth > 0 && (tagMatch = any.exec(html))) depth += tagMatch[1] ? -1 : 1;
    from = tagMatch ? any.lastIndex : html.length;
    open.lastIndex = from;
  }
  return out + html.slice(from);
}
