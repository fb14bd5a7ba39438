import type { Problem } from '../content/problems';
import type { SourceFile } from '../content/validate';

/**
 * A warning for every `TODO` left in lessons and quizzes. The scaffold and the importer mark what
 * an author still has to write with TODO; the placeholders build (so a new lesson can be previewed
 * at once) but must not be published unnoticed.
 */
export function todoProblems(files: readonly SourceFile[]): Problem[] {
  const problems: Problem[] = [];
  for (const file of files) {
    if (!/\.(mdx?|ya?ml)$/.test(file.path)) continue;
    file.text.split('\n').forEach((line, i) => {
      if (!/\bTODO\b/.test(line)) return;
      const text = line.trim().replace(/^[-#*>\s]+/, '');
      problems.push({
        file: file.path,
        line: i + 1,
        field: '(todo)',
        message: `still to write: ${text.length > 100 ? `${text.slice(0, 99)}…` : text}`,
        severity: 'warning',
      });
    });
  }
  return problems;
}
