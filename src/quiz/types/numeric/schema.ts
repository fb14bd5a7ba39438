import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, finiteNumber, positiveNumber } from '../fields';

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

