/**
 * Per-file results of the course validation, kept between builds.
 *
 * The build validates every lesson and quiz before Astro starts (src/integrations/course-validation.ts).
 * At course scale that is seconds of YAML parsing, schema checks and quiz self-grading per
 * hundred lessons, spent again on every build although only the edited files changed. This keeps
 * each file's result under node_modules/.cache/course-validation/, keyed by the file's text (and
 * for a quiz, the facts of its lesson it is checked against) and by the validator's own code:
 * any change under src/ or to the packages that parse and render starts afresh. The checks
 * that span lessons (unique ids, prerequisites, cycles) run every time; they are cheap.
 *
 * Node only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Problem } from './problems';
import { parseYamlWithPositions, splitFrontMatter } from './problems';
import type { QuizValidator, SourceFile, ValidLesson } from './validate';
import { quizQuestionIds, validateLessonFile } from './validate';

const CACHE_VERSION = 2;
const PACKAGES = ['yaml', 'zod', 'temml', 'unified', 'remark-parse', 'remark-math', 'remark-gfm'];

interface CachedLesson {
  problems: Problem[];
  lesson?: Omit<ValidLesson, 'lineOf'>;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out.sort();
}

/** A hash of the validator: every file under src/ and the versions of the packages it parses and renders with. */
function validatorFingerprint(root: string): string {
  const hash = createHash('sha256').update(`course-validation ${CACHE_VERSION}\0`);
  for (const name of PACKAGES) {
    try {
      hash.update(`${name}@${(JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}\0`);
    } catch {
      hash.update(`${name}@missing\0`);
    }
  }
  for (const file of filesUnder(join(root, 'src'))) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
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
        keyOf('lesson', source.path, source.text),
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
