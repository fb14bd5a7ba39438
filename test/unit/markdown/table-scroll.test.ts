import { expect, test } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { remarkPlugins, rehypePlugins } from '../../../src/markdown/index';

/** Markdown with GFM tables (as MDX reads it) through the lesson's remark and rehype plugins. */
function render(markdown: string): string {
  return String(unified().use(remarkParse).use(remarkGfm).use(remarkPlugins as never).use(remarkRehype).use(rehypePlugins as never).use(rehypeStringify, { allowDangerousHtml: true }).processSync(markdown));
}

test('every table of a lesson is a keyboard stop, as it may scroll sideways on a phone', () => {
  const html = render('| rate | loss |\n| --- | --- |\n| $0.1$ | 2 |\n\ntext\n\n| a |\n| - |\n| b |\n');
  expect(html.match(/<table tabindex="0">/g)).toHaveLength(2);
  // The table keeps its cells and its math.
  expect(html).toContain('<td>2</td>');
  expect(html).toContain('<math');
});

test('nothing else becomes a tab stop', () => {
  expect(render('A paragraph with $x^2$ inline.\n\n- a list\n')).not.toContain('tabindex');
});
