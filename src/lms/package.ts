import { createHash } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import { buildManifest, type PackageCourse, type PackageLesson } from './manifest';
import type { ScormVersion } from './suspend';

/**
 * A SCORM zip from the built site. An LMS serves a package under a path of its own
 * (Moodle: /pluginfile.php/<id>/mod_scorm/content/<n>/...), so the site's root-relative links
 * (`/_astro/...`, `/quiz-data/...`) are made relative to each page, and directory links get their
 * `index.html` (LMS file servers do not serve a directory's index). Scripts load their chunks
 * relatively already. Pure over the file map it is given.
 */

/** Files of the built site not wanted in a package: server config and the other courses. */
function excluded(path: string, courseId: string, otherCourses: readonly string[]): boolean {
  if (path === '_headers' || path === 'sw.js' || path.startsWith('pagefind/')) return true;
  return otherCourses.some((other) => other !== courseId && (path === `${other}/index.html` || path.startsWith(`${other}/`)));
}

/**
 * The same URL, relative to the page at `pagePath` (a path inside the package). A directory gets its `index.html`
 * unless it is a base other URLs are made from (`directory: 'base'`: Pyodide's folder).
 */
export function relativeUrl(url: string, pagePath: string, directory: 'index' | 'base' = 'index'): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const depth = pagePath.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  const [pathPart, rest = ''] = url.slice(1).split(/(?=[?#])/, 2) as [string, string?];
  const isDirectory = pathPart === '' || pathPart.endsWith('/');
  const withIndex = isDirectory && directory === 'index' ? `${pathPart}index.html` : pathPart;
  return `${up}${withIndex}${rest}`;
}

/**
 * Rewrite a page's root-relative href/src/action attributes, the data attributes scripts read URLs from (a live
 * chart's `data-vega` and `data-expr`, a chart's `data-table-src`, `data-python-base`) and quiz data URLs, and mark
 * it as packaged. A `data-*-base` names a folder other URLs are made from, so it gets no `index.html`.
 */
export function relativiseHtml(html: string, pagePath: string): string {
  return relativiseStyles(html, pagePath)
    // The offline layer reads this: no service worker inside an LMS (src/client/offline/register.ts).
    .replace(/<head>/, '<head><meta name="course-package" content="scorm">')
    .replace(/\b(href|src|action|data-[a-z-]+)="(\/[^"]*)"/g, (_, attribute: string, url: string) =>
      `${attribute}="${relativeUrl(url, pagePath, attribute.endsWith('-base') ? 'base' : 'index')}"`,
    )
    .replace(/("dataUrl":")(\/[^"]*)"/g, (_, key: string, url: string) => `${key}${relativeUrl(url, pagePath)}"`);
}

/** A `<style>`'s hash as a CSP source. */
const styleSource = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * A page's inline CSS (astro.config.mjs inlines every page's) with its font URLs relative to the page, and the page's
 * CSP `<meta>` allowing the rewritten `<style>` by its new hash in place of the old one.
 */
function relativiseStyles(html: string, pagePath: string): string {
  const rehashed = new Map<string, string>();
  const out = html.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/g, (_, open: string, css: string, close: string) => {
    const relative = relativiseCss(css, pagePath);
    if (relative !== css) rehashed.set(styleSource(css), styleSource(relative));
    return `${open}${relative}${close}`;
  });
  return out.replace(/(<meta http-equiv="content-security-policy" content=")([^"]*)"/i, (_, start: string, policy: string) =>
    `${start}${policy.replace(/'sha256-[^']+'/g, (source) => rehashed.get(source) ?? source)}"`,
  );
}

/** Stylesheets name fonts and images root-relatively too (the math fonts). */
export function relativiseCss(css: string, cssPath: string): string {
  return css.replace(/url\((['"]?)(\/[^'")]*)\1\)/g, (_, quote: string, url: string) => `url(${quote}${relativeUrl(url, cssPath)}${quote})`);
}

/**
 * Vite's preload helper loads a lazy chunk's dependencies from the site's root (`/` + "_astro/x.js");
 * in a package they are found from the helper's own place instead (it lives in _astro/).
 */
export function relativisePreloadHelper(js: string, path: string): string {
  const rootUrl = /function\((\w+)\)\{return`\/`\+\1\}/;
  if (!rootUrl.test(js)) throw new Error(`${path}: Vite's preload helper no longer has the expected root URL function; update src/lms/package.ts`);
  return js.replace(rootUrl, (_, dep: string) => `function(${dep}){return new URL(\`../\`+${dep},import.meta.url).href}`);
}

export interface PackageInput {
  courseId: string;
  courseTitle: string;
  lessons: PackageLesson[];
  /** Every course id of the site, so the others' pages are left out. */
  courseIds: readonly string[];
  /** The built site: path inside dist/ → contents. */
  files: ReadonlyMap<string, Uint8Array>;
  version: ScormVersion;
  passing: number;
}

export function buildPackage(input: PackageInput): { zip: Uint8Array; manifest: string; files: string[] } {
  const entries: Record<string, Uint8Array> = {};
  const decoder = new TextDecoder();
  for (const [path, bytes] of input.files) {
    if (excluded(path, input.courseId, input.courseIds)) continue;
    entries[path] = path.endsWith('.html')
      ? strToU8(relativiseHtml(decoder.decode(bytes), path))
      : path.endsWith('.css')
        ? strToU8(relativiseCss(decoder.decode(bytes), path))
        : /^_astro\/preload-helper\.[^/]*\.js$/.test(path)
          ? strToU8(relativisePreloadHelper(decoder.decode(bytes), path))
          : bytes;
  }
  const lessonFiles = new Set(input.lessons.map((l) => l.href));
  const shared = Object.keys(entries).filter((p) => !lessonFiles.has(p)).sort();
  const course: PackageCourse = { id: input.courseId, title: input.courseTitle, lessons: input.lessons, files: shared, passing: input.passing };
  const manifest = buildManifest(course, input.version);
  entries['imsmanifest.xml'] = strToU8(manifest);
  // Fixed times keep the zip byte-identical between runs of the same build.
  const zip = zipSync(
    Object.fromEntries(Object.entries(entries).map(([p, b]) => [p, [b, { mtime: new Date('2000-01-01T00:00:00Z') }]])),
    { level: 9 },
  );
  return { zip, manifest, files: Object.keys(entries).sort() };
}
