import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOf } from './cache-seal';

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

const RECORD_VERSION = 1;

/** One SHA-256 over every input's path and bytes, the build's environment and the tool versions. */
export function inputsFingerprint(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  tools: { node: string; astro: string; argv: readonly string[] },
): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string | Buffer) => hash.update(`${label}\0${value.length}\0`).update(value);
  const files = [...inputFolders.flatMap((f) => filesOf(join(root, f))), ...inputFiles.map((f) => join(root, f)).filter((f) => existsSync(f))];
  for (const file of files) {
    // A symbolic link is read through; one that leads nowhere (or to a folder) counts by its name alone.
    add(relative(root, file), existsSync(file) && statSync(file).isFile() ? readFileSync(file) : '');
  }
  for (const key of Object.keys(env).filter((k) => inputEnv.test(k)).sort()) add(`env:${key}`, env[key] ?? '');
  add('node', tools.node);
  add('astro', tools.astro);
  add('argv', JSON.stringify(tools.argv));
  return hash.digest('hex');
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

interface BuildRecord {
  version: number;
  inputs: string;
  site: Record<string, string>;
}

// Beside the caches' seals (./cache-seal.ts), not in a cache folder of its own: the record is dist/'s seal, and a
// folder of node_modules/.cache would itself be sealed and checked as a cache.
const recordFile = (root: string) => join(root, 'node_modules', '.cache', 'course-cache-seals', 'last-build.json');

/** Why the last site may not be reused for `inputs`, or undefined when it may. */
export function reuseProblem(root: string, outDir: string, inputs: string): string | undefined {
  let record: Partial<BuildRecord>;
  try {
    record = JSON.parse(readFileSync(recordFile(root), 'utf8')) as Partial<BuildRecord>;
  } catch {
    return 'no finished build is recorded';
  }
  if (record.version !== RECORD_VERSION || typeof record.site !== 'object' || record.site === null) return 'the record is of another version';
  if (record.inputs !== inputs) return 'an input changed';
  if (!existsSync(outDir)) return `${outDir} is missing`;
  const now = siteManifest(outDir);
  for (const [file, stamp] of Object.entries(record.site)) {
    if (!(file in now)) return `${file} is missing from the site`;
    if (now[file] !== stamp) return `${file} of the site changed`;
  }
  const added = Object.keys(now).find((f) => !(f in record.site!));
  return added ? `${added} was added to the site` : undefined;
}

/** Records a finished build: written to a temporary file and renamed, so a crash never leaves half a record. */
export function recordBuild(root: string, outDir: string, inputs: string): void {
  const file = recordFile(root);
  mkdirSync(join(file, '..'), { recursive: true });
  const record: BuildRecord = { version: RECORD_VERSION, inputs, site: siteManifest(outDir) };
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
 * Two integrations sharing one fingerprint: `check` (list it first) ends an unchanged build before anything else runs;
 * `record` (list it after lastGoodSite, whose swap puts the site in dist/) records the finished build.
 */
export function lastBuild(): { check: AstroIntegration; record: AstroIntegration } {
  let root = '';
  let outDir = '';
  let inputs = '';
  return {
    check: {
      name: 'last-build-check',
      hooks: {
        'astro:config:setup': ({ config, command, logger }) => {
          if (command !== 'build') return;
          root = fileURLToPath(config.root);
          outDir = fileURLToPath(config.outDir).replace(/\/+$/, '');
          inputs = inputsFingerprint(root, process.env, { node: process.version, astro: astroVersion(root), argv: process.argv.slice(2) });
          const problem = reuseProblem(root, outDir, inputs);
          if (problem === undefined) {
            logger.info(`nothing changed since the last build: reused the last site in ${relative(root, outDir) || outDir}/`);
            // Nothing has been written yet (no cache opened, no staging folder): ending here leaves everything as it was.
            process.exit(0);
          }
          // The record stays as it is: it can only match inputs and a dist/ that the last finished build left.
          logger.info(`building: ${problem}`);
        },
      },
    },
    record: {
      name: 'last-build-record',
      hooks: {
        'astro:build:done': () => {
          if (inputs) recordBuild(root, outDir, inputs);
        },
      },
    },
  };
}
