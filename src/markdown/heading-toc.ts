import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';

export interface TocEntry {
  depth: number;
  slug: string;
  /** Heading text as Markdown, math kept as `$…$` so the table of contents can render it. */
  text: string;
}

function isMath(node: Element): boolean {
  const classes = node.properties?.className;
  return Array.isArray(classes) && classes.includes('language-math');
}

function textOf(nodes: readonly ElementContent[], math: 'tex' | 'dollars'): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'element') {
      const inner = textOf(node.children, math);
      out += isMath(node) ? (math === 'dollars' ? `$${inner}$` : inner) : inner;
    }
  }
  return out;
}

/**
 * Astro names headings after their rendered text, which for a heading with math is the MathML's
 * characters run together ("f(x)=x2" for $f(x) = x^2$). Running before rehype-math, this gives
 * each h2/h3 a slug from its source text and hands the table of contents the heading with its
 * math intact, through `remarkPluginFrontmatter.toc`.
 */
export default function rehypeHeadingToc() {
  return (tree: Root, file: VFile) => {
    const slugger = new GithubSlugger();
    const toc: TocEntry[] = [];
    visit(tree, 'element', (node) => {
      const depth = /^h([2-3])$/.exec(node.tagName)?.[1];
      if (!depth) return;
      node.properties ??= {};
      const slug = typeof node.properties.id === 'string' ? node.properties.id : slugger.slug(textOf(node.children, 'tex'));
      node.properties.id = slug;
      toc.push({ depth: Number(depth), slug, text: textOf(node.children, 'dollars').trim() });
    });
    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.toc = toc;
  };
}
