import { expect, test } from 'vitest';
import { codeFrame, overlayError } from '../../../src/authoring/content-watch';

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
