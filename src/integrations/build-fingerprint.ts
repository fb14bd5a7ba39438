import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOf } from './cache-seal';
import { incrementalState, startIncremental, type PageRecord } from '../lib/incremental-pages';
import { pyodideBase } from '../lib/pyodide-files';
import { bundleOnly, lessonIdIn, linkUnchanged, planIncremental, restoreAstroManifest, setAsideAstroManifest } from './incremental-build';
import { searchIndexDir } from './search';
import { serviceWorkerFile } from './offline';
import { mathFontFile } from '../lib/math-font';

/**
 * A rebuild with nothing changed does next to nothing. Every input of a build (the course, the source, public files,
 * the config and lock files, the environment variables the build reads, Node's and Astro's versions, the command
 * line) is hashed into one fingerprint; a finished build records it beside a manifest of the site it swapped into
 * dist/ (each file's size and modification time). The next build that finds the same fingerprint and dist/ exactly as
 * that manifest says stops before Astro does anything, and says it reused the last site. Any changed input, any file of
 * dist/ changed, missing or added, or no record at all (a clean clone, CI) is a real build.
 *
 * Node only.
 */

/** What a build reads besides node_modules (covered by package-lock.json and the versions below). */
export const inputFolders = ['content', 'src', 'public'];
export const inputFiles = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json', '.env', '.env.production'];
/** Environment variables that change what a build makes: ours (COURSE_GUIDE, COURSE_PRECACHE_MAX_LESSONS, …), Astro's and Vite's. */
const inputEnv = /^(COURSE_|ASTRO_|PUBLIC_|VITE_|NODE_ENV$)/;

const RECORD_VERSION = 2;

/** A lesson's own files: an edit to these alone may be built incrementally (./incremental-build.ts). */
export const isLessonFile = (rel: string) => rel.startsWith('content/') && (rel.endsWith('.mdx') || rel.endsWith('.quiz.yaml'));

/** A build's inputs: the SHA-256 of each lesson file, one over everything else, and the fingerprint of both. */
export interface BuildInputs {
  fingerprint: string;
  /** Everything but the lesson files: the source, config, lock files, environment, tools, other content files. */
  rest: string;
  /** Each lesson file (root-relative) with the SHA-256 of its bytes. */
  lessons: Record<string, string>;
}

/** Every input hashed: the lesson files one by one, the rest together (paths and bytes, environment, tool versions). */
export function buildInputs(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  tools: { node: string; astro: string; argv: readonly string[] },
): BuildInputs {
  const rest = createHash('sha256');
  const add = (label: string, value: string | Buffer) => rest.update(`${label}\0${value.length}\0`).update(value);
  const lessons: Record<string, string> = {};
  const files = [...inputFolders.flatMap((f) => filesOf(join(root, f))), ...inputFiles.map((f) => join(root, f)).filter((f) => existsSync(f))];
  for (const file of files) {
    const rel = relative(root, file);
    // A symbolic link is read through; one that leads nowhere (or to a folder) counts by its name alone.
    const bytes = existsSync(file) && statSync(file).isFile() ? readFileSync(file) : '';
    if (isLessonFile(rel)) lessons[rel] = createHash('sha256').update(bytes).digest('hex');
    else add(rel, bytes);
  }
  for (const key of Object.keys(env).filter((k) => inputEnv.test(k)).sort()) add(`env:${key}`, env[key] ?? '');
  add('node', tools.node);
  add('astro', tools.astro);
  add('argv', JSON.stringify(tools.argv));
  const restHash = rest.digest('hex');
  const fingerprint = createHash('sha256').update(restHash).update(JSON.stringify(lessons)).digest('hex');
  return { fingerprint, rest: restHash, lessons };
}

/** One SHA-256 over every input's path and bytes, the build's environment and the tool versions. */
export function inputsFingerprint(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  tools: { node: string; astro: string; argv: readonly string[] },
): string {
  return buildInputs(root, env, tools).fingerprint;
}

/** Each file of the site (relative path) with its size and modification time: what any change to dist/ moves. */
export function siteManifest(outDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of filesOf(outDir)) {
    const s = statSync(file);
    out[relative(outDir, file)] = `${s.size}:${s.mtimeMs}`;
  }
  return out;
}

export interface BuildRecord {
  version: number;
  inputs: string;
  site: Record<string, string>;
  /** For an incremental next build (./incremental-build.ts): the inputs split and what the pages reported. */
  rest?: string;
  lessons?: Record<string, string>;
  pages?: PageRecord;
}

// Beside the caches' seals (./cache-seal.ts), not in a cache folder of its own: the record is dist/'s seal, and a
// folder of node_modules/.cache would itself be sealed and checked as a cache.
const recordFile = (root: string) => join(root, 'node_modules', '.cache', 'course-cache-seals', 'last-build.json');

/** The last finished build's record, or why there is none to use. */
export function readRecord(root: string): BuildRecord | string {
  let record: Partial<BuildRecord>;
  try {
    record = JSON.parse(readFileSync(recordFile(root), 'utf8')) as Partial<BuildRecord>;
  } catch {
    return 'no finished build is recorded';
  }
  if (record.version !== RECORD_VERSION || typeof record.site !== 'object' || record.site === null) return 'the record is of another version';
  return record as BuildRecord;
}

/** Why dist/ is not exactly the site the record describes, or undefined when it is. */
export function siteProblem(record: BuildRecord, outDir: string): string | undefined {
  if (!existsSync(outDir)) return `${outDir} is missing`;
  const now = siteManifest(outDir);
  for (const [file, stamp] of Object.entries(record.site)) {
    if (!(file in now)) return `${file} is missing from the site`;
    if (now[file] !== stamp) return `${file} of the site changed`;
  }
  const added = Object.keys(now).find((f) => !(f in record.site));
  return added ? `${added} was added to the site` : undefined;
}

/** Why the last site may not be reused for `inputs`, or undefined when it may. */
export function reuseProblem(root: string, outDir: string, inputs: string): string | undefined {
  const record = readRecord(root);
  if (typeof record === 'string') return record;
  if (record.inputs !== inputs) return 'an input changed';
  return siteProblem(record, outDir);
}

/** Records a finished build: written to a temporary file and renamed, so a crash never leaves half a record. */
export function recordBuild(root: string, outDir: string, inputs: string | BuildInputs, pages?: PageRecord): void {
  const file = recordFile(root);
  mkdirSync(join(file, '..'), { recursive: true });
  const split = typeof inputs === 'string' ? {} : { rest: inputs.rest, lessons: inputs.lessons, pages };
  const record: BuildRecord = { version: RECORD_VERSION, inputs: typeof inputs === 'string' ? inputs : inputs.fingerprint, site: siteManifest(outDir), ...split };
  writeFileSync(`${file}.tmp`, JSON.stringify(record));
  renameSync(`${file}.tmp`, file);
}

function astroVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', 'astro', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Three integrations sharing one set of inputs: `check` (list it first) ends an unchanged build before anything else
 * runs, or makes it incremental when only lessons changed (./incremental-build.ts); `merge` (list it after
 * chartFiles, before searchIndex) links the last site's unchanged files into an incremental build's output; `record`
 * (list it after lastGoodSite, whose swap puts the site in dist/) records the finished build.
 */
export function lastBuild(): { check: AstroIntegration; merge: AstroIntegration; record: AstroIntegration } {
  let root = '';
  let outDir = '';
  let inputs: BuildInputs | undefined;
  let cacheDir = '';
  let incremental = false;
  let bundlePlan: { bundled: ReadonlySet<string>; known: ReadonlySet<string> } | undefined;
  return {
    check: {
      name: 'last-build-check',
      hooks: {
        'astro:config:setup': ({ config, command, logger, updateConfig }) => {
          if (command !== 'build') return;
          root = fileURLToPath(config.root);
          outDir = fileURLToPath(config.outDir).replace(/\/+$/, '');
          cacheDir = fileURLToPath(config.cacheDir);
          // In every build, so that the Vite config is the same whether or not this one is incremental.
          updateConfig({ vite: { plugins: [bundleOnly(() => bundlePlan)] } });
          inputs = buildInputs(root, process.env, { node: process.version, astro: astroVersion(root), argv: process.argv.slice(2) });
          const record = readRecord(root);
          const problem = typeof record === 'string' ? record : record.inputs !== inputs.fingerprint ? 'an input changed' : siteProblem(record, outDir);
          if (problem === undefined) {
            logger.info(`nothing changed since the last build: reused the last site in ${relative(root, outDir) || outDir}/`);
            // Nothing has been written yet (no cache opened, no staging folder): ending here leaves everything as it was.
            process.exit(0);
          }
          // The record stays as it is: it can only match inputs and a dist/ that the last finished build left.
          const plan = typeof record === 'string' ? record : (siteProblem(record, outDir) ?? planIncremental(record, inputs, lessonIdIn(root)));
          if (typeof plan === 'string') {
            logger.info(`building: ${problem}; a full build: ${plan}`);
            return;
          }
          incremental = true;
          startIncremental(plan.previous, plan.bundled);
          bundlePlan = { bundled: plan.bundled, known: new Set(Object.keys(plan.previous.lessons)) };
          logger.info(`building: ${problem}; incrementally: ${plan.changed.length} lesson file(s) changed (${plan.changed.slice(0, 3).join(', ')}${plan.changed.length > 3 ? ', …' : ''}); ${plan.bundled.size} lesson(s) bundled`);
        },
        // After cacheSeal has checked the caches (in its config:setup): Astro's own incremental build would prune its
        // copies of the pages this build leaves out, so its manifest steps aside until the merge.
        'astro:build:start': () => {
          if (incremental) setAsideAstroManifest(cacheDir);
        },
      },
    },
    merge: {
      name: 'last-build-merge',
      hooks: {
        'astro:build:done': ({ dir, logger }) => {
          if (!incremental) return;
          restoreAstroManifest(cacheDir);
          const gone = new Set(incrementalState().gone);
          const linked = linkUnchanged(outDir, fileURLToPath(dir), (rel) => gone.has(rel) || rewrittenLater(rel));
          logger.info(`linked ${linked} unchanged files of the last site`);
        },
      },
    },
    record: {
      name: 'last-build-record',
      hooks: {
        'astro:build:done': () => {
          if (inputs) recordBuild(root, outDir, inputs, incrementalState().next);
        },
      },
    },
  };
}

/** Files that steps after the merge write anew in every build (the math font, the search index, Pyodide, the service worker): never linked. */
const rewrittenLater = (rel: string) => rel === mathFontFile || rel.startsWith(`${searchIndexDir}/`) || rel.startsWith(pyodideBase.slice(1)) || rel === serviceWorkerFile;
