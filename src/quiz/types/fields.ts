import { z } from 'astro/zod';
import { shortId } from '../../content/schema';

/** The building blocks of every type's schema: the common fields and the field kinds with their messages. */

/**
 * A strict object whose unknown-field message lists the fields it does accept (the validator
 * reports each unknown field at its own line, prefixed with its name).
 */
export function fields<Shape extends z.ZodRawShape>(shape: Shape, what: string) {
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

export const markdown = (what: string) =>
  z
    .string({ error: `expected ${what} as Markdown text` })
    .trim()
    .min(1, `expected ${what}, found an empty string`);

export const finiteNumber = (what: string) => z.number({ error: `expected ${what} as a finite number such as 6.4 or -12` });

export const positiveNumber = (what: string) =>
  z
    .number({ error: `expected ${what} as a positive number such as 0.01` })
    .positive(`expected ${what} to be greater than 0`);

/**
 * How much of a question's points each attempt earns: `credit` by attempt (the last entry for every
 * later one), never below `floor`; each hint opened before a check takes `hintCost` off that share.
 */
export const scoringSchema = z.strictObject(
  {
    credit: z
      .array(z.number().min(0, 'expected a share of at least 0').max(1, 'expected a share of at most 1'), {
        error: 'expected credit as a list of shares by attempt, e.g. [1, 0.5, 0.25]',
      })
      .min(1, 'expected credit for at least the first attempt')
      .optional(),
    floor: z.number({ error: 'expected floor as a share such as 0.25' }).min(0).max(1, 'expected floor to be at most 1').optional(),
    hintCost: z.number({ error: 'expected hintCost as a share such as 0.1' }).min(0).max(1, 'expected hintCost to be at most 1').optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'scoring accepts only the fields credit, floor, hintCost' : undefined) },
);

/** Fields every question has, whatever its type. */
export const questionBase = {
  id: shortId,
  objectives: z
    .array(shortId, { error: 'expected a list of objective ids, e.g. [explain-effects]' })
    .min(1, 'expected at least one objective id: which objective does this question assess?'),
  prompt: markdown('the question'),
  explanation: markdown('an explanation shown after answering'),
  hints: z.array(markdown('a hint'), { error: 'expected a list of hints' }).default([]),
  points: positiveNumber('points').default(1),
  /** Overrides the quiz's scoring policy for this question. */
  scoring: scoringSchema.optional(),
  /** Checks allowed for this question, overriding the quiz and the type (true-false: 1); 0 = unlimited. */
  attempts: z
    .number({ error: 'expected attempts as a whole number (0 means unlimited)' })
    .int('expected attempts as a whole number (0 means unlimited)')
    .min(0, 'expected attempts to be 0 (unlimited) or more')
    .optional(),
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

export const choices = z.array(choiceSchema, { error: 'expected a list of choices' }).min(2, 'expected at least two choices');

/** A name a template or a function refers to: a JavaScript identifier such as `x0` or `lr`. */
export const identifier = (what: string) =>
  z
    .string({ error: `expected ${what} as a name such as x0` })
    .regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, `expected ${what} as a name of letters and digits, starting with a letter`);

export const generatorName = z
  .string({ error: 'expected the name of a generator in src/quiz/generators/' })
  .regex(/^[a-z][a-z0-9-]*$/, 'expected a generator name of lower-case letters, digits and dashes');

export function plainText(what: string) {
  return z
    .string({ error: `expected ${what} as text` })
    .trim()
    .min(1, `expected ${what}, found an empty string`);
}

export function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
