import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, markdown, finiteNumber, positiveNumber, identifier, generatorName } from '../fields';

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
export const paramSchema = z.union([paramRangeSchema, paramChoicesSchema], {
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

