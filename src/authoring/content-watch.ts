import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRunnableDevEnvironment, type EnvironmentModuleNode, type Plugin, type ViteDevServer } from 'vite';
import { formatProblem, type Problem } from '../content/problems';
import { quizQuestionIds, validateContent, validateLessonFile, type QuizValidator, type SourceFile, type ValidLesson } from '../content/validate';
import { formulaBuildLoaded, mayHaveFormulaQuestion, useFormulaBuild } from '../quiz/expression/formula-build';

/**
 * `npm run dev`: re-validates the course whenever a content file changes and shows the first error
 * in the browser's error overlay and in the page itself, with its file, line and the offending lines,
 * so an author sees "difficulty: expected one of starter, intermediate, advanced" instead of Astro's
 * 0:0 schema error, a bare "YAMLException" (or nothing, for a quiz). The overlay goes away when the
 * content is valid again.
 *
 * An edit costs one file: the course is read once at start, each event re-reads only its file, and
 * every other file's result is remembered (cross-lesson checks run over the remembered results).
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

/** The course's files as the dev server last read them, validated file by file. Pure: no file system. */
export interface LiveContent {
  /** Records a file's new text (`undefined`: deleted). False when nothing changed, as for an editor's second event. */
  update(path: string, text: string | undefined): boolean;
  /** Every problem of the course; only files changed since the last call are validated again. */
  problems(): Problem[];
}

export function liveContent(
  files: readonly SourceFile[],
  validateQuiz: QuizValidator | undefined,
  validateLesson: (file: SourceFile) => { problems: Problem[]; lesson?: ValidLesson } = validateLessonFile,
  questionIds: (file: SourceFile) => Set<string> | undefined = quizQuestionIds,
): LiveContent {
  const current = new Map(files.map((f) => [f.path, f]));
  // Results by path, reused while the text (and for a quiz, its lesson's facts) is the same string.
  const lessons = new Map<string, { text: string; result: ReturnType<typeof validateLesson> }>();
  const quizzes = new Map<string, { key: string; result: Problem[] }>();
  const questionIdsByQuiz = new Map<string, { text: string; ids: Set<string> | undefined }>();
  const questionIdsOnce = (file: SourceFile) => {
    const seen = questionIdsByQuiz.get(file.path);
    if (seen?.text === file.text) return seen.ids;
    const ids = questionIds(file);
    questionIdsByQuiz.set(file.path, { text: file.text, ids });
    return ids;
  };
  const lessonOnce = (file: SourceFile) => {
    const seen = lessons.get(file.path);
    if (seen?.text === file.text) return seen.result;
    const result = validateLesson(file);
    lessons.set(file.path, { text: file.text, result });
    return result;
  };
  const quizOnce: QuizValidator | undefined = validateQuiz
    ? (input) => {
        const key = `${input.source}\0${JSON.stringify(input.lesson)}`;
        const seen = quizzes.get(input.file);
        if (seen?.key === key) return seen.result;
        const result = validateQuiz(input);
        quizzes.set(input.file, { key, result });
        return result;
      }
    : undefined;
  return {
    update(path, text) {
      if (current.get(path)?.text === text) return false;
      if (text === undefined) {
        current.delete(path);
        lessons.delete(path);
        quizzes.delete(path);
        questionIdsByQuiz.delete(path);
      } else current.set(path, { path, text });
      return true;
    },
    problems() {
      const sorted = [...current.values()].sort((a, b) => a.path.localeCompare(b.path));
      return validateContent(sorted, quizOnce, { validateLesson: lessonOnce, questionIds: questionIdsOnce });
    },
  };
}

/** The overlay for the first error, preferring one in the file just edited; undefined when there is none. */
export function firstError(problems: readonly Problem[], root: string, changed?: string, readText: (file: string) => string | undefined = readTextOrUndefined): OverlayError | undefined {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors.find((p) => changed !== undefined && resolve(root, p.file) === changed) ?? errors[0];
  if (!first) return undefined;
  return overlayError(first, root, errors.length - 1, readText(resolve(root, first.file)));
}

function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // A deleted file has no frame to show.
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The page the dev server answers while the content is broken: the same message and lines as the overlay
 * (instead of Astro's 500 page with "YAMLException" alone), and Vite's client, which shows the overlay and
 * reloads the page once the content is fixed.
 */
export function errorPage(shown: OverlayError): string {
  const { message, frame, loc } = shown.err;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Content error</title>
<script type="module" src="/@vite/client"></script>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}pre{overflow-x:auto;background:#f4f4f4;color:#111;padding:1rem;white-space:pre-wrap}</style>
</head>
<body>
<main>
<h1>The course has a content error</h1>
<p>Fix it and save: this page reloads by itself. (<code>${escapeHtml(loc.file)}</code>, line ${loc.line})</p>
<pre>${escapeHtml(message)}</pre>
${frame ? `<pre>${escapeHtml(frame)}</pre>` : ''}
</main>
</body>
</html>
`;
}

/** A key that changes while a file is being written; undefined when it is absent. */
function writeState(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * The file's text once its size and time stay the same for `quiet` ms (an editor may save in several writes,
 * and a read in between sees half a file); undefined when the file is gone.
 */
export async function settledText(file: string, quiet = 25, timeout = 2000): Promise<string | undefined> {
  const end = Date.now() + timeout;
  let last = writeState(file);
  for (;;) {
    await new Promise((r) => setTimeout(r, quiet));
    const now = writeState(file);
    if (now === last || Date.now() > end) break;
    last = now;
  }
  return last === undefined ? undefined : readTextOrUndefined(file);
}

/**
 * Whether a `full-reload` of every page may be skipped: Astro sends one when its data store file is written, twice
 * for one write when the file watcher reports the write before the writer's own notice (a big store, a loaded
 * machine: seen at 200 lessons), and its one-second echo guard is set only by the second. `storeState` names the
 * store file's bytes on disk (size and time); a reload is skipped only when one was sent less than `windowMs` ago
 * with the same store state, so the page it loaded already read this store. Any other reload goes out.
 */
export function reloadMerger(storeState: () => string | undefined, now: () => number = Date.now, windowMs = 1000) {
  let last: { state: string; at: number } | undefined;
  return (payload: unknown): boolean => {
    const p = payload as { type?: unknown; path?: unknown } | null;
    if (typeof p !== 'object' || p === null || p.type !== 'full-reload' || p.path !== '*') return true;
    const state = storeState();
    const at = now();
    if (state !== undefined && last && last.state === state && at - last.at < windowMs) return false;
    last = state === undefined ? undefined : { state, at };
    return true;
  };
}

/**
 * Whether the content layer loads this file into its data store (src/content.config.ts: lessons `**\/[^_]*.mdx`,
 * `course.yaml`, `*.quiz.yaml`), so that its change ends in the store's reload. Anything else under content/ (a
 * partial `_x.mdx` a lesson imports, an image) is a plain module, and Astro's own reload is the one that shows it.
 */
export function isContentLayerEntry(file: string): boolean {
  const name = file.split(/[\\/]/).at(-1) ?? '';
  if (name.startsWith('_')) return false;
  return name.endsWith('.mdx') || name.endsWith('.quiz.yaml') || name === 'course.yaml';
}

/** Size and modification time of a file, or undefined when it cannot be read. */
function fileState(file: string): string | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.size}:${s.mtimeNs}`;
  } catch {
    return undefined;
  }
}

export interface ContentWatchOptions {
  root: string;
  contentDir: string;
  /** The course as read and validated at start-up (course-validation.ts), so nothing is validated twice. */
  content: LiveContent;
  initialProblems: readonly Problem[];
  /**
   * A page fetched as soon as the server listens (the first lesson), so the modules every lesson page needs are
   * compiled before the author's browser asks: Vite compiles on demand, and the first request paid for it all.
   * Not fetched when the author's browser asks for a page first (that request compiles them).
   */
  warmPath?: string;
  /** Where to report in the terminal. */
  log: { error: (message: string) => void; info: (message: string) => void };
}

/**
 * Loads the formula questions' build half (mathjs) for the watcher's validation when a quiz first may need it: the
 * config loaded it at start only if one did (course-validation.ts), and the modules that validate here are the
 * config's, which may have come through a Vite runner Astro has closed by now (when Node could not load the config
 * itself: astro.config.mjs), so the half comes through the dev server's own runner, which works either way.
 */
async function loadFormulaBuildInServer(server: ViteDevServer): Promise<void> {
  const environment = [server.environments.ssr, server.environments.astro].find((e) => e && isRunnableDevEnvironment(e));
  if (!environment || !isRunnableDevEnvironment(environment)) throw new Error('no runnable environment to load the formula questions\' checks with');
  useFormulaBuild(await environment.runner.import(fileURLToPath(new URL('../quiz/expression/formula-build-halves.ts', import.meta.url))));
}

/** How long after the server listens the first lesson is fetched to warm it, unless a page was asked for first. */
const warmDelayMs = 1000;

/** The Vite plugin (dev server only) behind the overlay and the error page. */
export function contentWatchPlugin({ root, contentDir, content, initialProblems, warmPath, log }: ContentWatchOptions): Plugin {
  const dir = resolve(contentDir);
  // Whatever was wrong at start-up is shown to the first page that connects.
  let shown = firstError(initialProblems, root);
  // Events are handled one at a time, in order (`work`); a page request waits for the ones in flight.
  let work: Promise<void> = Promise.resolve();
  // An editor's save often fires two or three events: those within a few ms are merged, the file read once.
  const pending = new Map<string, { timer: NodeJS.Timeout; handled: Promise<void>; start: () => void }>();
  const idle = async () => {
    await Promise.all([...pending.values()].map((p) => p.handled));
    await work;
  };

  return {
    name: 'course-validation:overlay',
    apply: 'serve',
    // One reload per edit. A lesson file is also a module of the server's graph, so Astro's HMR plugin reloads the
    // page as soon as it changes, before the content layer has re-read it: that page shows the old text, and the
    // reload that shows the edit comes when the data store is written (where `reloadMerger` keeps it to one). Here
    // a content file's modules are invalidated as Astro's plugin would, and none is handed on, so it sends nothing.
    hotUpdate: {
      order: 'pre',
      handler({ file, modules, timestamp }) {
        if (this.environment.name === 'client' || !resolve(file).startsWith(dir + sep) || !isContentLayerEntry(file)) return;
        const environment = this.environment;
        const invalidated = new Set<EnvironmentModuleNode>();
        for (const mod of modules) environment.moduleGraph.invalidateModule(mod, invalidated, timestamp, true);
        if (isRunnableDevEnvironment(environment)) {
          for (const mod of invalidated) {
            const evaluated = mod.id === null ? undefined : environment.runner.evaluatedModules.getModuleById(mod.id);
            if (evaluated) environment.runner.evaluatedModules.invalidateModule(evaluated);
          }
        }
        return [];
      },
    },
    configureServer(server: ViteDevServer) {
      server.watcher.add(dir);
      // Astro's dev data store (node_modules/astro: content/paths.js, `.astro/data-store.json` in dev).
      const merge = reloadMerger(() => fileState(join(root, '.astro', 'data-store.json')));
      const hot = server.environments.client.hot;
      const send = hot.send.bind(hot) as (...args: unknown[]) => void;
      hot.send = ((...args: unknown[]) => {
        if (merge(args[0])) send(...args);
      }) as typeof hot.send;
      // Whether a page has been asked for: one asked for as the server starts compiles the same modules, and a
      // second page rendered beside it would only slow it down (on two cores, by the render's CPU time).
      let pageAsked = false;
      if (warmPath) {
        server.httpServer?.once('listening', () => {
          const address = server.httpServer?.address();
          if (!address || typeof address !== 'object') return;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          // After the delay, setImmediate lets a request that came in meanwhile be read first (timers run before I/O).
          setTimeout(() => setImmediate(() => {
            if (pageAsked) return;
            // Nothing waits for it; a failure here shows again, and better, when the author opens the page.
            fetch(`http://${host}:${address.port}${warmPath}`, { headers: { accept: 'text/html' } })
              .then((r) => r.arrayBuffer())
              .catch(() => undefined);
          }), warmDelayMs);
        });
      }
      const handle = async (file: string) => {
        const text = await settledText(file);
        if (text !== undefined && /\.quiz\.ya?ml$/.test(file) && !formulaBuildLoaded() && mayHaveFormulaQuestion(text)) await loadFormulaBuildInServer(server);
        if (!content.update(relative(root, file), text)) return;
        const next = firstError(content.problems(), root, file);
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
      const onContentEvent = (path: string) => {
        const file = resolve(path);
        if (!file.startsWith(dir + sep) || !/\.(mdx?|ya?ml)$/.test(file)) return;
        let entry = pending.get(file);
        if (entry) clearTimeout(entry.timer);
        else {
          let start!: () => void;
          const begun = new Promise<void>((r) => (start = r));
          const handled = begun.then(() => {
            work = work.then(() => handle(file)).catch((e: unknown) => log.error(`content watcher: ${e instanceof Error ? e.message : String(e)}`));
            return work;
          });
          entry = { timer: undefined as unknown as NodeJS.Timeout, handled, start };
          pending.set(file, entry);
        }
        const { start } = entry;
        entry.timer = setTimeout(() => {
          pending.delete(file);
          start();
        }, 10);
      };
      server.watcher.on('change', onContentEvent);
      server.watcher.on('add', onContentEvent);
      server.watcher.on('unlink', onContentEvent);
      // Astro reloads the page after a content change, which clears the overlay: every page that
      // (re)connects while the content is broken is told again.
      server.ws.on('connection', () => {
        if (shown) server.ws.send(shown);
      });
      // A page asked for while the content is broken shows the error too, with its status.
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' || !(req.headers.accept ?? '').includes('text/html')) return next();
        pageAsked = true;
        void idle().then(() => {
          if (!shown) return next();
          res.statusCode = 500;
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.end(errorPage(shown));
        });
      });
    },
  };
}
