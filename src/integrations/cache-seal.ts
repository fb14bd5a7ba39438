import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Caches that cannot go stale on disk. Every build cache (compiled MDX, KaTeX, validation, search
 * documents, the service worker, the HTML store, Astro's data store and incremental build) keys its
 * entries by what they were made from, but trusts the bytes it finds: a truncated or edited file, or
 * one deleted from a cache whose manifest still lists it, would give a wrong site or a failed build.
 *
 * So each cache folder is sealed when a build ends: a list of its files with their SHA-256, and each file's
 * stamp (size, modification time, inode, status-change time) when it was hashed. Before the next build reads
 * anything, each folder is checked against its seal; a folder whose files differ in any way (changed, missing,
 * added), or that has no seal, is discarded with a message naming it, and rebuilt by the build. A file whose
 * stamp is the sealed one is trusted without reading it (like dist/'s manifest, ./build-fingerprint.ts): any
 * write, truncation, rename or `touch` moves its ctime, which no program can set back, so only a change made
 * beneath the file system (a disk's bit rot) goes unseen; at 1,000 lessons that check is 0.1 s instead of
 * hashing ~400 MB. `COURSE_CACHE_VERIFY=full` hashes every byte again, and a seal without stamps (an older
 * one) is checked in full.
 *
 * Node only.
 */

/** The cache folders of a project: each folder of node_modules/.cache, and Astro's node_modules/.astro. */
export function cacheFolders(root: string, astroCacheDir: string): string[] {
  const shared = join(root, 'node_modules', '.cache');
  const folders = existsSync(shared)
    ? readdirSync(shared, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== sealFolderName).map((e) => join(shared, e.name))
    : [];
  return [...folders, astroCacheDir].filter((f) => existsSync(f));
}

const sealFolderName = 'course-cache-seals';
const SEAL_VERSION = 1;

/** Every file below `dir` (none when it does not exist), sorted: what a seal or a build fingerprint hashes. */
export function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/**
 * The hashes known for files, by file, with the stamp they were made at: those this process made, and those a
 * seal vouches for ({@link sealProblem}). Sealing at the end of a build re-hashes only the files the build wrote.
 */
const hashed = new Map<string, { stamp: string; hash: string }>();

/** What changes whenever a file's bytes are changed through the file system: size, mtime, inode and ctime. */
function stampOf(file: string): string {
  const s = statSync(file, { bigint: true });
  return `${s.size}:${s.mtimeNs}:${s.ino}:${s.ctimeNs}`;
}

/** Each file of `dir` (relative path) with the SHA-256 of its bytes and its stamp. */
export function fingerprint(dir: string): { files: Record<string, string>; stamps: Record<string, string> } {
  const files: Record<string, string> = {};
  const stamps: Record<string, string> = {};
  for (const file of filesOf(dir)) {
    const stamp = stampOf(file);
    const known = hashed.get(file);
    const hash = known?.stamp === stamp ? known.hash : createHash('sha256').update(readFileSync(file)).digest('hex');
    hashed.set(file, { stamp, hash });
    files[relative(dir, file)] = hash;
    stamps[relative(dir, file)] = stamp;
  }
  return { files, stamps };
}

/** Whether every cache file is hashed again, stamps or not (`COURSE_CACHE_VERIFY=full`). */
const verifyInFull = () => process.env.COURSE_CACHE_VERIFY === 'full';

const sealFile = (root: string, folder: string) =>
  join(root, 'node_modules', '.cache', sealFolderName, `${createHash('sha256').update(relative(root, folder)).digest('hex').slice(0, 16)}.json`);

/** Why `folder` may not be reused, or undefined when it is exactly as the last build left it. */
export function sealProblem(root: string, folder: string): string | undefined {
  let seal: { version?: number; files?: Record<string, string>; stamps?: Record<string, string> };
  try {
    seal = JSON.parse(readFileSync(sealFile(root, folder), 'utf8')) as typeof seal;
  } catch {
    return 'it has no readable seal from a finished build';
  }
  if (seal.version !== SEAL_VERSION || typeof seal.files !== 'object' || seal.files === null) return 'its seal is of another version';
  // A file whose stamp is the sealed one has the sealed bytes: its hash is taken from the seal, not remade.
  if (seal.stamps && !verifyInFull()) {
    for (const [file, stamp] of Object.entries(seal.stamps)) {
      const hash = seal.files[file];
      if (typeof stamp === 'string' && typeof hash === 'string') hashed.set(join(folder, file), { stamp, hash });
    }
  } else for (const file of filesOf(folder)) hashed.delete(file);
  const now = fingerprint(folder).files;
  for (const [file, hash] of Object.entries(seal.files)) {
    if (!(file in now)) return `${file} is missing`;
    if (now[file] !== hash) return `${file} changed since the last build`;
  }
  const added = Object.keys(now).find((f) => !(f in seal.files!));
  return added ? `${added} was added since the last build` : undefined;
}

export function seal(root: string, folder: string): void {
  const file = sealFile(root, folder);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: SEAL_VERSION, folder: relative(root, folder), ...fingerprint(folder) }));
}

/** Discard every cache folder that is not as the last build left it; returns what was discarded and why. */
export function verifyCaches(root: string, astroCacheDir: string): { folder: string; reason: string }[] {
  const discarded: { folder: string; reason: string }[] = [];
  for (const folder of cacheFolders(root, astroCacheDir)) {
    const reason = sealProblem(root, folder);
    if (reason === undefined) continue;
    rmSync(folder, { recursive: true, force: true });
    discarded.push({ folder: relative(root, folder), reason });
  }
  return discarded;
}

/**
 * Checks every cache before the build (list it first) and seals them all when the process ends,
 * whether the build succeeded or stopped on an author's mistake (what a failed build cached is as
 * good as what a finished one did: each entry is keyed by its input).
 */
export default function cacheSeal(): AstroIntegration {
  return {
    name: 'cache-seal',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        if (command !== 'build') return;
        const root = fileURLToPath(config.root);
        const astroCacheDir = fileURLToPath(config.cacheDir);
        for (const { folder, reason } of verifyCaches(root, astroCacheDir)) {
          // A first build (no seals yet) is not news.
          if (reason.startsWith('it has no readable seal') && !statSafe(join(root, 'node_modules', '.cache', sealFolderName))) continue;
          // Information, not a warning: a test run or a script that renders math also writes to some caches.
          logger.info(`discarded the cache ${folder}: ${reason}; it is rebuilt`);
        }
        // Astro's data store keeps an entry whose content is unchanged at the path it was first read from:
        // after a lesson is renamed with its quiz it still points at the old file, and the build fails.
        // So a change in the set of content files (a rename, move, addition or deletion) drops the store.
        const layout = contentLayout(join(root, 'content'));
        const layoutFile = join(root, 'node_modules', '.cache', sealFolderName, 'content-files.json');
        let previousLayout: string | undefined;
        try {
          previousLayout = readFileSync(layoutFile, 'utf8');
        } catch {
          previousLayout = undefined;
        }
        const dataStore = join(astroCacheDir, 'data-store.json');
        if (previousLayout !== layout && existsSync(dataStore)) {
          rmSync(dataStore, { force: true });
          if (previousLayout !== undefined) logger.info(`content files were added, renamed, moved or deleted: Astro's data store is read afresh`);
        }
        process.once('exit', () => {
          try {
            for (const folder of cacheFolders(root, astroCacheDir)) seal(root, folder);
            writeFileSync(layoutFile, layout);
          } catch {
            // An unsealed cache is discarded by the next build: it costs time, never a wrong site.
          }
        });
      },
    },
  };
}

/** The sorted list of files under the content folder: what a rename, move or deletion changes. */
function contentLayout(contentDir: string): string {
  return existsSync(contentDir) ? JSON.stringify(filesOf(contentDir).map((f) => relative(contentDir, f))) : '[]';
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
