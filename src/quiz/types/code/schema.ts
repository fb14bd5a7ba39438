import { z } from 'astro/zod';
import { codeLanguages } from '../../code';
import { shortId } from '../../../content/schema';
import { fields, questionBase, plainText, positiveNumber, identifier, generatorName } from '../fields';

export const codeTestSchema = fields(
  {
    name: plainText('a short name for the test'),
    args: z.array(z.unknown(), { error: 'expected args as a list of arguments' }),
    /** The expected return value; leave it out to have the question's `oracle` compute it. */
    expected: z.unknown().optional(),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
  },
  'a test',
);

/**
 * The same challenge in another language the learner may choose instead (its own function name,
 * starter and reference solution; the tests, their expected values and the prompt are shared).
 */
export const codeAlternative = fields(
  {
    function: identifier('the name of the function the learner writes in this language').optional(),
    starter: z.string({ error: 'expected starter code as text' }),
    solution: z.string({ error: 'expected a reference solution as text' }).min(1, 'expected a reference solution'),
  },
  'an alternative language',
);

export const codeQuestion = fields(
  {
    type: z.literal('code'),
    ...questionBase,
    language: z.enum(codeLanguages, { error: `expected language: ${codeLanguages.join(' or ')} (the languages the page can run)` }).default('javascript'),
    function: identifier('the name of the function the learner writes'),
    starter: z.string({ error: 'expected starter code as text' }),
    solution: z.string({ error: 'expected a reference solution as text' }).min(1, 'expected a reference solution'),
    oracle: generatorName.optional(),
    tolerance: positiveNumber('an absolute tolerance').optional(),
    relativeTolerance: positiveNumber('a relative tolerance').optional(),
    tests: z.array(codeTestSchema, { error: 'expected tests as a list' }).min(1, 'expected at least one test'),
    /**
     * Other languages the learner may pick instead of `language` (the default, shown first), keyed by
     * language: `alternatives: { python: { function, starter, solution } }`. The build runs each one's
     * reference solution and starter against the same tests.
     */
    alternatives: z
      .partialRecord(z.enum(codeLanguages, { error: `expected a language: ${codeLanguages.join(', ')}` }), codeAlternative, {
        error: 'expected alternatives as a mapping from a language to its function, starter and solution',
      })
      .optional(),
  },
  'a code question',
);

