import { expect, test } from 'vitest';
import { todoProblems } from '../../../src/authoring/todos';

test('every TODO left in lessons and quizzes is a located warning', () => {
  const problems = todoProblems([
    { path: 'content/c/m/1.1.1-a.mdx', text: '---\nsummary: "TODO: one sentence"\n---\n\nText.\n\n- TODO: the first idea.\n' },
    { path: 'content/c/m/1.1.1-a.quiz.yaml', text: 'questions:\n  - prompt: done\n' },
    { path: 'content/c/notes.txt', text: 'TODO: not content' },
  ]);
  expect(problems).toEqual([
    { file: 'content/c/m/1.1.1-a.mdx', line: 2, field: '(todo)', message: 'still to write: summary: "TODO: one sentence"', severity: 'warning' },
    { file: 'content/c/m/1.1.1-a.mdx', line: 7, field: '(todo)', message: 'still to write: TODO: the first idea.', severity: 'warning' },
  ]);
});
