import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeMath from './rehype-math';
import rehypeStringify from 'rehype-stringify';
import rehypeStrictMath from './strict-math';
import { mathOptions } from './math-options';
import remarkDollarPrices from './dollar-prices';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkDollarPrices)
  .use(remarkRehype)
  .use(rehypeMath, mathOptions)
  .use(rehypeStrictMath)
  // The formulas' MathML arrives as raw nodes (rehype-math); raw HTML in the Markdown source was already dropped by remark-rehype.
  .use(rehypeStringify, { allowDangerousHtml: true })
  .freeze();

const cache = new Map<string, string>();

/**
 * Render a Markdown string with math (a quiz prompt, a choice, a feedback line) to HTML at build
 * time. Throws on math Temml cannot render. `inline` drops the wrapping paragraph so the result
 * fits in a label or a legend.
 */
export function renderMarkdown(source: string, { inline = false }: { inline?: boolean } = {}): string {
  const key = `${inline ? 'i' : 'b'}:${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let html = String(processor.processSync(source)).trim();
  if (inline) {
    const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
    if (single && !single[1]!.includes('<p>')) html = single[1]!;
  }
  cache.set(key, html);
  return html;
}
