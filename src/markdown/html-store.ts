/**
 * The static HTML of compiled lessons, kept out of their JavaScript modules.
 *
 * A compiled lesson is mostly long HTML strings (KaTeX's markup is 80–90 % of it). Vite would parse,
 * transform, hash and bundle those strings with every lesson module on every build, and the
 * prerender step would hold all of them in memory. The MDX cache (./mdx-cache.ts) moves each long
 * string into a file named by its hash under node_modules/.cache/course-html/ and leaves
 * `__courseHtml(dir, "<hash>")` in the module; this reads it back when the page renders. Identical
 * strings (the same formula in many lessons) are stored once.
 *
 * Node only: compiled lessons run at build time, never in the browser.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the strings of the project at `root` live. */
export const htmlStoreDir = (root: string) => join(root, 'node_modules', '.cache', 'course-html');

const fileOf = (key: string, dir: string) => join(dir, key.slice(0, 2), `${key}.html`);

/** The HTML stored under `key` in `dir`. Throws if the store lost it (a cache folder deleted during a build). */
export function html(dir: string, key: string): string {
  return readFileSync(fileOf(key, dir), 'utf8');
}

/** Store `value` and return its key (idempotent: the key is the content's hash). */
export function storeHtml(value: string, dir: string): string {
  const key = createHash('sha256').update(value).digest('hex').slice(0, 40);
  const file = fileOf(key, dir);
  if (existsSync(file)) {
    const now = new Date();
    utimesSync(file, now, now);
  } else {
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, value);
    renameSync(temp, file);
  }
  return key;
}

/**
 * Whether every key is still in the store; marks them as used now (their modification time), so
 * that {@link pruneHtml} keeps what recent builds read.
 */
export function touchHtml(keys: readonly string[], dir: string): boolean {
  const now = new Date();
  for (const key of keys) {
    try {
      utimesSync(fileOf(key, dir), now, now);
    } catch {
      return false;
    }
  }
  return true;
}

/** Remove strings no build has written or read for `maxAgeDays`. */
export function pruneHtml(dir: string, maxAgeDays: number): void {
  const limit = Date.now() - maxAgeDays * 86_400_000;
  let shards: string[];
  try {
    shards = readdirSync(dir);
  } catch {
    return;
  }
  for (const shard of shards) {
    try {
      for (const name of readdirSync(join(dir, shard))) {
        const file = join(dir, shard, name);
        if (statSync(file).mtimeMs < limit) rmSync(file, { force: true });
      }
    } catch {
      // removed meanwhile
    }
  }
}
