/**
 * Whether the site includes the author guide (/guide/). It is for the people writing the course, not for
 * learners, and costs every build its pages and components (~2 s of server bundle and ~0.8 s of rendering,
 * bench/RESULTS.md) whatever the course's size. It stays on by default, in dev and in builds, because the
 * README sends authors to it on the built site (`npm start`); a course deployed only to learners builds
 * without it with `COURSE_GUIDE=off npm run build`.
 *
 * Read from the environment at build and render time (both run in the build's one Node process); the value is
 * part of every page's cache key (src/lib/course.ts `siteFacts`), because the header's link depends on it.
 */
export function authorGuideIncluded(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = env.COURSE_GUIDE?.trim().toLowerCase();
  if (value === undefined || value === '') return true;
  if (['off', '0', 'false', 'no'].includes(value)) return false;
  if (['on', '1', 'true', 'yes'].includes(value)) return true;
  throw new Error(`COURSE_GUIDE=${env.COURSE_GUIDE}: use on or off (the author guide at /guide/ is built unless it is off)`);
}

/** The guide route's `[...page]` parameter for a page's file: undefined (/guide/) for index.mdx, `<name>` for <name>.mdx. */
export function guidePagePath(file: string): string | undefined {
  const stem = file.replace(/^.*\//, '').replace(/\.mdx$/, '');
  return stem === 'index' ? undefined : stem;
}
