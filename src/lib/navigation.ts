/**
 * Course navigation as pure functions over plain data, so pages stay thin and tests need no build.
 */

export interface LessonRef {
  id: string;
  title: string;
  /** Course folder name, which is also the course's URL segment. */
  course: string;
  /** Module folder the lesson file sits in. */
  folder: string;
}

/** Compare lesson ids numerically part by part: 1.2.9 comes before 1.2.10. */
export function compareLessonIds(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function lessonUrl(lesson: Pick<LessonRef, 'course' | 'id'>): string {
  return `/${lesson.course}/${lesson.id}/`;
}

export function courseUrl(course: string): string {
  return `/${course}/`;
}

/** Course and module folder of a lesson file such as `content/math-for-ml/1.2-calculus/1.2.38-x.mdx`. */
export function placeOfLessonFile(filePath: string): { course: string; folder: string } {
  const parts = filePath.replaceAll('\\', '/').split('/');
  const at = parts.lastIndexOf('content');
  const course = parts[at + 1];
  const folder = parts[at + 2];
  if (at < 0 || !course || !folder || parts.length !== at + 4) {
    throw new Error(`${filePath}: expected a lesson at content/<course>/<module folder>/<lesson>.mdx`);
  }
  return { course, folder };
}

/** The lessons of a course in reading order: module order from course.yaml, then lesson id. */
export function readingOrder<T extends LessonRef>(lessons: readonly T[], moduleFolders: readonly string[]): T[] {
  const rank = new Map(moduleFolders.map((f, i) => [f, i]));
  return [...lessons].sort(
    (a, b) => (rank.get(a.folder) ?? Infinity) - (rank.get(b.folder) ?? Infinity) || compareLessonIds(a.id, b.id),
  );
}

/** Previous and next lesson in reading order; O(n) once per page, with n the lessons of one course. */
export function neighbours<T extends LessonRef>(ordered: readonly T[], id: string): { prev?: T; next?: T } {
  const i = ordered.findIndex((l) => l.id === id);
  if (i < 0) return {};
  return { prev: ordered[i - 1], next: ordered[i + 1] };
}
