import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { formatProblem, type Problem } from '../content/problems';
import { readContentTree } from '../content/load';
import { validateContent, type QuizValidator } from '../content/validate';

/**
 * `npm run dev`: re-validates the course whenever a content file changes and shows the first error
 * in the browser's error overlay with its file, line and the offending lines, so an author sees
 * "difficulty: expected one of starter, intermediate, advanced" instead of Astro's 0:0 schema error
 * (or nothing, for a quiz). The overlay goes away when the content is valid again.
 */

/** The payload Vite's client turns into its error overlay. */
export interface OverlayError {
  type: 'error';
  err: {
    message: string;
    stack: string;
    id: string;
    plugin: string;
    frame?: string;
    loc: { file: string; line: number; column: number };
  };
}

/** Lines around `line` of `text`, numbered, with a marker on `line` (Vite's code-frame look). */
export function codeFrame(text: string, line: number, context = 2): string {
  const lines = text.split('\n');
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
  }
  return out.join('\n');
}

/** The overlay payload for a content problem; `root` makes the file absolute for the editor link. */
export function overlayError(problem: Problem, root: string, moreErrors = 0, sourceText?: string): OverlayError {
  const file = resolve(root, problem.file);
  const more = moreErrors > 0 ? `\n(and ${moreErrors} more content error${moreErrors === 1 ? '' : 's'}; the terminal lists them all)` : '';
  return {
    type: 'error',
    err: {
      message: `${formatProblem(problem)}${more}`,
      stack: '',
      id: file,
      plugin: 'course-validation',
      ...(sourceText !== undefined && problem.line > 0 ? { frame: codeFrame(sourceText, problem.line) } : {}),
      loc: { file, line: Math.max(problem.line, 1), column: 1 },
    },
  };
}

export interface ContentWatchOptions {
  root: string;
  contentDir: string;
  validateQuiz?: QuizValidator;
  /** Where to report in the terminal. */
  log: { error: (message: string) => void; info: (message: string) => void };
}

/** The Vite plugin (dev server only) behind the overlay. */
export function contentWatchPlugin({ root, contentDir, validateQuiz, log }: ContentWatchOptions): Plugin {
  const dir = resolve(contentDir);
  let shown: OverlayError | undefined;

  /** The overlay for the first error, preferring one in the file just edited over its knock-on effects. */
  const validate = (changed?: string): OverlayError | undefined => {
    const errors = validateContent(readContentTree(dir, root), validateQuiz).filter((p) => p.severity === 'error');
    const first = errors.find((p) => changed !== undefined && resolve(root, p.file) === changed) ?? errors[0];
    if (!first) return undefined;
    let text: string | undefined;
    try {
      text = readFileSync(resolve(root, first.file), 'utf8');
    } catch {
      // A deleted file has no frame to show.
    }
    return overlayError(first, root, errors.length - 1, text);
  };

  return {
    name: 'course-validation:overlay',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      // Whatever was wrong at start-up is shown to the first page that connects.
      shown = validate();
      server.watcher.add(dir);
      const onContentEvent = (file: string) => {
        if (!resolve(file).startsWith(dir + sep) || !/\.(mdx?|ya?ml)$/.test(file)) return;
        const next = validate(resolve(file));
        if (next) {
          if (next.err.message !== shown?.err.message) log.error(next.err.message);
          shown = next;
          server.ws.send(next);
        } else if (shown) {
          shown = undefined;
          log.info('content is valid again');
          // Reloading clears the overlay and shows the fixed page.
          server.ws.send({ type: 'full-reload', path: '*' });
        }
      };
      server.watcher.on('change', onContentEvent);
      server.watcher.on('add', onContentEvent);
      server.watcher.on('unlink', onContentEvent);
      // Astro reloads the page after a content change, which clears the overlay: every page that
      // (re)connects while the content is broken is told again.
      server.ws.on('connection', () => {
        if (shown) server.ws.send(shown);
      });
    },
  };
}
