/** A run of excerpt text, `marked` where it matched the query. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * Pagefind's excerpt is escaped page text with `<mark>` around the matches. Splitting it into plain parts lets the
 * search box build text nodes and <mark> elements itself, so no page text is ever parsed as HTML.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/i)) {
    const tag = piece.toLowerCase();
    if (tag === '<mark>') marked = true;
    else if (tag === '</mark>') marked = false;
    else if (piece !== '') {
      // Any other tag would be markup that is not Pagefind's: drop it, keep its text.
      const text = decodeEntities(piece.replace(/<[^>]*>/g, ''));
      const last = parts.at(-1);
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
  }
  return parts;
}

/** Where a search result leads: the section that matched best, or the page. */
export interface ResultTarget {
  url: string;
  excerpt: string;
  /** The section's heading, when the target is a section rather than the top of the page. */
  section?: string;
}

/** A matching word's position in a page, and the weight of the text it is in (Pagefind's `weighted_locations`). */
interface Located {
  readonly location: number;
  readonly weight: number;
}

/**
 * How well a section matched: the weights of its matching words (a heading or a bold term counts more), ten
 * times over for each word that follows another match (the query's words side by side, as in "condition
 * number", rather than "number" alone, which is everywhere).
 */
function sectionScore(found: readonly Located[]): number {
  const at = new Set(found.map((f) => f.location));
  let score = 0;
  for (const f of found) score += f.weight * (at.has(f.location + 1) ? 11 : 1);
  return score;
}

type SubResult = { title: string; url: string; excerpt: string; locations?: readonly number[]; weighted_locations?: readonly Located[] };

function located(sub: SubResult): readonly Located[] {
  return sub.weighted_locations ?? (sub.locations ?? []).map((location) => ({ location, weight: 1 }));
}

/**
 * The section of a result that matched best ({@link sectionScore}; the first of equals), so that a result opens
 * where it matched rather than at the top of the lesson. Pagefind's sub-result for the text before the first
 * heading has the page's own URL, without an anchor.
 */
export function resultTarget(data: { url: string; excerpt: string; sub_results?: readonly SubResult[] }, query = ''): ResultTarget {
  // A lesson id ("1.2.38") names the lesson, not a section that happens to contain it (an exercise "1.2.38.1").
  if (/^\s*\d+(?:\.\d+)+\s*$/.test(query)) return { url: data.url, excerpt: data.excerpt };
  let best: SubResult | undefined;
  let bestScore = 0;
  for (const sub of data.sub_results ?? []) {
    const score = sectionScore(located(sub));
    if (score > bestScore) [best, bestScore] = [sub, score];
  }
  if (!best) return { url: data.url, excerpt: data.excerpt };
  return best.url.includes('#') ? { url: best.url, excerpt: best.excerpt, section: best.title } : { url: best.url, excerpt: best.excerpt };
}
