import { convertMyst, type PageContext } from './myst';
import { convertQuarto } from './quarto';
import { convertStarlight } from './starlight';
import { lessonFiles, summaryOf, type Unconverted } from './lesson-page';

/**
 * `npm run import` for one page of an existing course: the source format is told by the file
 * (MyST Markdown `.md` or `.txt`, a Jupyter notebook `.ipynb` whose Markdown cells are MyST, Quarto `.qmd`,
 * Starlight or Docusaurus `.mdx`), parsed with that
 * format's own parser, and written as a lesson and a quiz that validate. Pure: files are read and
 * written by scripts/import.ts; images are resolved through `image`.
 */

export type PageFormat = 'myst' | 'notebook' | 'quarto' | 'mdx';

export interface PageImportOptions {
  /** The source file's name, for messages and the comment at the top of the lesson. */
  source: string;
  lessonId: string;
  topic: string;
  format?: PageFormat;
  image?: PageContext['image'];
  link?: PageContext['link'];
  crossRef?: PageContext['crossRef'];
  /** Quarto `{{< include >}}`: the text of a file named relative to the page. */
  include?: (path: string) => string | undefined;
  schemaPath?: string;
}

export interface PageImportResult {
  id: string;
  title: string;
  baseName: string;
  mdx: string;
  quiz: string;
  unconverted: Unconverted[];
  notes: string[];
}

export class PageImportError extends Error {
  override name = 'PageImportError';
}

export function formatOf(path: string): PageFormat | undefined {
  if (/\.ipynb$/i.test(path)) return 'notebook';
  if (/\.(md|myst|markdown|txt)$/i.test(path)) return 'myst';
  if (/\.qmd$/i.test(path)) return 'quarto';
  if (/\.mdx$/i.test(path)) return 'mdx';
  return undefined;
}

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; text?: string | string[]; data?: Record<string, string | string[]> }[];
}

const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));

/** A fence of backticks longer than any run inside `text`. */
const fenceFor = (text: string) => '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));

/**
 * A notebook as one MyST page: Markdown cells as they are, code cells as `{code-cell}` blocks, and
 * each cell's stored text output (streams, results) as a `text` block after it. Lines of the page
 * map back to the notebook's JSON lines for messages.
 */
export function notebookToMyst(json: string, source: string): { myst: string; lineInFile: (line: number) => number } {
  let notebook: { cells?: NotebookCell[]; metadata?: { kernelspec?: { language?: string } } };
  try {
    notebook = JSON.parse(json) as typeof notebook;
  } catch (error) {
    throw new PageImportError(`${source}:1  error  notebook: not valid JSON (${(error as Error).message})`);
  }
  const language = notebook.metadata?.kernelspec?.language ?? 'python';
  const jsonLines = json.split('\n');
  const sourceStarts = jsonLines.flatMap((l, i) => (/^\s*"source":/.test(l) ? [i + 1] : []));
  const parts: string[] = [];
  const map: number[] = [];
  const push = (text: string, jsonLine: number) => {
    const lines = text.split('\n');
    lines.forEach((_, k) => map.push(jsonLine + (k > 0 ? k : 0)));
    parts.push(text);
  };
  (notebook.cells ?? []).forEach((cell, index) => {
    const text = joined(cell.source).replace(/\n$/, '');
    const at = (sourceStarts[index] ?? 1) + 1;
    if (cell.cell_type === 'markdown') push(`${text}\n`, at);
    else if (cell.cell_type === 'code') {
      const fence = fenceFor(text);
      push(`${fence}{code-cell} ${language}\n${text}\n${fence}\n`, at - 1);
      const outputs = (cell.outputs ?? []).map((o) => joined(o.text ?? o.data?.['text/plain'])).filter((t) => t.trim() !== '');
      if (outputs.length) {
        const out = outputs.join('\n').replace(/\n$/, '');
        const f = fenceFor(out);
        push(`${f}text\n${out}\n${f}\n`, at);
      }
    }
  });
  const myst = parts.join('\n');
  return { myst, lineInFile: (line) => map[line - 1] ?? line };
}

export function importPage(text: string, options: PageImportOptions): PageImportResult {
  const format = options.format ?? formatOf(options.source);
  if (!format) throw new PageImportError(`${options.source}:1  error  import: cannot tell the format from the file name; expected .md (MyST), .ipynb (Jupyter), .qmd (Quarto) or .mdx (Starlight, Docusaurus)`);
  const unconverted: Unconverted[] = [];
  const notes: string[] = [];
  const ctx: PageContext = { lessonId: options.lessonId, image: options.image ?? (() => undefined), link: options.link, crossRef: options.crossRef, unconverted };
  let myst = text;
  let lineInFile = (line: number) => line;
  if (format === 'notebook') ({ myst, lineInFile } = notebookToMyst(text, options.source));
  const { tree, title: found } =
    format === 'quarto' ? convertQuarto(text, { ...ctx, include: options.include }) : format === 'mdx' ? convertStarlight(text, ctx) : convertMyst(myst, ctx);
  for (const u of unconverted) u.line = lineInFile(u.line);
  const title = found?.trim() || options.source.replace(/^.*\//, '').replace(/\.\w+$/, '').replace(/[-_]+/g, ' ');
  if (!found) notes.push(`no title in the page; used "${title}" from the file name`);
  let summary = summaryOf(tree);
  if (!summary) {
    summary = 'TODO: one or two sentences on what the learner will be able to do after this lesson.';
    notes.push('no opening paragraph for the summary; left a TODO');
  }
  notes.push('difficulty, estimated time and the learning objective are TODO defaults: review the front matter');
  const files = lessonFiles({ id: options.lessonId, title, summary, topic: options.topic, source: options.source }, tree, options.schemaPath);
  unconverted.sort((a, b) => a.line - b.line);
  return { id: options.lessonId, title, ...files, unconverted, notes };
}
