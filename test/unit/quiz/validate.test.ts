import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateQuizFile, selfCheck, fieldName, type QuizLesson } from '../../../src/quiz/validate';
import { questionSchema, type Question } from '../../../src/quiz/schema';

const fixtures = 'test/fixtures/quiz';
const lesson: QuizLesson = {
  id: '1.2.38',
  objectiveIds: ['explain-effects', 'identify-divergence'],
  exerciseObjectiveIds: [],
  strict: false,
};

function validateFixture(name: string, overrides: Partial<QuizLesson> = {}) {
  const file = join(fixtures, `${name}.quiz.yaml`);
  return validateQuizFile({ file, source: readFileSync(file, 'utf8'), lesson: { ...lesson, ...overrides } });
}

/** Each broken fixture: the one error it must produce, exactly located. */
const broken: { name: string; line: number; field: string; message: RegExp }[] = [
  {
    name: 'unknown-type',
    line: 4,
    field: 'questions[q-essay].type',
    message: /expected type to be one of true-false, single, multiple, numeric, text, ordering, open/,
  },
  { name: 'missing-prompt', line: 9, field: 'questions[q-no-prompt].prompt', message: /expected the question/ },
  { name: 'bad-question-id', line: 3, field: 'questions[Q_Rate].id', message: /short id of lower-case letters/ },
  { name: 'duplicate-question-id', line: 9, field: 'questions[q-rate].id', message: /already used by question 1/ },
  {
    name: 'answer-not-a-choice',
    line: 11,
    field: 'questions[q-threshold].answer',
    message: /"d" is not one of the choice ids; expected one of a, b, c/,
  },
  {
    name: 'duplicate-choice-text',
    line: 11,
    field: 'questions[q-threshold].choices[b].text',
    message: /repeats choice 1/,
  },
  {
    name: 'duplicate-choice-id',
    line: 10,
    field: 'questions[q-threshold].choices[a].id',
    message: /choice id "a" repeats/,
  },
  {
    name: 'multiple-unknown-answer',
    line: 13,
    field: 'questions[q-signs].answers[1]',
    message: /"e" is not one of the choice ids/,
  },
  { name: 'negative-tolerance', line: 8, field: 'questions[q-two-steps].tolerance', message: /greater than 0/ },
  {
    name: 'zero-relative-tolerance',
    line: 8,
    field: 'questions[q-two-steps].relativeTolerance',
    message: /greater than 0/,
  },
  { name: 'infinite-answer', line: 7, field: 'questions[q-diverged].answer', message: /finite number/ },
  { name: 'text-answer-for-numeric', line: 7, field: 'questions[q-two-steps].answer', message: /finite number/ },
  {
    name: 'unknown-objective',
    line: 7,
    field: 'questions[q-rate].objectives[1]',
    message:
      /"tune-rates" is not an objective of lesson 1\.2\.38; expected one of explain-effects, identify-divergence/,
  },
  { name: 'empty-objectives', line: 11, field: 'questions[q-orphan].objectives', message: /at least one objective/ },
  {
    name: 'bad-math-prompt',
    line: 6,
    field: 'questions[q-factor].prompt',
    message: /Markdown does not compile: KaTeX cannot render/,
  },
  {
    name: 'bad-math-choice',
    line: 11,
    field: 'questions[q-limit].choices[b].text',
    message: /KaTeX cannot render.*lamda/,
  },
  {
    name: 'bad-math-feedback',
    line: 10,
    field: 'questions[q-limit].choices[a].feedback',
    message: /KaTeX cannot render/,
  },
  { name: 'bad-math-explanation', line: 8, field: 'questions[q-hessian].explanation', message: /KaTeX cannot render/ },
  {
    name: 'unknown-field',
    line: 8,
    field: 'questions[q-rate].explaination',
    message:
      /unknown field "explaination": a true-false question accepts only the fields type, id, objectives, prompt, explanation/,
  },
  {
    name: 'duplicate-ordering-item',
    line: 13,
    field: 'questions[q-recipe].items[again].text',
    message: /repeats item 1/,
  },
  {
    name: 'open-without-model-answer',
    line: 9,
    field: 'questions[q-why-schedules].modelAnswer',
    message: /expected a model answer/,
  },
  { name: 'single-choice-too-few', line: 7, field: 'questions[q-only].choices', message: /at least two choices/ },
  {
    name: 'invalid-pattern',
    line: 10,
    field: 'questions[q-name].patterns[1]',
    message: /valid JavaScript regular expression/,
  },
  { name: 'zero-points', line: 8, field: 'questions[q-rate].points', message: /points to be greater than 0/ },
  {
    name: 'empty-hint',
    line: 10,
    field: 'questions[q-rate].hints[1]',
    message: /expected a hint, found an empty string/,
  },
  {
    name: 'true-false-string-answer',
    line: 7,
    field: 'questions[q-rate].answer',
    message: /expected answer: true or answer: false/,
  },
  { name: 'negative-attempts', line: 2, field: 'attempts', message: /0 \(unlimited\) or more/ },
  {
    name: 'strict-unassessed',
    line: 3,
    field: 'questions',
    message: /no question or exercise assesses the objective identify-divergence of lesson 1\.2\.38 \(strict/,
  },
  { name: 'yaml-syntax', line: 6, field: '(quiz)', message: /YAML syntax: Nested mappings are not allowed/ },
  { name: 'duplicate-key', line: 9, field: '(quiz)', message: /YAML syntax: Map keys must be unique/ },
];

describe('broken quiz fixtures', () => {
  test('every fixture in the folder is covered, and there are at least 20', () => {
    const names = readdirSync(fixtures)
      .filter((f) => f.endsWith('.quiz.yaml'))
      .map((f) => f.replace('.quiz.yaml', ''));
    expect(names.sort()).toEqual(broken.map((b) => b.name).sort());
    expect(broken.length).toBeGreaterThanOrEqual(20);
  });

  test.each(broken)('$name: $field at line $line', ({ name, line, field, message }) => {
    const problems = validateFixture(name);
    const problem = problems.find((p) => p.field === field);
    expect(problem, JSON.stringify(problems, null, 2)).toBeDefined();
    expect(problem).toMatchObject({ file: `test/fixtures/quiz/${name}.quiz.yaml`, line, severity: 'error' });
    expect(problem!.message).toMatch(message);
    // Each fixture says what is broken in its first line, and the problem's line lies inside the question it names.
    const lines = readFileSync(join(fixtures, `${name}.quiz.yaml`), 'utf8').split('\n');
    expect(lines[0]).toMatch(/^# Broken: /);
    const id = /^questions\[([^\]]+)\]/.exec(field)?.[1];
    if (id) {
      const start = lines.slice(0, line).findLastIndex((l) => /^ {2}- id: /.test(l));
      expect(lines[start]).toBe(`  - id: ${id}`);
    }
  });
});

const good = `questions:
  - id: q-rate
    type: true-false
    objectives: [explain-effects]
    prompt: The learning rate scales every step, $\\eta \\nabla L$.
    answer: true
    explanation: The step is the rate times the slope.
`;

describe('objective coverage', () => {
  test('a valid quiz that assesses everything has no problems', () => {
    const source = good.replace('[explain-effects]', '[explain-effects, identify-divergence]');
    expect(validateQuizFile({ file: 'q.quiz.yaml', source, lesson })).toEqual([]);
  });

  test('an unassessed objective is a warning listing it, at the questions line', () => {
    expect(validateQuizFile({ file: 'q.quiz.yaml', source: good, lesson })).toEqual([
      {
        file: 'q.quiz.yaml',
        line: 1,
        field: 'questions',
        message: 'no question or exercise assesses the objective identify-divergence of lesson 1.2.38',
        severity: 'warning',
      },
    ]);
  });

  test('an exercise assessing it is enough; a strict lesson makes it an error', () => {
    expect(
      validateQuizFile({
        file: 'q.quiz.yaml',
        source: good,
        lesson: { ...lesson, exerciseObjectiveIds: ['identify-divergence'] },
      }),
    ).toEqual([]);
    const [problem] = validateQuizFile({ file: 'q.quiz.yaml', source: good, lesson: { ...lesson, strict: true } });
    expect(problem?.severity).toBe('error');
  });

  test('several unassessed objectives are listed together', () => {
    const [problem] = validateQuizFile({
      file: 'q.quiz.yaml',
      source: good,
      lesson: { ...lesson, objectiveIds: ['explain-effects', 'choose-rates', 'relate-curvature'] },
    });
    expect(problem?.message).toContain('the objectives choose-rates, relate-curvature');
  });
});

describe('self-check and field names', () => {
  test('a question whose stated answer the grader would not accept is caught', () => {
    const question = questionSchema.parse({
      id: 'q',
      type: 'numeric',
      objectives: ['a'],
      prompt: 'p',
      explanation: 'e',
      answer: 1,
    });
    expect(selfCheck(question)).toBeUndefined();
    expect(selfCheck({ ...question, answer: Number.NaN } as Question)).toMatch(/does not earn full marks/);
    const multiple = questionSchema.parse({
      id: 'm',
      type: 'multiple',
      objectives: ['a'],
      prompt: 'p',
      explanation: 'e',
      choices: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
      answers: ['a', 'b'],
    });
    expect(selfCheck(multiple)).toBeUndefined();
  });

  test('array elements are named by id when they have one', () => {
    const data = { questions: [{ id: 'q1', choices: [{ id: 'x' }, {}] }, 'junk'] };
    expect(fieldName(['questions', 0, 'choices', 0, 'text'], data)).toBe('questions[q1].choices[x].text');
    expect(fieldName(['questions', 0, 'choices', 1], data)).toBe('questions[q1].choices[1]');
    expect(fieldName(['questions', 1, 'type'], data)).toBe('questions[1].type');
    expect(fieldName([], data)).toBe('(quiz)');
  });
});
