import { describe, expect, test, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { projectRoot } from '../support/project';
import { encodeSuspendData, decodeSuspendData, suspendLimits } from '../../src/lms/suspend';
import { largestLessonProgress } from '../support/scorm';

/** The real course, built by `npm run build` just before this suite (see the test script). */
const dist = join(projectRoot, 'dist');
const out = mkdtempSync(join(tmpdir(), 'scorm-'));
const versions = ['1.2', '2004'] as const;
const packages = new Map<string, Record<string, Uint8Array>>();

beforeAll(() => {
  for (const version of versions) {
    const run = spawnSync('npm', ['run', '--silent', 'package:scorm', '--', '--version', version, '--out', out], { cwd: projectRoot, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    packages.set(version, unzipSync(readFileSync(join(out, `math-for-ml-scorm${version}.zip`))));
  }
});

describe.each(versions)('the SCORM %s package of the course', (version) => {
  test('its imsmanifest.xml is valid against the SCORM schemas (xmllint, strict)', () => {
    const file = join(out, `imsmanifest-${version}.xml`);
    writeFileSync(file, strFromU8(packages.get(version)!['imsmanifest.xml']!));
    const schema = join(projectRoot, 'test/fixtures/scorm', version, 'manifest.xsd');
    const lint = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
    expect(lint.error, 'xmllint (Debian package libxml2-utils) must be installed').toBeUndefined();
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
  });

  test('has one SCO per lesson, launched with its lesson id, and lists every file it holds', () => {
    const zip = packages.get(version)!;
    const manifest = strFromU8(zip['imsmanifest.xml']!);
    const launches = [...manifest.matchAll(/scorm[tT]ype="sco" href="([^"]+)"/g)].map((m) => m[1]);
    expect(launches).toEqual(['1.2.37', '1.2.38', '1.2.39'].map((id) => `math-for-ml/${id}/index.html?sco=${id}`));
    const listed = new Set([...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]));
    for (const path of Object.keys(zip)) if (path !== 'imsmanifest.xml') expect(listed.has(path), path).toBe(true);
    expect(Object.keys(zip)).not.toContain('_headers');
  });

  test('every link and asset of a lesson page resolves inside the package (no root-relative URL is left)', () => {
    const zip = packages.get(version)!;
    for (const id of ['1.2.37', '1.2.38', '1.2.39']) {
      const path = `math-for-ml/${id}/index.html`;
      const html = strFromU8(zip[path]!);
      const urls = [...html.matchAll(/\b(?:href|src)="([^"#?]+)[^"]*"/g), ...html.matchAll(/"dataUrl":"([^"]+)"/g)].map((m) => m[1]!);
      expect(urls.filter((u) => u.startsWith('/'))).toEqual([]);
      for (const url of urls.filter((u) => !/^[a-z]+:/.test(u))) {
        const target = posix.normalize(posix.join(posix.dirname(path), url));
        expect(zip[target], `${path} → ${url}`).toBeDefined();
      }
    }
  });
});

describe('suspend_data of the real quizzes', () => {
  const lessons = readdirSync(join(dist, 'math-for-ml')).filter((d) => existsSync(join(dist, 'math-for-ml', d, 'index.html')));

  test.each(lessons)('lesson %s, every question answered, fits SCORM 1.2 and 2004 and reads back whole', (id) => {
    const progress = largestLessonProgress(dist, id);
    const sizes: string[] = [];
    for (const version of versions) {
      const encoded = encodeSuspendData(progress, suspendLimits[version]);
      expect(encoded.text.length).toBeLessThanOrEqual(suspendLimits[version]);
      // The course's quizzes fit without cutting a response, in either version.
      expect(encoded.cut).toEqual([]);
      const decoded = decodeSuspendData(encoded.text);
      expect(decoded).toEqual({ ok: true, lesson: progress });
      sizes.push(`${version}: ${encoded.text.length} characters`);
    }
    console.log(`suspend_data ${id} (${Object.keys(progress.quiz).length} questions, store JSON ${JSON.stringify(progress).length} characters): ${sizes.join(', ')}`);
  });
});
