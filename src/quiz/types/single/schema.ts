import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, choices } from '../fields';

export const singleChoiceQuestion = fields(
  {
    type: z.literal('single'),
    ...questionBase,
    choices,
    answer: shortId,
  },
  'a single-choice question',
);

