import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../../src/markdown/render';
import {
  findQuizEntry,
  gradable,
  jsonForScript,
  mathOnlyLabel,
  pageData,
  quizPoints,
  shuffledOrder,
} from '../../../src/quiz/page';
import { isPhrasing } from '../../../src/quiz/phrasing';
import { questionSchema } from '../../../src/quiz/schema';

describe('page helpers', () => {
  test('a label of math alone gets the name Chromium computes from its MathML', () => {
    expect(mathOnlyLabel(renderMarkdown('$\\eta = 0.3$', { inline: true }))).toBe('η = 0.3');
    expect(mathOnlyLabel(renderMarkdown('$\\eta = 0.3$ $x^2$', { inline: true }))).toBe('η = 0.3 x 2');
    expect(mathOnlyLabel(renderMarkdown('rate $\\eta = 0.3$', { inline: true }))).toBeUndefined();
    expect(mathOnlyLabel(renderMarkdown('plain &amp; simple', { inline: true }))).toBeUndefined();
    expect(mathOnlyLabel(renderMarkdown('$a < b$', { inline: true }))).toBe('a < b');
  });

  test('prompts with block content stay out of the legend', () => {
    expect(isPhrasing(renderMarkdown('Is $x^2$ *convex*?', { inline: true }))).toBe(true);
    expect(isPhrasing(renderMarkdown('One.\n\nTwo.', { inline: true }))).toBe(false);
    expect(isPhrasing(renderMarkdown('Look:\n\n$$x^2$$', { inline: true }))).toBe(false);
  });

  test('the ordering shuffle is stable, a permutation, and never the answer itself', () => {
    for (const n of [2, 3, 4, 5, 8]) {
      const items = Array.from({ length: n }, (_, i) => `item-${i}`);
      for (const seed of ['a', 'order-tuning-recipe', 'order-one-iteration', 'x'.repeat(40)]) {
        const shuffled = shuffledOrder(items, seed);
        expect(shuffled).toEqual(shuffledOrder(items, seed));
        expect([...shuffled].sort()).toEqual([...items].sort());
        expect(shuffled).not.toEqual(items);
      }
    }
  });

  test('the page data carries what the grader needs, rendered, and nothing the page shows anyway', () => {
    const question = questionSchema.parse({
      id: 'q',
      type: 'single',
      objectives: ['o'],
      prompt: 'Which $x$?',
      explanation: 'Because.',
      hints: ['Think.'],
      choices: [
        { id: 'a', text: '$a$', feedback: 'No *a*.' },
        { id: 'b', text: 'b' },
      ],
      answer: 'b',
    });
    const data = pageData('1.2.38', { attempts: 2 }, [question], true);
    expect(data).toMatchObject({ lessonId: '1.2.38', attempts: 2, complete: true });
    const [g] = data.questions;
    expect(g).not.toHaveProperty('prompt');
    expect(g).not.toHaveProperty('hints');
    // The explanation is not in the page's HTML: the data carries it, shown once settled.
    expect(g).toHaveProperty('explanation', '<p>Because.</p>');
    expect(g).toMatchObject({
      id: 'q',
      answer: 'b',
      choices: [{ id: 'a', feedback: '<p>No <em>a</em>.</p>' }, { id: 'b' }],
    });
    const open = questionSchema.parse({
      id: 'o',
      type: 'open',
      objectives: ['o'],
      prompt: 'p',
      modelAnswer: 'm',
      checklist: ['c'],
    });
    expect(Object.keys(gradable(open)).sort()).toEqual(['id', 'points', 'type']);
    // The model answer and checklist travel as the question's `reveal`, for the page to show on request.
    expect(pageData('1.2.38', { attempts: 2 }, [open], true).questions[0]).toMatchObject({ reveal: '<div><p>m</p></div><p>A good answer:</p><ul><li>c</li></ul>' });
    expect(quizPoints([question, open])).toEqual({ points: 1, questions: 1, selfPoints: 1, selfQuestions: 1 });
  });

  test('JSON inside a script element cannot close it', () => {
    const json = jsonForScript({ text: '</script><script>alert(1)</script><!--' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script><!--' });
  });

  test('a lesson finds its quiz entry by file name, whatever the collection ids are', () => {
    const entries = [
      {
        id: 'math-for-ml/12-calculus/1239-numerical',
        filePath: 'content/math-for-ml/1.2-calculus/1.2.39-numerical.quiz.yaml',
      },
      { id: 'math-for-ml/1.2-calculus/1.2.38-learning-rate.quiz' },
      { id: '1.2.3', filePath: undefined },
    ];
    expect(findQuizEntry(entries, '1.2.39')).toBe(entries[0]);
    expect(findQuizEntry(entries, '1.2.38')).toBe(entries[1]);
    expect(findQuizEntry(entries, '1.2.3')).toBe(entries[2]);
    expect(findQuizEntry(entries, '1.2.4')).toBeUndefined();
  });
});
