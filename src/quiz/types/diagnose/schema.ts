import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, markdown, identifier, generatorName, choiceSchema } from '../fields';

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

