import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { courseSchema, lessonSchema } from './content/schema';
import { quizSchema } from './quiz/schema';

/**
 * Lessons are MDX files under content/<course>/<module folder>/, named `<lesson id>-<slug>.mdx`;
 * an entry's id is the lesson id ("1.2.38"). The course validator (src/integrations) has already
 * checked every file with the same schemas, with line numbers, before these collections load.
 */
const lessons = defineCollection({
  loader: glob({
    base: './content',
    pattern: '**/[^_]*.mdx',
    generateId: ({ data }) => String(data.id),
    // No page reads a lesson's source from the collection (the page key hashes the entry's digest, the served charts
    // read the files): kept, the bodies were 11.8 of the data store's 15 MB at 1,000 lessons, which the dev server
    // serialises, re-reads and re-parses as a module on every edit.
    retainBody: false,
  }),
  schema: lessonSchema,
});

/** One `course.yaml` per course folder; the entry id is the folder name, which is the course's URL. */
const courses = defineCollection({
  loader: glob({
    base: './content',
    pattern: '*/course.yaml',
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: courseSchema,
});

/**
 * A lesson's quiz is `<lesson file name>.quiz.yaml` beside it; the entry id is the lesson id.
 * The course validator has checked it (schema, answers, objectives, math) with line numbers.
 */
const quizzes = defineCollection({
  loader: glob({
    base: './content',
    pattern: '**/*.quiz.yaml',
    generateId: ({ entry }) => entry.split('/').pop()!.split('-')[0]!.replace(/\.quiz\.yaml$/, ''),
  }),
  schema: quizSchema,
});

export const collections = { lessons, courses, quizzes };
