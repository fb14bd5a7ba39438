/**
 * A persistent cache of compiled MDX, so a lesson that did not change is not compiled again.
 *
 * Astro compiles every `.mdx` lesson to a JavaScript module on every build (Vite keeps no
 * transform cache between builds). At course scale that compile (remark, rehype, KaTeX, Shiki,
 * recma) is most of the build, and for an unchanged lesson it yields the very same module. This
 * wraps the Markdown processor given to Astro (`markdown.processor` in astro.config.mjs): its MDX
 * renderer first looks under node_modules/.cache/course-mdx/ for the output of the same source,
 * path, front matter, renderer options and pipeline (the versions of the packages that compile
 * MDX and the files of src/markdown/), and compiles only on a miss.
 *
 * What is not cached: a compile that fails (so the error is reported again, with its line), and
 * the messages a compile logs (KaTeX's strict-mode warnings appear on the build that compiles).
 * Entries nobody read for {@link MAX_AGE_DAYS} days are removed at the end of a build.
 *
 * Node only. Set COURSE_MDX_CACHE=0 to build without it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarkdownProcessor } from '@astrojs/markdown-remark';
import { htmlStoreDir, pruneHtml, storeHtml, touchHtml } from './html-store';
import { courseMacrosFor } from './course-macros';

/** Bump when the cached shape or the key changes. */
const CACHE_VERSION = 2;

/** `set:html` strings at least this long move out of the module into the HTML store (./html-store.ts). */
const EXTERNAL_HTML_MIN = 200;
const MAX_AGE_DAYS = 14;

/** Packages whose version changes the compiled output. */
const PIPELINE_PACKAGES = [
  'astro',
  '@astrojs/mdx',
  '@astrojs/markdown-remark',
  '@mdx-js/mdx',
  'temml',
  'shiki',
  'remark-math',
  'remark-gfm',
  'remark-smartypants',
  'rehype-raw',
  'unified',
];

type MdxRenderer = Awaited<ReturnType<NonNullable<MarkdownProcessor['createMdxRenderer']>>>;
type MdxResult = Awaited<ReturnType<MdxRenderer['process']>>;

interface CachedResult {
  code: string;
  map: string | null;
  astroMetadata: MdxResult['astroMetadata'];
  /** Keys of the HTML store the code reads. */
  html: string[];
}

const htmlStoreModule = fileURLToPath(new URL('./html-store.ts', import.meta.url));

/**
 * Moves the long `"set:html": "…"` literals of compiled MDX (the static parts collapsed by MDX's
 * optimize, and KaTeX's markup from rehype-math) into the HTML store, leaving a call that reads
 * them back at render. The literals are JSON strings: MDX prints string literals with JSON.stringify.
 */
export function externalizeHtml(code: string, storeDir: string): { code: string; html: string[] } {
  const keys: string[] = [];
  const out = code.replace(/"set:html": ("(?:[^"\\\n]|\\.)*")/g, (whole, literal: string) => {
    if (literal.length < EXTERNAL_HTML_MIN) return whole;
    let value: unknown;
    try {
      value = JSON.parse(literal);
    } catch {
      return whole;
    }
    if (typeof value !== 'string') return whole;
    const key = storeHtml(value, storeDir);
    keys.push(key);
    return `"set:html": __courseHtml(__courseHtmlDir, "${key}")`;
  });
  if (keys.length === 0) return { code, html: keys };
  const header = `import { html as __courseHtml } from ${JSON.stringify(htmlStoreModule)};\nconst __courseHtmlDir = ${JSON.stringify(storeDir)};\n`;
  return { code: header + out, html: [...new Set(keys)] };
}

export interface MdxCacheOptions {
  /** The project root: package versions are read from its node_modules, pipeline files from `pipelineDirs`. */
  root: string;
  /** Directories (relative to root) whose files take part in compiling MDX; default src/markdown. */
  pipelineDirs?: string[];
  /** Default <root>/node_modules/.cache/course-mdx. */
  cacheDir?: string;
}

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(filesUnder(full));
    else out.push(full);
  }
  return out.sort();
}

/** A hash of everything besides the file itself that changes the compiled module. */
export function pipelineFingerprint(root: string, pipelineDirs: string[] = ['src/markdown']): string {
  const hash = createHash('sha256').update(`course-mdx ${CACHE_VERSION}\0`);
  for (const name of PIPELINE_PACKAGES) {
    let version = 'missing';
    try {
      version = (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not installed
    }
    hash.update(`${name}@${version}\0`);
  }
  for (const dir of pipelineDirs) {
    for (const file of filesUnder(join(root, dir))) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Functions and RegExps do not survive JSON.stringify; name them so two option sets that differ there do not collide. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'function' ? `fn:${v.name}:${String(v).length}` : v instanceof RegExp ? String(v) : v));
}

/**
 * `processor` with an MDX renderer that reads and writes the cache. Everything else (the Markdown
 * renderer, the options Astro and integrations read) is the processor's own.
 */
export function cachedMdxProcessor<P extends MarkdownProcessor>(processor: P, options: MdxCacheOptions): P {
  if (process.env.COURSE_MDX_CACHE === '0' || !processor.createMdxRenderer) return processor;
  const base = processor.createMdxRenderer.bind(processor);
  const cacheDir = options.cacheDir ?? join(options.root, 'node_modules', '.cache', 'course-mdx');
  const storeDir = htmlStoreDir(options.root);
  const createMdxRenderer: NonNullable<P['createMdxRenderer']> = async (shared, mdx) => {
    const renderer = await base(shared, mdx);
    const salt = createHash('sha256')
      .update(pipelineFingerprint(options.root, options.pipelineDirs))
      .update(stableJson({ root: options.root, shared, mdx, processorOptions: processor.options }))
      .digest('hex');
    const used = new Set<string>();
    // Prepended: pruned before the cache seal (src/integrations/cache-seal.ts) hashes the caches at exit.
    process.prependOnceListener('exit', () => {
      prune(cacheDir, used);
      pruneHtml(storeDir, MAX_AGE_DAYS);
    });
    return {
      async process(content, filePath, frontmatter) {
        const key = createHash('sha256')
          .update(salt)
          .update(`\0${relative(options.root, filePath)}\0`)
          .update(JSON.stringify(frontmatter))
          .update(JSON.stringify(courseMacrosFor(filePath)))
          .update('\0')
          .update(content)
          .digest('hex');
        const file = join(cacheDir, key.slice(0, 2), `${key}.json`);
        used.add(file);
        try {
          const hit = JSON.parse(readFileSync(file, 'utf8')) as CachedResult;
          // An entry whose strings were deleted from the HTML store is compiled again.
          if (touchHtml(hit.html, storeDir)) {
            try {
              const now = new Date();
              utimesSync(file, now, now);
            } catch {
              // read-only cache
            }
            return { code: hit.code, map: hit.map, astroMetadata: hit.astroMetadata };
          }
        } catch {
          // miss (or a damaged entry): compile
        }
        const compiled = await renderer.process(content, filePath, frontmatter);
        const { code, html } = externalizeHtml(compiled.code, storeDir);
        // The source map (only with build.sourcemap) no longer matches the shifted lines; drop it rather than mislead.
        const result: CachedResult = { code, map: html.length > 0 ? null : (compiled.map ?? null), astroMetadata: compiled.astroMetadata, html };
        try {
          mkdirSync(dirname(file), { recursive: true });
          const temp = `${file}.${process.pid}.tmp`;
          writeFileSync(temp, JSON.stringify(result));
          renameSync(temp, file);
        } catch {
          // A read-only cache only costs time.
        }
        return { code: result.code, map: result.map, astroMetadata: result.astroMetadata };
      },
    };
  };
  return { ...processor, createMdxRenderer };
}

/** Remove entries not read for MAX_AGE_DAYS (never the ones this build used). */
function prune(cacheDir: string, used: ReadonlySet<string>) {
  const limit = Date.now() - MAX_AGE_DAYS * 86_400_000;
  try {
    for (const shard of readdirSync(cacheDir)) {
      const dir = join(cacheDir, shard);
      for (const name of readdirSync(dir)) {
        const file = join(dir, name);
        if (used.has(file)) continue;
        try {
          if (statSync(file).mtimeMs < limit) rmSync(file, { force: true });
        } catch {
          // gone already
        }
      }
    }
  } catch {
    // no cache
  }
}
