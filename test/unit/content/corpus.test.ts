import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../../src/content/problems';
import { validateContent } from '../../../src/content/validate';
import { validateQuizFile } from '../../../src/quiz/validate';
import { caseContent, corpusCases } from '../../support/corpus';

/**
 * The corpora of test/fixtures/corpus, checked with the build's own validator in this process (the
 * build runs the same validation before Astro starts; test/build/corpus.test.ts builds a sample and
 * every valid case for real).
 */
const errorsOf = (name: string, kind: 'broken' | 'valid') =>
  validateContent(caseContent(corpusCases(kind).find((c) => c.name === name)!), validateQuizFile).filter((p) => p.severity === 'error');

describe('every broken input is refused with its file, line and field', () => {
  const cases = corpusCases('broken');
  test('the corpus holds at least 80 mistakes', () => expect(cases.length).toBeGreaterThanOrEqual(80));

  test('the base course has no problem', () => {
    expect(validateContent(caseContent({ name: '_base', dir: '/nonexistent' }), validateQuizFile).map(formatProblem)).toEqual([]);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const e = c.expect!;
    const errors = errorsOf(name, 'broken');
    const listing = errors.map(formatProblem).join('\n');
    expect(errors.find((p) => p.file === e.file && p.line === e.line && p.field === e.field && p.message.includes(e.message)), `expected ${e.file}:${e.line}  error  ${e.field}: …${e.message}… in:\n${listing}`).toBeDefined();
    // Every message the author sees points somewhere: a line and a field, never 0 or blank.
    for (const p of errors) {
      expect(p.line, formatProblem(p)).toBeGreaterThan(0);
      expect(p.field, formatProblem(p)).not.toBe('');
    }
    if (e.onlyThisFile) expect(errors.filter((p) => p.file !== e.file), listing).toEqual([]);
  });
});

describe('unusual but valid input is accepted', () => {
  const cases = corpusCases('valid');
  test('the corpus holds at least 10 cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  test.each(cases.map((c) => c.name))('%s', (name) => {
    expect(errorsOf(name, 'valid').map(formatProblem)).toEqual([]);
  });
});
