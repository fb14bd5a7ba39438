import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, plainText, compiles } from '../fields';

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

