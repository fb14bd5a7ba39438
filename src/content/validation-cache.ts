/**
 * Per-file results of the course validation, kept between builds.
 *
 * The build validates every lesson and quiz before Astro starts (src/integrations/course-validation.ts).
 * At course scale that is seconds of YAML parsing, schema checks and quiz self-grading per
 * hundred lessons, spent again on every build although only the edited files changed. This keeps
 * each file's result under node_modules/.cache/course-validation/, keyed by the file's text (and
 * for a quiz, the facts of its lesson it is checked against) and by the validator's own code:
 * a change to a module the validator imports (src/content, src/quiz, src/markdown, the chart
 * catalog: {@link validatorSources}) or to a package they import starts afresh; a change to a page, a
 * component or a style does not (it made the dev server's start at 1,000 lessons revalidate every
 * file, ~2 minutes). The checks that span lessons (unique ids, prerequisites, cycles) run every
 * time; they are cheap.
 *
 * Node only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Problem } from './problems';
import { parseYamlWithPositions, splitFrontMatter } from './problems';
import { courseMacrosFor } from '../markdown/course-macros';
import type { QuizValidator, SourceFile, ValidLesson } from './validate';
import { quizQuestionIds, validateLessonFile } from './validate';

const CACHE_VERSION = 3;
/** The validator's entry modules: the lesson and quiz validators and this cache (which restores their results). */
const VALIDATOR_ENTRIES = ['src/content/validate.ts', 'src/quiz/validate.ts', 'src/content/validation-cache.ts'];

interface CachedLesson {
  problems: Problem[];
  lesson?: Omit<ValidLesson, 'lineOf'>;
}

// Relative specifiers of static and dynamic imports, re-exports, and files a module loads by URL (a worker).
// A match inside a comment only adds a file to the key, which costs a revalidation and breaks nothing.
const relativeImport = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
// A package's name starts with a letter, a digit or its scope's @ (so './x' and '../x' are not packages).
const packageImport = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]((?:@[\w.-]+\/)?\w[\w.-]*)[^'"]*['"]/g;
const candidates = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '.json', '/index.ts', '/index.js'];

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The source files the modules `entries` import, transitively (relative imports only, resolved as Vite and Node
 * resolve this project's specifiers: with or without the extension, a folder's index), and the packages they
 * import by name. What the validator's results depend on, besides the files it validates.
 */
export function validatorSources(entries: readonly string[]): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(relativeImport)) {
      const base = resolve(dirname(file), specifier!);
      const found = candidates.map((ending) => base + ending).find(isFile);
      if (found && !found.endsWith('.css')) visit(found);
    }
    for (const [, name] of text.matchAll(packageImport)) if (!name!.startsWith('node:')) packages.add(name!);
  };
  for (const entry of entries) visit(resolve(entry));
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The installed version of a package, as the project's node_modules has it. */
function versionOf(root: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'missing'; // a built-in module without the node: prefix, or not installed
  }
}

/** A hash of the validator: the source files it imports and the versions of the packages they import. */
function validatorFingerprint(root: string): string {
  const hash = createHash('sha256').update(`course-validation ${CACHE_VERSION}\0`);
  const { files, packages } = validatorSources(VALIDATOR_ENTRIES.map((entry) => join(root, entry)));
  for (const name of packages) hash.update(`${name}@${versionOf(root, name)}\0`);
  for (const file of files) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 24);
}

export interface ValidationCache {
  validateLesson(file: SourceFile): { problems: Problem[]; lesson?: ValidLesson };
  validateQuiz: QuizValidator;
  /** A quiz file's question ids (validate.ts quizQuestionIds), remembered by its text. */
  questionIds(file: SourceFile): Set<string> | undefined;
  /** Write this run's entries (only them: results for files that changed or went away are dropped). */
  save(): void;
  readonly stats: { hits: number; misses: number };
}

/**
 * A cache around `validateQuiz` and the lesson validator for the project at `root`.
 * `COURSE_VALIDATION_CACHE=0` turns it off (every file validated, nothing stored).
 */
export function validationCache(root: string, validateQuiz: QuizValidator, cacheDir = join(root, 'node_modules', '.cache', 'course-validation')): ValidationCache {
  const stats = { hits: 0, misses: 0 };
  const off = process.env.COURSE_VALIDATION_CACHE === '0';
  const fingerprint = off ? '' : validatorFingerprint(root);
  const file = join(cacheDir, `${fingerprint}.json`);
  let previous: Record<string, unknown> = {};
  if (!off) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // no cache yet
    }
  }
  const next: Record<string, unknown> = {};
  const keyOf = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

  function remember<T>(key: string, compute: () => T, store: (value: T) => unknown, restore: (stored: unknown) => T): T {
    if (off) return compute();
    if (key in previous) {
      stats.hits += 1;
      next[key] = previous[key];
      return restore(previous[key]);
    }
    stats.misses += 1;
    const value = compute();
    next[key] = store(value);
    return value;
  }

  return {
    stats,
    validateLesson(source) {
      return remember(
        // The course's macros are an input of the lesson's math check.
        keyOf('lesson', source.path, source.text, JSON.stringify(courseMacrosFor(source.path))),
        () => validateLessonFile(source),
        ({ problems, lesson }): CachedLesson => ({ problems, lesson: lesson && { file: lesson.file, data: lesson.data, exerciseObjectives: lesson.exerciseObjectives, questions: lesson.questions } }),
        (stored) => {
          const { problems, lesson } = stored as CachedLesson;
          if (!lesson) return { problems };
          // Lines are only needed to report a problem across lessons: parse the front matter again then.
          let lineOf: ValidLesson['lineOf'] | undefined;
          return {
            problems,
            lesson: {
              ...lesson,
              lineOf: (path) => {
                if (!lineOf) {
                  const parts = splitFrontMatter(source.text);
                  lineOf = parts ? parseYamlWithPositions(parts.yaml, parts.yamlFirstLine).lineOf : () => 1;
                }
                return lineOf(path);
              },
            },
          };
        },
      );
    },
    validateQuiz(input) {
      return remember(
        keyOf('quiz', input.file, input.source, JSON.stringify(input.lesson)),
        () => validateQuiz(input),
        (problems) => problems,
        (stored) => stored as Problem[],
      );
    },
    questionIds(source) {
      return remember(
        keyOf('question ids', source.text),
        () => quizQuestionIds(source),
        (ids) => (ids ? [...ids] : null),
        (stored) => (stored === null ? undefined : new Set(stored as string[])),
      );
    },
    save() {
      if (off) return;
      try {
        mkdirSync(cacheDir, { recursive: true });
        // One file per validator version; older ones are of no further use.
        for (const old of readdirSync(cacheDir)) if (old !== `${fingerprint}.json` && old.endsWith('.json')) rmSync(join(cacheDir, old), { force: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify(next));
        renameSync(temp, file);
      } catch {
        // A read-only cache only costs time.
      }
    },
  };
}
