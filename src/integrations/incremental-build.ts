import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Plugin } from 'vite';
import { filesOf } from './cache-seal';
import type { BuildInputs, BuildRecord } from './build-fingerprint';
import type { PageRecord } from '../lib/incremental-pages';

/**
 * One lesson edited at 1,000 lessons builds in seconds, not in a minute. When the last finished build's record
 * (./build-fingerprint.ts) shows that only lesson files changed (a lesson's MDX or its quiz: not the source, the
 * config, the lock file, the environment, a course.yaml; no file added, removed or renamed; no lesson id changed) and
 * dist/ is exactly the site that build left, the build is incremental:
 *
 * - only the changed lessons and the lessons whose pages name them (previous, next, "next lesson", prerequisites:
 *   their titles may have changed) are in the server bundle: the other lessons' compiled modules are left out of
 *   Astro's content-module map ({@link bundleOnly}), so the bundler never sees them; every lesson's front matter is
 *   still in the content collection, so the course page, the review catalog and the navigation are whole;
 * - only pages whose cacheKey changed are rendered (src/lib/incremental-pages.ts);
 * - every file of the last site the build did not write is hard-linked into dist.staging/ ({@link linkUnchanged})
 *   before the search index and the service worker are made over the whole site; the staging-and-swap that keeps
 *   the last good site is unchanged.
 *
 * Anything else is a full build. Validation runs as in every build (with its per-file cache).
 *
 * Node only.
 */

/** A plan for an incremental build: the lesson files that changed and those to bundle (the changed ones and the pages naming them). */
export interface IncrementalPlan {
  changed: string[];
  bundled: Set<string>;
  previous: PageRecord;
}

/** The lesson file a lesson file belongs to: a quiz's is the `.mdx` beside it. */
const lessonOf = (file: string) => file.replace(/\.quiz\.yaml$/, '.mdx');

/** The id in a lesson file's front matter, or undefined when it has none that reads. */
export function frontMatterId(text: string): string | undefined {
  const front = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  if (front === undefined) return undefined;
  try {
    const id = (parseYaml(front) as { id?: unknown } | null)?.id;
    return id === undefined || id === null ? undefined : String(id);
  } catch {
    return undefined;
  }
}

/**
 * An incremental plan from the last record and this build's inputs, or why this build must be full.
 * `readLessonId(file)` reads a changed lesson's id now (a changed id moves its page: full build).
 */
export function planIncremental(record: BuildRecord, now: BuildInputs, readLessonId: (file: string) => string | undefined): IncrementalPlan | string {
  if (!record.rest || !record.lessons || !record.pages) return 'the last build left no page record';
  if (record.rest !== now.rest) return 'more than lessons changed';
  const before = Object.keys(record.lessons).sort();
  const after = Object.keys(now.lessons).sort();
  if (before.length !== after.length || before.some((f, i) => f !== after[i])) return 'a lesson file was added, removed or renamed';
  const changed = after.filter((f) => record.lessons![f] !== now.lessons[f]);
  const bundled = new Set<string>();
  for (const file of changed) {
    const lesson = lessonOf(file);
    const known = record.pages.lessons[lesson];
    if (!known?.id) return `${lesson} has no page in the last build`;
    if (file === lesson && readLessonId(file) !== known.id) return `${file}: its id changed`;
    bundled.add(lesson);
    for (const naming of known.shownBy) bundled.add(naming);
  }
  return { changed, bundled, previous: record.pages };
}

/** Reads a lesson file's id (for {@link planIncremental}). */
export const lessonIdIn = (root: string) => (file: string) => {
  try {
    return frontMatterId(readFileSync(join(root, file), 'utf8'));
  } catch {
    return undefined;
  }
};

/**
 * A Vite plugin that, in an incremental build, keeps only the bundled lesson files (of those the last build knew) in
 * Astro's content-module map (.astro/content-modules.mjs: `export default new Map([["file", () => import("…")], …]);`):
 * the lessons left out are never compiled, bundled or rendered. Astro marks that module as content data, so leaving
 * entries out changes no page's dependency hash. Registered in every build (a changed Vite config would make Vite
 * re-optimise its dependencies); `plan()` says whether this one is incremental.
 */
export function bundleOnly(plan: () => { bundled: ReadonlySet<string>; known: ReadonlySet<string> } | undefined): Plugin {
  return {
    name: 'course-incremental-bundle',
    transform(code, id) {
      const only = plan();
      if (!only || !id.endsWith('/.astro/content-modules.mjs')) return undefined;
      const entries = [...code.matchAll(/\["((?:[^"\\]|\\.)*)", \(\) => import\("(?:[^"\\]|\\.)*"\)\]/g)];
      // Another shape than Astro 7 writes: bundle everything (slower, never wrong).
      if (entries.length === 0) return undefined;
      const kept = entries.filter((m) => !only.known.has(m[1]!) || only.bundled.has(m[1]!)).map((m) => m[0]);
      return { code: `export default new Map([\n${kept.join(',\n')}\n]);\n`, map: null };
    },
  };
}

/** Astro's own incremental-build manifest (experimental.incrementalBuild), in its cache folder. */
const astroManifest = (cacheDir: string) => join(cacheDir, 'incremental-build.json');
const keptManifest = (cacheDir: string) => join(cacheDir, 'incremental-build.kept.json');

/**
 * Before an incremental build: Astro's incremental-build manifest steps aside. Astro would otherwise prune its cached
 * copy of every page this build leaves out, and the next full build would render all of them again.
 */
export function setAsideAstroManifest(cacheDir: string): void {
  rmSync(keptManifest(cacheDir), { force: true });
  if (existsSync(astroManifest(cacheDir))) renameSync(astroManifest(cacheDir), keptManifest(cacheDir));
}

interface AstroManifest {
  routes?: Record<string, { dependencyHash?: string; paths?: Record<string, unknown> }>;
}

/**
 * After an incremental build: the manifest Astro wrote (the pages this build rendered, whose cached copies it just
 * replaced) laid over the one set aside, so Astro's next full build copies every page whose key is unchanged.
 * A route whose template changed keeps only what this build wrote. Any unreadable manifest: Astro's cache starts
 * afresh (slower, never wrong).
 */
export function restoreAstroManifest(cacheDir: string): void {
  const kept = keptManifest(cacheDir);
  if (!existsSync(kept)) return;
  try {
    const before = JSON.parse(readFileSync(kept, 'utf8')) as AstroManifest;
    const now = JSON.parse(readFileSync(astroManifest(cacheDir), 'utf8')) as AstroManifest;
    for (const [route, entry] of Object.entries(now.routes ?? {})) {
      const old = before.routes?.[route];
      if (old && old.dependencyHash === entry.dependencyHash) entry.paths = { ...old.paths, ...entry.paths };
    }
    for (const [route, entry] of Object.entries(before.routes ?? {})) if (!now.routes?.[route]) (now.routes ??= {})[route] = entry;
    writeFileSync(`${astroManifest(cacheDir)}.tmp`, JSON.stringify(now));
    renameSync(`${astroManifest(cacheDir)}.tmp`, astroManifest(cacheDir));
  } catch {
    rmSync(astroManifest(cacheDir), { force: true });
  } finally {
    rmSync(kept, { force: true });
  }
}

/**
 * Hard-links every file of `lastDir` that `stagingDir` lacks into it, except those `rewritten` says a later step
 * writes in place (a write through a hard link would change the last good site too). Returns how many were linked.
 */
export function linkUnchanged(lastDir: string, stagingDir: string, rewritten: (rel: string) => boolean): number {
  let linked = 0;
  const made = new Set<string>();
  for (const file of filesOf(lastDir)) {
    const rel = relative(lastDir, file);
    if (rewritten(rel)) continue;
    const target = join(stagingDir, rel);
    if (existsSync(target)) continue;
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    linkSync(file, target);
    linked += 1;
  }
  return linked;
}
