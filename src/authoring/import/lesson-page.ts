import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toMarkdown } from 'mdast-util-to-markdown';
import { mdxToMarkdown } from 'mdast-util-mdx';
import { mathToMarkdown } from 'mdast-util-math';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { slugify } from '../slug';
import { frontMatterYaml, quizYaml } from '../yaml-text';

/**
 * The shared half of every page importer (MyST, Quarto, Starlight/Docusaurus MDX): each parses its
 * source with a real parser into a syntax tree, rewrites its own constructs into standard Markdown
 * nodes and our lesson components (MDX JSX nodes), and hands the tree here to be written out as MDX.
 *
 * Writing goes through mdast-util-to-markdown with the MDX, math and GFM extensions, so text is
 * escaped exactly where MDX needs it (`{`, `<`) and nowhere else, and code blocks and formulas are
 * written as their values, with fences long enough for whatever they contain: import never changes
 * a code block or a formula (test/unit/authoring/import-page.test.ts checks that property).
 */

/** Something in the source the importer did not convert; it stays visible in a Callout and is listed. */
export interface Unconverted {
  line: number;
  what: string;
}

export type Attributes = Record<string, string | undefined>;

export function jsx(name: string, attributes: Attributes, children: RootContent[]): MdxJsxFlowElement {
  return { type: 'mdxJsxFlowElement', name, attributes: attributeList(attributes), children: children as MdxJsxFlowElement['children'] };
}

export function jsxText(name: string, attributes: Attributes, children: PhrasingContent[] = []): MdxJsxTextElement {
  return { type: 'mdxJsxTextElement', name, attributes: attributeList(attributes), children };
}

function attributeList(attributes: Attributes): MdxJsxAttribute[] {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ({ type: 'mdxJsxAttribute', name, value }));
}

export const paragraph = (text: string): RootContent => ({ type: 'paragraph', children: [{ type: 'text', value: text }] });

/**
 * What is not converted stays on the page as a Callout that says so, with the source as it was
 * written in a code block (so nothing is lost and nothing is half-rendered), and is listed.
 */
export function unconvertedBlock(what: string, source: string, line: number, list: Unconverted[]): RootContent {
  list.push({ line, what });
  return jsx('Callout', { type: 'warning', title: `Not converted on import: ${what}` }, [
    paragraph(`The source (line ${line}) is kept below as written; rewrite it with the lesson components (/guide/components/).`),
    { type: 'code', lang: 'text', value: source },
  ]);
}

const extensions = [mdxToMarkdown(), mathToMarkdown(), gfmToMarkdown()];

export function toMdx(tree: Root): string {
  return toMarkdown(tree, { extensions, bullet: '-', emphasis: '_', rule: '-', fences: true, listItemIndent: 'one' });
}

/** Inline content as Markdown (a caption or a title attribute, where math stays `$…$`). */
export function inlineMarkdown(children: PhrasingContent[]): string {
  return toMdx({ type: 'root', children: [{ type: 'paragraph', children }] }).trim();
}

const texSymbols: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', nabla: '∇', partial: '∂', infty: '∞', times: '×', cdot: '·', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈', to: '→', rightarrow: '→', in: '∈', sum: 'Σ',
};

/**
 * Plain text for places that show no math (the page title, the summary on the course card):
 * simple formulas become Unicode (`$\alpha$` → α), others keep their TeX without dollars.
 */
export function plainText(node: Nodes): string {
  if (node.type === 'inlineMath' || node.type === 'math') {
    return node.value
      .replace(/\\([A-Za-z]+)\s?/g, (whole, name: string) => texSymbols[name] ?? whole)
      .replace(/[{}]/g, '')
      .trim();
  }
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  topic: string;
  source: string;
}

/**
 * The lesson files: front matter that validates (the facts a page does not state are TODOs the
 * author reviews: `npm run check` lists them) and a quiz with one self-assessed question, so the
 * imported page builds at once.
 */
export function lessonFiles(meta: LessonMeta, body: Root, schemaPath = '../../../schemas/quiz.schema.json'): { mdx: string; quiz: string; baseName: string } {
  const objectiveId = 'objective';
  const frontMatter = frontMatterYaml({
    id: meta.id,
    title: meta.title,
    summary: meta.summary,
    topic: meta.topic,
    difficulty: 'intermediate',
    estimatedTime: '1 h',
    objectives: [{ id: objectiveId, text: 'TODO: state what learners can do after this lesson.' }],
  });
  const comment = `{/* Imported from ${meta.source} by npm run import. Replace every TODO (npm run check lists those left). */}`;
  const mdx = `---\n${frontMatter}---\n\n${comment}\n\n${toMdx(body)}`;
  const quiz = quizYaml(
    {
      questions: [{ id: 'q-objective', type: 'open', objectives: [objectiveId], prompt: `In your own words: what is the main idea of "${meta.title}"?`, modelAnswer: 'TODO: write a model answer.' }],
    },
    [`yaml-language-server: $schema=${schemaPath}`, `Quiz for lesson ${meta.id}, imported from ${meta.source}. Question types: /guide/quizzes/.`],
  );
  return { mdx, quiz, baseName: `${meta.id}-${slugify(meta.title) || 'lesson'}` };
}

/** The first paragraph's plain text, at most two sentences, for the summary. */
export function summaryOf(tree: Parent): string | undefined {
  const first = tree.children.find((c) => c.type === 'paragraph' && plainText(c).trim().length > 20);
  if (!first) return undefined;
  const text = plainText(first).replace(/\s+/g, ' ').trim();
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g);
  return (sentences ? sentences.slice(0, 2).join('') : text).trim();
}
