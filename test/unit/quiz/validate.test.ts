import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadFormulaBuild } from '../../../src/quiz/expression/formula-build';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { validateQuizFile, selfCheck, fieldName, type QuizLesson } from '../../../src/quiz/validate';
import { questionSchema } from '../../../src/quiz/schema';
import type { ClassicQuestion } from '../../../src/quiz/grade';
import { defaultGenerators, type GeneratorRegistry } from '../../../src/quiz/generators/index';
import { sampledVariants } from '../../../src/quiz/types/parametrized/check-built';

// Validating and building formula questions needs their build half, loaded on demand as the build does.
beforeAll(loadFormulaBuild);

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
    message: /Markdown does not compile: .*cannot render this formula/,
  },
  {
    name: 'bad-math-choice',
    line: 11,
    field: 'questions[q-limit].choices[b].text',
    message: /cannot render this formula.*lamda/,
  },
  {
    name: 'bad-math-feedback',
    line: 10,
    field: 'questions[q-limit].choices[a].feedback',
    message: /cannot render this formula/,
  },
  { name: 'bad-math-explanation', line: 8, field: 'questions[q-hessian].explanation', message: /cannot render this formula/ },
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
  // Parametrized questions: the build draws 200 variants of each and checks every one.
  {
    name: 'param-unknown-generator',
    line: 6,
    field: 'questions[q-steps].generator',
    message: /there is no generator "gd-steps-parabolla"; expected one of gd-steps-parabola, stability-limit/,
  },
  {
    name: 'param-empty-range',
    line: 9,
    field: 'questions[q-steps].params.x0.max',
    message: /expected max \(1\) to be no smaller than min \(10\)/,
  },
  {
    name: 'param-missing-parameter',
    line: 7,
    field: 'questions[q-steps].params',
    message: /"gd-steps-parabola" needs the parameters a, x0, lr, k; missing k/,
  },
  {
    name: 'param-tolerance-too-loose',
    line: 12,
    field: 'questions[q-steps].relativeTolerance',
    message: /variant \d+ \(a = .*\): the tolerance ±[\d.]+ cannot separate the answer [\d.−]+ from [\d.−]+ \(.*\): it must be less than half their distance/,
  },
  {
    name: 'param-tolerance-accepts-zero',
    line: 10,
    field: 'questions[q-limit].tolerance',
    message: /the tolerance ±5 is at least the answer [\d.]+ itself, so 0 would be accepted/,
  },
  {
    name: 'param-colliding-choices',
    line: 6,
    field: 'questions[q-bowl].generator',
    message: /variant \d+ \(p = 2, q = 2\): the choices "limit" and "flat-limit" collide \(0\.5 and 0\.5/,
  },
  {
    name: 'param-answer-not-finite',
    line: 6,
    field: 'questions[q-steps].generator',
    message: /variant \d+ \(a = 1, x0 = \d, lr = 2, k = 700\): the answer is NaN, not a finite number/,
  },
  {
    name: 'param-generator-fails',
    line: 6,
    field: 'questions[q-steps].generator',
    message: /the generator "gd-steps-parabola" failed: quadratic1D needs a finite a > 0/,
  },
  {
    name: 'param-unknown-placeholder',
    line: 13,
    field: 'questions[q-steps].prompt',
    message: /\{steps\} names no parameter and no value of the generator; known: a, x0, lr, k/,
  },
  // Code questions: the build runs the reference solution against its tests.
  {
    name: 'code-solution-fails-tests',
    line: 23,
    field: 'questions[q-compare].tests[0]',
    message: /the reference solution fails its own test "from the lesson": compareRates\(10, 0\.1, 0\.3, 5\), returned \{ finalA: 5\.9049.*expected \{ finalA: 3\.2768/,
  },
  {
    // Python: the build runs the solution with Pyodide in Node (a child process) and reports it the same way.
    name: 'code-python-solution-fails-tests',
    line: 22,
    field: 'questions[q-compare].tests[0]',
    message: /the reference solution fails its own test "from the lesson": compare_rates\(10, 0\.1, 0\.3, 5\), returned \{ finalA: 5\.9049.*expected \{ finalA: 3\.2768/,
  },
  {
    // A choice of languages: each alternative's solution is run too, and reported at its own field.
    name: 'code-alternative-solution-fails-tests',
    line: 24,
    field: 'questions[q-compare].alternatives.python.solution',
    message: /the reference solution fails its own test "from the lesson": compare_rates\(10, 0\.1, 0\.3, 5\), returned \{ finalA: 5\.9049.*expected \{ finalA: 3\.2768/,
  },
  {
    name: 'code-alternative-same-language',
    line: 12,
    field: 'questions[q-square].alternatives.javascript',
    message: /javascript is already the question's language: an alternative is another language the learner may choose/,
  },
  {
    name: 'code-unknown-oracle',
    line: 7,
    field: 'questions[q-compare].oracle',
    message: /there is no oracle "compare-rates-parabolla"; expected one of compare-rates-parabola/,
  },
  {
    name: 'code-no-expected-value',
    line: 15,
    field: 'questions[q-square].tests[1].expected',
    message: /expected an expected value, or an oracle/,
  },
  {
    name: 'code-solution-wrong-function',
    line: 9,
    field: 'questions[q-square].solution',
    message: /the reference solution does not run: the code defines no function square/,
  },
  // Diagnose questions.
  {
    name: 'diagnose-unknown-curve',
    line: 8,
    field: 'questions[q-curve].curve.generator',
    message: /there is no curve generator "house-price-trainig"; expected one of house-price-training/,
  },
  {
    name: 'diagnose-losses-and-curve',
    line: 7,
    field: 'questions[q-curve].losses',
    message: /either as losses: \[\.\.\.\] or as curve: \{ generator, params \}, not both/,
  },
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
    // The Python fixture starts Pyodide in a child process: seconds, more on a busy machine.
  }, 180_000);
});

const good = `questions:
  - id: q-rate
    type: true-false
    objectives: [explain-effects]
    prompt: The learning rate scales every step, $\\eta \\nabla L$.
    answer: true
    feedback: { incorrect: 'The rate is a factor in the update: not a limit on the loss.' }
    explanation: The step is the rate times the slope.
`;

describe('feedback that teaches: every wrong option says why it is wrong', () => {
  const source = `questions:
  - id: q-pick
    type: single
    objectives: [explain-effects, identify-divergence]
    prompt: Which rate diverges on $x^2$?
    choices:
      - { id: a, text: '0.1', feedback: Converges. }
      - { id: b, text: '1.5' }
      - { id: c, text: '0.5' }
    answer: b
    explanation: Above 1 the factor exceeds one in size.
  - id: q-tf
    type: true-false
    objectives: [explain-effects]
    prompt: A smaller rate always converges.
    answer: true
    explanation: On a quadratic, any rate below 1/a converges.
`;
  test('a warning for each wrong option without feedback, at its own field; the right one needs none', () => {
    const problems = validateQuizFile({ file: 'q.quiz.yaml', source, lesson });
    expect(problems.map((p) => [p.field, p.line, p.severity])).toEqual([
      ['questions[q-pick].choices[c].feedback', 9, 'warning'],
      ['questions[q-tf].feedback.incorrect', 12, 'warning'],
    ]);
  });

  test('a parametrized choice question: each wrong choice id its generator offers needs feedback in choiceFeedback', () => {
    const parametrized = `questions:
  - id: q-bowl
    type: parametrized
    objectives: [explain-effects, identify-divergence]
    generator: stability-choice-bowl
    params:
      p: { choices: [0.5, 1] }
      q: { choices: [5, 10] }
    prompt: Above which of these rates does gradient descent diverge on {p} u^2 + {q} v^2?
    choiceText: $\\eta = {value:4}$
    choiceFeedback:
      no-overshoot: That is the largest rate that never overshoots.
    explanation: The steep direction sets the limit, {limit:4}.
`;
    const problems = validateQuizFile({ file: 'q.quiz.yaml', source: parametrized, lesson });
    const missing = problems.filter((p) => /wrong option has no feedback/.test(p.message));
    // The generator's wrong ids are no-overshoot, best and flat-limit; only the first has feedback. The right one (limit) needs none.
    expect(missing.map((p) => [p.field, p.severity])).toEqual([
      ['questions[q-bowl].choiceFeedback.best', 'warning'],
      ['questions[q-bowl].choiceFeedback.flat-limit', 'warning'],
    ]);
    const strict = validateQuizFile({ file: 'q.quiz.yaml', source: `strictFeedback: true\n${parametrized}`, lesson });
    expect(strict.filter((p) => /wrong option has no feedback/.test(p.message)).map((p) => p.severity)).toEqual(['error', 'error']);
  });

  test('strictFeedback: true makes each an error that stops the build', () => {
    const problems = validateQuizFile({ file: 'q.quiz.yaml', source: `strictFeedback: true\n${source}`, lesson });
    expect(problems.map((p) => [p.field, p.severity])).toEqual([
      ['questions[q-pick].choices[c].feedback', 'error'],
      ['questions[q-tf].feedback.incorrect', 'error'],
    ]);
    expect(problems[0]!.message).toMatch(/no feedback.*strictFeedback/);
  });
});

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
    expect(selfCheck(question as ClassicQuestion)).toBeUndefined();
    expect(selfCheck({ ...question, answer: Number.NaN } as ClassicQuestion)).toMatch(/does not earn full marks/);
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
    expect(selfCheck(multiple as ClassicQuestion)).toBeUndefined();
  });

  test('array elements are named by id when they have one', () => {
    const data = { questions: [{ id: 'q1', choices: [{ id: 'x' }, {}] }, 'junk'] };
    expect(fieldName(['questions', 0, 'choices', 0, 'text'], data)).toBe('questions[q1].choices[x].text');
    expect(fieldName(['questions', 0, 'choices', 1], data)).toBe('questions[q1].choices[1]');
    expect(fieldName(['questions', 1, 'type'], data)).toBe('questions[1].type');
    expect(fieldName([], data)).toBe('(quiz)');
  });
});

describe('generated variants, sampled at build', () => {
  const quiz = (fields: string) => `questions:
  - id: q-gen
    type: parametrized
    objectives: [explain-effects, identify-divergence]
${fields}
    prompt: What is the answer for {x}?
    explanation: It is {answer}.
`;
  const numericWith = (answer: (x: number, call: number) => number, distractor = (x: number) => x + 100): GeneratorRegistry => {
    let calls = 0;
    return {
      ...defaultGenerators,
      variants: {
        probe: {
          description: 'a test generator',
          kind: 'numeric',
          params: ['x'],
          generate: ({ x }) => {
            calls += 1;
            return { kind: 'numeric', answer: answer(x as number, calls), distractors: [{ value: distractor(x as number), why: 'a slip' }], values: {} };
          },
        },
      },
    };
  };
  const validate = (source: string, generators: GeneratorRegistry) =>
    validateQuizFile({ file: 'q.quiz.yaml', source, lesson, generators }).filter((p) => p.severity === 'error');

  test('200 variants are drawn, not only the 30 the page carries: a NaN in variant 150 is found', () => {
    const source = quiz('    generator: probe\n    params:\n      x: { min: 1, max: 50, step: 1 }\n    relativeTolerance: 0.001');
    const seeds = new Set<number>();
    const started = performance.now();
    const problems = validate(
      source,
      numericWith((x, call) => {
        seeds.add(call);
        return call === 151 ? Number.NaN : x;
      }),
    );
    console.info(`validate: ${seeds.size} generator calls for one parametrized question in ${(performance.now() - started).toFixed(0)} ms`);
    expect(seeds.size).toBeGreaterThanOrEqual(200);
    expect(problems).toEqual([
      expect.objectContaining({ line: 5, field: 'questions[q-gen].generator', message: expect.stringMatching(/^variant 150 \(x = \d+\): the answer is NaN, not a finite number$/) }),
    ]);
    expect(validate(source, numericWith((x) => x))).toEqual([]);
  });

  test('an infinite answer, or a distractor the tolerance would accept, fails; a well separated one passes', () => {
    const source = (tolerance: string) => quiz(`    generator: probe\n    params:\n      x: { min: 1, max: 9, step: 1 }\n    ${tolerance}`);
    expect(validate(source('tolerance: 0.1'), numericWith(() => Infinity))[0]?.message).toMatch(/the answer is Infinity, not a finite number/);
    const near = numericWith((x) => x, (x) => x + 0.15);
    expect(validate(source('tolerance: 0.1'), near)[0]).toMatchObject({
      field: 'questions[q-gen].tolerance',
      message: expect.stringMatching(/cannot separate the answer \d from [\d.]+ \(a slip\): it must be less than half their distance, 0\.075/),
    });
    expect(validate(source('tolerance: 0.07'), near)).toEqual([]);
  });

  test('choices of a choice generator that coincide are reported once, with the variant that shows it', () => {
    const generators: GeneratorRegistry = {
      ...defaultGenerators,
      variants: {
        twins: {
          description: 'choices that coincide when x is 3',
          kind: 'choice',
          params: ['x'],
          generate: ({ x }) => ({
            kind: 'choice',
            choices: [
              { id: 'right', value: 3 },
              { id: 'wrong', value: x as number },
            ],
            answer: 'right',
            values: {},
          }),
        },
      },
    };
    const source = quiz('    generator: twins\n    params:\n      x: { choices: [1, 2, 3] }').replace('It is {answer}.', 'See above.');
    const problems = validate(source, generators);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^variant \d+ \(x = 3\): the choices "right" and "wrong" collide \(3 and 3, shown as the same text\)$/);
  });

  test('the course quiz of 1.2.38 validates, every parametrized question sampled, in a few seconds at most (its Python questions apart)', () => {
    const path = 'content/math-for-ml/1.2-calculus-for-ml/1.2.38-learning-rate-and-convergence.quiz.yaml';
    // Python solutions start Pyodide (seconds, a minute on a busy machine): test/unit/quiz/python.test.ts runs them.
    const document = parseDocument(readFileSync(path, 'utf8'));
    const questions = document.get('questions') as YAMLSeq<YAMLMap>;
    questions.items = questions.items.filter((item) => item.get('language') !== 'python');
    const started = performance.now();
    const problems = validateQuizFile({
      file: path,
      source: document.toString(),
      lesson: { ...lesson, objectiveIds: ['explain-effects', 'identify-divergence', 'choose-rates', 'describe-schedules', 'relate-curvature'] },
    });
    const ms = performance.now() - started;
    console.info(`validate: the 1.2.38 quiz (3 parametrized questions × ${sampledVariants} variants, 4 diagnose, 2 code) in ${ms.toFixed(0)} ms`);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(ms).toBeLessThan(20_000);
    // The test's own limit above, not vitest's default 5 s, which a busy 2-core machine exceeds.
  }, 30_000);
});
