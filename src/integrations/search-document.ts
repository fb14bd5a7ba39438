/**
 * What Pagefind is given of a built page: only what it would index, so that it parses a tenth of the bytes.
 *
 * Pagefind indexes the elements marked `data-pagefind-body` (the lesson article) and, once any page has one,
 * skips pages without. It still parses every byte of every page it is handed, and a lesson page is 250–300 KB
 * of HTML, most of it KaTeX's markup and the charts' SVG: at 1,000 lessons that parse was most of a minute
 * of the build. This hands it a small document per page instead: the page's language and title and the
 * marked elements, without math, SVG, scripts, styles, templates and the attributes Pagefind does not read
 * (classes, inline styles: Shiki writes one per code token). Math is left out of the index on
 * purpose: KaTeX writes each formula as MathML and as HTML, whose text runs together into strings such as
 * "f(x)=x2f(x) = x^2" that match nothing a learner types and spoil the excerpts.
 */

/** The tag that opens at `start` in `html` closes at the returned index (just past its `</tag>`), nesting counted. */
function closingEnd(html: string, start: number, tag: string): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*?(/?)>`, 'gi');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[2]) continue; // self-closing
    depth += m[1] ? -1 : 1;
    if (depth === 0) return re.lastIndex;
  }
  return html.length;
}

/** `html` without every element whose opening tag matches `open` (an element of tag `tag`), nesting counted. */
function dropElements(html: string, open: RegExp, tag: string): string {
  let out = '';
  let from = 0;
  open.lastIndex = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    out += html.slice(from, m.index);
    from = closingEnd(html, m.index, tag);
    open.lastIndex = from;
  }
  return out + html.slice(from);
}

const katexOpen = /<span class="katex(?:-display)?"[^>]*>/g;

/** An opening tag, its attributes (quoted values may hold `>`) and an optional self-closing slash. */
const openingTag = /<([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/gi;
const attribute = /\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
/** The attributes Pagefind reads: its own, heading ids (result anchors) and image alt text. */
const keptAttribute = /^(?:id|alt|data-pagefind-[a-z-]+)$/i;

/** Every opening tag reduced to the attributes Pagefind reads (Shiki's per-token styles go, for one). */
function keepIndexedAttributes(html: string): string {
  return html.replace(openingTag, (_, tag: string, attrs: string, slash: string) => {
    let kept = '';
    for (const a of attrs.matchAll(attribute)) if (keptAttribute.test(a[1]!)) kept += a[0];
    return `<${tag}${kept}${slash}>`;
  });
}

/** The elements of `html` that carry `data-pagefind-body`, stripped of what is not indexed. */
function indexedParts(html: string): string[] {
  const parts: string[] = [];
  const marked = /<([a-z][a-z0-9-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>/gi;
  for (let m = marked.exec(html); m; m = marked.exec(html)) {
    const end = closingEnd(html, m.index, m[1]!);
    let part = html.slice(m.index, end);
    part = dropElements(part, katexOpen, 'span');
    part = part.replace(/<(svg|script|style|template)\b[\s\S]*?<\/\1>/gi, '');
    parts.push(keepIndexedAttributes(part));
    marked.lastIndex = end;
  }
  return parts;
}

/**
 * The document Pagefind indexes for a built page, or undefined for a page without `data-pagefind-body`
 * (which Pagefind would skip anyway).
 */
export function searchDocument(html: string): string | undefined {
  if (!html.includes('data-pagefind-body')) return undefined;
  const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1] ?? 'en';
  const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>${indexedParts(html).join('\n')}</body></html>`;
}
