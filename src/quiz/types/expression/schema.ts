import { z } from 'astro/zod';
import { fields, questionBase, finiteNumber, positiveNumber } from '../fields';

/** Where a formula's variable is sampled: a real interval, or whole numbers when `integer: true`. */
export const variableDomainSchema = fields(
  {
    min: finiteNumber('the smallest value'),
    max: finiteNumber('the largest value'),
    integer: z.boolean({ error: 'expected integer: true or false' }).optional(),
  },
  'a variable domain',
);

/** A formula as YAML writes it: text, or a plain number (`answer: 2`). */
export const formulaText = (what: string) =>
  z
    .union([z.string(), z.number()], { error: `expected ${what} as a formula such as 2*a*x` })
    .transform(String)
    .pipe(z.string().trim().min(1, `expected ${what}, found an empty string`));

export const expressionQuestion = fields(
  {
    type: z.literal('expression'),
    ...questionBase,
    /** The formula; any equivalent formula earns the points. */
    answer: formulaText('the answer'),
    variables: z.record(z.string().min(1), variableDomainSchema, {
      error: 'expected variables as a mapping from names to { min, max } (add integer: true for whole numbers)',
    }),
    forms: z
      .array(z.enum(['simplified', 'expanded', 'no-decimals'], { error: 'expected a form: simplified, expanded or no-decimals' }))
      .default([]),
    formCredit: z.number({ error: 'expected formCredit as a share such as 0.5' }).min(0).max(1).optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
    /** Formulas the build checks are graded right (other spellings learners use). */
    accept: z.array(formulaText('an accepted formula')).default([]),
    /** Formulas the build checks are graded wrong (the mistakes the question is about). */
    reject: z.array(formulaText('a formula that must be graded wrong')).default([]),
  },
  'an expression question',
);
