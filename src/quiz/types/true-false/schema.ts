import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase } from '../fields';

export const trueFalseQuestion = fields(
  {
    type: z.literal('true-false'),
    ...questionBase,
    answer: z.boolean({ error: 'expected answer: true or answer: false' }),
  },
  'a true-false question',
);

