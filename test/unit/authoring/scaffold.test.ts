import { beforeAll, describe, expect, test } from 'vitest';
import { loadFormulaBuild } from '../../../src/quiz/expression/formula-build';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readContentTree } from '../../../src/content/load';
import { splitFrontMatter } from '../../../src/content/problems';
import { validateContent, type SourceFile } from '../../../src/content/validate';
import { validateQuizFile } from '../../../src/quiz/validate';
import { planNewLesson, ScaffoldError } from '../../../src/authoring/scaffold';
import { removeFrontMatterField, setFrontMatterField } from '../../../src/authoring/front-matter-edit';
import { projectRoot } from '../../support/project';

// Validating formula questions needs their build half, loaded on demand as the build does.
beforeAll(loadFormulaBuild);

const content = readContentTree(join(projectRoot, 'content'), projectRoot);
const folder = 'content/math-for-ml/1.2-calculus-for-ml';
const L38 = `${folder}/1.2.38-learning-rate-and-convergence.mdx`;
const L39 = `${folder}/1.2.39-numerical-differentiation.mdx`;

function apply(files: readonly SourceFile[], planned: { path: string; text: string }[]): SourceFile[] {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  for (const f of planned) byPath.set(f.path, f.text);
  return [...byPath].map(([path, text]) => ({ path, text }));
}

function frontMatter(text: string): Record<string, unknown> {
  return parse(splitFrontMatter(text)!.yaml) as Record<string, unknown>;
}

describe('planNewLesson', () => {
  test('writes a lesson and a quiz into the module folder, and both validate', () => {
    const plan = planNewLesson({ id: '1.2.40', title: 'Jacobians and the chain rule' }, content);
    expect(plan.files.map((f) => [f.path, f.action])).toEqual([
      [`${folder}/1.2.40-jacobians-and-the-chain-rule.mdx`, 'create'],
      [`${folder}/1.2.40-jacobians-and-the-chain-rule.quiz.yaml`, 'create'],
    ]);
    expect(plan.url).toBe('/math-for-ml/1.2.40/');
    const problems = validateContent(apply(content, plan.files), validateQuizFile);
    expect(problems.filter((p) => p.file.includes('1.2.40'))).toEqual([]);
  });

  test('the lesson has every section and the front matter every part', () => {
    const plan = planNewLesson({ id: '1.2.40', title: 'Jacobians' }, content);
    const lesson = plan.files[0]!.text;
    for (const part of ['<CoreIdeas>', '### Worked example', 'level="starter"', 'level="intermediate"', 'level="advanced"', '<Solution>', '<MiniProject', '<KeyTakeaways>']) {
      expect(lesson).toContain(part);
    }
    expect(lesson.match(/<Solution>/g)).toHaveLength(3);
    const data = frontMatter(lesson);
    expect(data).toMatchObject({ id: '1.2.40', title: 'Jacobians', topic: 'Calculus for ML', prerequisites: [] });
    expect(data.objectives).toHaveLength(3);
    expect(data.resources).toHaveLength(1);
    expect((data.homework as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(lesson).toMatch(/^id: "1\.2\.40"$/m);
  });

  test('the quiz assesses every objective and points editors at the schema', () => {
    const plan = planNewLesson({ id: '1.2.40', title: 'Jacobians' }, content);
    const quiz = plan.files[1]!.text;
    expect(quiz.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/quiz.schema.json');
    expect(existsSync(join(projectRoot, folder, '../../../schemas/quiz.schema.json'))).toBe(true);
    const objectives = (frontMatter(plan.files[0]!.text).objectives as { id: string }[]).map((o) => o.id);
    const assessed = (parse(quiz) as { questions: { objectives: string[] }[] }).questions.flatMap((q) => q.objectives);
    expect(new Set(assessed)).toEqual(new Set(objectives));
    // Not even a warning: every objective is assessed.
    const problems = validateQuizFile({ file: 'q.quiz.yaml', source: quiz, lesson: { id: '1.2.40', objectiveIds: objectives, exerciseObjectiveIds: [], strict: true } });
    expect(problems).toEqual([]);
  });

  test('refuses an id that exists, naming the existing file', () => {
    expect(() => planNewLesson({ id: '1.2.39', title: 'Again' }, content)).toThrow(new ScaffoldError(`lesson 1.2.39 already exists: ${L39}; choose another id`));
  });

  test('refuses a module that course.yaml does not have', () => {
    expect(() => planNewLesson({ id: '1.3.1', title: 'Vectors' }, content)).toThrow(/no module "1\.3" in content\/math-for-ml\/course\.yaml \(modules: 1\.2 Calculus for ML\)/);
  });

  test('refuses a bad id, an unknown course and an unknown --after', () => {
    expect(() => planNewLesson({ id: '1.2', title: 'x' }, content)).toThrow(/expected --id like 1\.2\.40/);
    expect(() => planNewLesson({ id: '1.2.40', title: 'x', course: 'physics' }, content)).toThrow(/no course "physics": expected one of math-for-ml/);
    expect(() => planNewLesson({ id: '1.2.40', title: 'x', after: '1.2.12' }, content)).toThrow(/--after 1\.2\.12: no such lesson in course math-for-ml \(lessons: 1\.2\.37, 1\.2\.38, 1\.2\.39\)/);
  });

  test('--after a lesson with a next: inserts the new lesson between them', () => {
    const plan = planNewLesson({ id: '1.2.40', title: 'Between', after: '1.2.38' }, content);
    const before = content.find((f) => f.path === L38)!.text;
    const updated = plan.files.find((f) => f.path === L38)!;
    expect(updated.action).toBe('update');
    const newLesson = frontMatter(plan.files[0]!.text);
    expect(newLesson.prerequisites).toEqual(['1.2.38']);
    expect(newLesson.next).toBe('1.2.39');
    // The old preview described 1.2.39, which now follows the new lesson.
    expect(newLesson.nextPreview).toBe(frontMatter(before).nextPreview);
    expect(frontMatter(updated.text).next).toBe('1.2.40');
    // Minimal edit: only the two link lines change, everything else is byte for byte the same.
    const oldLines = before.split('\n');
    const newLines = updated.text.split('\n');
    expect(newLines).toHaveLength(oldLines.length);
    const changed = oldLines.map((line, i) => (line === newLines[i] ? undefined : i)).filter((i) => i !== undefined);
    expect(changed.map((i) => newLines[i]!.split(':')[0])).toEqual(['next', 'nextPreview']);
    expect(validateContent(apply(content, plan.files), validateQuizFile).filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('--after the last lesson: adds next, and the new lesson has none', () => {
    const plan = planNewLesson({ id: '1.2.40', title: 'Last', after: '1.2.39' }, content);
    const updated = plan.files.find((f) => f.path === L39)!.text;
    const before = content.find((f) => f.path === L39)!.text;
    expect(frontMatter(updated).next).toBe('1.2.40');
    expect(updated.split('\n').length).toBe(before.split('\n').length + 1);
    expect(updated).toContain('prerequisites: ["1.2.37", "1.2.38"]\nnext: "1.2.40"\n');
    expect(frontMatter(plan.files[0]!.text).next).toBeUndefined();
  });
});

describe('front matter edits keep the formatting', () => {
  const source = '---\n# a comment\nid: "9.9.9"\ntitle: A title   # trailing\nnextPreview: >-\n  folded\n  text\ntags: [a, b]\n---\nBody\n';
  test('replace, add after a key, add at the end, remove a block scalar', () => {
    expect(setFrontMatterField(source, 'title', 'New')).toBe(source.replace('A title   # trailing', 'New'));
    expect(setFrontMatterField(source, 'next', '"1.1.1"', ['id'])).toBe(source.replace('id: "9.9.9"\n', 'id: "9.9.9"\nnext: "1.1.1"\n'));
    expect(setFrontMatterField(source, 'next', '"1.1.1"')).toBe(source.replace('tags: [a, b]\n', 'tags: [a, b]\nnext: "1.1.1"\n'));
    expect(removeFrontMatterField(source, 'nextPreview')).toBe(source.replace('nextPreview: >-\n  folded\n  text\n', ''));
    expect(setFrontMatterField(source, 'nextPreview', 'short')).toBe(source.replace('nextPreview: >-\n  folded\n  text\n', 'nextPreview: short\n'));
  });
});

describe('npm run new:lesson (the shell)', () => {
  const run = (root: string, ...args: string[]) =>
    spawnSync(process.execPath, [join(projectRoot, 'scripts/new-lesson.ts'), '--root', root, ...args], { encoding: 'utf8' });

  test('writes the files, relinks, and refuses the same id twice', () => {
    const root = mkdtempSync(join(tmpdir(), 'scaffold-'));
    cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
    const first = run(root, '--id', '1.2.40', '--title', 'Jacobians', '--after', '1.2.39');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`create ${folder}/1.2.40-jacobians.mdx`);
    expect(first.stdout).toContain(`update ${L39}`);
    expect(existsSync(join(root, folder, '1.2.40-jacobians.quiz.yaml'))).toBe(true);
    expect(readFileSync(join(root, L39), 'utf8')).toContain('next: "1.2.40"');

    const again = run(root, '--id', '1.2.40', '--title', 'Jacobians again');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`lesson 1.2.40 already exists: ${folder}/1.2.40-jacobians.mdx`);
  });

  test('explains a missing argument', () => {
    const result = run(projectRoot, '--title', 'No id');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected --id and --title');
  });
});
