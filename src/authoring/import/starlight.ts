import type { PhrasingContent, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { visit, SKIP } from 'unist-util-visit';
import { jsx, paragraph, plainText, unconvertedBlock } from './lesson-page';
import type { PageContext } from './myst';
import { groupFencedDivs } from './quarto';

/**
 * Starlight and Docusaurus MDX pages into our lesson tree, parsed as MDX (remark-mdx), so
 * components, imports and expressions are nodes, not text.
 *
 * | Starlight / Docusaurus                          | lesson                                  |
 * | ----------------------------------------------- | --------------------------------------- |
 * | `<Aside type>`, `:::note[Title]`, `:::tip`, `:::caution`, `:::danger`; Docusaurus `:::info`, `<Admonition>` | Callout |
 * | `<Tabs>` / `<TabItem label>`                    | one section per tab, its label in bold  |
 * | `<Steps>`                                       | its numbered list                       |
 * | `<Card title>`, `<LinkCard>`, `<CardGrid>`      | Callout with the title / a link         |
 * | `<Badge text>`, `<Icon>`                        | the badge's text / nothing              |
 * | `import …` / `export …`                         | dropped (our components need none), listed |
 * | other components                                | Callout "Not converted" with the source |
 */

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath);

const asideTypes: Record<string, 'note' | 'tip' | 'warning' | 'seealso'> = {
  note: 'note', info: 'note', tip: 'tip', caution: 'warning', warning: 'warning', danger: 'warning', important: 'note', secondary: 'note',
};

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;

const attr = (node: Jsx, name: string) => {
  const a = node.attributes.find((x): x is MdxJsxAttribute => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
};

const lessonComponents = new Set(['Callout', 'MarginNote', 'Figure', 'Exercise', 'Solution', 'Ref']);

const asideFence = /^\s*(:{3,})\s*([a-z]+(?:\[[^\]]*\])?(?:\{[^}]*\})?)?\s*$/;

export function convertStarlight(input: string, ctx: PageContext): { tree: Root; title?: string } {
  let source = input;
  let title: string | undefined;
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (fm) {
    title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(fm[1]!)?.[1];
    source = '\n'.repeat(fm[0].split('\n').length - 1) + source.slice(fm[0].length);
  }
  // Aside fences (`:::tip`) need blank lines around them to stand alone; only outside code blocks.
  const first = processor.parse(source);
  const inCode = new Set<number>();
  visit(first, 'code', (node) => {
    for (let l = node.position!.start.line; l <= node.position!.end.line; l++) inCode.add(l);
  });
  const out: string[] = [];
  const lineOfOut: number[] = [];
  source.split('\n').forEach((line, i) => {
    if (!inCode.has(i + 1) && asideFence.test(line)) {
      out.push('', line, '');
      lineOfOut.push(i + 1, i + 1, i + 1);
    } else {
      out.push(line);
      lineOfOut.push(i + 1);
    }
  });
  const lines = source.split('\n');
  const lineOf = (node: { position?: { start: { line: number } } }) => lineOfOut[(node.position?.start.line ?? 1) - 1] ?? 1;
  const tree = processor.parse(out.join('\n'));
  const sourceOf = (node: RootContent) => {
    const start = lineOf(node);
    const end = lineOfOut[(node.position?.end.line ?? 1) - 1] ?? start;
    return lines.slice(start - 1, end).join('\n');
  };

  // Our own components, made below: visited for their children, never converted again.
  const ours = new WeakSet<object>();
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined || ours.has(node)) return;
    if (node.type === 'mdxjsEsm') {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      // `{/* comments */}` go; other expressions cannot run without the site's code.
      const value = (node as { value: string }).value.trim();
      if (/^\/\*[\s\S]*\*\/$/.test(value)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const block = unconvertedBlock('an MDX expression', `{${value}}`, lineOf(node), ctx.unconverted);
      ours.add(block);
      parent.children.splice(index, 1, block as never);
      return [SKIP, index + 1];
    }
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const el = node as Jsx;
    const flow = el.type === 'mdxJsxFlowElement';
    let replacement: RootContent[] | undefined;
    switch (el.name) {
      case 'Aside':
      case 'Admonition':
        replacement = [jsx('Callout', { type: asideTypes[attr(el, 'type') ?? 'note'] ?? 'note', title: attr(el, 'title') }, el.children as RootContent[])];
        break;
      case 'Tabs':
        replacement = (el.children as RootContent[]).flatMap((tab) => {
          if ((tab.type === 'mdxJsxFlowElement' || tab.type === 'mdxJsxTextElement') && tab.name === 'TabItem') {
            const label = attr(tab, 'label') ?? attr(tab, 'value') ?? 'Tab';
            return [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: label }] }] } as RootContent, ...(tab.children as RootContent[])];
          }
          return [tab];
        });
        break;
      case 'TabItem': {
        // A tab outside the shape <Tabs> handles above (on one line, in a paragraph): its label in bold, then its content.
        const label = attr(el, 'label') ?? attr(el, 'value') ?? 'Tab';
        const strong = { type: 'strong', children: [{ type: 'text', value: label }] } as PhrasingContent;
        replacement = flow ? [{ type: 'paragraph', children: [strong] } as RootContent, ...(el.children as RootContent[])] : ([strong, { type: 'text', value: ': ' }, ...el.children, { type: 'text', value: ' ' }] as unknown as RootContent[]);
        break;
      }
      case 'Steps':
      case 'CardGrid':
      case 'FileTree':
      case 'Fragment':
      case 'Preview':
        replacement = el.children as RootContent[];
        break;
      case 'Card':
        replacement = [jsx('Callout', { type: 'note', title: attr(el, 'title') }, el.children as RootContent[])];
        break;
      case 'LinkCard': {
        const href = attr(el, 'href');
        replacement = href ? [{ type: 'paragraph', children: [{ type: 'link', url: href, children: [{ type: 'text', value: attr(el, 'title') ?? href }] }, ...(attr(el, 'description') ? [{ type: 'text', value: ` — ${attr(el, 'description')}` } as PhrasingContent] : [])] }] : [];
        break;
      }
      case 'Badge':
        replacement = [{ type: 'text', value: attr(el, 'text') ?? plainText(el as never) } as unknown as RootContent];
        break;
      case 'Icon':
        replacement = [];
        break;
      case 'Code': {
        const code = attr(el, 'code');
        if (code !== undefined) replacement = [{ type: 'code', lang: attr(el, 'lang'), value: code }];
        break;
      }
      default:
        // HTML elements (lower case) MDX would accept stay; unknown components are shown as source.
        if (el.name && /^[a-z]/.test(el.name) && ['sub', 'sup', 'kbd', 'abbr', 'em', 'strong', 'b', 'i', 'br', 'span'].includes(el.name)) return;
    }
    if (!replacement) {
      if (!flow) {
        ctx.unconverted.push({ line: lineOf(el), what: `<${el.name ?? ''}> (kept as its text)` });
        replacement = [{ type: 'text', value: plainText(el as never) } as unknown as RootContent];
      } else {
        replacement = [unconvertedBlock(`<${el.name ?? 'fragment'}> component`, sourceOf(el as RootContent), lineOf(el), ctx.unconverted)];
        // Shown as source: nothing inside it is converted.
        ours.add(replacement[0]!);
        parent.children.splice(index, 1, ...(replacement as never[]));
        return [SKIP, index + 1];
      }
    }
    // Only what this importer made is ours; content passed through (an Aside inside <Preview>) is still to convert.
    for (const r of replacement) if ((r.type === 'mdxJsxFlowElement' || r.type === 'mdxJsxTextElement') && r.name && lessonComponents.has(r.name)) ours.add(r);
    parent.children.splice(index, 1, ...(replacement as never[]));
    // Visit the replacement next (an Aside inside a Tab, say), not the replaced node's children.
    return [SKIP, index];
  });

  groupFencedDivs(
    tree,
    asideFence,
    (opening) => {
      const m = /^([a-z]+)(?:\[([^\]]*)\])?/.exec(opening)!;
      return { kind: m[1]!, title: m[2] };
    },
    (a, items) => [jsx('Callout', { type: asideTypes[a.kind] ?? 'note', title: a.title || undefined }, items)],
    lineOf,
    ctx.unconverted,
  );

  visit(tree, 'image', (node, index, parent) => {
    if (/^[a-z]+:/i.test(node.url)) return;
    const moved = ctx.image(node.url);
    if (moved) node.url = moved;
    else if (parent && index !== undefined) {
      ctx.unconverted.push({ line: lineOf(node), what: `image ${node.url} (file not found; kept as its text)` });
      parent.children.splice(index, 1, { type: 'text', value: `[image: ${node.alt || node.url}]` });
    }
  });
  if (ctx.link) visit(tree, 'link', (node) => void (node.url = ctx.link!(node.url) ?? node.url));
  const h1 = tree.children.findIndex((c) => c.type === 'heading' && c.depth === 1);
  if (h1 !== -1 && !title) {
    title = plainText(tree.children[h1]!);
    tree.children.splice(h1, 1);
  }
  for (const c of tree.children) if (c.type === 'heading' && c.depth === 1) c.depth = 2;
  if (tree.children.length === 0) tree.children.push(paragraph('TODO: this page had no content.'));
  return { tree, title };
}
