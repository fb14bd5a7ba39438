import { beforeAll, describe, expect, test } from 'vitest';
import { loadFormulaBuild } from '../../../src/quiz/expression/formula-build';
import { validateQuizFile, type QuizLesson } from '../../../src/quiz/validate';
import { buildGradable } from '../../../src/quiz/build';
import { describeAnswer, expectedResponse, grade } from '../../../src/quiz/grade';
import { describeResponse } from '../../../src/quiz/describe';
import { questionSchema } from '../../../src/quiz/schema';
import { offeredNumbers } from '../../../src/quiz/multipart/build';
import { wrongMultipart, unansweredMultipart } from '../../../src/quiz/multipart/question';
import { malformed, wrongFormula } from '../../../src/quiz/expression/question';

// Validating and building formula questions needs their build half, loaded on demand as the build does.
beforeAll(loadFormulaBuild);

const lesson: QuizLesson = { id: '1.2.38', objectiveIds: ['relate-curvature'], exerciseObjectiveIds: [], strict: false };
const validate = (question: string) =>
  validateQuizFile({ file: 'x.quiz.yaml', source: `questions:\n${question.replace(/^/gm, '  ')}`, lesson }).filter((p) => p.severity === 'error');

const expression = (fields: string) => `- id: q-expr
  type: expression
  objectives: [relate-curvature]
  prompt: The derivative of $a x^2$?
  explanation: It is $2ax$.
${fields}`;

describe('expression questions at build time', () => {
  test('a sound question passes', () => {
    expect(validate(expression(`  answer: 2*a*x
  variables: { x: { min: -5, max: 5 }, a: { min: 0.5, max: 3 } }
  accept: ['2ax']
  reject: ['ax^2']`))).toEqual([]);
  });

  test.each([
    ['an empty domain', `  answer: 2*x\n  variables:\n    x: { min: 3, max: 3 }`, 9, 'questions[q-expr].variables.x', /domain of x is empty/],
    ['a domain with no whole number', `  answer: 2*t\n  variables:\n    t: { min: 0.2, max: 0.7, integer: true }`, 9, 'questions[q-expr].variables.t', /no whole number/],
    ['an unreadable answer', `  answer: 2*(x+1\n  variables: { x: { min: -1, max: 1 } }`, 7, 'questions[q-expr].answer', /cannot be read: A closing parenthesis is missing after position 6/],
    ['an undeclared name', `  answer: 2*a*x\n  variables: { x: { min: -1, max: 1 } }`, 7, 'questions[q-expr].answer', /“a” at position 3 is not a variable/],
    ['an answer undefined over its domain', `  answer: sqrt(x)\n  variables: { x: { min: -9, max: -1 } }`, 7, 'questions[q-expr].answer', /undefined at most sample points/],
    ['an accepted formula that is not equivalent', `  answer: 2*x\n  variables: { x: { min: -1, max: 1 } }\n  accept: ['x^2']`, 9, 'questions[q-expr].accept[0]', /should be graded right but is not equivalent/],
    ['a rejected formula that is equivalent', `  answer: 2*x\n  variables: { x: { min: -1, max: 1 } }\n  reject: ['x+x']`, 9, 'questions[q-expr].reject[0]', /should be graded wrong but is equivalent/],
    ['an answer not in its own form', `  answer: 2*(x+1)\n  variables: { x: { min: -1, max: 1 } }\n  forms: [expanded]`, 9, 'questions[q-expr].forms', /answer itself is not expanded/],
  ])('%s is an error at its line and field', (_, fields, line, field, message) => {
    const problems = validate(expression(fields));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, field, message: expect.stringMatching(message) });
  });

  test('its page data grades, describes and refuses as a learner meets it', () => {
    const question = questionSchema.parse({
      type: 'expression', id: 'q', objectives: ['o'], prompt: 'p', explanation: 'e',
      answer: 'eta_0 * gamma^floor(t/k)',
      variables: { η_0: { min: 0.01, max: 1 }, γ: { min: 0.1, max: 0.9 }, t: { min: 0, max: 60, integer: true }, k: { min: 1, max: 10, integer: true } },
    });
    const built = buildGradable(question);
    expect(built.type).toBe('expression');
    expect(grade(built, expectedResponse(built))).toMatchObject({ correct: true, score: 1 });
    expect(grade(built, 'η₀·γ^⌊t/k⌋')).toMatchObject({ correct: true });
    const wrong = grade(built, 'η_0·γ^(t/k)');
    expect(wrong).toMatchObject({ correct: false, score: 0 });
    expect(wrong.feedback[0]).toMatch(/^Not equivalent: at .*γ = .* the answer is .* and yours gives/);
    expect(grade(built, wrongFormula(built as never)).correct).toBe(false);
    expect(grade(built, malformed(built as never)).invalid).toMatch(/stops too soon/);
    expect(describeAnswer(built)).toMatch(/^The answer: <math data-tex="/);
    expect(describeResponse(built, 'x<2')).toBe('x&#60;2');
  });
});

const multipart = (parts: string, extra = '') => `- id: q-multi
  type: multipart
  objectives: [relate-curvature]
  prompt: The Hessian is diagonal with entries 2 and 6.
  explanation: The limit is $2/6$.${extra}
  parts:
${parts}`;

describe('multi-part questions at build time', () => {
  const sound = `    - id: lmax
      prompt: The largest eigenvalue
      answer: 6
    - id: limit
      prompt: The stability limit
      answer: 2 / lmax
      carryForward: true
    - id: at05
      prompt: At 0.5 gradient descent
      carryForward: true
      choices:
        - { id: converges, text: converges, when: 0.5 < limit }
        - { id: diverges, text: diverges, when: 0.5 > limit }`;

  test('a sound question passes', () => {
    expect(validate(multipart(sound))).toEqual([]);
  });

  test.each([
    ['a formula naming a later part', sound.replace('answer: 6', 'answer: limit * 3'), 10, 'questions[q-multi].parts[lmax].answer', /refers to limit, which comes later/],
    ['an unreadable formula', sound.replace('2 / lmax', '2 / (lmax'), 13, 'questions[q-multi].parts[limit].answer', /cannot be read: A closing parenthesis/],
    ['a name that is no part', sound.replace('2 / lmax', '2 / lmx'), 13, 'questions[q-multi].parts[limit].answer', /“lmx” at position 5 is not a variable/],
    ['choices whose conditions both fail', sound.replace('0.5 > limit', '0.9 < limit'), 18, 'questions[q-multi].parts[at05].choices', /exactly one choice's condition to hold .* found none/],
    ['a part with neither answer nor choices', sound.replace('      answer: 6\n', ''), 8, 'questions[q-multi].parts[lmax].answer', /expected answer: a number, or a formula/],
    ['a right value that is not finite', sound.replace('answer: 6', 'answer: 0'), 13, 'questions[q-multi].parts[limit].answer', /not a finite number/],
  ])('%s is an error at its line and field', (_, parts, line, field, message) => {
    const problems = validate(multipart(parts));
    expect(problems[0]).toMatchObject({ line, field, message: expect.stringMatching(message) });
  });

  test('an oracle of src/sim checks every value it knows', () => {
    const house = `    - id: lmax
      prompt: The largest eigenvalue
      answer: 15.5
    - id: limit
      prompt: The limit
      answer: 2 / lmax`;
    const problems = validate(multipart(house, '\n  oracle: house-price-theory'));
    // The wrong eigenvalue, and the limit computed from it.
    expect(problems.map((p) => p.field)).toEqual(['questions[q-multi].parts[lmax].answer', 'questions[q-multi].parts[limit].answer']);
    expect(problems[0]).toMatchObject({ field: 'questions[q-multi].parts[lmax].answer', message: expect.stringMatching(/gives 15.5 but the simulation \(oracle house-price-theory\) computes 15.3698/) });
    expect(validate(multipart(house.replace('15.5', '15.37'), '\n  oracle: house-price-theory'))).toEqual([]);
    expect(validate(multipart(house, '\n  oracle: no-such'))[0]?.message).toMatch(/there is no oracle "no-such"/);
  });

  test('the page data grades with error carried forward, and refuses a stock answer', () => {
    const question = questionSchema.parse({
      type: 'multipart', id: 'q', objectives: ['o'], prompt: 'The Hessian is diagonal with entries 2 and 6.', explanation: 'e',
      parts: [
        { id: 'lmax', prompt: 'largest eigenvalue', answer: 6 },
        { id: 'limit', prompt: 'limit', answer: '2/lmax', carryForward: true },
      ],
    });
    const built = buildGradable(question);
    if (built.type !== 'multipart') throw new Error('expected a multipart question');
    expect(built.offered).toEqual([2, 6]);
    expect(grade(built, expectedResponse(built))).toMatchObject({ correct: true });
    const carried = grade(built, { lmax: '8', limit: '0.25' });
    expect(carried).toMatchObject({ score: 0.5, correct: false });
    expect(carried.feedback).toContain('Part 2 is right for your own answer to part 1: credit carried forward.');
    const stock = grade(built, { lmax: '2', limit: '1' });
    expect(stock.score).toBe(0);
    expect(stock.feedback[1]).toMatch(/no credit carries forward from your answer to part 1: 2 is a number given in the question/);
    expect(grade(built, wrongMultipart(built)).score).toBe(0);
    expect(grade(built, unansweredMultipart(built)).invalid).toMatch(/^Part 1: enter a number/);
    expect(describeAnswer(built)).toBe('The answers: part 1: 6; part 2: 0.333333.');
  });

  test('offered numbers skip subscripts and LaTeX commands', () => {
    expect(offeredNumbers(['$H_{11}$ with $x_0 = 3$ and 1,000 houses at 0.1', 'rate $\\eta = 0.2$'])).toEqual([0.1, 0.2, 3, 1000]);
  });
});
