import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeContent } from '../../src/content/load';
import type { SourceFile } from '../../src/content/validate';
import { projectRoot } from './project';

/**
 * The fixture corpora (test/fixtures/corpus): `_base` is a small course that builds; each folder of
 * `broken/` lays files over it (and may delete some) with one mistake an author makes, and says in
 * expect.json where and what the build must report; each folder of `valid/` lays over it files that
 * look unusual but are right, and must build.
 */
export const corpusDir = join(projectRoot, 'test/fixtures/corpus');
export const corpusBase = join(corpusDir, '_base');

export interface Expectation {
  file: string;
  line: number;
  field: string;
  /** A piece of the message (plain text). */
  message: string;
  /** Files of the base to delete (paths relative to the project). */
  delete?: string[];
  /** Every error must be in `file`: the mistake must not be blamed on other files. */
  onlyThisFile?: boolean;
  /** Which mistake of the issue this is, when it is one. */
  note?: string;
}

export interface CorpusCase {
  name: string;
  dir: string;
  expect?: Expectation;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

export function corpusCases(kind: 'broken' | 'valid'): CorpusCase[] {
  const dir = join(corpusDir, kind);
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const expectFile = join(dir, name, 'expect.json');
      return { name, dir: join(dir, name), expect: existsSync(expectFile) ? (JSON.parse(readFileSync(expectFile, 'utf8')) as Expectation) : undefined };
    });
}

/** The content files of the base with a case laid over it, read the way the build reads them. */
export function caseContent(c: CorpusCase): SourceFile[] {
  const bytes = new Map<string, Buffer>();
  for (const layer of [corpusBase, c.dir]) {
    for (const file of filesUnder(join(layer, 'content'))) bytes.set(relative(layer, file), readFileSync(file));
  }
  for (const gone of c.expect?.delete ?? []) bytes.delete(gone);
  return [...bytes]
    .filter(([path]) => /\.(mdx|md|ya?ml)$/.test(path))
    .map(([path, b]) => decodeContent(path, b))
    .sort((a, b) => a.path.localeCompare(b.path));
}
