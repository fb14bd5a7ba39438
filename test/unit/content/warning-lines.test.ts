import { describe, expect, test } from 'vitest';
import { formatProblem, warningLines, type Problem } from '../../../src/content/problems';

const warning = (file: string, line: number, message: string): Problem => ({ file, line, field: 'questions[q].choices[b]', message, severity: 'warning' });

describe('warnings as the build prints them', () => {
  test('each kind shown in full up to the limit, then one line counting the rest and their files', () => {
    const noFeedback = 'this wrong option has no feedback';
    const many = Array.from({ length: 12 }, (_, i) => warning(`content/c/l${i % 4}.quiz.yaml`, i + 1, noFeedback));
    const other = warning('content/c/l9.mdx', 3, 'a rare warning');
    const lines = warningLines([...many, other], 5);
    expect(lines.slice(0, 5)).toEqual(many.slice(0, 5).map(formatProblem));
    expect(lines[5]).toBe(`… and 7 more warnings "${noFeedback}" in 4 files`);
    expect(lines.slice(6)).toEqual([formatProblem(other)]);
  });

  test('a few warnings are printed as they are, with no summary line', () => {
    const few = [warning('a.quiz.yaml', 1, 'm'), warning('b.quiz.yaml', 2, 'm')];
    expect(warningLines(few)).toEqual(few.map(formatProblem));
    expect(warningLines([])).toEqual([]);
  });
});
