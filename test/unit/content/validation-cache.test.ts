import { describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { validationCache, validatorSources } from '../../../src/content/validation-cache';
import type { QuizValidator } from '../../../src/content/validate';

const projectRoot = join(import.meta.dirname, '../../..');

describe("the validation cache's key: what the validator imports", () => {
  test('the real validator: its schemas, math and quiz modules and worker, no page, component, style or integration', () => {
    const entries = ['src/content/validate.ts', 'src/quiz/validate.ts', 'src/content/validation-cache.ts'].map((f) => join(projectRoot, f));
    const { files, packages } = validatorSources(entries);
    const names = files.map((f) => relative(projectRoot, f));
    for (const needed of ['src/content/schema.ts', 'src/quiz/schema.ts', 'src/markdown/strict-math.ts', 'src/charts/catalog.ts', 'src/quiz/python-check.mjs']) expect(names).toContain(needed);
    expect(names.filter((n) => /^src\/(pages|components|layouts|client|styles|integrations|guide)\//.test(n))).toEqual([]);
    expect(packages).toEqual(expect.arrayContaining(['yaml', 'temml', 'mathjs']));
    expect(packages.filter((p) => p.startsWith('.'))).toEqual([]);
    expect(packages.filter((p) => p.startsWith('node:'))).toEqual([]);
  });

  test('a result is kept across a page edit and dropped when a module the validator imports changes', () => {
    const root = mkdtempSync(join(tmpdir(), 'validation-cache-'));
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    write('src/content/validate.ts', "import { rule } from './rule';\nexport const v = rule;\n");
    write('src/content/rule.ts', 'export const rule = 1;\n');
    write('src/quiz/validate.ts', "export * from '../content/rule.ts';\n");
    write('src/content/validation-cache.ts', 'export {};\n');
    write('src/pages/index.astro', '<h1>Home</h1>\n');
    let calls = 0;
    const validateQuiz: QuizValidator = () => {
      calls += 1;
      return [];
    };
    const quiz = { file: 'content/c/m/1.1.1-a.quiz.yaml', source: 'questions: []\n', lesson: undefined } as unknown as Parameters<QuizValidator>[0];
    const run = () => {
      const cache = validationCache(root, validateQuiz, join(root, 'cache'));
      cache.validateQuiz(quiz);
      cache.save();
      return cache.stats;
    };
    expect(run()).toEqual({ hits: 0, misses: 1 });
    expect(run()).toEqual({ hits: 1, misses: 0 });
    write('src/pages/index.astro', '<h1>Home, renamed</h1>\n');
    expect(run()).toEqual({ hits: 1, misses: 0 });
    write('src/content/rule.ts', 'export const rule = 2;\n');
    expect(run()).toEqual({ hits: 0, misses: 1 });
    expect(calls).toBe(2);
  });
});
