import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, markdown } from '../fields';

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

