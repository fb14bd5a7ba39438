import { beforeAll, describe, expect, test } from 'vitest';
import { loadFormulaBuild } from '../../../src/quiz/expression/formula-build';
import { codeFrame, errorPage, firstError, liveContent, isContentLayerEntry, overlayError, reloadMerger, settledText } from '../../../src/authoring/content-watch';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContentTree } from '../../../src/content/load';
import { quizQuestionIds, validateContent, validateLessonFile, type QuizValidator, type SourceFile } from '../../../src/content/validate';
import { validateQuizFile } from '../../../src/quiz/validate';
import { projectRoot } from '../../support/project';

// Validating formula questions needs their build half, loaded on demand as the build does.
beforeAll(loadFormulaBuild);

test('the overlay payload names file, line and field, with the lines around it', () => {
  const text = 'a: 1\nb: 2\ndifficulty: easy\nc: 3\nd: 4\ne: 5\n';
  const payload = overlayError(
    { file: 'content/c/m/1.1.1-x.mdx', line: 3, field: 'difficulty', message: 'expected one of starter, intermediate, advanced', severity: 'error' },
    '/project',
    2,
    text,
  );
  expect(payload).toEqual({
    type: 'error',
    err: {
      message: 'content/c/m/1.1.1-x.mdx:3  error  difficulty: expected one of starter, intermediate, advanced\n(and 2 more content errors; the terminal lists them all)',
      stack: '',
      id: '/project/content/c/m/1.1.1-x.mdx',
      plugin: 'course-validation',
      frame: '  1 | a: 1\n  2 | b: 2\n> 3 | difficulty: easy\n  4 | c: 3\n  5 | d: 4',
      loc: { file: '/project/content/c/m/1.1.1-x.mdx', line: 3, column: 1 },
    },
  });
  expect(codeFrame(text, 1, 1)).toBe('> 1 | a: 1\n  2 | b: 2');
});

const course = readContentTree(join(projectRoot, 'content'), projectRoot);
const L38 = course.find((f) => f.path.endsWith('1.2.38-learning-rate-and-convergence.mdx'))!;
const Q38 = course.find((f) => f.path.endsWith('1.2.38-learning-rate-and-convergence.quiz.yaml'))!;
const errorsOf = (problems: ReturnType<typeof validateContent>) => problems.filter((p) => p.severity === 'error');

/** Validators that count the files they are given. */
function counting() {
  const lessons: string[] = [];
  const quizzes: string[] = [];
  const validateLesson = (file: SourceFile) => (lessons.push(file.path), validateLessonFile(file));
  const validateQuiz: QuizValidator = (input) => (quizzes.push(input.file), validateQuizFile(input));
  const idsRead: string[] = [];
  const questionIds = (file: SourceFile) => (idsRead.push(file.path), quizQuestionIds(file));
  return { lessons, quizzes, idsRead, validateLesson, validateQuiz, questionIds };
}

// Whole-course validations: seconds on a loaded machine.
describe('liveContent: the dev server validates only what changed', { timeout: 60_000 }, () => {
  test('an edit validates that file alone; the result equals a full validation', () => {
    const seen = counting();
    const content = liveContent(course, seen.validateQuiz, seen.validateLesson, seen.questionIds);
    expect(errorsOf(content.problems())).toEqual([]);
    expect(seen.lessons.length).toBe(course.filter((f) => f.path.endsWith('.mdx')).length);
    expect(seen.idsRead.length).toBe(course.filter((f) => f.path.endsWith('.quiz.yaml')).length);
    seen.lessons.length = 0;
    seen.quizzes.length = 0;
    seen.idsRead.length = 0;

    const broken = L38.text.replace('difficulty: intermediate', 'difficulty: easy');
    expect(broken).not.toBe(L38.text);
    expect(content.update(L38.path, broken)).toBe(true);
    const problems = content.problems();
    expect(seen.lessons).toEqual([L38.path]);
    // No quiz is parsed again for its question ids (at 1,000 lessons that was most of an edit's time).
    expect(seen.idsRead).toEqual([]);
    // The lesson fails, so its quiz has no lesson to be checked against: nothing else ran.
    expect(seen.quizzes).toEqual([]);
    const everything = course.map((f) => (f.path === L38.path ? { ...f, text: broken } : f));
    expect(problems).toEqual(validateContent(everything, validateQuizFile));
    expect(errorsOf(problems).map((p) => `${p.file}:${p.line} ${p.field}`)).toEqual([`${L38.path}:6 difficulty`]);

    seen.lessons.length = 0;
    expect(content.update(L38.path, L38.text)).toBe(true);
    expect(errorsOf(content.problems())).toEqual([]);
    expect(seen.lessons).toEqual([L38.path]);
    // Back to the text it had at start: its quiz's result for those same lesson facts is remembered.
    expect(seen.quizzes).toEqual([]);
  });

  test("a quiz edit reads that quiz's question ids alone, and a lesson's CheckYourself naming a removed question is an error", () => {
    const seen = counting();
    const content = liveContent(course, seen.validateQuiz, seen.validateLesson, seen.questionIds);
    expect(errorsOf(content.problems())).toEqual([]);
    seen.idsRead.length = 0;
    const renamed = Q38.text.replace('id: num-one-step', 'id: num-first-step');
    expect(renamed).not.toBe(Q38.text);
    content.update(Q38.path, renamed);
    const errors = errorsOf(content.problems());
    expect(seen.idsRead).toEqual([Q38.path]);
    expect(errors.map((p) => `${p.file} ${p.message}`).join('\n')).toMatch(new RegExp(`${L38.path.replaceAll('.', '\\.')} .*num-one-step`));
    const everything = course.map((f) => (f.path === Q38.path ? { ...f, text: renamed } : f));
    expect(errorsOf(content.problems())).toEqual(errorsOf(validateContent(everything, validateQuizFile)));
  });

  test("an editor's second event for the same save changes nothing and validates nothing", () => {
    const seen = counting();
    const content = liveContent(course, seen.validateQuiz, seen.validateLesson);
    content.problems();
    seen.lessons.length = 0;
    expect(content.update(L38.path, L38.text)).toBe(false);
    content.problems();
    expect(seen.lessons).toEqual([]);
  });

  test('a deleted lesson leaves its quiz without a lesson, named at the quiz', () => {
    const content = liveContent(course, validateQuizFile);
    content.problems();
    expect(content.update(L38.path, undefined)).toBe(true);
    const errors = errorsOf(content.problems());
    expect(errors.some((p) => p.file === Q38.path && /no lesson/.test(p.message))).toBe(true);
  });
});

describe('one mistake, one error: no knock-on errors in the neighbours', { timeout: 60_000 }, () => {
  test.each([
    ['a YAML syntax error', (t: string) => t.replace('difficulty: intermediate', 'difficulty: [intermediate')],
    ['an invalid value', (t: string) => t.replace('difficulty: intermediate', 'difficulty: easy')],
    ['no front matter at all', (t: string) => t.replace(/^---\n/, '')],
  ])('%s in 1.2.38 is reported in 1.2.38 only, though 1.2.37 and 1.2.39 name it', (_name, breakIt) => {
    const broken = breakIt(L38.text);
    expect(broken).not.toBe(L38.text);
    const neighbours = course.filter((f) => f.path.endsWith('.mdx') && f.path !== L38.path && f.text.includes('1.2.38'));
    expect(neighbours.length).toBeGreaterThan(0);
    const errors = errorsOf(validateContent(course.map((f) => (f.path === L38.path ? { ...f, text: broken } : f)), validateQuizFile));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((p) => p.file)).toEqual(errors.map(() => L38.path));
  });

  test('a reference to a lesson that does not exist at all is still an error', () => {
    const L39 = course.find((f) => f.path.endsWith('.mdx') && /prerequisites:.*1\.2\.38/.test(f.text))!;
    const renamed = L39.text.replace(/(prerequisites:.*)1\.2\.38/, '$11.2.99');
    const errors = errorsOf(validateContent(course.map((f) => (f.path === L39.path ? { ...f, text: renamed } : f)), validateQuizFile));
    expect(errors.map((p) => `${p.file} ${p.message}`)).toEqual([expect.stringMatching(new RegExp(`^${L39.path.replaceAll('.', '\\.')} unknown lesson id "1\\.2\\.99"`))]);
  });
});

describe('what the author sees', () => {
  test('the first error prefers the edited file; the page carries the message, the lines and Vite\'s client', () => {
    const problems = [
      { file: 'content/a.mdx', line: 2, field: 'x', message: 'first <b>', severity: 'error' as const },
      { file: 'content/b.mdx', line: 4, field: 'y', message: 'second', severity: 'error' as const },
    ];
    const texts: Record<string, string> = { '/p/content/a.mdx': 'one\ntwo\n', '/p/content/b.mdx': '1\n2\n3\n4 & <5>\n' };
    const shown = firstError(problems, '/p', '/p/content/b.mdx', (f) => texts[f])!;
    expect(shown.err.message).toBe('content/b.mdx:4  error  y: second\n(and 1 more content error; the terminal lists them all)');
    const page = errorPage(shown);
    expect(page).toContain('content/b.mdx:4  error  y: second');
    expect(page).toContain('&gt; 4 | 4 &amp; &lt;5&gt;');
    expect(page).toContain('<script type="module" src="/@vite/client"></script>');
    expect(firstError(problems, '/p', undefined, (f) => texts[f])!.err.message).toMatch(/^content\/a\.mdx:2 {2}error {2}x: first <b>/);
    expect(errorPage(firstError(problems, '/p', undefined, (f) => texts[f])!)).toContain('first &lt;b&gt;');
    expect(firstError([{ ...problems[0]!, severity: 'warning' }], '/p')).toBeUndefined();
  });

  test('a file saved in several writes is read once it is complete', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'settle-')), 'lesson.mdx');
    writeFileSync(file, '---\n');
    const parts = ['id: "1.2.3"\n', 'title: T\n', '---\nbody\n'];
    // The writer adds one part each time the reader has looked at the file twice, so a reader that does not
    // wait for the file to stay unchanged would see a part of it.
    let looks = 0;
    const reading = settledText(file, 30);
    const writer = setInterval(() => {
      looks += 1;
      const part = parts.shift();
      if (part) appendFileSync(file, part);
      else clearInterval(writer);
    }, 10);
    expect(await reading).toBe('---\nid: "1.2.3"\ntitle: T\n---\nbody\n');
    expect(looks).toBeGreaterThanOrEqual(3);
    expect(await settledText(join(file, '..', 'gone.mdx'), 5)).toBeUndefined();
  });
});

describe('reloadMerger: one reload per data-store write', () => {
  const reload = { type: 'full-reload', path: '*' };
  test('a second reload for the same store bytes within the window is skipped; a new write or a later one is not', () => {
    let state: string | undefined = 'a';
    let now = 0;
    const merge = reloadMerger(() => state, () => now);
    expect(merge(reload)).toBe(true);
    now = 10;
    expect(merge(reload), 'the watcher and the writer report one write').toBe(false);
    state = 'b';
    now = 20;
    expect(merge(reload), 'another write').toBe(true);
    now = 1500;
    expect(merge(reload), 'the same bytes, but long after: another cause').toBe(true);
  });

  test('other messages, reloads of one path, and reloads while the store cannot be read always go out', () => {
    let state: string | undefined = 'a';
    const merge = reloadMerger(() => state, () => 0);
    expect(merge(reload)).toBe(true);
    expect(merge({ type: 'full-reload' })).toBe(true);
    expect(merge({ type: 'full-reload', path: '/x/' })).toBe(true);
    expect(merge({ type: 'error', err: {} })).toBe(true);
    expect(merge('astro:content-changed')).toBe(true);
    state = undefined;
    expect(merge(reload)).toBe(true);
    expect(merge(reload)).toBe(true);
  });
});

describe('isContentLayerEntry: whose change the data store reloads', () => {
  test('lessons, quizzes and course files are; partials, images and other YAML are not', () => {
    for (const file of ['/c/content/m/1.2-x/1.2.3-a.mdx', '/c/content/m/1.2-x/1.2.3-a.quiz.yaml', '/c/content/m/course.yaml', 'C:\\c\\content\\m\\1.2.3-a.mdx']) {
      expect(isContentLayerEntry(file), file).toBe(true);
    }
    for (const file of ['/c/content/m/1.2-x/_note.mdx', '/c/content/m/1.2-x/chart.svg', '/c/content/m/macros.yaml', '/c/content/m/_course.yaml']) {
      expect(isContentLayerEntry(file), file).toBe(false);
    }
  });
});
