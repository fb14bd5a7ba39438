/**
 * Which pages a build renders when only lessons changed (src/integrations/incremental-build.ts decides that before
 * the build starts). Every route that returns a `cacheKey` from getStaticPaths() passes its paths through
 * {@link pathsToRender}: a full build renders them all, an incremental one only those whose key differs from the one
 * the last build recorded; the pages left out are linked in from the last site. The keys are the same ones Astro's
 * own incremental build compares (src/lib/course.ts says what each covers), so there is one notion of "this page
 * changed".
 *
 * Each build collects every path's key (and, for lesson pages, the lesson files each page shows) here, and the
 * build record (src/integrations/build-fingerprint.ts) keeps them for the next build. The state lives on globalThis:
 * the pages run from the server bundle, a module instance apart from the integrations that read it.
 */

/** What one build knew of its pages: each route's paths with their keys, each lesson file's id and the pages naming it. */
export interface PageRecord {
  /** route → path (its params joined with `/`) → cacheKey. */
  keys: Record<string, Record<string, string>>;
  /**
   * lesson file (root-relative, as Astro's entry.filePath) → its id, its page (the HTML file, relative to the site)
   * and the lesson files whose pages show its title.
   */
  lessons: Record<string, { id: string; page?: string; shownBy: string[] }>;
}

interface IncrementalState {
  /** Set for an incremental build: the last build's record and the lesson files in this build's bundle. */
  previous?: PageRecord;
  bundled?: ReadonlySet<string>;
  /** What this build's pages report, for the next build's record. */
  next: PageRecord;
  /** Files of the last site whose paths are gone (a quiz's data file under its old hash): not linked in. */
  gone: string[];
}

const stateKey = Symbol.for('course-site.incremental-pages');

export function incrementalState(): IncrementalState {
  const g = globalThis as { [stateKey]?: IncrementalState };
  g[stateKey] ??= { next: { keys: {}, lessons: {} }, gone: [] };
  return g[stateKey];
}

/** Makes this process's build incremental: only changed pages are rendered; `bundled` are the lessons it may render. */
export function startIncremental(previous: PageRecord, bundled: ReadonlySet<string>): void {
  Object.assign(incrementalState(), { previous, bundled });
}

interface StaticPath {
  params: Record<string, string | number | undefined>;
  cacheKey?: string;
}

/** How {@link pathsToRender} treats a route's paths beyond their keys. */
interface RouteFiles<P> {
  /** The lesson a path renders (lesson pages): an incremental build must have it in its bundle. */
  lessonFileOf?: (path: P) => string;
  /** The file (relative to the site) a path writes: a path gone since the last build has its file left out of the site. */
  outputOf?: (pathName: string) => string;
}

/**
 * The paths of `route` this build renders: all of them in a full build; in an incremental one those without a key
 * or whose key changed since the last build. An incremental build must have the lesson a path renders in its
 * bundle, and says so plainly if it has not, rather than fail inside Astro.
 */
export function pathsToRender<P extends StaticPath>(route: string, paths: P[], files: RouteFiles<P> = {}): P[] {
  const state = incrementalState();
  const keys: Record<string, string> = (state.next.keys[route] = {});
  for (const p of paths) if (p.cacheKey !== undefined) keys[pathName(p)] = p.cacheKey;
  if (!state.previous) return paths;
  const before = state.previous.keys[route] ?? {};
  for (const name of Object.keys(before)) if (!(name in keys) && files.outputOf) state.gone.push(files.outputOf(name));
  const changed = paths.filter((p) => p.cacheKey === undefined || before[pathName(p)] !== p.cacheKey);
  for (const p of changed) {
    const file = files.lessonFileOf?.(p);
    if (file !== undefined && !state.bundled?.has(file)) {
      throw new Error(`${file}: its page changed but the incremental build did not bundle it (a bug in src/integrations/incremental-build.ts); delete node_modules/.cache/course-cache-seals/last-build.json for a full build`);
    }
  }
  return changed;
}

/** Records that lesson `file` (lesson `id`) has its page at `page` (relative to the site), which shows the titles of the lessons in `shows`. */
export function recordLessonPage(file: string, id: string, page: string, shows: readonly string[]): void {
  const lessons = incrementalState().next.lessons;
  lessons[file] = { id, page, shownBy: lessons[file]?.shownBy ?? [] };
  for (const shown of shows) {
    lessons[shown] ??= { id: '', shownBy: [] };
    if (!lessons[shown].shownBy.includes(file)) lessons[shown].shownBy.push(file);
  }
}

/**
 * In an incremental build, the pages (relative to the site) of the lessons left out of its bundle, sorted: they
 * cannot be rendered ({@link pathsToRender} stops a build that would), so each is the last site's file, linked in.
 * None in a full build. What the search index may be given before the build has rendered anything (src/integrations/search.ts).
 */
export function unchangedLessonPages(): string[] {
  const { previous, bundled } = incrementalState();
  if (!previous || !bundled) return [];
  return Object.entries(previous.lessons)
    .flatMap(([file, lesson]) => (lesson.page !== undefined && !bundled.has(file) ? [lesson.page] : []))
    .sort();
}

const pathName = (p: StaticPath) => Object.values(p.params).join('/');
