import { z } from 'astro/zod';
import { fields, scoringSchema } from './types/fields';
import { typeSchemas } from './types/schemas';
import type { choiceSchema } from './types/fields';
import type { paramSchema } from './types/parametrized/schema';
import type { lossDiagnoses, lossFixes, lossValue } from './types/diagnose/schema';
import type { codeTestSchema } from './types/code/schema';

export { choiceSchema } from './types/fields';
export { lossDiagnoses, lossFixes, lossValue } from './types/diagnose/schema';

/**
 * The quiz file format. A lesson's quiz lives beside it with the same base name:
 * `1.2.38-learning-rate-and-convergence.mdx` has `1.2.38-learning-rate-and-convergence.quiz.yaml`.
 *
 * ```yaml
 * attempts: 3          # checks allowed per question before the answer is shown; 0 = unlimited (default 3)
 * scoring:             # share of the points each attempt earns (default credit [1, 0.5, 0.25], floor 0)
 *   { credit: [1, 0.5, 0.25], floor: 0.25, hintCost: 0.1 }   # hintCost: share off per hint opened
 * strictFeedback: false # true: a wrong option without feedback is an error, not a warning
 * confidence: ask      # ask "sure / think so / guessing" with each check (default); off; weighted: also mark by it
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
 *     scoring: { credit: [1] }                              # optional, overrides the quiz's policy
 *     attempts: 1                                           # optional; true-false defaults to 1
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
 *   1e-9) or `tolerance`. Points are shared over the tests; checks are unlimited. `language`
 *   (javascript, typescript or python) is the default; `alternatives: { python: { function?,
 *   starter, solution } }` lets the learner choose another language for the same tests.
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
 * Each type is a module of its own in src/quiz/types/<type>/ (schema.ts, index.ts for the
 * browser, server.ts for the build); this file only joins their schemas. To add a type, see
 * src/quiz/types/README.md.
 */

/** Every question type's schema, from the registry (src/quiz/types/schemas.ts). */
const questionVariants = typeSchemas;

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
    /**
     * ask: each check asks how sure the learner is (calibration and review use it); off: it does
     * not; weighted: it asks and also shows a confidence-weighted mark (right and sure earns most,
     * wrong and sure costs most, a guess never loses).
     */
    confidence: z
      .enum(['ask', 'off', 'weighted'], { error: 'expected confidence: ask, off or weighted' })
      .default('ask'),
    /** Credit by attempt, its floor and the cost of a hint, for every question (each may override). */
    scoring: scoringSchema.optional(),
    /** true: a wrong option without feedback saying why it is wrong is an error, not a warning. */
    strictFeedback: z.boolean({ error: 'expected strictFeedback: true or false' }).default(false),
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
export type ScoringSpec = z.output<typeof scoringSchema>;
export type Choice = z.output<typeof choiceSchema>;
export type ParamSpec = z.output<typeof paramSchema>;
export type LossValue = z.output<typeof lossValue>;
export type LossDiagnosis = (typeof lossDiagnoses)[number];
export type LossFix = (typeof lossFixes)[number];
export type CodeTest = z.output<typeof codeTestSchema>;

