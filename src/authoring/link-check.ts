import type { Problem } from '../content/problems';

/**
 * The link checker of `npm run check`, over a built site held in memory: every internal `href`,
 * `src` and `srcset` must name a file of the site, every `#anchor` an id on its target page
 * (figure references and the table of contents included); external links are counted, never
 * fetched, so the check is offline and deterministic. Pure: the shell reads dist/ and the sources.
 */

export interface SitePage {
  /** Path inside the site folder, with forward slashes: `math-for-ml/1.2.38/index.html`. */
  path: string;
  html: string;
}

/** Where a page came from, to report a broken link at the line an author would edit. */
export interface PageSource {
  file: string;
  text: string;
}

export interface LinkCheckInput {
  /** Every HTML page of the site. */
  pages: readonly SitePage[];
  /** Every file of the site (pages included), as paths inside the site folder. */
  files: ReadonlySet<string>;
  /** The site's own origin (astro.config `site`): absolute links to it are internal. */
  site?: string;
  /** How the site folder is named in messages (default `dist`). */
  siteDir?: string;
  /** Source of a page, by page path, when known. */
  sources?: ReadonlyMap<string, PageSource>;
}

export interface ExternalLink {
  url: string;
  count: number;
  /** Pages that link to it, as URL paths. */
  pages: string[];
}

export interface LinkReport {
  problems: Problem[];
  external: ExternalLink[];
  /** Internal links and resources checked. */
  checked: number;
}

/** One tag of an HTML page with its attributes and where each was written. */
export interface Tag {
  name: string;
  offset: number;
  attributes: Map<string, { value: string; offset: number }>;
}

const rawTextElements = new Set(['script', 'style', 'textarea', 'title']);
const linkAttributes: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  script: ['src'],
  iframe: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
  track: ['src'],
  embed: ['src'],
  object: ['data'],
  use: ['href', 'xlink:href'],
};

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * The start tags of an HTML document. Not a full HTML parser, but enough for generated pages:
 * comments and the text of script, style, textarea and title are skipped, attribute values may be
 * quoted either way or unquoted and may contain `>`.
 */
export function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const lower = html.toLowerCase();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const nameMatch = /^<([a-zA-Z][\w:-]*)/.exec(html.slice(lt, lt + 64));
    if (!nameMatch) {
      i = lt + 1;
      continue;
    }
    const name = nameMatch[1]!.toLowerCase();
    const attributes = new Map<string, { value: string; offset: number }>();
    let j = lt + nameMatch[0].length;
    const attribute = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?|\s*\/|\s*>/y;
    for (;;) {
      attribute.lastIndex = j;
      const m = attribute.exec(html);
      if (!m) {
        j += 1;
        if (j >= html.length) break;
        continue;
      }
      j = attribute.lastIndex;
      if (m[0].trimStart() === '>') break;
      if (m[1] !== undefined) {
        const raw = m[2] ?? m[3] ?? m[4] ?? '';
        const key = m[1].toLowerCase();
        if (!attributes.has(key)) attributes.set(key, { value: decodeEntities(raw), offset: m.index + m[0].indexOf(m[1]) });
      }
    }
    tags.push({ name, offset: lt, attributes });
    i = j;
    if (rawTextElements.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      i = close < 0 ? html.length : close;
    }
  }
  return tags;
}

/** The URL path a page is served at: `a/b/index.html` → `/a/b/`, `404.html` → `/404.html`. */
export function urlOfPage(path: string): string {
  if (path === 'index.html') return '/';
  return path.endsWith('/index.html') ? `/${path.slice(0, -'index.html'.length)}` : `/${path}`;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line += 1;
  return line;
}

/** The file a URL path is served from, if the site has it. */
export function fileForPath(urlPath: string, files: ReadonlySet<string>): string | undefined {
  const path = urlPath.replace(/^\/+/, '');
  const candidates = path === '' || path.endsWith('/') ? [`${path}index.html`] : [path, `${path}/index.html`, `${path}.html`];
  return candidates.find((c) => files.has(c));
}

/** Ids a fragment can point at on one page: every `id`, and `name` of anchors. */
export function anchorsOf(tags: readonly Tag[]): Set<string> {
  const ids = new Set<string>();
  for (const tag of tags) {
    const id = tag.attributes.get('id')?.value;
    if (id) ids.add(id);
    const name = tag.name === 'a' ? tag.attributes.get('name')?.value : undefined;
    if (name) ids.add(name);
  }
  return ids;
}

type Target =
  | { kind: 'skip' }
  | { kind: 'external'; url: string }
  | { kind: 'internal'; path: string; fragment: string };

function classify(raw: string, pageUrl: string, site: URL | undefined): Target {
  const value = raw.trim();
  if (value === '' || /^(mailto|tel|javascript|data|blob|about):/i.test(value)) return { kind: 'skip' };
  let url: URL;
  try {
    url = new URL(value, `http://site.invalid${pageUrl}`);
  } catch {
    return { kind: 'internal', path: value, fragment: '' };
  }
  const internal = url.origin === 'http://site.invalid' || (site !== undefined && url.origin === site.origin);
  if (!internal) return /^https?:$/.test(url.protocol) ? { kind: 'external', url: url.href } : { kind: 'skip' };
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep the encoded form; it will simply not resolve.
  }
  let fragment = url.hash.slice(1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // As above.
  }
  return { kind: 'internal', path, fragment };
}

/** The line of `source` where an author wrote this link: the raw value, else the fragment. */
export function sourceLine(source: PageSource, raw: string, fragment: string): number {
  const lines = source.text.split('\n');
  const needles = [raw, fragment ? `#${fragment}` : undefined, fragment ? `"${fragment}"` : undefined].filter((n): n is string => !!n);
  for (const needle of needles) {
    const index = lines.findIndex((line) => line.includes(needle));
    if (index >= 0) return index + 1;
  }
  return 0;
}

export function checkLinks(input: LinkCheckInput): LinkReport {
  const siteDir = input.siteDir ?? 'dist';
  const site = input.site ? new URL(input.site) : undefined;
  const tagsByPage = new Map(input.pages.map((p) => [p.path, scanTags(p.html)]));
  const anchorsByPage = new Map([...tagsByPage].map(([path, tags]) => [path, anchorsOf(tags)]));
  const problems: Problem[] = [];
  const external = new Map<string, ExternalLink>();
  let checked = 0;

  for (const page of input.pages) {
    const pageUrl = urlOfPage(page.path);
    const source = input.sources?.get(page.path);
    for (const tag of tagsByPage.get(page.path)!) {
      for (const name of linkAttributes[tag.name] ?? []) {
        const attribute = tag.attributes.get(name);
        if (!attribute) continue;
        // srcset lists "url width" pairs separated by commas.
        const values = name === 'srcset' ? attribute.value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [attribute.value];
        for (const raw of values) {
          const target = classify(raw, pageUrl, site);
          if (target.kind === 'skip') continue;
          if (target.kind === 'external') {
            const entry = external.get(target.url) ?? { url: target.url, count: 0, pages: [] };
            entry.count += 1;
            if (!entry.pages.includes(pageUrl)) entry.pages.push(pageUrl);
            external.set(target.url, entry);
            continue;
          }
          checked += 1;
          const file = fileForPath(target.path, input.files);
          let message: string | undefined;
          if (!file) {
            message = `"${raw}" does not resolve to a file of the site (looked for ${target.path} in ${siteDir}/)`;
          } else if (target.fragment !== '' && target.fragment !== 'top') {
            const anchors = anchorsByPage.get(file);
            if (anchors && !anchors.has(target.fragment)) {
              const where = file === page.path ? 'this page' : urlOfPage(file);
              message = `"${raw}": no element with id "${target.fragment}" on ${where}`;
            }
          }
          if (message === undefined) continue;
          const line = source ? sourceLine(source, raw, target.fragment) : 0;
          problems.push({
            file: source && line > 0 ? source.file : `${siteDir}/${page.path}`,
            line: source && line > 0 ? line : lineAt(page.html, attribute.offset),
            field: `${tag.name}.${name}`,
            message: `${message} (page ${pageUrl}${source && line === 0 ? `, from ${source.file}` : ''})`,
            severity: 'error',
          });
        }
      }
    }
  }
  return {
    problems,
    external: [...external.values()].sort((a, b) => b.count - a.count || a.url.localeCompare(b.url)),
    checked,
  };
}
