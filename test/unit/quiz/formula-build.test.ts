import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';

// Whether anything has imported mathjs in this file's module graph (each test file has its own).
const mathjs = vi.hoisted(() => ({ loaded: false }));
vi.mock('mathjs', async (importOriginal) => {
  mathjs.loaded = true;
  return importOriginal();
});

const lesson = { id: '1.1.1', objectiveIds: ['o'], exerciseObjectiveIds: [], strict: false };
const singleQuiz = `questions:
  - id: q-one
    type: single
    objectives: [o]
    prompt: Which one?
    explanation: The first.
    choices:
      - { id: a, text: One }
      - { id: b, text: Two, feedback: Not two. }
    answer: a
`;
const expressionQuiz = `questions:
  - id: q-expr
    type: "expression"
    objectives: [o]
    prompt: The derivative of $x^2$?
    explanation: It is $2x$.
    answer: 2*x
    variables: { x: { min: -1, max: 1 } }
`;

/** A content folder with one course whose only quiz is `quiz`. */
function contentWith(quiz: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'formula-build-'));
  mkdirSync(join(dir, 'c', 'm'), { recursive: true });
  writeFileSync(join(dir, 'c', 'm', '1.1.1-a.quiz.yaml'), quiz);
  return dir;
}
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the formula types load mathjs only for a quiz that has one (issue 23)', () => {
  test('the validation pass and the question-type registry import no mathjs, and a quiz without formulas validates without it', async () => {
    const { loadFormulaValidation } = await import('../../../src/integrations/course-validation');
    dirs.push(contentWith(singleQuiz));
    await loadFormulaValidation(dirs[0]!);
    const { validateQuizFile } = await import('../../../src/quiz/validate');
    const { buildGradable } = await import('../../../src/quiz/build');
    expect(validateQuizFile({ file: 'a.quiz.yaml', source: singleQuiz, lesson })).toEqual([]);
    const { questionSchema } = await import('../../../src/quiz/schema');
    expect(buildGradable(questionSchema.parse({ id: 'q', type: 'true-false', prompt: 'Yes?', explanation: 'Yes.', answer: true, objectives: ['o'] }))).toMatchObject({ type: 'true-false' });
    expect(mathjs.loaded).toBe(false);
  });

  test('a formula question before the half is loaded stops with a message that names the fix', async () => {
    const { validateQuizFile } = await import('../../../src/quiz/validate');
    expect(() => validateQuizFile({ file: 'b.quiz.yaml', source: expressionQuiz, lesson })).toThrow(/await loadFormulaBuild\(\)/);
  });

  test('loading for questions of other types loads nothing; for a formula question, the half and the grader engine', async () => {
    const { loadFormulaBuildFor, formulaBuild } = await import('../../../src/quiz/expression/formula-build');
    const { formulaEngine } = await import('../../../src/quiz/expression/engine');
    await loadFormulaBuildFor([{ type: 'single' }, { type: 'numeric' }]);
    expect(mathjs.loaded).toBe(false);
    expect(formulaEngine()).toBeUndefined();
    await loadFormulaBuildFor([{ type: 'single' }, { type: 'multipart' }]);
    expect(mathjs.loaded).toBe(true);
    expect(typeof formulaBuild().checkExpression).toBe('function');
    expect(formulaEngine()).toBeDefined();
    const { validateQuizFile } = await import('../../../src/quiz/validate');
    expect(validateQuizFile({ file: 'b.quiz.yaml', source: expressionQuiz, lesson })).toEqual([]);
  });

  test.each([
    ['a plain type', 'type: expression', true],
    ['a quoted type', 'type: "multipart"', true],
    ['a flow mapping', '- { id: q, type: expression }', true],
    ['the choice quiz', singleQuiz, false],
  ])('a quiz file with %s may have a formula question (%s)', async (_, source, expected) => {
    const { mayHaveFormulaQuestion } = await import('../../../src/quiz/expression/formula-build');
    expect(mayHaveFormulaQuestion(source)).toBe(expected);
  });
});

describe('the config loads the formula half only when the course may need it', () => {
  test.each([
    ['a course with a formula question loads it', expressionQuiz, true],
    // The dev server loads it later if an author adds one (src/authoring/content-watch.ts).
    ['a course without one does not', singleQuiz, false],
  ])('%s', async (_, quiz, loads) => {
    vi.resetModules(); // a fresh slot, as a new process has
    const { loadFormulaValidation } = await import('../../../src/integrations/course-validation');
    const { formulaBuild, formulaBuildLoaded } = await import('../../../src/quiz/expression/formula-build');
    expect(formulaBuild).toThrow(/loadFormulaBuild/);
    const dir = contentWith(quiz);
    dirs.push(dir);
    await loadFormulaValidation(dir);
    expect(formulaBuildLoaded()).toBe(loads);
  });

  test('a half loaded by another runner (the dev server\'s) fills the slot and the engine slot', async () => {
    vi.resetModules();
    const { formulaBuild, useFormulaBuild } = await import('../../../src/quiz/expression/formula-build');
    const { formulaEngine } = await import('../../../src/quiz/expression/engine');
    // Another module graph's copy, as the dev server's runner has: its import fills its own engine slot, not this one.
    vi.resetModules();
    const other = await import('../../../src/quiz/expression/formula-build-halves');
    expect(formulaEngine()).toBeUndefined();
    useFormulaBuild(other);
    expect(formulaBuild()).toBe(other);
    expect(formulaEngine()).toBe(other.engine);
  });
});
