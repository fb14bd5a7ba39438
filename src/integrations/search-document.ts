/**
 * What Pagefind is given of a built page: only what it would index, so that it parses a tenth of the bytes.
 *
 * Pagefind indexes the elements marked `data-pagefind-body` (the lesson article) and, once any page has one,
 * skips pages without. It still parses every byte of every page it is handed, and a lesson page is 250–300 KB
 * of HTML, most of it KaTeX's markup and the charts' SVG: at 1,000 lessons that parse was most of a minute
 * of the build. This hands it a small document per page instead: the page's language and title and the
 * marked elements, without math, SVG, scripts, styles, templates and the attributes Pagefind does not read
 * (classes, inline styles: Shiki writes one per code token). Each formula is given as plain text made from its
 * TeX ({@link texToText}), not as KaTeX's markup: that writes each formula as MathML and as HTML, whose text runs
 * together into strings such as "f(x)=x2f(x) = x^2" that match nothing a learner types and spoil the excerpts,
 * and leaving formulas out made excerpts read "…and , the edge of stability".
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

/** `html` with every element whose opening tag matches `open` (of tag `tag`, nesting counted) replaced by `by(element)`. */
function replaceElements(html: string, open: RegExp, tag: string, by: (element: string) => string): string {
  let out = '';
  let from = 0;
  open.lastIndex = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    out += html.slice(from, m.index);
    from = closingEnd(html, m.index, tag);
    out += by(html.slice(m.index, from));
    open.lastIndex = from;
  }
  return out + html.slice(from);
}

/** TeX commands a reader would write as a character. */
const texSymbols: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', omega: 'ω',
  Delta: 'Δ', Sigma: 'Σ', nabla: '∇', partial: '∂', infty: '∞', cdot: '·', times: '×', le: '≤', leq: '≤', ge: '≥',
  geq: '≥', ne: '≠', neq: '≠', approx: '≈', to: '→', rightarrow: '→', pm: '±', sum: 'Σ', ell: 'ℓ', top: 'ᵀ',
  ldots: '…', dots: '…', cdots: '…', in: '∈', sqrt: '√',
};
const superscripts: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '⁺', n: 'ⁿ', T: 'ᵀ' };

/**
 * A formula's TeX as text a learner can read in a search excerpt: Greek letters and operators as characters,
 * `\frac{a}{b}` as a/b, short powers as superscripts, other commands' names as words (`\max` → max), grouping
 * braces and spacing commands gone. Not a typesetter: enough that "2/λ_max" reads where the excerpt had a gap.
 */
export function texToText(tex: string): string {
  let t = tex;
  for (let i = 0; i < 4; i++) t = t.replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_, a: string, b: string) => `${/^\w+$/.test(a) ? a : `(${a})`}/${/^\w+$/.test(b) ? b : `(${b})`}`);
  t = t
    .replace(/\\(?:text|mathrm|operatorname|mathbf|mathit|boldsymbol|mathcal)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)(?=[^a-zA-Z])/g, '')
    .replace(/\\\\/g, ' ')
    .replace(/\\[,;:! ]|\\quad|\\qquad|~/g, ' ')
    .replace(/\^\{?([0-9+\-nT])\}?(?![0-9{])/g, (_, c: string) => superscripts[c] ?? `^${c}`)
    .replace(/\\([a-zA-Z]+)/g, (_, name: string) => texSymbols[name] ?? name)
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ');
  return t.trim();
}

/** A formula as its readable text (from the TeX the build keeps on its `<math data-tex>`, src/markdown/math-cache.ts). */
function formulaText(element: string): string {
  const tex = /^<math\b[^>]*\sdata-tex="([^"]*)"/.exec(element)?.[1];
  if (tex === undefined) return '';
  const text = texToText(tex.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  return ` ${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')} `;
}

/** Pagefind's weight (1 is body text, 10 the most) of words in bold. */
const DEFINED_TERM_WEIGHT = 5;

const mathOpen = /<math\b[^>]*>/g;

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
    part = replaceElements(part, mathOpen, 'math', formulaText);
    part = part.replace(/<(svg|script|style|template)\b[\s\S]*?<\/\1>/gi, '');
    // A term in bold is where a lesson defines it ("… is the **condition number**"): its section should rank
    // first for that term, ahead of the exercises that only use it.
    parts.push(keepIndexedAttributes(part).replace(/<(strong|b)>/g, `<$1 data-pagefind-weight="${DEFINED_TERM_WEIGHT}">`));
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
