import { z } from 'astro/zod';

/**
 * The one schema for lesson front matter. Astro's content collection uses it for types, and
 * the course validator (src/content/validate.ts) runs the same schema over the raw YAML so that
 * errors carry the line of the offending field.
 */

export const lessonIdPattern = /^\d+\.\d+\.\d+$/;
export const lessonId = z
  .string({ error: 'expected a lesson id in quotes, like "1.2.38"' })
  .regex(lessonIdPattern, 'expected a lesson id like "1.2.38" (course.module.lesson, numbers only)');

/** Short ids that exercises and questions use to point at an objective or an item. */
export const shortId = z
  .string({ error: 'expected a short id such as "explain-effects"' })
  .regex(/^[a-z][a-z0-9-]*$/, 'expected a short id of lower-case letters, digits and dashes, starting with a letter');

export const difficulties = ['starter', 'intermediate', 'advanced'] as const;
export const difficulty = z.enum(difficulties, {
  error: `expected one of ${difficulties.join(', ')}`,
});

/** "45 min", "8 h", "1 h 30 min", "2-3 h": what authors write, parsed to minutes. */
export const durationPattern = /^\s*(?:(\d+(?:\.\d+)?)\s*(?:[-–]\s*(\d+(?:\.\d+)?)\s*)?h)?\s*(?:(\d+)\s*(?:[-–]\s*(\d+)\s*)?min)?\s*$/;

export function parseDuration(text: string): { min: number; max: number } | undefined {
  const m = durationPattern.exec(text);
  if (!m || (!m[1] && !m[3])) return undefined;
  const hoursLo = Number(m[1] ?? 0);
  const hoursHi = Number(m[2] ?? m[1] ?? 0);
  const minsLo = Number(m[3] ?? 0);
  const minsHi = Number(m[4] ?? m[3] ?? 0);
  return { min: hoursLo * 60 + minsLo, max: hoursHi * 60 + minsHi };
}

export const duration = z
  .string({ error: 'expected a duration such as "45 min", "8 h" or "2-3 h"' })
  .refine((s) => parseDuration(s) !== undefined, {
    message: 'expected a duration such as "45 min", "8 h", "1 h 30 min" or "2-3 h"',
  });

export const objective = z.strictObject({
  id: shortId,
  text: z.string().min(1, 'expected the objective as a sentence'),
});

export const resource = z.strictObject({
  title: z.string().min(1, 'expected a title for the resource'),
  url: z.url({ error: 'expected an absolute URL such as https://example.org/page' }),
  note: z.string().optional(),
});

export const homeworkItem = z.strictObject({
  id: shortId,
  text: z.string().min(1, 'expected the homework item as a sentence'),
});

export const lessonSchema = z.strictObject({
  id: lessonId,
  title: z.string().min(1, 'expected a non-empty title'),
  summary: z.string().min(1, 'expected a one- or two-sentence summary'),
  topic: z.string().min(1, 'expected the topic, e.g. "Calculus for ML"'),
  difficulty,
  estimatedTime: duration,
  prerequisites: z.array(lessonId).default([]),
  objectives: z.array(objective).min(1, 'expected at least one learning objective'),
  resources: z.array(resource).default([]),
  next: lessonId.optional(),
  nextPreview: z.string().optional(),
  homework: z
    .strictObject({
      expectedTime: duration.optional(),
      items: z.array(homeworkItem).min(1, 'expected at least one homework item'),
    })
    .optional(),
  /** Turn warnings (such as an objective no question assesses) into errors for this lesson. */
  strict: z.boolean().default(false),
});

export type LessonFrontMatter = z.infer<typeof lessonSchema>;

export const moduleSchema = z.strictObject({
  id: z.string().regex(/^\d+\.\d+$/, 'expected a module id like "1.2"'),
  title: z.string().min(1),
  summary: z.string().optional(),
  /** Folder under the course folder that holds this module's lessons. */
  folder: z.string().min(1),
});

export const courseSchema = z.strictObject({
  title: z.string().min(1, 'expected the course title'),
  summary: z.string().min(1, 'expected a one-sentence summary of the course'),
  modules: z.array(moduleSchema).min(1, 'expected at least one module'),
  /**
   * KaTeX macros for every formula of the course, as a book's preamble defines them:
   * `"\\vect": "\\mathbf{#1}"`. The built-in `\\R` stays unless the course redefines it.
   */
  macros: z
    .record(
      z.string().regex(/^\\[A-Za-z]+$/, 'expected a macro name such as "\\vect" (a backslash and letters)'),
      z.string({ error: 'expected the macro body as a string, e.g. "\\mathbf{#1}"' }),
    )
    .optional(),
});

export type CourseData = z.infer<typeof courseSchema>;
