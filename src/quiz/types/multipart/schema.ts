import { z } from 'astro/zod';
import { choiceSchema, fields, generatorName, identifier, markdown, positiveNumber, questionBase } from '../fields';
import { formulaText } from '../expression/schema';

export const multipartChoiceSchema = fields(
  {
    ...choiceSchema.shape,
    /** A condition on earlier parts (`0.1 < limit`): this choice is right when it holds. */
    when: formulaText('a condition such as 0.1 < limit').optional(),
  },
  'a choice',
);

export const multipartPartSchema = fields(
  {
    id: identifier('a part id'),
    prompt: markdown('the question of the part'),
    /** A number, or a formula of earlier parts' ids; a choice id for a part with choices and no conditions. */
    answer: z.union([z.number(), z.string().trim().min(1)], { error: 'expected answer as a number or a formula of earlier parts' }).optional(),
    choices: z.array(multipartChoiceSchema, { error: 'expected a list of choices' }).min(2, 'expected at least two choices').optional(),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
    unit: z.string().trim().min(1).optional(),
    carryForward: z.boolean({ error: 'expected carryForward: true or false' }).default(false),
    stock: z.array(z.number(), { error: 'expected stock as a list of numbers' }).optional(),
    points: positiveNumber('points').default(1),
  },
  'a part',
);

export const multipartQuestion = fields(
  {
    type: z.literal('multipart'),
    ...questionBase,
    parts: z.array(multipartPartSchema, { error: 'expected parts as a list' }).min(2, 'expected at least two parts'),
    /** An oracle in src/quiz/generators/ whose values (by part id) the build compares with each part. */
    oracle: generatorName.optional(),
    carryForwardCredit: z.number({ error: 'expected carryForwardCredit as a share such as 1 or 0.5' }).min(0).max(1).optional(),
  },
  'a multi-part question',
);
