import type { Element, ElementContent, Parents, Root } from 'hast';
import type { Options } from 'temml';
import type { VFile } from 'vfile';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { escapeHtml, mathRenderer } from './math-cache';
import { mathOptionsFor } from './course-macros';

/** The `source` of the file messages this plugin leaves for formulas Temml cannot render (read by strict-math). */
export const mathMessageSource = 'rehype-math';

function classesOf(node: Element): readonly unknown[] {
  const c = node.properties?.className;
  return Array.isArray(c) ? c : [];
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}


/**
 * Renders `$…$` and `$$…$$` math (the `language-math` elements remark-math leaves) as MathML
 * (Temml), the way rehype-katex does for KaTeX, with two differences that matter at course scale:
 *
 * - every formula goes through a cache kept between builds (./math-cache), so an unchanged
 *   formula costs a lookup, not a Temml run;
 * - the MathML stays one string instead of being parsed back into a syntax tree: in an MDX file
 *   it becomes `<Fragment set:html="…">` (one string literal in the compiled module, where a
 *   tree would become hundreds of JSX calls), elsewhere a `raw` node for rehype-stringify.
 *
 * A formula Temml cannot parse leaves a message on the file with source {@link mathMessageSource} (and
 * error markup), which rehype-strict-math turns into a build error.
 */
export default function rehypeMath(options: Options = {}) {
  return (tree: Root, file: VFile) => {
    // Per file: a course's own macros (course.yaml `macros`) join the shared options.
    const renderer = mathRenderer(mathOptionsFor(file.path, options));
    const mdx = typeof file.path === 'string' && file.path.endsWith('.mdx');
    visitParents(tree, 'element', (element, parents) => {
      const classes = classesOf(element);
      const languageMath = classes.includes('language-math');
      const mathDisplay = classes.includes('math-display');
      const mathInline = classes.includes('math-inline');
      if (!languageMath && !mathDisplay && !mathInline) return;
      let displayMode = mathDisplay;
      let parent: Parents | undefined = parents[parents.length - 1];
      let scope: Element = element;
      // ```math fences: replace the <pre> too, in display mode.
      if (element.tagName === 'code' && languageMath && parent?.type === 'element' && parent.tagName === 'pre') {
        scope = parent;
        parent = parents[parents.length - 2];
        displayMode = true;
      }
      if (!parent) return;
      const tex = textOf(scope);
      let html: string;
      try {
        html = renderer.render(tex, displayMode);
      } catch (error) {
        const cause = error as Error;
        file.message('Could not render math', {
          ancestors: [...parents, element],
          cause,
          place: scope.position ?? element.position,
          ruleId: cause.name.toLowerCase(),
          source: mathMessageSource,
        });
        html = `<span class="math-error" title="${escapeHtml(String(error))}">${escapeHtml(tex)}</span>`;
      }
      // Punctuation right after an inline formula stays on its line: a browser may break after a <math> box
      // (an atomic inline), which left a lone "." at the start of the next line.
      const at = parent.children.indexOf(scope);
      const next = parent.children[at + 1];
      const punctuation = !displayMode && next?.type === 'text' ? (/^[.,;:!?)\]’”…]+/.exec(next.value)?.[0] ?? '') : '';
      if (punctuation && next?.type === 'text') {
        next.value = next.value.slice(punctuation.length);
        html = `<span class="math-nowrap">${html}${escapeHtml(punctuation)}</span>`;
      }
      const replacement = mdx
        ? ({
            type: displayMode ? 'mdxJsxFlowElement' : 'mdxJsxTextElement',
            name: 'Fragment',
            attributes: [{ type: 'mdxJsxAttribute', name: 'set:html', value: html }],
            children: [],
          } as unknown as ElementContent)
        : ({ type: 'raw', value: html } as unknown as ElementContent);
      parent.children.splice(at, 1, replacement);
      return SKIP;
    });
  };
}
