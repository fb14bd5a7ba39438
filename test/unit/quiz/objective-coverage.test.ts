/**
 * Every objective a lesson states is assessed at least twice by its quiz, and every main
 * section of a lesson gives the learner something to do (a Check yourself or a Predict).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const moduleDir = resolve(import.meta.dirname, '../../../content/math-for-ml/1.2-calculus-for-ml');
const lessons = readdirSync(moduleDir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));

/** Sections that are the lesson's practice material rather than its teaching. */
const PRACTICE = new Set(['Exercises', 'Project work']);

function read(lesson: string) {
  const mdx = readFileSync(join(moduleDir, `${lesson}.mdx`), 'utf8');
  const front = parse(mdx.split(/^---$/m)[1] ?? '') as { objectives: { id: string }[] };
  const quiz = parse(readFileSync(join(moduleDir, `${lesson}.quiz.yaml`), 'utf8')) as { questions: { id: string; objectives?: string[] }[] };
  return { mdx, objectives: front.objectives.map((o) => o.id), questions: quiz.questions };
}

/** The lesson's `## ` sections, code blocks removed, as [heading, body]. */
function sections(mdx: string): [string, string][] {
  const body = mdx.replace(/^```[\s\S]*?^```/gm, '');
  return body
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [heading = '', ...rest] = part.split('\n');
      return [heading.trim(), rest.join('\n')];
    });
}

describe.each(lessons)('%s', (lesson) => {
  const { mdx, objectives, questions } = read(lesson);

  test('every objective is assessed by at least two quiz questions', () => {
    const count = new Map(objectives.map((id) => [id, 0]));
    for (const q of questions) for (const id of q.objectives ?? []) count.set(id, (count.get(id) ?? 0) + 1);
    const short = [...count].filter(([id, n]) => objectives.includes(id) && n < 2).map(([id, n]) => `${id}: ${n}`);
    expect(short, 'objectives assessed fewer than twice').toEqual([]);
  });

  test('every main section has a Check yourself or a Predict, and every one names a quiz question', () => {
    const ids = new Set(questions.map((q) => q.id));
    const teaching = sections(mdx).filter(([heading]) => !PRACTICE.has(heading));
    expect(teaching.length).toBeGreaterThan(2);
    // The opening section sets the scene; every later one ends with something to do.
    const silent = teaching.slice(1).filter(([, body]) => !/<(CheckYourself|Predict) /.test(body)).map(([heading]) => heading);
    expect(silent, 'sections without a check').toEqual([]);
    const named = [...mdx.matchAll(/<(?:CheckYourself|Predict) question="([^"]+)"/g)].map((m) => m[1]);
    expect(named.filter((id) => !ids.has(id as string))).toEqual([]);
    expect(mdx).toMatch(/<Predict /);
  });
});
