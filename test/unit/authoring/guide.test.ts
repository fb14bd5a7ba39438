import { beforeAll, describe, expect, test } from 'vitest';
import { loadFormulaBuild } from '../../../src/quiz/expression/formula-build';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { questionTypes } from '../../../src/quiz/schema';
import { validateQuizFile } from '../../../src/quiz/validate';
import { liveChartNames } from '../../../src/charts/catalog';
import { guideQuizLesson } from '../../../src/guide/_components/guide-examples';
import { frontMatterExampleProblems } from '../../../src/guide/_components/front-matter-example';
import { baseProblems, validationExamples } from '../../../src/guide/_components/validation-examples';
import { guidePages } from '../../../src/guide/_components/guide-pages';
import { projectRoot } from '../../support/project';
import { authorGuideIncluded, guidePagePath } from '../../../src/lib/author-guide';

// Validating formula questions needs their build half, loaded on demand as the build does.
beforeAll(loadFormulaBuild);

/**
 * The author guide shows every component and question type live, with examples that match the
 * formats. The site still builds when they drift (a new type may land before its example), so
 * these tests are what catch it.
 */
const guide = join(projectRoot, 'src/guide');
/** The names lessons can use, read from the lesson vocabulary (its .astro imports do not load in unit tests). */
const lessonComponentNames = (/lessonComponents\s*=\s*\{([^}]*)\}/.exec(readFileSync(join(projectRoot, 'src/components/lesson/index.ts'), 'utf8'))?.[1] ?? '')
  .split(/[\s,]+/)
  .filter((name) => /^[A-Z]\w*$/.test(name));
const examples = join(guide, '_examples');

describe('the author guide covers everything', () => {
  test.each([...questionTypes])('question type %s has a live example that validates', (type) => {
    const file = join(examples, 'questions', `${type}.yaml`);
    expect(existsSync(file), `add src/guide/_examples/questions/${type}.yaml`).toBe(true);
    const problems = validateQuizFile({ file, source: readFileSync(file, 'utf8'), lesson: guideQuizLesson }).filter((p) => p.severity === 'error');
    expect(problems).toEqual([]);
  });

  test('every lesson component appears in an example', () => {
    const sources = readdirSync(examples).filter((f) => f.endsWith('.mdx')).map((f) => readFileSync(join(examples, f), 'utf8')).join('\n');
    const pages = readdirSync(join(guide, '_components')).map((f) => readFileSync(join(guide, '_components', f), 'utf8')).join('\n');
    expect(lessonComponentNames.length).toBeGreaterThan(5);
    const missing = lessonComponentNames.filter((name) => {
      if (name === 'LiveChart') return ![...liveChartNames].some((chart) => sources.includes(`<Chart name="${chart}"`));
      if (name === 'CheckYourself') return !pages.includes('<CheckYourself ');
      if (name === 'Predict') return !pages.includes('<Predict ');
      return !sources.includes(`<${name}`);
    });
    expect(missing).toEqual([]);
  });

  test('the front-matter example is a valid lesson', () => {
    expect(frontMatterExampleProblems()).toBe('');
  });

  test('each validation example still produces the problem it shows, from a valid base', () => {
    expect(baseProblems).toEqual([]);
    for (const example of validationExamples) expect(example.problems.length, example.title).toBeGreaterThan(0);
    expect(validationExamples.at(-1)!.problems.map((p) => p.severity)).toEqual(['warning']);
  });

  test('every guide page in the navigation has a source file', () => {
    for (const page of guidePages) {
      const stem = page.href.replace(/^\/guide\/?/, '').replace(/\/$/, '') || 'index';
      expect(existsSync(join(guide, `${stem}.mdx`)), page.href).toBe(true);
    }
  });
});

describe('the author guide is optional', () => {
  test('in the dev server unless COURSE_GUIDE says off, in a build only when it says on; a value that is neither is refused, not guessed', () => {
    expect(authorGuideIncluded({}, true)).toBe(true);
    expect(authorGuideIncluded({}, false)).toBe(false);
    expect(authorGuideIncluded({ COURSE_GUIDE: '' }, true)).toBe(true);
    expect(authorGuideIncluded({ COURSE_GUIDE: '' }, false)).toBe(false);
    for (const dev of [true, false]) {
      for (const on of ['on', '1', 'true', 'YES']) expect(authorGuideIncluded({ COURSE_GUIDE: on }, dev), on).toBe(true);
      for (const off of ['off', '0', 'false', 'No ']) expect(authorGuideIncluded({ COURSE_GUIDE: off }, dev), off).toBe(false);
    }
    expect(() => authorGuideIncluded({ COURSE_GUIDE: 'of' }, false)).toThrow(/COURSE_GUIDE=of: use on or off/);
  });

  test('each page file keeps the URL it had under src/pages/guide/, and the navigation names each one', () => {
    const files = readdirSync(guide).filter((f) => f.endsWith('.mdx'));
    const hrefs = files.map((f) => {
      const page = guidePagePath(`./${f}`);
      return page === undefined ? '/guide/' : `/guide/${page}/`;
    });
    expect(hrefs).toContain('/guide/');
    expect(hrefs).toContain('/guide/components/');
    expect([...hrefs].sort()).toEqual(guidePages.map((p) => p.href).sort());
  });
});
