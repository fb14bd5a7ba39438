import { parse } from 'yaml';

/**
 * The reading order of a whole book, from its own table of contents: a Jupyter Book `_toc.yml`
 * (parts → modules; chapters and their sections → lessons), a MyST `myst.yml` (`project.toc`), or,
 * for a plain folder, its subfolders as modules and their pages in name order. Pure: it is given
 * the config texts and the list of page files.
 */

export interface BookPlan {
  title: string;
  modules: { title: string; pages: string[] }[];
  /** Files of the book that the table of contents does not list (not imported, reported). */
  unlisted: string[];
}

export class BookError extends Error {
  override name = 'BookError';
}

type QuartoEntry = string | { part?: string; section?: string; href?: string; file?: string; chapters?: QuartoEntry[]; contents?: QuartoEntry[] };
type TocEntry = { file?: string; title?: string; caption?: string; chapters?: TocEntry[]; sections?: TocEntry[]; children?: TocEntry[]; parts?: TocEntry[] };

const pageExtensions = /\.(md|ipynb|qmd|mdx)$/i;

function resolvePage(file: string, pages: ReadonlySet<string>): string | undefined {
  const bare = file.replace(/^\.\//, '');
  return [bare, `${bare}.md`, `${bare}.ipynb`, `${bare}.qmd`, `${bare}.mdx`].find((p) => pages.has(p));
}

function flatten(entries: TocEntry[] | undefined, pages: ReadonlySet<string>, out: string[]) {
  for (const entry of entries ?? []) {
    const page = entry.file ? resolvePage(entry.file, pages) : undefined;
    if (page && !out.includes(page)) out.push(page);
    flatten(entry.chapters ?? entry.sections ?? entry.children, pages, out);
  }
}

/** A page's title: its front matter's `title:`, else its first `#` heading (attributes off), else its file name. */
function pageTitle(page: string, read: (name: string) => string | undefined): string {
  const text = (read(page) ?? '').replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, ''); // a `#` comment in a code cell is no heading
  const fromFrontMatter = /^---\n[\s\S]*?^title:\s*["']?(.+?)["']?\s*$[\s\S]*?\n---/m.exec(text)?.[1];
  const fromHeading = /^#\s+(.+?)\s*(\{[^}]*\})?\s*$/m.exec(text)?.[1];
  return fromFrontMatter ?? fromHeading ?? titleFromName(page.replace(/^.*\/|\.\w+$/g, ''));
}

const titleFromName = (name: string) => name.replace(/^\d+[-_ ]*/, '').replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase()) || name;

/**
 * @param files every file of the book, relative to its folder, `/`-separated
 * @param read the text of a config file (`_toc.yml`, `_config.yml`, `myst.yml`) or undefined
 */
export function planBook(folderName: string, files: readonly string[], read: (name: string) => string | undefined): BookPlan {
  const pages = new Set(files.filter((f) => pageExtensions.test(f) && !/(^|\/)_[^/]*$/.test(f) && !/(^|\/)(_build|node_modules|\.[^/]+)\//.test(f) && !/(^|\/)(README|LICENSE|CHANGELOG)\.md$/i.test(f)));
  const config = (name: string): Record<string, unknown> | undefined => {
    const text = read(name);
    if (text === undefined) return undefined;
    try {
      return (parse(text) as Record<string, unknown>) ?? {};
    } catch (error) {
      throw new BookError(`${name}:${(error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1}  error  yaml: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const toc = config('_toc.yml');
  const myst = config('myst.yml') as { project?: { title?: string; toc?: TocEntry[] } } | undefined;
  const bookConfig = config('_config.yml');
  const quarto = config('_quarto.yml') as { book?: { title?: string; chapters?: QuartoEntry[] }; website?: { title?: string; sidebar?: { contents?: QuartoEntry[] } | { contents?: QuartoEntry[] }[] } } | undefined;
  const title = String(myst?.project?.title ?? bookConfig?.title ?? quarto?.book?.title ?? quarto?.website?.title ?? titleFromName(folderName)).trim();
  let modules: BookPlan['modules'];
  const quartoEntries = quarto?.book?.chapters ?? (Array.isArray(quarto?.website?.sidebar) ? quarto.website.sidebar.flatMap((s) => s.contents ?? []) : quarto?.website?.sidebar?.contents);
  if (quartoEntries) {
    // Quarto: `part:` entries are modules; loose chapters before, between and after them form modules of their own.
    modules = [];
    let loose: string[] = [];
    const flush = () => {
      if (loose.length) modules.push({ title, pages: loose });
      loose = [];
    };
    const pagesOf = (entries: QuartoEntry[], out: string[]) => {
      for (const e of entries) {
        const file = typeof e === 'string' ? e : (e.href ?? e.file);
        const page = file ? resolvePage(file, pages) : undefined;
        if (page && !out.includes(page)) out.push(page);
        if (typeof e !== 'string') pagesOf(e.chapters ?? e.contents ?? [], out);
      }
    };
    for (const entry of quartoEntries) {
      if (typeof entry !== 'string' && (entry.part || entry.section) && (entry.chapters || entry.contents)) {
        flush();
        const list: string[] = [];
        // `part: intro.qmd` names the part's opening page; its title is the part's.
        const partPage = resolvePage(String(entry.part ?? entry.section), pages);
        pagesOf([...(partPage ? [partPage] : []), ...(entry.href ? [entry.href] : []), ...(entry.chapters ?? entry.contents ?? [])], list);
        modules.push({ title: partPage ? pageTitle(partPage, read) : String(entry.part ?? entry.section), pages: list });
      } else pagesOf([entry], loose);
    }
    flush();
  } else if (toc) {
    const t = toc as TocEntry & { root?: string };
    const root = t.root ? resolvePage(t.root, pages) : undefined;
    if (t.parts) {
      modules = t.parts.map((part, i) => {
        const list: string[] = [];
        flatten(part.chapters ?? part.sections, pages, list);
        return { title: String(part.caption ?? `Part ${i + 1}`).trim(), pages: list };
      });
      if (root) modules[0]?.pages.unshift(root);
    } else {
      const list: string[] = root ? [root] : [];
      flatten(t.chapters ?? t.sections, pages, list);
      modules = [{ title, pages: list }];
    }
  } else if (myst?.project?.toc) {
    const top = myst.project.toc;
    const grouped = top.some((e) => e.children && !e.file);
    if (grouped) {
      modules = [];
      let loose: string[] = [];
      for (const entry of top) {
        if (entry.children && !entry.file) {
          if (loose.length) modules.push({ title, pages: loose });
          loose = [];
          const list: string[] = [];
          flatten(entry.children, pages, list);
          modules.push({ title: String(entry.title ?? `Part ${modules.length + 1}`), pages: list });
        } else flatten([entry], pages, loose);
      }
      if (loose.length) modules.push({ title, pages: loose });
    } else {
      const list: string[] = [];
      flatten(top, pages, list);
      modules = [{ title, pages: list }];
    }
  } else {
    // A plain folder: pages at the top form the first module, each subfolder one more.
    const byFolder = new Map<string, string[]>();
    for (const page of [...pages].sort()) {
      const folder = page.includes('/') ? page.slice(0, page.indexOf('/')) : '';
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), page]);
    }
    modules = [...byFolder].map(([folder, list]) => ({ title: folder ? titleFromName(folder) : title, pages: list }));
  }
  modules = modules.filter((m) => m.pages.length > 0);
  if (modules.length === 0) throw new BookError(`${folderName}: no pages (.md, .ipynb) found${toc || myst ? ' in its table of contents' : ''}`);
  const listed = new Set(modules.flatMap((m) => m.pages));
  return { title, modules, unlisted: [...pages].filter((p) => !listed.has(p)).sort() };
}
