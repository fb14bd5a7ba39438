import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, projectRoot, scratchProject } from '../support/project';
import { readContentTree } from '../../src/content/load';
import { formatProblem } from '../../src/content/problems';
import { validateContent } from '../../src/content/validate';
import { validateQuizFile } from '../../src/quiz/validate';

const fixtures = join(projectRoot, 'test/fixtures/lessons');
const L1 = 'content/demo-course/1.9-demo/1.9.1-first.mdx';
const L2 = 'content/demo-course/1.9-demo/1.9.2-second.mdx';

/**
 * Each broken fixture must stop the build, and the message must say where (file and line) and
 * what (field and what was expected), in the `file:line  error  field: message` form.
 */
const cases: { name: string; file: string; line: number; field: string; message: RegExp }[] = [
  { name: 'missing-title', file: L1, line: 2, field: 'title', message: /expected string/i },
  { name: 'wrong-difficulty', file: L1, line: 6, field: 'difficulty', message: /expected one of starter, intermediate, advanced/ },
  { name: 'bad-lesson-id', file: L1, line: 2, field: 'id', message: /lesson id like "1\.2\.38"/ },
  { name: 'number-id', file: L1, line: 2, field: 'id', message: /lesson id in quotes/ },
  { name: 'unknown-prerequisite', file: L2, line: 8, field: 'prerequisites.1', message: /unknown lesson id "1\.9\.7"; expected one of 1\.9\.1, 1\.9\.2/ },
  { name: 'unknown-next', file: L1, line: 11, field: 'next', message: /unknown lesson id "1\.9\.3"/ },
  { name: 'prerequisite-cycle', file: L2, line: 8, field: 'prerequisites.0', message: /prerequisite cycle: 1\.9\.1 → 1\.9\.2 → 1\.9\.1/ },
  { name: 'duplicate-id', file: 'content/demo-course/1.9-demo/1.9.1-first.mdx', line: 2, field: 'id', message: /lesson id "1\.9\.1" is already used by content\/demo-course\/1\.9-demo\/1\.9\.1-copy\.mdx/ },
  { name: 'empty-objectives', file: L2, line: 9, field: 'objectives', message: /at least one learning objective/ },
  { name: 'bad-objective-id', file: L2, line: 10, field: 'objectives.0.id', message: /short id of lower-case letters/ },
  { name: 'bad-resource-url', file: L2, line: 11, field: 'resources.0.url', message: /absolute URL/ },
  { name: 'bad-duration', file: L1, line: 7, field: 'estimatedTime', message: /duration such as "45 min"/ },
  { name: 'unknown-key', file: L1, line: 7, field: 'dificulty', message: /[Uu]nrecognized key.*dificulty/ },
  { name: 'yaml-syntax', file: L1, line: 4, field: '(front matter)', message: /YAML syntax/ },
  { name: 'no-front-matter', file: L2, line: 1, field: '(front matter)', message: /front matter between two --- lines/ },
  { name: 'file-name-mismatch', file: 'content/demo-course/1.9-demo/1.9.3-third.mdx', line: 2, field: 'id', message: /file name to start with the lesson id "1\.9\.4-"/ },
  { name: 'exercise-unknown-objective', file: L1, line: 24, field: 'Exercise.objectives', message: /"subtract-numbers" is not an objective of this lesson \(objectives: add-numbers\)/ },
  { name: 'missing-module-folder', file: 'content/demo-course/course.yaml', line: 6, field: 'modules.0.folder', message: /no folder "1\.9-demos"/ },
  { name: 'exercise-bad-id', file: L1, line: 24, field: 'Exercise.id', message: /starting with the lesson id, like "1\.9\.1\.1" \(found "2\.1\.1\.1"\)/ },
  { name: 'quiz-answer-not-a-choice', file: 'content/demo-course/1.9-demo/1.9.1-first.quiz.yaml', line: 9, field: 'questions[q-sum].answer', message: /five/ },
  { name: 'quiz-code-solution-fails', file: 'content/demo-course/1.9-demo/1.9.1-first.quiz.yaml', line: 13, field: 'questions[q-add].tests[0]', message: /the reference solution fails its own test "two and two": add\(2, 2\), returned 0, expected 4/ },
  // These were once only visible when the MDX was compiled; the validator now reads the body before Astro starts.
  { name: 'unknown-ref', file: L1, line: 22, field: 'Ref.to', message: /"fig-total" is not a figure or exercise id in this lesson \(known: fig-sum, 1\.9\.1\.1\)/ },
  { name: 'duplicate-figure-id', file: L1, line: 22, field: 'Figure.id', message: /"fig-sum" is used twice/ },
  { name: 'bad-math', file: L1, line: 25, field: 'math', message: /cannot render this formula/ },
  { name: 'exercise-bad-level', file: L1, line: 24, field: 'Exercise.level', message: /expected one of starter, intermediate, advanced \(found "easy"\)/ },
];

describe('a broken lesson stops the build and says where and what', () => {
  test('the base fixture itself builds', async () => {
    const dir = scratchProject('base', [join(fixtures, '_base')]);
    const result = await astroBuild(dir);
    expect(result.output).toContain('Complete!');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'dist/demo-course/1.9.1/index.html'))).toBe(true);
  });

  // Each case against the build's validator, in this process (the build runs the same validation before
  // Astro starts); a few of them also through a real build.
  test.each(cases)('$name', ({ name, file, line, field, message }) => {
    const dir = scratchProject(name, [join(fixtures, '_base'), join(fixtures, name)]);
    const output = validateContent(readContentTree(join(dir, 'content'), dir), validateQuizFile).map(formatProblem).join('\n');
    const where = `${file}:${line}  error  ${field}${field ? ': ' : ''}`;
    const at = output.indexOf(where);
    expect(at, `expected "${where}" in:\n${output}`).toBeGreaterThanOrEqual(0);
    expect(output.slice(at).split('\n')[0]).toMatch(message);
  });

  const built = ['bad-math', 'unknown-ref', 'quiz-code-solution-fails', 'exercise-bad-level'];
  test.concurrent.each(cases.filter((c) => built.includes(c.name)))('$name, in a real build', async ({ name, file, line, field, message }) => {
    const dir = scratchProject(`${name}-built`, [join(fixtures, '_base'), join(fixtures, name)]);
    const result = await astroBuild(dir);
    expect(result.code, result.output).not.toBe(0);
    expect(existsSync(join(dir, 'dist/index.html')), 'no half-built site is left behind').toBe(false);
    const where = `${file}:${line}  error  ${field}${field ? ': ' : ''}`;
    const at = result.output.indexOf(where);
    expect(at, `expected "${where}" in:\n${result.output}`).toBeGreaterThanOrEqual(0);
    expect(result.output.slice(at).split('\n')[0]).toMatch(message);
  });
});
