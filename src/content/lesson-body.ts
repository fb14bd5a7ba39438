/**
 * Checks of a lesson's MDX body, run before Astro starts (with the front-matter checks, per file):
 * MDX syntax, the components of the lesson vocabulary and their props, cross-references, and every
 * formula under Temml's strict mode. Everything here would otherwise fail (or, worse, pass) only
 * while Astro is already writing pages, with a line of 0 or a stack trace; here each mistake gets the
 * author's file and line.
 *
 * Pure: text in, problems out.
 */
import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { Node as EstreeNode } from 'estree';
import temml, { type Options } from 'temml';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { chartCatalog, liveChartNames } from '../charts/catalog';
import { explorerTaskNames } from '../charts/used';
import { isBowlExplorer } from '../charts/bowlExplorer';
import { mathOptions } from '../markdown/math-options';
import { texAsRendered } from '../markdown/equations';
import { difficulties } from './schema';

/** A body problem before it is given its file: the line is a line of the whole file. */
export interface BodyProblem {
  line: number;
  field: string;
  message: string;
}

/** A `<CheckYourself>` of the body, checked against the quiz once every file is read. */
export interface QuestionReference {
  /** The lesson whose quiz holds the question; undefined: this lesson. */
  lesson?: string;
  question: string;
  line: number;
}

export interface BodyFacts {
  problems: BodyProblem[];
  /** Objective ids named by `<Exercise objectives={[…]}>`, with their lines. */
  exerciseObjectives: { id: string; line: number }[];
  questions: QuestionReference[];
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/** What a prop may hold. `buildOnly`: written by the Markdown pipeline, never by an author. */
type PropSpec =
  | { kind: 'string'; required?: boolean; oneOf?: readonly string[]; buildOnly?: boolean }
  | { kind: 'strings'; required?: boolean };

interface ComponentSpec {
  props: Record<string, PropSpec>;
  /** Whether it takes content between its tags. */
  children: boolean;
}

const chartNames = Object.keys(chartCatalog);

/**
 * The lesson vocabulary (src/components/lesson/index.ts) and the props each component reads.
 * A component added there needs an entry here, or lessons using it are refused (test/unit/content).
 */
export const componentSpecs: Record<string, ComponentSpec> = {
  Callout: { props: { type: { kind: 'string', oneOf: ['note', 'tip', 'warning', 'seealso'] }, title: { kind: 'string' } }, children: true },
  CheckYourself: { props: { question: { kind: 'string', required: true }, lesson: { kind: 'string' } }, children: false },
  // Predict, then see: a question of the quiz answered first, then the run it hides (Predict.astro).
  Predict: { props: { question: { kind: 'string', required: true }, lesson: { kind: 'string' } }, children: true },
  Chart: { props: { name: { kind: 'string', required: true, oneOf: chartNames }, lesson: { kind: 'string', buildOnly: true } }, children: false },
  ChartPlaceholder: { props: { name: { kind: 'string', required: true }, description: { kind: 'string', required: true } }, children: false },
  CoreIdeas: { props: {}, children: true },
  Exercise: {
    props: {
      id: { kind: 'string', required: true },
      level: { kind: 'string', required: true, oneOf: difficulties },
      objectives: { kind: 'strings' },
      title: { kind: 'string' },
    },
    children: true,
  },
  ExplorerTask: {
    props: {
      task: { kind: 'string', required: true, oneOf: explorerTaskNames },
      chart: { kind: 'string', oneOf: [...liveChartNames] },
      lesson: { kind: 'string', buildOnly: true },
    },
    children: true,
  },
  Figure: { props: { id: { kind: 'string', required: true }, caption: { kind: 'string', required: true }, number: { kind: 'string', buildOnly: true } }, children: true },
  KeyTakeaways: { props: {}, children: true },
  // The bowl explorers have their own controls: <Chart> renders them, <LiveChart> is the x² explorer's.
  LiveChart: { props: { name: { kind: 'string', required: true, oneOf: [...liveChartNames].filter((n) => !isBowlExplorer(n)) }, lesson: { kind: 'string', buildOnly: true } }, children: false },
  MarginNote: { props: {}, children: true },
  MiniProject: { props: { title: { kind: 'string', required: true } }, children: true },
  Ref: { props: { to: { kind: 'string', required: true }, href: { kind: 'string', buildOnly: true }, label: { kind: 'string', buildOnly: true } }, children: false },
  Solution: { props: { label: { kind: 'string' } }, children: true },
};

/** The value of a literal JavaScript expression (`{["a", "b"]}`, `{"x"}`, `{3}`); undefined for anything else. */
function literalValue(node: EstreeNode | null | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'Program':
      return node.body.length === 1 && node.body[0]!.type === 'ExpressionStatement' ? literalValue(node.body[0]!.expression) : undefined;
    case 'Literal':
      return node.value;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis.map((q) => q.value.cooked).join('') : undefined;
    case 'ArrayExpression': {
      const items = node.elements.map((e) => (e && e.type !== 'SpreadElement' ? literalValue(e) : undefined));
      return items.some((i) => i === undefined) ? undefined : items;
    }
    default:
      return undefined;
  }
}

const notLiteral = Symbol('not a literal');

/** An attribute's value as the component will receive it: a string, `true` for a bare name, a literal, or `notLiteral`. */
function attributeValue(attr: MdxJsxAttribute): unknown {
  if (attr.value === null || attr.value === undefined) return true;
  if (typeof attr.value === 'string') return attr.value;
  const estree = (attr.value.data as { estree?: EstreeNode } | undefined)?.estree;
  const value = literalValue(estree);
  return value === undefined ? notLiteral : value;
}

const describe = (v: unknown) => (v === notLiteral ? 'an expression' : v === true ? 'no value' : typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

const lineOf = (node: { position?: { start: { line: number } } } | undefined, fallback: number) => node?.position?.start.line ?? fallback;

function strictMath(tex: string, displayMode: boolean, options: Options): Error | undefined {
  try {
    // strict: what Temml would render although LaTeX would not (non-standard constructs) stops the build like a
    // parse error does.
    temml.renderToString(texAsRendered(tex), { ...options, macros: { ...options.macros }, displayMode, throwOnError: true, strict: true });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** The line of a Temml error inside a formula that starts on `line` at `column`'s text `tex`. */
function mathErrorLine(error: Error, tex: string, texStartLine: number): number {
  const position = (error as { position?: number }).position;
  if (typeof position !== 'number') return texStartLine;
  return texStartLine + tex.slice(0, position).split('\n').length - 1;
}

/** Temml's message without the copy of the formula it appends (its own line, the error underlined). */
function mathMessage(error: Error): string {
  return error.message.trim().split('\n')[0]!.replace(/:$/, '');
}

/** The line on which a math node's TeX text starts, found in the source. */
function texStartLine(source: string, node: RootContent, tex: string): number {
  const start = node.position?.start.offset;
  const line = node.position?.start.line ?? 1;
  if (start === undefined) return line;
  const at = source.indexOf(tex, start);
  return at < 0 ? line : line + source.slice(start, at).split('\n').length - 1;
}

/** Offsets of `$` signs in `text` that are not escaped and do not start an amount like `$5`. */
function loneDollars(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i += 1;
      continue;
    }
    if (text[i] === '$' && !/[0-9]/.test(text[i + 1] ?? '')) out.push(i);
  }
  return out;
}

const isJsx = (node: { type: string }): node is JsxElement => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

/**
 * Check an MDX lesson body. `source` is the whole file with its front matter blanked out (same
 * number of lines), so every line reported is a line of the file; `lessonId` is the lesson's id
 * from its front matter, `objectiveIds` its objectives. `math`: the options the build renders the
 * lesson's math with (the shared ones of src/markdown/math-options.ts, with any course macros), so
 * what passes here renders there.
 */
export function checkLessonBody(source: string, lessonId: string, objectiveIds: ReadonlySet<string>, math: Options = mathOptions): BodyFacts {
  const problems: BodyProblem[] = [];
  const exerciseObjectives: BodyFacts['exerciseObjectives'] = [];
  const questions: QuestionReference[] = [];
  let tree: Root;
  try {
    tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).parse(source);
  } catch (error) {
    const e = error as { line?: number; place?: { line?: number; start?: { line: number } }; reason?: string; message: string };
    // Some MDX errors carry their place only in the text: "Expected a closing tag for `<Callout>` (22:1-22:21)".
    const inText = /\((\d+):\d+(?:-\d+:\d+)?\)/.exec(e.reason ?? e.message)?.[1];
    const line = e.line ?? e.place?.start?.line ?? e.place?.line ?? (inText ? Number(inText) : 1);
    return { problems: [{ line, field: 'mdx', message: `MDX syntax: ${e.reason ?? e.message}` }], exerciseObjectives, questions };
  }

  const targets = new Map<string, number>();
  const refs: { to: string; line: number }[] = [];

  const checkElement = (node: JsxElement) => {
    const line = lineOf(node, 1);
    const name = node.name;
    if (name === null) return; // a fragment <>…</>
    if (/^[a-z]/.test(name) && !name.includes('.')) return; // an HTML element
    const spec = componentSpecs[name];
    if (!spec) {
      problems.push({ line, field: name, message: `unknown component <${name}>; expected one of ${Object.keys(componentSpecs).join(', ')}` });
      return;
    }
    const values = new Map<string, unknown>();
    for (const attr of node.attributes) {
      if (attr.type !== 'mdxJsxAttribute') {
        problems.push({ line: lineOf(attr, line), field: name, message: `a spread {…} of props cannot be checked; write each prop` });
        continue;
      }
      const propLine = lineOf(attr, line);
      const prop = spec.props[attr.name];
      const field = `${name}.${attr.name}`;
      if (!prop || prop.kind === 'string' && prop.buildOnly) {
        const authorProps = Object.entries(spec.props).filter(([, p]) => !(p.kind === 'string' && p.buildOnly)).map(([k]) => k);
        problems.push({
          line: propLine,
          field,
          message: prop ? `"${attr.name}" is set by the build; leave it out` : `<${name}> has no prop "${attr.name}"; expected ${authorProps.length ? `one of ${authorProps.join(', ')}` : 'no props'}`,
        });
        continue;
      }
      const value = attributeValue(attr);
      values.set(attr.name, value);
      if (prop.kind === 'string') {
        if (typeof value !== 'string') {
          problems.push({ line: propLine, field, message: `expected a text in quotes, like ${attr.name}="…" (found ${describe(value)})` });
        } else if (prop.oneOf && !prop.oneOf.includes(value)) {
          problems.push({ line: propLine, field, message: `expected one of ${prop.oneOf.join(', ')} (found "${value}")` });
        } else if (value.trim() === '') {
          problems.push({ line: propLine, field, message: `expected a non-empty text` });
        }
      } else if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        problems.push({ line: propLine, field, message: `expected a list of ids in braces, like ${attr.name}={["first-id", "second-id"]} (found ${describe(value)})` });
      }
    }
    for (const [prop, p] of Object.entries(spec.props)) {
      if (p.required && !values.has(prop)) {
        problems.push({ line, field: `${name}.${prop}`, message: `<${name}> needs ${prop}="…"` + (p.kind === 'string' && p.oneOf ? ` (one of ${p.oneOf.join(', ')})` : '') });
      }
    }
    if (!spec.children && node.children.length > 0) {
      problems.push({ line, field: name, message: `<${name}> takes no content; write it as <${name} … />` });
    }
    const text = (prop: string) => (typeof values.get(prop) === 'string' ? (values.get(prop) as string) : undefined);

    if (name === 'Exercise' || name === 'Figure') {
      const id = text('id');
      if (id !== undefined) {
        if (targets.has(id)) problems.push({ line, field: `${name}.id`, message: `"${id}" is used twice in this lesson; ids must be unique` });
        else targets.set(id, line);
      }
    }
    if (name === 'Exercise') {
      const id = text('id');
      if (id !== undefined && !id.startsWith(`${lessonId}.`)) {
        problems.push({ line, field: 'Exercise.id', message: `expected an exercise id starting with the lesson id, like "${lessonId}.1" (found "${id}")` });
      }
      const objectives = values.get('objectives');
      if (Array.isArray(objectives)) {
        for (const id of objectives as string[]) {
          exerciseObjectives.push({ id, line });
          if (!objectiveIds.has(id)) {
            problems.push({ line, field: 'Exercise.objectives', message: `"${id}" is not an objective of this lesson (objectives: ${[...objectiveIds].join(', ')})` });
          }
        }
      }
    }
    if (name === 'Ref' && text('to') !== undefined) refs.push({ to: text('to')!, line });
    if ((name === 'CheckYourself' || name === 'Predict') && text('question') !== undefined) questions.push({ lesson: text('lesson'), question: text('question')!, line });
    if (name === 'Figure' && text('caption') !== undefined) checkInlineMath(text('caption')!, line, 'Figure.caption');
  };

  /** Math written inside a prop (a caption) is rendered by the component: check it the same way. */
  const checkInlineMath = (markdown: string, line: number, field: string) => {
    const inner = unified().use(remarkParse).use(remarkMath).parse(markdown);
    walk(inner, (node) => {
      if (node.type === 'inlineMath' || node.type === 'math') {
        const error = strictMath(node.value, node.type === 'math', math);
        if (error) problems.push({ line, field, message: `cannot render this formula: ${mathMessage(error)}` });
      }
    });
  };

  walk(tree, (node) => {
    if (isJsx(node)) {
      checkElement(node);
      return;
    }
    switch (node.type) {
      case 'inlineMath':
      case 'math':
      case 'code': {
        if (node.type === 'code' && node.lang !== 'math') return;
        const start = texStartLine(source, node, node.value);
        const error = strictMath(node.value, node.type !== 'inlineMath', math);
        if (error) problems.push({ line: mathErrorLine(error, node.value, start), field: 'math', message: `cannot render this formula: ${mathMessage(error)}` });
        return;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value)) return; // a {/* comment */}
        problems.push({
          line: lineOf(node, 1),
          field: 'mdx',
          message: `{${node.value}} is a JavaScript expression, which a lesson cannot run; write $${node.value}$ for math, or \\{ and \\} for literal braces`,
        });
        return;
      }
      case 'mdxjsEsm':
        problems.push({ line: lineOf(node, 1), field: 'mdx', message: 'lessons cannot import or export: the lesson components are available without an import' });
        return;
      case 'text': {
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (start === undefined || end === undefined) return;
        const written = source.slice(start, end);
        for (const at of loneDollars(written)) {
          const line = (node.position?.start.line ?? 1) + written.slice(0, at).split('\n').length - 1;
          problems.push({ line, field: 'math', message: 'a $ with no closing $: close the formula, or write \\$ for a dollar sign' });
        }
        return;
      }
      default:
        return;
    }
  });

  for (const ref of refs) {
    if (!targets.has(ref.to)) {
      problems.push({ line: ref.line, field: 'Ref.to', message: `"${ref.to}" is not a figure or exercise id in this lesson (known: ${[...targets.keys()].join(', ') || 'none'})` });
    }
  }
  return { problems, exerciseObjectives, questions };
}

/** Depth-first visit of every node (the unist visitor would work too; this keeps the types of mdast). */
function walk(node: Root | RootContent, visit: (node: RootContent) => void): void {
  if (node.type !== 'root') visit(node);
  if ('children' in node) for (const child of node.children as RootContent[]) walk(child, visit);
}
