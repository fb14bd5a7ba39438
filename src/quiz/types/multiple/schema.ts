import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, choices } from '../fields';

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

