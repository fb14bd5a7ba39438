import type { Root } from 'hast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** A question of the lesson's quiz that the body asks inline (`<CheckYourself>`, `<Predict>`), and the section it is in. */
export interface SectionCheck {
  question: string;
  /** The h2 the check follows: its id and its text as Markdown (the table of contents' entry); none before the first h2. */
  section?: { slug: string; text: string };
}

const checkComponents = new Set(['CheckYourself', 'Predict']);

const attribute = (node: MdxJsxFlowElement, name: string) => {
  const value = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name)?.value;
  return typeof value === 'string' ? value : undefined;
};

/**
 * Lists the questions of this lesson's quiz that its sections ask, in order, through
 * `remarkPluginFrontmatter.checks`, so the end quiz can link to them instead of asking them again
 * (Quiz.astro). Runs after rehypeHeadingToc, whose ids and entries it reuses; a check of another
 * lesson's quiz (`lesson="…"`) is not this quiz's and is left out.
 */
export default function rehypeSectionChecks() {
  return (tree: Root, file: VFile) => {
    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    const frontmatter = data.astro?.frontmatter;
    if (!frontmatter) return;
    const lessonId = typeof frontmatter.id === 'string' ? frontmatter.id : undefined;
    const toc = (frontmatter.toc ?? []) as { depth: number; slug: string; text: string }[];
    const sections = new Map(toc.filter((h) => h.depth === 2).map((h) => [h.slug, h]));
    const checks: SectionCheck[] = [];
    let section: SectionCheck['section'];
    visit(tree, (node) => {
      if (node.type === 'element' && node.tagName === 'h2') {
        const entry = sections.get(String(node.properties?.id));
        section = entry && { slug: entry.slug, text: entry.text };
      }
      if ((node as { type: string }).type !== 'mdxJsxFlowElement') return;
      const element = node as unknown as MdxJsxFlowElement;
      if (!checkComponents.has(element.name ?? '')) return;
      const question = attribute(element, 'question');
      const lesson = attribute(element, 'lesson');
      if (!question || (lesson !== undefined && lesson !== lessonId)) return;
      if (!checks.some((c) => c.question === question)) checks.push({ question, ...(section ? { section } : {}) });
    });
    frontmatter.checks = checks;
  };
}
