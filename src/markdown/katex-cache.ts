/**
 * KaTeX rendering with a cache that survives between builds.
 *
 * A course repeats its formulas (the same $\eta$, $f(x) = x^2$ and update rule on page after page),
 * and a lesson that did not change renders exactly the same formulas as last time. Each formula is
 * rendered once per build (memory) and once per KaTeX version and option set (disk): the disk cache
 * is an append-only JSON-lines file under node_modules/.cache/course-katex/, one per KaTeX version
 * and set of options, so a change to either starts a new file.
 *
 * Node only (node:fs, node:crypto): never import it from browser code.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import katex, { type KatexOptions } from 'katex';
import { KATEX_COMPACT_STYLES, compactKatexHtml } from './katex-compact';

/** Where the rendered formulas are kept between builds (beside the chart cache). */
export const KATEX_CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'course-katex');

/** A cache file larger than this is dropped and started again, so formulas no lesson uses any more do not pile up. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** New entries are written in batches of this many lines (and when the process exits). */
const FLUSH_EVERY = 500;

export interface KatexRenderer {
  /** KaTeX's HTML for `tex`; throws KaTeX's ParseError (not cached) if it cannot render it. */
  render(tex: string, displayMode: boolean): string;
  /** Formulas rendered by KaTeX in this process and formulas served from the cache (memory or disk). */
  readonly stats: { rendered: number; cached: number };
}

export interface KatexRendererOptions {
  /** Directory of the disk cache; null for memory only. Default {@link KATEX_CACHE_DIR}. */
  cacheDir?: string | null;
}

/** Bump when {@link validMathml} or compactKatexHtml (./katex-compact) changes, so cached renders are redone (its class list is in the key). */
const MATHML_FIX_VERSION = 4;

/**
 * KaTeX writes an operator name in a script (`\lambda_{\max}`) as the name and an invisible
 * function application, `<msub><mi>λ</mi><mi>max</mi><mo>\u2061</mo></msub>`: three children where
 * MathML allows two, which the Nu HTML checker rejects. The script's two parts go into one <mrow>.
 * A numbered equation (`\tag`) puts `width="50%"` on the <mtd> around its number, an attribute MathML
 * does not define (the checker rejects it too; the visible layout comes from KaTeX's HTML, not MathML).
 */
export function validMathml(html: string): string {
  return html.replaceAll('<mtd width="50%">', '<mtd>').replace(/(<ms(?:ub|up)>(?:<mi>[^<]*<\/mi>|<mi [^>]*>[^<]*<\/mi>))(<mi>[^<]*<\/mi>|<mi [^>]*>[^<]*<\/mi>)<mo>\u2061<\/mo><\/(msub|msup)>/g, '$1<mrow>$2<mo>\u2061</mo></mrow></$3>');
}

/** A renderer for one set of KaTeX options; the build shares one per option set through {@link katexRenderer}. */
export function createKatexRenderer(options: KatexOptions, { cacheDir = KATEX_CACHE_DIR }: KatexRendererOptions = {}): KatexRenderer {
  const memory = new Map<string, string>();
  const stats = { rendered: 0, cached: 0 };
  // `macros` is copied per call: KaTeX writes \gdef definitions into the object it is given.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ katex: katex.version, options, fix: MATHML_FIX_VERSION, compact: KATEX_COMPACT_STYLES }))
    .digest('hex')
    .slice(0, 16);
  const file = cacheDir === null ? null : join(cacheDir, `${fingerprint}.jsonl`);
  let pending: string[] = [];
  let loaded = false;

  function load() {
    loaded = true;
    if (!file) return;
    let text: string;
    try {
      if (statSync(file).size > MAX_CACHE_BYTES) {
        rmSync(file, { force: true });
        return;
      }
      text = readFileSync(file, 'utf8');
    } catch {
      return; // no cache yet
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const [key, html] = JSON.parse(line) as [string, string];
        if (typeof key === 'string' && typeof html === 'string') memory.set(key, html);
      } catch {
        // A line cut short by a crash or a concurrent writer: skip it, it will be rendered again.
      }
    }
  }

  function flush() {
    if (!file || pending.length === 0) return;
    const lines = pending.join('');
    pending = [];
    try {
      mkdirSync(cacheDir!, { recursive: true });
      // One write per batch with O_APPEND: concurrent builds sharing the cache interleave whole batches.
      appendFileSync(file, lines);
    } catch {
      // A read-only cache only costs time.
    }
  }
  // Prepended: the cache must be complete before the cache seal (src/integrations/cache-seal.ts) hashes it at exit.
  if (file) process.prependOnceListener('exit', flush);

  return {
    stats,
    render(tex, displayMode) {
      if (!loaded) load();
      const key = `${displayMode ? 'D' : 'I'}${tex}`;
      const hit = memory.get(key);
      if (hit !== undefined) {
        stats.cached += 1;
        return hit;
      }
      const html = compactKatexHtml(
        validMathml(
          katex.renderToString(tex, {
            ...options,
            macros: options.macros ? { ...options.macros } : undefined,
            displayMode,
            throwOnError: true,
          }),
        ),
      );
      stats.rendered += 1;
      memory.set(key, html);
      if (file) {
        pending.push(`${JSON.stringify([key, html])}\n`);
        if (pending.length >= FLUSH_EVERY) flush();
      }
      return html;
    },
  };
}

const shared = new Map<string, KatexRenderer>();

/** The process-wide renderer for `options` (compared by value). */
export function katexRenderer(options: KatexOptions): KatexRenderer {
  const key = JSON.stringify(options);
  let renderer = shared.get(key);
  if (!renderer) {
    renderer = createKatexRenderer(options);
    shared.set(key, renderer);
  }
  return renderer;
}
