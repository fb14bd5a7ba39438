import { z } from 'astro/zod';
import { shortId } from '../content/schema';

/**
 * The quiz file format. A lesson's quiz lives beside it with the same base name:
 * `1.2.38-learning-rate-and-convergence.mdx` has `1.2.38-learning-rate-and-convergence.quiz.yaml`.
 *
 * ```yaml
 * attempts: 3          # checks allowed per question before the answer is shown; 0 = unlimited (default 3)
 * strict: false        # true: an objective no question or exercise assesses is an error, not a warning
 * questions:
 *   - id: q-step-size               # short id, unique in the file; progress is stored under it
 *     type: true-false
 *     objectives: [explain-effects] # ids of the lesson's objectives this question assesses
 *     prompt: The learning rate $\eta$ scales every step.   # Markdown with $math$
 *     answer: true
 *     explanation: The step is $\eta$ times the gradient.  # shown once the question is settled
 *     hints: [Look at the update rule.]                     # optional, revealed one at a time
 *     points: 1                                             # optional, default 1
 *     feedback: { correct: …, incorrect: … }                # optional, shown after a right / wrong check
 * ```
 *
 * Question types and what each adds to the common fields above:
 * - `true-false`: `answer: true | false`.
 * - `single`: `choices: [{ id, text, feedback? }]` (at least two) and `answer: <choice id>`.
 * - `multiple`: `choices` and `answers: [<choice id>, …]`. Partial credit is
 *   *(right chosen − wrong chosen) ÷ number of right choices*, never below 0, times `points`:
 *   choosing every option therefore earns nothing, and full marks need every right one and no wrong one.
 * - `numeric`: `answer` (a finite number), optional `tolerance` (absolute) and `relativeTolerance`
 *   (a fraction of |answer|), optional `unit` shown after the input. A response is right when
 *   |response − answer| ≤ the larger of the two tolerances, boundary included; with neither given
 *   the answer must match to about nine significant digits. Learners may type `0.5`, `.5`, `5e-1`,
 *   `-12` (also with a − sign), `+3` or a fraction `1/40`. A comma is refused with a message rather
 *   than guessed at (is `1,000` a thousand or one?), as is anything that is not a number; a refused
 *   response does not use an attempt.
 * - `text`: `answers: [accepted, …]`, optional `patterns: [regex, …]` (matched against the whole
 *   response) and `caseSensitive` (default false). Responses and accepted answers are compared
 *   after Unicode NFKC normalisation, trimming and collapsing runs of white space.
 * - `ordering`: `items: [{ id, text }]` written in the correct order; the page shows them shuffled.
 *   Full marks for the exact order, nothing otherwise (the feedback says how many are in place).
 * - `open`: a self-assessed question. `modelAnswer` (Markdown) and optional `checklist` of points
 *   a good answer makes. The learner writes an answer, sees the model answer and rates themself
 *   (got it = all points, partly = half, not yet = none); these points are counted apart from the
 *   auto-graded score. `explanation` is optional here.
 *
 * Every Markdown field is rendered at build time, and the build fails if its math does not compile.
 * The page carries the answers as JSON so it can grade without a server: this is a learning aid,
 * not an exam, and a learner who reads the page source only cheats themself.
 *
 * - `parametrized`: a numeric or single-choice question whose numbers change from attempt to
 *   attempt. `params` declares each parameter as a grid `{ min, max, step }` or a list
 *   `{ choices: [...] }`; `generator` names a function in src/quiz/generators/ that computes the
 *   answer (and, for a choice question, the choices and their distractors) with the simulation
 *   module. The prompt, the explanation, `choiceText` and `choiceFeedback` are templates:
 *   `{name}` (or `{name:4}` for four significant digits) is replaced by a parameter or by a value
 *   the generator returns, formatted for math inside `$…$` and for prose outside. Other braces
 *   (`x_{t+1}`) are left alone. Numeric ones take `tolerance`, `relativeTolerance` and `unit` as
 *   above; `variants` (default 30) is how many the page carries, rendered at build.
 * - `diagnose`: a loss curve to read. The curve is `losses: [0.8, 0.5, NaN]` (write `NaN`,
 *   `Infinity`) or `curve: { generator, params }` from the simulation; the page draws it as a
 *   chart with the values listed. Two parts, `verdict` and `fix`, each `{ prompt?, choices, answer }`;
 *   a verdict choice may say which `diagnosis` of src/sim's `diagnoseLoss` it means, and the build
 *   warns when the simulation reads the curve differently. Half the points per part.
 * - `code`: a JavaScript function the learner writes in the page. `function` is its name,
 *   `starter` the code the editor starts with, `solution` a reference solution (the build runs it
 *   against the tests and fails if it does not pass), `tests: [{ name, args, expected? }]`, and
 *   `oracle`, a function in src/quiz/generators/ that computes each test's expected value from its
 *   arguments with the simulation module. Numbers compare within `relativeTolerance` (default
 *   1e-9) or `tolerance`. Points are shared over the tests; checks are unlimited.
 * - `expression`: the learner types a formula (`2ax`, `x**2`, `η_0·γ^floor(t/k)`, `e^(-λt)`),
 *   previewed with KaTeX as they type. `answer` is the formula; `variables` maps each name the
 *   formula may use to the domain it is sampled on, `{ min, max }` or `{ min, max, integer: true }`.
 *   Any formula equal to the answer at 40 seeded random points of the domains earns the points
 *   (src/quiz/expression/). `forms: [simplified, expanded, no-decimals]` also require a form: an
 *   equivalent answer in another form earns `formCredit` (default 0.5) with the reason. `accept`
 *   and `reject` list formulas the build checks are graded right and wrong.
 * - `multipart`: parts that share the prompt. Each part has an `id` (a name such as `lmax`), a
 *   `prompt`, and either `answer` (a number, or a formula of earlier parts' ids: `2 / lmax`) or
 *   `choices`, each with a `when` condition on earlier parts (`0.1 < limit`). With
 *   `carryForward: true` a part is also right when it is right for the learner's own earlier
 *   answers, provided those were genuine attempts (not 0, ±1, a number in the question, another
 *   part's answer or a listed `stock` value: src/quiz/multipart/grade.ts says why). `oracle` names
 *   a function of src/quiz/generators/ whose values by part id the build compares with the parts.
 *
 * To add a question type: add its schema to `questionVariants`, its response type to `Responses`
 * and its grader to `graders` in grade.ts; TypeScript then points at every other place that needs
 * a case. `grade(question, response)` keeps its shape.
 */

/**
 * A strict object whose unknown-field message lists the fields it does accept (the validator
 * reports each unknown field at its own line, prefixed with its name).
 */
function fields<Shape extends z.ZodRawShape>(shape: Shape, what: string) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${what} accepts only the fields ${known}`
        : issue.code === 'invalid_type'
          ? `expected ${what} as a mapping with the fields ${known}`
          : undefined,
  });
}

const markdown = (what: string) =>
  z
    .string({ error: `expected ${what} as Markdown text` })
    .trim()
    .min(1, `expected ${what}, found an empty string`);

const finiteNumber = (what: string) => z.number({ error: `expected ${what} as a finite number such as 6.4 or -12` });

const positiveNumber = (what: string) =>
  z
    .number({ error: `expected ${what} as a positive number such as 0.01` })
    .positive(`expected ${what} to be greater than 0`);

/** Fields every question has, whatever its type. */
const questionBase = {
  id: shortId,
  objectives: z
    .array(shortId, { error: 'expected a list of objective ids, e.g. [explain-effects]' })
    .min(1, 'expected at least one objective id: which objective does this question assess?'),
  prompt: markdown('the question'),
  explanation: markdown('an explanation shown after answering'),
  hints: z.array(markdown('a hint'), { error: 'expected a list of hints' }).default([]),
  points: positiveNumber('points').default(1),
  feedback: fields(
    {
      correct: markdown('feedback for a right answer').optional(),
      incorrect: markdown('feedback for a wrong answer').optional(),
    },
    'feedback',
  ).optional(),
};

export const choiceSchema = fields(
  {
    id: shortId,
    text: markdown('the text of the choice'),
    /** Shown when the learner picks this choice. */
    feedback: markdown('feedback for this choice').optional(),
  },
  'a choice',
);

const choices = z.array(choiceSchema, { error: 'expected a list of choices' }).min(2, 'expected at least two choices');

export const trueFalseQuestion = fields(
  {
    type: z.literal('true-false'),
    ...questionBase,
    answer: z.boolean({ error: 'expected answer: true or answer: false' }),
  },
  'a true-false question',
);

export const singleChoiceQuestion = fields(
  {
    type: z.literal('single'),
    ...questionBase,
    choices,
    answer: shortId,
  },
  'a single-choice question',
);

export const multipleChoiceQuestion = fields(
  {
    type: z.literal('multiple'),
    ...questionBase,
    choices,
    answers: z
      .array(shortId, { error: 'expected answers as a list of choice ids' })
      .min(1, 'expected at least one right choice'),
  },
  'a multiple-choice question',
);

export const numericQuestion = fields(
  {
    type: z.literal('numeric'),
    ...questionBase,
    answer: finiteNumber('the answer'),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance (a fraction of the answer, e.g. 0.01 for 1 %)').optional(),
    unit: z.string().trim().min(1, 'expected a unit such as "steps", or no unit field').optional(),
  },
  'a numeric question',
);

export const textQuestion = fields(
  {
    type: z.literal('text'),
    ...questionBase,
    answers: z
      .array(plainText('an accepted answer'), { error: 'expected answers as a list of accepted answers' })
      .min(1, 'expected at least one accepted answer'),
    patterns: z
      .array(
        z.string({ error: 'expected a regular expression as a string' }).refine(compiles, {
          message: 'expected a valid JavaScript regular expression',
        }),
      )
      .default([]),
    caseSensitive: z.boolean({ error: 'expected caseSensitive: true or false' }).default(false),
  },
  'a text question',
);

export const orderingItem = fields({ id: shortId, text: markdown('the text of the item') }, 'an item');

export const orderingQuestion = fields(
  {
    type: z.literal('ordering'),
    ...questionBase,
    items: z
      .array(orderingItem, { error: 'expected items as a list, in the correct order' })
      .min(2, 'expected at least two items to put in order'),
  },
  'an ordering question',
);

export const openQuestion = fields(
  {
    type: z.literal('open'),
    ...questionBase,
    explanation: markdown('an explanation').optional(),
    modelAnswer: markdown('a model answer the learner compares theirs with'),
    checklist: z.array(markdown('a point a good answer makes'), { error: 'expected a list of points' }).default([]),
  },
  'an open question',
);

/** A name a template or a function refers to: a JavaScript identifier such as `x0` or `lr`. */
const identifier = (what: string) =>
  z
    .string({ error: `expected ${what} as a name such as x0` })
    .regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, `expected ${what} as a name of letters and digits, starting with a letter`);

const generatorName = z
  .string({ error: 'expected the name of a generator in src/quiz/generators/' })
  .regex(/^[a-z][a-z0-9-]*$/, 'expected a generator name of lower-case letters, digits and dashes');

/** A parameter: an evenly spaced grid or a list of values. */
export const paramRangeSchema = fields(
  {
    min: finiteNumber('the smallest value'),
    max: finiteNumber('the largest value'),
    step: positiveNumber('the step between values'),
  },
  'a parameter range',
);
export const paramChoicesSchema = fields(
  {
    choices: z
      .array(z.union([z.number(), z.string()]), { error: 'expected choices as a list of values' })
      .min(1, 'expected at least one value'),
  },
  'a parameter list',
);
const paramSchema = z.union([paramRangeSchema, paramChoicesSchema], {
  error: 'expected a parameter as { min, max, step } or { choices: [...] }',
});

export const parametrizedQuestion = fields(
  {
    type: z.literal('parametrized'),
    ...questionBase,
    generator: generatorName,
    params: z.record(identifier('a parameter name'), paramSchema, {
      error: 'expected params as a mapping from names to { min, max, step } or { choices }',
    }),
    variants: z
      .number({ error: 'expected variants as a whole number' })
      .int('expected variants as a whole number')
      .min(1, 'expected at least one variant')
      .max(200, 'expected at most 200 variants (each is rendered into the page)')
      .default(30),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance (a fraction of the answer, e.g. 0.01 for 1 %)').optional(),
    unit: z.string().trim().min(1, 'expected a unit such as "steps", or no unit field').optional(),
    /** For a choice generator: the text of each choice, a template with `{value}`. */
    choiceText: markdown('the text of each choice, e.g. $\\eta = {value}$').optional(),
    /** For a choice generator: feedback by the generator's choice id, templates too. */
    choiceFeedback: z.record(shortId, markdown('feedback for this choice')).optional(),
  },
  'a parametrized question',
);

/** A logged loss: a number, or `NaN` / `Infinity` written as words (YAML has no plain NaN). */
export const lossValue = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])], {
  error: 'expected a loss as a number, NaN or Infinity',
});

export const lossDiagnoses = ['healthy', 'divergence', 'oscillation', 'too-slow', 'overflow', 'plateau'] as const;
export const lossFixes = ['none', 'lower-rate', 'raise-rate', 'add-schedule'] as const;

const diagnosePart = <Extra extends z.ZodRawShape>(what: string, extra: Extra) =>
  fields(
    {
      prompt: markdown(`the question of the ${what} part`).optional(),
      choices: z
        .array(fields({ ...choiceSchema.shape, ...extra }, 'a choice'), { error: 'expected a list of choices' })
        .min(2, 'expected at least two choices'),
      answer: shortId,
    },
    `the ${what} part`,
  );

export const diagnoseQuestion = fields(
  {
    type: z.literal('diagnose'),
    ...questionBase,
    losses: z.array(lossValue, { error: 'expected losses as a list of numbers' }).min(2, 'expected at least two losses').optional(),
    curve: fields(
      {
        generator: generatorName,
        params: z.record(identifier('a parameter name'), z.number(), { error: 'expected params as name: number' }).default({}),
      },
      'a simulated curve',
    ).optional(),
    firstStep: z.number().int('expected the first step as a whole number').min(0).default(1),
    stepTitle: z.string().trim().min(1).default('epoch'),
    verdict: diagnosePart('verdict', {
      /** What src/sim's diagnoseLoss would call this verdict; the build compares. */
      diagnosis: z.enum(lossDiagnoses, { error: `expected a diagnosis: ${lossDiagnoses.join(', ')}` }).optional(),
    }),
    fix: diagnosePart('fix', {
      fix: z.enum(lossFixes, { error: `expected a fix: ${lossFixes.join(', ')}` }).optional(),
    }),
  },
  'a diagnose question',
);

export const codeTestSchema = fields(
  {
    name: plainText('a short name for the test'),
    args: z.array(z.unknown(), { error: 'expected args as a list of arguments' }),
    /** The expected return value; leave it out to have the question's `oracle` compute it. */
    expected: z.unknown().optional(),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
  },
  'a test',
);

export const codeQuestion = fields(
  {
    type: z.literal('code'),
    ...questionBase,
    language: z.literal('javascript', { error: 'expected language: javascript (the only one the page can run)' }).default('javascript'),
    function: identifier('the name of the function the learner writes'),
    starter: z.string({ error: 'expected starter code as text' }),
    solution: z.string({ error: 'expected a reference solution as text' }).min(1, 'expected a reference solution'),
    oracle: generatorName.optional(),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
    tests: z.array(codeTestSchema, { error: 'expected tests as a list' }).min(1, 'expected at least one test'),
  },
  'a code question',
);

/** Where a formula's variable is sampled: a real interval, or whole numbers when `integer: true`. */
export const variableDomainSchema = fields(
  {
    min: finiteNumber('the smallest value'),
    max: finiteNumber('the largest value'),
    integer: z.boolean({ error: 'expected integer: true or false' }).optional(),
  },
  'a variable domain',
);

const formulaText = (what: string) =>
  z.union([z.string(), z.number()], { error: `expected ${what} as a formula such as 2*a*x` }).transform(String).pipe(
    z.string().trim().min(1, `expected ${what}, found an empty string`),
  );

export const expressionQuestion = fields(
  {
    type: z.literal('expression'),
    ...questionBase,
    /** The formula; any equivalent formula earns the points. */
    answer: formulaText('the answer'),
    variables: z.record(z.string().min(1), variableDomainSchema, {
      error: 'expected variables as a mapping from names to { min, max } (add integer: true for whole numbers)',
    }),
    forms: z
      .array(z.enum(['simplified', 'expanded', 'no-decimals'], { error: 'expected a form: simplified, expanded or no-decimals' }))
      .default([]),
    formCredit: z.number({ error: 'expected formCredit as a share such as 0.5' }).min(0).max(1).optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
    /** Formulas the build checks are graded right (other spellings learners use). */
    accept: z.array(formulaText('an accepted formula')).default([]),
    /** Formulas the build checks are graded wrong (the mistakes the question is about). */
    reject: z.array(formulaText('a formula that must be graded wrong')).default([]),
  },
  'an expression question',
);

export const multipartChoiceSchema = fields(
  {
    ...choiceSchema.shape,
    /** A condition on earlier parts (`0.1 < limit`): this choice is right when it holds. */
    when: formulaText('a condition such as 0.1 < limit').optional(),
  },
  'a choice',
);

export const multipartPartSchema = fields(
  {
    id: identifier('a part id'),
    prompt: markdown('the question of the part'),
    /** A number, or a formula of earlier parts' ids; absent for a part with choices. */
    answer: z.union([z.number(), z.string().trim().min(1)], { error: 'expected answer as a number or a formula of earlier parts' }).optional(),
    choices: z.array(multipartChoiceSchema, { error: 'expected a list of choices' }).min(2, 'expected at least two choices').optional(),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
    unit: z.string().trim().min(1).optional(),
    carryForward: z.boolean({ error: 'expected carryForward: true or false' }).default(false),
    stock: z.array(z.number(), { error: 'expected stock as a list of numbers' }).optional(),
    points: positiveNumber('points').default(1),
  },
  'a part',
);

export const multipartQuestion = fields(
  {
    type: z.literal('multipart'),
    ...questionBase,
    parts: z.array(multipartPartSchema, { error: 'expected parts as a list' }).min(2, 'expected at least two parts'),
    /** An oracle in src/quiz/generators/ whose values (by part id) the build compares with each numeric part. */
    oracle: generatorName.optional(),
    carryForwardCredit: z.number({ error: 'expected carryForwardCredit as a share such as 1 or 0.5' }).min(0).max(1).optional(),
  },
  'a multi-part question',
);

/** Every question type; a new type is one more entry here (see the module comment). */
export const questionVariants = [
  trueFalseQuestion,
  singleChoiceQuestion,
  multipleChoiceQuestion,
  numericQuestion,
  textQuestion,
  orderingQuestion,
  openQuestion,
  parametrizedQuestion,
  diagnoseQuestion,
  codeQuestion,
  expressionQuestion,
  multipartQuestion,
] as const;

export const questionTypes = questionVariants.map((v) => v.shape.type.value);

export const questionSchema = z.discriminatedUnion('type', questionVariants, {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `expected type to be one of ${questionTypes.join(', ')}`
      : issue.code === 'invalid_type'
        ? 'expected a question as a mapping with type, id, objectives, prompt and explanation'
        : undefined,
});

export const quizSchema = fields(
  {
    attempts: z
      .number({ error: 'expected attempts as a whole number (0 means unlimited)' })
      .int('expected attempts as a whole number (0 means unlimited)')
      .min(0, 'expected attempts to be 0 (unlimited) or more')
      .default(3),
    strict: z.boolean({ error: 'expected strict: true or false' }).default(false),
    questions: z
      .array(questionSchema, { error: 'expected questions as a list' })
      .min(1, 'expected at least one question'),
  },
  'a quiz file',
);

export type QuizData = z.output<typeof quizSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question['type'];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
export type Choice = z.output<typeof choiceSchema>;
export type ParamSpec = z.output<typeof paramSchema>;
export type LossValue = z.output<typeof lossValue>;
export type LossDiagnosis = (typeof lossDiagnoses)[number];
export type LossFix = (typeof lossFixes)[number];
export type CodeTest = z.output<typeof codeTestSchema>;
export type MultipartPartInput = z.output<typeof multipartPartSchema>;

function plainText(what: string) {
  return z
    .string({ error: `expected ${what} as text` })
    .trim()
    .min(1, `expected ${what}, found an empty string`);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
