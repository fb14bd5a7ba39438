import { getCollection, type CollectionEntry } from 'astro:content';
import { placeOfLessonFile, readingOrder, type LessonRef } from './navigation';

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
