import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { relative } from 'node:path';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function attribute(node: JsxElement, name: string): string | undefined {
  const attr = node.attributes.find(
    (a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name,
  );
  return typeof attr?.value === 'string' ? attr.value : undefined;
}

function setAttribute(node: JsxElement, name: string, value: string) {
  const existing = node.attributes.find(
    (a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name,
  );
  if (existing) existing.value = value;
  else node.attributes.push({ type: 'mdxJsxAttribute', name, value });
}

/** Anchor id of a figure or exercise, shared by the components and the references to them. */
export function anchorFor(kind: 'figure' | 'exercise', id: string): string {
  return kind === 'figure' ? `figure-${id}` : `exercise-${id.replaceAll('.', '-')}`;
}

/**
 * Numbers the figures of a lesson, resolves `<Ref to>` to "Figure n" or "Exercise 1.2.38.4" with a
 * link, and tells lesson-bound components which lesson they are in. A reference to nothing, or two
 * figures with one id, stops the build with the file and line: a broken cross-reference is a
 * defect a reader would meet, so it must not reach the site.
 */
export default function remarkLessonReferences() {
  return (tree: Root, file: VFile) => {
    const name = file.path ? relative(process.cwd(), file.path) : '(mdx)';
    const frontmatter = (file.data as { astro?: { frontmatter?: { id?: unknown } } }).astro?.frontmatter;
    const lessonId = typeof frontmatter?.id === 'string' ? frontmatter.id : undefined;
    const errors: string[] = [];
    const targets = new Map<string, { href: string; label: string }>();
    const refs: JsxElement[] = [];
    let figureCount = 0;

    const isJsx = (node: { type: string }): node is JsxElement =>
      node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

    visit(tree, (node) => {
      if (!isJsx(node)) return;
      const line = node.position?.start.line ?? 0;
      const id = attribute(node, 'id');
      if (node.name === 'Figure' || node.name === 'Exercise') {
        if (!id) {
          errors.push(`${name}:${line}  error  ${node.name}.id: expected an id so that the ${node.name.toLowerCase()} can be referenced`);
          return;
        }
        if (targets.has(id)) {
          errors.push(`${name}:${line}  error  ${node.name}.id: "${id}" is used twice in this lesson; ids must be unique`);
          return;
        }
        if (node.name === 'Figure') {
          figureCount += 1;
          setAttribute(node, 'number', String(figureCount));
          targets.set(id, { href: `#${anchorFor('figure', id)}`, label: `Figure ${figureCount}` });
        } else {
          targets.set(id, { href: `#${anchorFor('exercise', id)}`, label: `Exercise ${id}` });
        }
      } else if (node.name === 'Ref') {
        refs.push(node);
      } else if ((node.name === 'CheckYourself' || node.name === 'Predict' || node.name === 'Chart' || node.name === 'ExplorerTask') && lessonId && !attribute(node, 'lesson')) {
        setAttribute(node, 'lesson', lessonId);
      }
    });

    for (const ref of refs) {
      const line = ref.position?.start.line ?? 0;
      const to = attribute(ref, 'to');
      const target = to === undefined ? undefined : targets.get(to);
      if (!target) {
        const known = [...targets.keys()].join(', ') || 'none';
        errors.push(
          `${name}:${line}  error  Ref.to: ${to === undefined ? 'missing' : `"${to}"`} is not a figure or exercise id in this lesson (known: ${known})`,
        );
        continue;
      }
      setAttribute(ref, 'href', target.href);
      setAttribute(ref, 'label', target.label);
    }

    if (errors.length) throw new Error(errors.join('\n'));
  };
}
