import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { astroBuild, scratchProject } from '../support/project';
import { corpusBase, corpusCases } from '../support/corpus';

/**
 * The corpora for real: every valid case builds (all in one course, one build), a sample of the
 * broken cases stops a real build with its message and no stack trace, and a failed build, whether
 * caught before Astro starts or while it renders, leaves the last good dist/ byte for byte.
 * Every broken case is checked against the validator in test/unit/content/corpus.test.ts.
 */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const full = join(d, e);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const valid = corpusCases('valid');
const broken = new Map(corpusCases('broken').map((c) => [c.name, c]));
/** One of each kind the old build let through or failed on late: body syntax, components, props, math, encoding, course files. */
const sample = ['mdx-unclosed-component', 'mdx-expression-in-prose', 'unknown-component', 'callout-bad-type', 'chart-unknown-name', 'checkyourself-unknown-question', 'math-display-error-line', 'latin1-byte', 'course-missing', 'folder-not-listed'];

describe('the corpus, built', () => {
  test('every valid-but-unusual case builds, a failed build keeps the last good site, a renamed lesson builds', async () => {
    const dir = scratchProject('corpus-valid', [corpusBase, ...valid.map((c) => c.dir)]);
    const good = await astroBuild(dir);
    expect(good.code, good.output).toBe(0);
    for (const c of valid) {
      for (const file of readdirSync(join(c.dir, 'content/demo-course/1.9-demo')).filter((f) => f.endsWith('.mdx'))) {
        const id = file.split('-')[0]!;
        expect(existsSync(join(dir, 'dist/demo-course', id, 'index.html')), `${c.name}: page of ${file}`).toBe(true);
      }
    }
    const page = (id: string) => readFileSync(join(dir, 'dist/demo-course', id, 'index.html'), 'utf8');
    expect(page('1.9.3')).toContain('Saved with a byte-order mark');
    expect(page('1.9.5')).toContain('Three dashes --- inside a summary');
    expect(page('1.9.6')).toContain('学习率');
    expect(page('1.9.9')).not.toContain('an author note');
    const before = snapshot(join(dir, 'dist'));

    // Caught before Astro starts.
    const lesson = join(dir, 'content/demo-course/1.9-demo/1.9.1-first.mdx');
    const original = readFileSync(lesson, 'utf8');
    writeFileSync(lesson, original.replace('Two plus two', 'The iterate {x_t} and two plus two'));
    const early = await astroBuild(dir);
    expect(early.code).not.toBe(0);
    expect(early.output).toContain('1.9.1-first.mdx:16  error  mdx: {x_t}');
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
    writeFileSync(lesson, original);

    // Failing while Astro renders pages (a page that throws stands for any render-time failure).
    const boom = join(dir, 'src/pages/boom.astro');
    writeFileSync(boom, '---\nthrow new Error("rendering failed on purpose");\n---\n');
    const late = await astroBuild(dir);
    expect(late.code).not.toBe(0);
    expect(late.output).toContain('rendering failed on purpose');
    expect(snapshot(join(dir, 'dist')), 'dist/ byte-identical after a failed build').toEqual(before);
    rmSync(boom);

    // Renaming a lesson together with its quiz is an ordinary edit (Astro's data store is reused).
    const module = join(dir, 'content/demo-course/1.9-demo');
    renameSync(join(module, '1.9.10-components.mdx'), join(module, '1.9.10-all-components.mdx'));
    renameSync(join(module, '1.9.10-components.quiz.yaml'), join(module, '1.9.10-all-components.quiz.yaml'));
    const renamed = await astroBuild(dir);
    expect(renamed.code, renamed.output).toBe(0);
    expect(readFileSync(join(dir, 'dist/demo-course/1.9.10/index.html'), 'utf8')).toContain('q-one');
    // Four builds: a deadline for a loaded machine, not a speed check.
  }, 1_200_000);

  test.concurrent.each(sample)('%s stops a real build with its message and no stack trace', async (name) => {
    const c = broken.get(name)!;
    const dir = scratchProject(`corpus-${name}`, [corpusBase, c.dir]);
    for (const gone of c.expect!.delete ?? []) rmSync(join(dir, gone));
    const result = await astroBuild(dir);
    expect(result.code, result.output).not.toBe(0);
    const where = `${c.expect!.file}:${c.expect!.line}  error  ${c.expect!.field}: `;
    const line = result.output.split('\n').find((l) => l.startsWith(where));
    expect(line, `expected "${where}" in:\n${result.output}`).toBeDefined();
    expect(line).toContain(c.expect!.message);
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'dist')), 'nothing written').toBe(false);
  });
});

