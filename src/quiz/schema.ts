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
 * To add a question type (parametrized, diagnose, code): add its schema to `questionVariants`, its
 * response type to `Responses` and its grader to `graders` in grade.ts; TypeScript then points at
 * every other place that needs a case. `grade(question, response)` keeps its shape.
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

/** Every question type; a new type is one more entry here (see the module comment). */
export const questionVariants = [
  trueFalseQuestion,
  singleChoiceQuestion,
  multipleChoiceQuestion,
  numericQuestion,
  textQuestion,
  orderingQuestion,
  openQuestion,
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
