import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../../src/content/problems';
import { validateContent, type SourceFile } from '../../../src/content/validate';
import { validateQuizFile } from '../../../src/quiz/validate';
import { durationFrom, escapeMdx, importOutline, OutlineError, type ImportResult } from '../../../src/authoring/import-outline';
import { projectRoot } from '../../support/project';

const outlines = join(projectRoot, 'test/fixtures/outlines');
const read = (name: string) => readFileSync(join(outlines, name), 'utf8');

/** A course holding one module per imported lesson, plus stub lessons the outlines link to. */
const stubs = ['2.1.3', '2.1.5', '4.3.1'];
function courseWith(results: readonly ImportResult[]): SourceFile[] {
  const modules = [...new Set([...results.map((r) => r.id), ...stubs].map((id) => id.split('.').slice(0, 2).join('.')))];
  const folder = (id: string) => `m${id.split('.').slice(0, 2).join('-')}`;
  const files: SourceFile[] = [
    {
      path: 'content/imported/course.yaml',
      text: `title: Imported\nsummary: Outlines turned into lessons.\nmodules:\n${modules.map((m) => `  - id: "${m}"\n    title: Module ${m}\n    folder: m${m.replace('.', '-')}\n`).join('')}`,
    },
  ];
  for (const id of stubs) {
    files.push({
      path: `content/imported/${folder(id)}/${id}-stub.mdx`,
      text: `---\nid: "${id}"\ntitle: Stub\nsummary: A stub.\ntopic: Stubs\ndifficulty: starter\nestimatedTime: 1 h\nobjectives:\n  - id: stub\n    text: Stub.\n---\n\nStub.\n`,
    });
  }
  for (const r of results) {
    files.push({ path: `content/imported/${folder(r.id)}/${r.baseName}.mdx`, text: r.mdx });
    files.push({ path: `content/imported/${folder(r.id)}/${r.baseName}.quiz.yaml`, text: r.quiz });
  }
  return files;
}

const known = new Set(['2.1.3', '2.1.4', '2.1.5', '3.2.1', '4.3.1', '4.3.2', '5.1.2']);
const fixtures = ['dot-products.md', 'bayes-rule.md', 'messy-regularization.md', 'messy-sampling.md'];
const results = new Map(fixtures.map((name) => [name, importOutline(read(name), { source: name, knownLessonIds: known, topic: 'Imported topic' })]));
const get = (name: string) => results.get(name)!;
const frontMatter = (r: ImportResult) => parse(splitFrontMatter(r.mdx)!.yaml) as Record<string, unknown>;
const quiz = (r: ImportResult) => parse(r.quiz) as { questions: { id: string; type: string; objectives: string[]; answer?: boolean }[] };
const levels = (r: ImportResult) => ['starter', 'intermediate', 'advanced'].map((l) => r.exercises.filter((e) => e.level === l).length);
const kinds = (r: ImportResult) => r.questions.map((q) => q.kind);

describe('every fixture outline imports to a lesson and a quiz that validate', () => {
  test('no errors and no warnings from the build\'s validator, quiz included', () => {
    const problems = validateContent(courseWith([...results.values()]), validateQuizFile);
    expect(problems).toEqual([]);
  });

  test.each(fixtures)('%s: every objective is assessed by a question', (name) => {
    const r = get(name);
    const assessed = new Set(quiz(r).questions.flatMap((q) => q.objectives));
    expect(r.objectives.map((o) => o.id).filter((id) => !assessed.has(id))).toEqual([]);
  });

  test.each(fixtures)('%s: the quiz file points editors at the schema', (name) => {
    expect(get(name).quiz.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/quiz.schema.json');
  });
});

describe('a clean outline (dot-products.md)', () => {
  const r = get('dot-products.md');
  test('front matter from the title, the time/difficulty lines, resources, next and homework', () => {
    expect(r.id).toBe('2.1.4');
    expect(r.baseName).toBe('2.1.4-dot-products-and-projections');
    expect(frontMatter(r)).toMatchObject({
      id: '2.1.4',
      title: 'Dot Products and Projections',
      topic: 'Linear Algebra for ML',
      difficulty: 'starter',
      estimatedTime: '3 h',
      prerequisites: ['2.1.3'],
      next: '2.1.5',
      nextPreview: 'Matrix Multiplication. Combine many dot products at once.',
      resources: [
        { title: '3blue1brown.com/lessons/dot-products', url: 'https://www.3blue1brown.com/lessons/dot-products' },
        { title: 'en.wikipedia.org/wiki/Dot_product', url: 'https://en.wikipedia.org/wiki/Dot_product' },
      ],
      homework: { expectedTime: '1-2 h' },
    });
    expect((frontMatter(r).homework as { items: unknown[] }).items).toHaveLength(3);
  });

  test('objective ids are slugs of the objective text', () => {
    expect(r.objectives).toEqual([
      { id: 'compute-dot-products-vectors', text: 'Compute dot products of vectors by hand.' },
      { id: 'interpret-dot-product-similarity', text: 'Interpret the dot product as similarity between directions.' },
      { id: 'project-vector', text: 'Project one vector onto another.' },
      { id: 'cosine-similarity-compare-embeddings', text: 'Use cosine similarity to compare embeddings.' },
    ]);
  });

  test('six exercises, two per level, keeping their ids; six questions', () => {
    expect(r.exercises.map((e) => e.id)).toEqual(['2.1.4.1', '2.1.4.2', '2.1.4.3', '2.1.4.4', '2.1.4.5', '2.1.4.6']);
    expect(levels(r)).toEqual([2, 2, 2]);
    expect(r.mdx.match(/<Exercise /g)).toHaveLength(6);
    expect(r.mdx.match(/<Solution>/g)).toHaveLength(6);
    expect(kinds(r)).toEqual(['true-false', 'true-false', 'true-false', 'conceptual', 'conceptual', 'coding']);
    expect(quiz(r).questions.map((q) => [q.type, q.answer])).toEqual([
      ['true-false', true],
      ['true-false', false],
      ['true-false', false],
      ['open', undefined],
      ['open', undefined],
      ['open', undefined],
    ]);
  });

  test('questions and exercises go to the objective they share most words with', () => {
    const byPrompt = new Map(r.questions.map((q) => [q.prompt, q.objectives[0]]));
    expect(byPrompt.get('Cosine similarity depends on vector length.')).toBe('cosine-similarity-compare-embeddings');
    expect(byPrompt.get('How is projection used to remove a component from a vector?')).toBe('project-vector');
    expect(r.exercises.find((e) => e.id === '2.1.4.5')?.objective).toBe('cosine-similarity-compare-embeddings');
  });

  test('sections become components; the closing lines are dropped and listed', () => {
    expect(r.mdx).toContain('<CoreIdeas>\n\n- The dot product multiplies matching components and adds them up\n');
    expect(r.mdx).toContain('<MiniProject title="Nearest Neighbour Search">');
    expect(r.mdx).toContain('<KeyTakeaways>\n\n- Dot products measure alignment\n');
    expect(r.unmapped).toEqual([
      { line: 96, section: '(closing line)', text: '**Lesson Complete.**', kept: false },
      { line: 98, section: '(closing line)', text: 'Proceed to **Lesson 2.1.5** when ready.', kept: false },
    ]);
  });
});

describe('a clean outline with other headings (bayes-rule.md)', () => {
  const r = get('bayes-rule.md');
  test('### sections, * and 1. bullets, "Objectives", "Key Concepts", "Summary", "Further Reading"', () => {
    expect(frontMatter(r)).toMatchObject({
      title: "Bayes' Rule",
      difficulty: 'intermediate',
      estimatedTime: '90 min',
      prerequisites: [],
      summary: "Bayes' rule turns the probability of evidence given a hypothesis into the probability of the hypothesis given the evidence.",
      resources: [{ title: 'Seeing Theory: Bayesian inference', url: 'https://seeing-theory.brown.edu/bayesian-inference/index.html', note: 'interactive visual introduction' }],
    });
    expect(r.objectives).toHaveLength(3);
    expect(levels(r)).toEqual([2, 1, 1]);
    expect(kinds(r)).toEqual(['true-false', 'true-false', 'conceptual']);
    expect(quiz(r).questions.map((q) => q.answer)).toEqual([true, false, undefined]);
    expect(r.unmapped).toEqual([]);
  });
});

describe('a messy outline (messy-regularization.md)', () => {
  const r = get('messy-regularization.md');
  test('bold labels, a bulleted metadata list, "Est. time: ~2 hrs", "Level: hard", mixed bullets', () => {
    expect(frontMatter(r)).toMatchObject({
      id: '4.3.2',
      title: 'Regularization Without Tears',
      difficulty: 'advanced',
      estimatedTime: '2 h',
      topic: 'Imported topic',
      prerequisites: ['4.3.1'],
      homework: { expectedTime: '1 h', items: [{ text: 'Derive the ridge gradient.' }, { text: 'Run the penalty sweep.' }] },
    });
    expect(r.objectives.map((o) => o.text)).toEqual([
      'Explain how an L2 penalty shrinks weights toward zero.',
      'Compare L1 and L2 penalties by the sparsity of their solutions.',
      'Choose a penalty strength with a validation set using a logarithmic grid.',
    ]);
    expect(frontMatter(r).resources).toEqual([
      { title: 'scikit-learn.org/stable/modules/linear_model.html', url: 'https://scikit-learn.org/stable/modules/linear_model.html' },
      { title: 'deeplearningbook.org', url: 'https://www.deeplearningbook.org/' },
    ]);
  });

  test('exercises by bold level labels and inline levels; a foreign id is renumbered', () => {
    expect(r.exercises.map((e) => [e.id, e.level])).toEqual([
      ['4.3.2.1', 'starter'],
      ['4.3.2.2', 'starter'],
      ['4.3.2.3', 'intermediate'],
      ['4.3.2.4', 'advanced'],
    ]);
    expect(r.exercises[1]!.objective).toBe('compare-l1-l2-penalties');
    expect(r.notes).toContain('exercise 5.5.5.5 (line 32) renumbered 4.3.2.2: exercise ids must start with the lesson id and be unique');
    expect(r.notes).toContain('prerequisite 9.9.9 is not a lesson of the course; left out');
    expect(r.notes).toContain('next lesson 4.3.3 does not exist yet; not linked (add next: "4.3.3" once it does)');
  });

  test('true/false answers written four ways; an answerless statement and an unknown part are kept', () => {
    expect(kinds(r)).toEqual(['true-false', 'true-false', 'true-false', 'conceptual']);
    expect(quiz(r).questions.filter((q) => q.type === 'true-false').map((q) => q.answer)).toEqual([true, false, true]);
    expect(r.mdx).toContain('### True/False\n\n- Weight decay needs a separate learning rate.\n\n### Multiple choice\n- Which penalty gives sparse weights?');
  });

  test('what it could not map is listed, and kept in the body (MDX-escaped) unless it is boilerplate', () => {
    expect(r.unmapped.map((u) => [u.line, u.kept])).toEqual([
      [1, false],
      [21, true],
      [23, true],
      [24, true],
      [28, true],
      [48, true],
      [52, true],
      [63, true],
      [75, false],
    ]);
    expect(r.mdx).toContain('## Historical note\n\nTikhonov studied');
    expect(r.mdx).toContain('Use it when \\{curly\\} braces or a \\< sign appear in text.');
    expect(r.mdx).toContain('## References\n\n- The Elements of Statistical Learning, chapter 3');
    expect(r.mdx).not.toContain('Lesson complete!');
    expect(r.mdx).not.toContain('Draft outline');
  });
});

describe('a messy outline (messy-sampling.md: CRLF, tabs, plain "Label:" headings)', () => {
  const r = get('messy-sampling.md');
  test('reads the plain labels and the level tags', () => {
    expect(read('messy-sampling.md')).toContain('\r\n');
    expect(frontMatter(r)).toMatchObject({ title: 'Sampling Distributions', estimatedTime: '45 min', difficulty: 'starter', topic: 'Statistics for ML' });
    expect(r.objectives.map((o) => o.id)).toEqual(['describe-sampling-distribution-mean', 'estimate-standard-error-sample']);
    expect(r.exercises.map((e) => [e.id, e.level])).toEqual([
      ['5.1.2.1', 'starter'],
      ['5.1.2.2', 'intermediate'],
      ['5.1.2.3', 'advanced'],
    ]);
    expect(kinds(r)).toEqual(['true-false', 'conceptual']);
    expect(r.unmapped).toEqual([{ line: 18, section: 'Quiz', text: '- A sampling distribution is the distribution of one sample.', kept: true }]);
    expect(frontMatter(r).resources).toEqual([{ title: 'Seeing Theory', url: 'https://seeing-theory.brown.edu/' }]);
  });
});

describe('edge cases', () => {
  test('an outline without a quiz gets one self-assessed question per objective', () => {
    const r = importOutline('# Lesson 7.1.1: Tiny\n\n## Objectives\n- Name the parts\n- Draw the whole\n');
    expect(r.questions.map((q) => [q.kind, q.objectives])).toEqual([
      ['objective', ['name-parts']],
      ['objective', ['draw-whole']],
    ]);
    expect(r.notes).toContain('no quiz questions found; added one self-assessed question per objective');
    expect(r.notes).toContain('no estimated time found; set to 1 h');
  });

  test('an outline without a lesson id in a title is refused', () => {
    expect(() => importOutline('# Notes\n\nSome text.', { source: 'notes.md' })).toThrow(OutlineError);
    expect(() => importOutline('# Notes\n\nSome text.', { source: 'notes.md' })).toThrow(/notes\.md: expected a title line with the lesson id/);
  });

  test('time spellings', () => {
    expect(durationFrom('8 hours')).toBe('8 h');
    expect(durationFrom('~2 hrs')).toBe('2 h');
    expect(durationFrom('90 minutes')).toBe('90 min');
    expect(durationFrom('2–3 hours')).toBe('2-3 h');
    expect(durationFrom('2 to 3 hours')).toBe('2-3 h');
    expect(durationFrom('1 hour 30 minutes')).toBe('1 h 30 min');
    expect(durationFrom('1.5 h')).toBe('1.5 h');
    expect(durationFrom('45min')).toBe('45 min');
    expect(durationFrom('a while')).toBeUndefined();
  });

  test('MDX escaping leaves code and math alone', () => {
    expect(escapeMdx('a {b} <c> `{d}` $\\frac{1}{2}$\n```\n{e}\n```')).toBe('a \\{b\\} \\<c> `{d}` $\\frac{1}{2}$\n```\n{e}\n```');
  });
});
