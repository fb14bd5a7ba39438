import { createHash } from 'node:crypto';
import { getCollection, type CollectionEntry } from 'astro:content';
import { placeOfLessonFile, readingOrder, type LessonRef } from './navigation';
import type { QuizData } from '../quiz/schema';
import { precachePolicy, type PrecachePolicy } from './offline-policy';
import { authorGuideIncluded } from './author-guide';
import { loadFormulaBuildFor } from '../quiz/expression/formula-build';

export type LessonEntry = CollectionEntry<'lessons'>;
export type Lesson = LessonRef & { entry: LessonEntry };

export interface CourseModule {
  id: string;
  title: string;
  summary?: string;
  folder: string;
  lessons: Lesson[];
}

export interface Course {
  slug: string;
  title: string;
  summary: string;
  modules: CourseModule[];
  /** Every lesson of the course in reading order. */
  lessons: Lesson[];
}

let cached: Promise<Course[]> | undefined;

/** Every course with its modules and lessons in reading order; computed once per build. */
export function loadCourses(): Promise<Course[]> {
  cached ??= (async () => {
    const [courseEntries, lessonEntries] = await Promise.all([getCollection('courses'), getCollection('lessons')]);
    const lessons: Lesson[] = lessonEntries.map((entry) => ({
      id: entry.data.id,
      title: entry.data.title,
      ...placeOfLessonFile(entry.filePath ?? ''),
      entry,
    }));
    return courseEntries
      .map((c) => {
        const folders = c.data.modules.map((m) => m.folder);
        const ordered = readingOrder(lessons.filter((l) => l.course === c.id), folders);
        return {
          slug: c.id,
          title: c.data.title,
          summary: c.data.summary,
          lessons: ordered,
          modules: c.data.modules.map((m) => ({ ...m, lessons: ordered.filter((l) => l.folder === m.folder) })),
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
  })();
  return cached;
}

let quizzes: Promise<Map<string, QuizData>> | undefined;

/**
 * Every quiz by lesson id (the quiz entry's id is its lesson's id), read once per build: looking a
 * quiz up is O(1), where a `getCollection('quizzes')` per page would copy every quiz for every page.
 */
export function loadQuizzes(): Promise<Map<string, QuizData>> {
  quizzes ??= getCollection('quizzes').then(async (entries) => {
    // Rendering a formula question needs its build half (mathjs), loaded only when a quiz has one.
    await loadFormulaBuildFor(entries.flatMap((e) => e.data.questions));
    return new Map(entries.map((e) => [e.id, e.data]));
  });
  return quizzes;
}

/** The quiz of a lesson, if it has one. */
export async function quizOf(lessonId: string): Promise<QuizData | undefined> {
  return (await loadQuizzes()).get(lessonId);
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);

/**
 * What a lesson page shows besides its own compiled MDX, as a hash: Astro's incremental build
 * (experimental.incrementalBuild) re-renders a page whose key changed and copies the others from the
 * last build. It covers the lesson's file (front matter and source, by the digest the content layer keeps of it), its quiz, the course and module names,
 * and the ids, titles and summaries of the lessons it links to (previous, next, prerequisites), so
 * renaming a lesson re-renders exactly the pages that name it. `site` is whatever every page shows that
 * depends on the whole site (the offline policy). Template and component code changes are tracked by
 * Astro itself (the page's module graph hash).
 */
export function lessonPageKey(course: Course, lesson: Lesson, quiz: QuizData | undefined, site: unknown = null): string {
  const { prev, next, following, prerequisites } = lessonsNamedBy(course, lesson);
  const brief = (l: Lesson | undefined) => l && { id: l.id, title: l.title, course: l.course, summary: l.entry.data.summary };
  const module = course.modules.find((m) => m.folder === lesson.folder);
  return digest({
    v: 1,
    site,
    course: [course.slug, course.title],
    module: module && [module.id, module.title],
    file: lesson.entry.digest,
    quiz,
    prev: brief(prev),
    next: brief(next),
    following: brief(following),
    prerequisites: lesson.entry.data.prerequisites.map((id, i) => brief(prerequisites[i]) ?? id),
  });
}

/** A lesson's file, relative to the project root: how the build record and Astro's content modules name it. */
export const lessonFileOf = (lesson: Lesson): string => lesson.entry.filePath ?? '';

/** The lessons a lesson page names (previous, next, the one it sends the learner to, its prerequisites; absent ones undefined). */
export function lessonsNamedBy(course: Course, lesson: Lesson): { prev?: Lesson; next?: Lesson; following?: Lesson; prerequisites: (Lesson | undefined)[] } {
  const i = course.lessons.indexOf(lesson);
  const byId = (id: string | undefined) => (id === undefined ? undefined : course.lessons.find((l) => l.id === id));
  return {
    prev: course.lessons[i - 1],
    next: course.lessons[i + 1],
    following: byId(lesson.entry.data.next),
    prerequisites: lesson.entry.data.prerequisites.map(byId),
  };
}

/** What a course's home page shows: every module and every lesson's card, as a hash. */
export function coursePageKey(course: Course, site: unknown = null): string {
  return digest({
    v: 1,
    site,
    course: [course.slug, course.title, course.summary],
    modules: course.modules.map((m) => [m.id, m.title, m.summary, m.lessons.map((l) => [l.id, l.title, l.entry.data.summary, l.entry.data.estimatedTime, l.entry.data.difficulty])]),
  });
}

/** What a lesson's review-questions file (src/pages/review/questions/) shows: the lesson's name, its quiz, which questions are reviewable. */
export function reviewQuestionsPageKey(lesson: Lesson, items: readonly { questionId: string; contentHash: string }[], quiz: QuizData | undefined): string {
  return digest({ v: 1, lesson: [lesson.id, lesson.title, lesson.course], quiz, items: items.map((i) => [i.questionId, i.contentHash]) });
}

/** What every page shows that depends on the whole site, for the page cache keys. */
export function siteFacts(courses: readonly Course[]): { offline: PrecachePolicy; guide: boolean } {
  // guide: the header links to the author guide only when the build includes it.
  return { offline: precachePolicy(courses.reduce((n, c) => n + c.lessons.length, 0)), guide: authorGuideIncluded() };
}
