/**
 * How much of the course the service worker saves at install (src/integrations/offline.ts), decided from the
 * number of lessons so that the pages (the offline indicator, "page not found") can say what the learner gets.
 *
 * - `whole-course`: up to {@link maxPrecachedLessons} lessons, every page and file is precached on the first
 *   visit; offline, the whole course works. A lesson page is 250–300 KB of HTML (KaTeX's markup), so 60 lessons
 *   and the site's scripts, fonts and search index come to about 25 MB.
 * - `shell`: a bigger course precaches everything except lesson pages (with their review files) and search-result fragments (scripts,
 *   styles, fonts, the search index, course and guide pages), and keeps each lesson the learner opens. A
 *   1,000-lesson course precached whole would download hundreds of megabytes on the first visit.
 *
 * `COURSE_PRECACHE_MAX_LESSONS` (environment, at build time) moves the threshold.
 */
export type PrecachePolicy = 'whole-course' | 'shell';

export const maxPrecachedLessons = Number(process.env.COURSE_PRECACHE_MAX_LESSONS ?? 60);

export function precachePolicy(lessonCount: number, max = maxPrecachedLessons): PrecachePolicy {
  return lessonCount <= max ? 'whole-course' : 'shell';
}

/** A lesson page of dist/ (`<course>/<lesson id>/index.html`). */
export const lessonPagePattern = /^[^/]+\/\d+\.\d+\.\d+\/index\.html$/;

/** A lesson's review file of dist/ (`review/questions/<lesson id>/index.html`, src/pages/review/questions/[lesson].astro). */
export const reviewFilePattern = /^review\/questions\/\d+\.\d+\.\d+\/index\.html$/;
