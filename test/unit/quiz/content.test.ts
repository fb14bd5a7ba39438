import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadFormulaBuild } from '../../../src/quiz/expression/formula-build';
import { readContentTree } from '../../../src/content/load';
import { validateLessonFile } from '../../../src/content/validate';
import { formatProblems } from '../../../src/content/problems';
import { validateQuizFile } from '../../../src/quiz/validate';
import { quizSchema } from '../../../src/quiz/schema';
import { parseYamlWithPositions } from '../../../src/content/problems';

// Validating and building formula questions needs their build half, loaded on demand as the build does.
beforeAll(loadFormulaBuild);

const files = readContentTree('content');
const quizzes = files.filter((f) => f.path.endsWith('.quiz.yaml'));

describe('the course quizzes', () => {
  test('every lesson of module 1.2 has a quiz', () => {
    const names = quizzes.map((q) => q.path.split('/').pop());
    for (const id of ['1.2.37', '1.2.38', '1.2.39']) expect(names.some((n) => n?.startsWith(`${id}-`))).toBe(true);
  });

  test.each(quizzes.map((q) => [q.path, q] as const))(
    '%s validates without a problem, warnings included',
    (_path, quiz) => {
      const lessonFile = files.find((f) => f.path === quiz.path.replace(/\.quiz\.yaml$/, '.mdx'));
      expect(lessonFile).toBeDefined();
      const { lesson } = validateLessonFile(lessonFile!);
      expect(lesson).toBeDefined();
      const problems = validateQuizFile({
        file: quiz.path,
        source: quiz.text,
        lesson: {
          id: lesson!.data.id,
          objectiveIds: lesson!.data.objectives.map((o) => o.id),
          exerciseObjectiveIds: [],
          strict: lesson!.data.strict,
        },
      });
      // Exercises are left out on purpose: the quiz alone assesses every objective.
      expect(formatProblems(problems)).toBe('');
    },
    // 1.2.38 samples 200 variants of three questions and runs two code solutions: seconds on a busy 2-core machine.
    30_000,
  );

  test('1.2.38 has what the lesson outline asks for', () => {
    const source = readFileSync(
      'content/math-for-ml/1.2-calculus-for-ml/1.2.38-learning-rate-and-convergence.quiz.yaml',
      'utf8',
    );
    const quiz = quizSchema.parse(parseYamlWithPositions(source).data);
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    const answer = (id: string) => {
      const q = byId.get(id);
      return q && 'answer' in q ? q.answer : undefined;
    };
    expect([
      answer('tf-rate-scales-step'),
      answer('tf-smaller-always-better'),
      answer('tf-schedules-help'),
      answer('tf-divergence-loss'),
    ]).toEqual([true, false, true, true]);
    expect([
      answer('num-one-step'),
      answer('num-two-steps'),
      answer('num-too-large'),
      answer('num-step-decay'),
    ]).toEqual([8, 6.4, -12, 0.025]);
    expect(quiz.questions.filter((q) => q.type === 'open')).toHaveLength(3);
    expect(new Set(quiz.questions.map((q) => q.type))).toEqual(
      new Set(['true-false', 'single', 'multiple', 'numeric', 'text', 'ordering', 'open', 'parametrized', 'diagnose', 'code', 'expression', 'multipart']),
    );
    const generators = quiz.questions.flatMap((q) => (q.type === 'parametrized' ? [q.generator] : []));
    expect(generators).toEqual(expect.arrayContaining(['gd-steps-parabola', 'stability-limit']));
    const diagnosed = quiz.questions.filter((q) => q.type === 'diagnose');
    expect(diagnosed).toHaveLength(4);
    // The seeds' two logs come first, as given (a log's NaN is kept as the text a log prints).
    expect(diagnosed.slice(0, 2).map((q) => ('losses' in q ? q.losses : undefined))).toEqual([
      [0.8, 0.5, 0.4, 0.38, 0.37],
      [0.8, 1.5, 3.2, 8.7, 'NaN'],
    ]);
    // The coding challenge and the mini-project sweep, each in JavaScript and in Python.
    const code = quiz.questions.filter((q) => q.type === 'code');
    expect(code.map((q) => q.id)).toEqual(['code-compare-rates', 'code-rate-sweep', 'code-compare-rates-python', 'code-rate-sweep-python']);
    expect(code.map((q) => (q as { language: string }).language)).toEqual(['javascript', 'javascript', 'python', 'python']);
  });

  test('1.2.39 has a code challenge on difference quotients', () => {
    const source = readFileSync(
      'content/math-for-ml/1.2-calculus-for-ml/1.2.39-numerical-differentiation.quiz.yaml',
      'utf8',
    );
    const quiz = quizSchema.parse(parseYamlWithPositions(source).data);
    expect(quiz.questions.filter((q) => q.type === 'code').map((q) => q.id)).toEqual(['code-difference-errors']);
  });
});
