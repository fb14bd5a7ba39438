/**
 * Whether the site includes the author guide (/guide/). It is for the people writing the course, not for
 * learners, and costs every build its pages and components (~1.5–3 CPU s at any course size, bench/RESULTS.md).
 * So it is there by default where authors write, the dev server (`npm run dev`), and left out of a build,
 * which is what learners get, unless asked for: `COURSE_GUIDE=on npm run build` (to publish it for co-authors).
 * `COURSE_GUIDE=off` leaves it out of the dev server too.
 *
 * Read from the environment at build and render time (both run in the build's one Node process); the value is
 * part of every page's cache key (src/lib/course.ts `siteFacts`), because the header's link depends on it.
 *
 * @param dev - whether this is the dev server: the integration passes its command; pages and cache keys, rendered by
 *   Vite, read `import.meta.env.DEV` (undefined outside Vite, in scripts: a build).
 */
export function authorGuideIncluded(env: Readonly<Record<string, string | undefined>> = process.env, dev: boolean = import.meta.env?.DEV === true): boolean {
  const value = env.COURSE_GUIDE?.trim().toLowerCase();
  if (value === undefined || value === '') return dev;
  if (['off', '0', 'false', 'no'].includes(value)) return false;
  if (['on', '1', 'true', 'yes'].includes(value)) return true;
  throw new Error(`COURSE_GUIDE=${env.COURSE_GUIDE}: use on or off (the author guide at /guide/ is in the dev server, and in a build only when on)`);
}

/** The guide route's `[...page]` parameter for a page's file: undefined (/guide/) for index.mdx, `<name>` for <name>.mdx. */
export function guidePagePath(file: string): string | undefined {
  const stem = file.replace(/^.*\//, '').replace(/\.mdx$/, '');
  return stem === 'index' ? undefined : stem;
}
