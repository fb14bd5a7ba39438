/**
 * Math rendering (Temml, TeX to MathML) with a cache that survives between builds.
 *
 * A course repeats its formulas (the same $\eta$, $f(x) = x^2$ and update rule on page after page),
 * and a lesson that did not change renders exactly the same formulas as last time. Each formula is
 * rendered once per build (memory) and once per Temml version and option set (disk): the disk cache
 * is an append-only JSON-lines file under node_modules/.cache/course-math/, one per Temml version
 * and set of options, so a change to either starts a new file.
 *
 * Node only (node:fs, node:crypto): never import it from browser code.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import temml, { type Options } from 'temml';

/** Where the rendered formulas are kept between builds (beside the chart cache). */
export const MATH_CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'course-math');

/** A cache file larger than this is dropped and started again, so formulas no lesson uses any more do not pile up. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** New entries are written in batches of this many lines (and when the process exits). */
const FLUSH_EVERY = 500;

export interface MathRenderer {
  /** The formula's MathML; throws Temml's ParseError (not cached) if it cannot render it. */
  render(tex: string, displayMode: boolean): string;
  /** Formulas rendered by Temml in this process and formulas served from the cache (memory or disk). */
  readonly stats: { rendered: number; cached: number };
}

export interface MathRendererOptions {
  /** Directory of the disk cache; null for memory only. Default {@link MATH_CACHE_DIR}. */
  cacheDir?: string | null;
}

/** Bump when {@link displayFormula} or {@link withTex} changes, so cached renders are redone. */
const MARKUP_VERSION = 2;

/** Text safe in HTML content and in a double-quoted attribute (rehype-math escapes with it too). */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The formula's TeX on its `<math>` (for the search index: search-document.ts); not an annotation, see math-options.ts. */
export function withTex(mathml: string, tex: string): string {
  return mathml.replace(/^<math\b/, `<math data-tex="${escapeHtml(tex)}"`);
}

/**
 * A display formula in its own box: one wider than a phone scrolls sideways inside it (site.css `.math-display`),
 * not the page, and a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable), so the
 * box is a labelled, focusable group.
 */
export function displayFormula(mathml: string): string {
  return `<span class="math-display" tabindex="0" role="group" aria-label="Formula">${mathml}</span>`;
}

/** A renderer for one set of options; the build shares one per option set through {@link mathRenderer}. */
export function createMathRenderer(options: Options, { cacheDir = MATH_CACHE_DIR }: MathRendererOptions = {}): MathRenderer {
  const memory = new Map<string, string>();
  const stats = { rendered: 0, cached: 0 };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ temml: temml.version, options, markup: MARKUP_VERSION }))
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
      // `macros` is copied per call: Temml writes \gdef definitions into the object it is given.
      const mathml = temml.renderToString(tex, { ...options, macros: options.macros ? { ...options.macros } : undefined, displayMode, throwOnError: true });
      const html = displayMode ? displayFormula(withTex(mathml, tex)) : withTex(mathml, tex);
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

const shared = new Map<string, MathRenderer>();

/** The process-wide renderer for `options` (compared by value). */
export function mathRenderer(options: Options): MathRenderer {
  const key = JSON.stringify(options);
  let renderer = shared.get(key);
  if (!renderer) {
    renderer = createMathRenderer(options);
    shared.set(key, renderer);
  }
  return renderer;
}
