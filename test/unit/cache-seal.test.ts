import { afterEach, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seal, sealProblem } from '../../src/integrations/cache-seal';

/**
 * The seal trusts a file whose stamp (size, mtime, inode, ctime) is the sealed one and hashes the others;
 * COURSE_CACHE_VERIFY=full hashes every file. Each case seals a small cache folder, disturbs it and checks again.
 */
let root = '';
const cache = () => join(root, 'node_modules/.cache/course-demo');
const sealPath = () => {
  const dir = join(root, 'node_modules/.cache/course-cache-seals');
  return join(dir, readdirSync(dir)[0]!);
};

function sealed(): void {
  root = mkdtempSync(join(tmpdir(), 'cache-seal-'));
  mkdirSync(join(cache(), 'entries'), { recursive: true });
  writeFileSync(join(cache(), 'entries/a.json'), '{"html":"<p>a</p>"}');
  writeFileSync(join(cache(), 'entries/b.json'), '{"html":"<p>b</p>"}');
  seal(root, cache());
}

afterEach(() => {
  delete process.env.COURSE_CACHE_VERIFY;
  rmSync(root, { recursive: true, force: true });
});

describe('cache seals', () => {
  test('an untouched folder passes, and its seal records a stamp for every file', () => {
    sealed();
    expect(sealProblem(root, cache())).toBeUndefined();
    const record = JSON.parse(readFileSync(sealPath(), 'utf8')) as { stamps: Record<string, string> };
    expect(Object.keys(record.stamps).sort()).toEqual(['entries/a.json', 'entries/b.json']);
  });

  test('bytes changed with the size and mtime set back are caught (the ctime moved)', () => {
    sealed();
    const file = join(cache(), 'entries/a.json');
    const before = statSync(file);
    writeFileSync(file, '{"html":"<p>A</p>"}');
    utimesSync(file, before.atime, before.mtime);
    expect(sealProblem(root, cache())).toBe('entries/a.json changed since the last build');
  });

  test('a file renamed into place (same bytes, another inode) is hashed and, with the same bytes, passes', () => {
    sealed();
    const file = join(cache(), 'entries/b.json');
    writeFileSync(`${file}.tmp`, readFileSync(file));
    renameSync(`${file}.tmp`, file);
    expect(sealProblem(root, cache())).toBeUndefined();
  });

  test('missing and added files are caught', () => {
    sealed();
    rmSync(join(cache(), 'entries/b.json'));
    expect(sealProblem(root, cache())).toBe('entries/b.json is missing');
    sealed();
    writeFileSync(join(cache(), 'entries/c.json'), '{}');
    expect(sealProblem(root, cache())).toBe('entries/c.json was added since the last build');
  });

  test('COURSE_CACHE_VERIFY=full re-hashes files whose stamp is unchanged; by default they are trusted', () => {
    sealed();
    // A sealed hash that does not match the bytes while the stamp does: only a full check can see it.
    const record = JSON.parse(readFileSync(sealPath(), 'utf8')) as { files: Record<string, string> };
    record.files['entries/a.json'] = '0'.repeat(64);
    writeFileSync(sealPath(), JSON.stringify(record));
    expect(sealProblem(root, cache())).toBeUndefined();
    process.env.COURSE_CACHE_VERIFY = 'full';
    expect(sealProblem(root, cache())).toBe('entries/a.json changed since the last build');
  });

  test('a seal without stamps (an older one) is checked in full', () => {
    sealed();
    const record = JSON.parse(readFileSync(sealPath(), 'utf8')) as { files: Record<string, string>; stamps?: unknown };
    delete record.stamps;
    record.files['entries/b.json'] = '0'.repeat(64);
    writeFileSync(sealPath(), JSON.stringify(record));
    expect(sealProblem(root, cache())).toBe('entries/b.json changed since the last build');
  });
});
