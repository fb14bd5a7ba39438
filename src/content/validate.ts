import { basename, dirname } from 'node:path';
import {
  type Problem,
  parseYamlWithPositions,
  schemaProblems,
  splitFrontMatter,
} from './problems';
import { courseSchema, difficulties, lessonSchema, type LessonFrontMatter } from './schema';

/** A file of the content tree: path relative to the project root and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A lesson whose front matter passed the schema, with what the cross-lesson checks need. */
export interface ValidLesson {
  file: string;
  data: LessonFrontMatter;
  lineOf: (path: (string | number)[]) => number;
  /** Objective ids named by `<Exercise objectives={[…]}>` in the body, with their lines. */
  exerciseObjectives: { id: string; line: number }[];
}

/** Validates one lesson's quiz file against its lesson; supplied by the quiz module. */
export type QuizValidator = (input: {
  file: string;
  source: string;
  lesson: { id: string; objectiveIds: string[]; exerciseObjectiveIds: string[]; strict: boolean };
}) => Problem[];

const error = (file: string, line: number, field: string, message: string): Problem => ({
  file,
  line,
  field,
  message,
  severity: 'error',
});

interface ExerciseTag {
  line: number;
  id?: string;
  level?: string;
  objectives: string[];
}

/**
 * The `<Exercise …>` tags of an MDX body, read without compiling the MDX, so their mistakes are
 * reported with a line before the (slower) build starts.
 */
function exerciseTags(body: string, bodyFirstLine: number): ExerciseTag[] {
  const tags: ExerciseTag[] = [];
  for (const match of body.matchAll(/<Exercise\b([^>]*)>/g)) {
    const attrs = match[1]!;
    const line = bodyFirstLine + body.slice(0, match.index).split('\n').length - 1;
    const list = /\bobjectives=\{\s*\[([^\]]*)\]\s*\}/.exec(attrs)?.[1] ?? '';
    tags.push({
      line,
      id: /\bid="([^"]*)"/.exec(attrs)?.[1],
      level: /\blevel="([^"]*)"/.exec(attrs)?.[1],
      objectives: [...list.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!),
    });
  }
  return tags;
}

export function validateLessonFile(file: SourceFile): { problems: Problem[]; lesson?: ValidLesson } {
  const parts = splitFrontMatter(file.text);
  if (!parts) {
    return {
      problems: [error(file.path, 1, '(front matter)', 'expected the file to start with front matter between two --- lines')],
    };
  }
  const doc = parseYamlWithPositions(parts.yaml, parts.yamlFirstLine);
  if (doc.syntaxErrors.length) {
    return {
      problems: doc.syntaxErrors.map((e) => error(file.path, e.line, '(front matter)', `YAML syntax: ${e.message}`)),
    };
  }
  const parsed = lessonSchema.safeParse(doc.data ?? {});
  if (!parsed.success) return { problems: schemaProblems(parsed.error.issues, doc, file.path) };
  const data = parsed.data;
  const problems: Problem[] = [];

  const objectiveIds = new Set<string>();
  data.objectives.forEach((o, i) => {
    if (objectiveIds.has(o.id)) {
      problems.push(error(file.path, doc.lineOf(['objectives', i, 'id']), `objectives.${i}.id`, `objective id "${o.id}" is used twice; ids must be unique in a lesson`));
    }
    objectiveIds.add(o.id);
  });
  const homeworkIds = new Set<string>();
  data.homework?.items.forEach((h, i) => {
    if (homeworkIds.has(h.id)) {
      problems.push(error(file.path, doc.lineOf(['homework', 'items', i, 'id']), `homework.items.${i}.id`, `homework id "${h.id}" is used twice`));
    }
    homeworkIds.add(h.id);
  });
  if (!basename(file.path).startsWith(`${data.id}-`) && basename(file.path, '.mdx') !== data.id) {
    problems.push(error(file.path, doc.lineOf(['id']), 'id', `expected the file name to start with the lesson id "${data.id}-" (found "${basename(file.path)}")`));
  }
  const exercises = exerciseTags(parts.body, parts.bodyFirstLine);
  for (const exercise of exercises) {
    if (exercise.level === undefined || !(difficulties as readonly string[]).includes(exercise.level)) {
      problems.push(error(file.path, exercise.line, 'Exercise.level', `expected one of ${difficulties.join(', ')} (found ${exercise.level === undefined ? 'none' : `"${exercise.level}"`})`));
    }
    if (exercise.id !== undefined && !exercise.id.startsWith(`${data.id}.`)) {
      problems.push(error(file.path, exercise.line, 'Exercise.id', `expected an exercise id starting with the lesson id, like "${data.id}.1" (found "${exercise.id}")`));
    }
    for (const id of exercise.objectives) {
      if (!objectiveIds.has(id)) {
        problems.push(error(file.path, exercise.line, 'Exercise.objectives', `"${id}" is not an objective of this lesson (objectives: ${[...objectiveIds].join(', ')})`));
      }
    }
  }
  const exerciseObjectives = exercises.flatMap((e) => e.objectives.map((id) => ({ id, line: e.line })));
  return { problems, lesson: { file: file.path, data, lineOf: doc.lineOf, exerciseObjectives } };
}

/**
 * The id a lesson file claims even when its front matter fails: its `id:` line, else the id its name starts with.
 * Other lessons naming that id are then not reported as pointing at an unknown lesson: the one mistake is
 * reported once, in its own file, without knock-on errors in its neighbours.
 */
export function claimedLessonId(file: SourceFile): string | undefined {
  const fromFrontMatter = /^---\r?\n(?:(?!---)[^\n]*\n)*?id:[ \t]*["']?([^"'\s#]+)/.exec(file.text)?.[1];
  return fromFrontMatter ?? /^(\d+(?:\.\d+)+)(?:-|\.mdx?$)/.exec(basename(file.path))?.[1];
}

/**
 * Checks that need every lesson at once: unique ids, known prerequisites and next, no cycles.
 * `brokenIds` are ids of lessons whose own front matter failed (reported in their file): naming one is no error.
 */
export function crossLessonProblems(lessons: readonly ValidLesson[], brokenIds: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, ValidLesson>();
  for (const lesson of lessons) {
    const first = byId.get(lesson.data.id);
    if (first) {
      problems.push(error(lesson.file, lesson.lineOf(['id']), 'id', `lesson id "${lesson.data.id}" is already used by ${first.file}; ids must be unique`));
    } else {
      byId.set(lesson.data.id, lesson);
    }
  }
  const known = () => [...byId.keys()].sort().join(', ');
  for (const lesson of lessons) {
    lesson.data.prerequisites.forEach((p, i) => {
      if (p === lesson.data.id) {
        problems.push(error(lesson.file, lesson.lineOf(['prerequisites', i]), `prerequisites.${i}`, `a lesson cannot be its own prerequisite`));
      } else if (!byId.has(p) && !brokenIds.has(p)) {
        problems.push(error(lesson.file, lesson.lineOf(['prerequisites', i]), `prerequisites.${i}`, `unknown lesson id "${p}"; expected one of ${known()}`));
      }
    });
    const next = lesson.data.next;
    if (next !== undefined && !byId.has(next) && !brokenIds.has(next)) {
      problems.push(error(lesson.file, lesson.lineOf(['next']), 'next', `unknown lesson id "${next}"; expected one of ${known()}`));
    }
  }
  // Depth-first search for prerequisite cycles; each cycle is reported once, at the lesson that closes it.
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    const lesson = byId.get(id)!;
    lesson.data.prerequisites.forEach((p, i) => {
      if (!byId.has(p) || p === id) return;
      if (state.get(p) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(p)), p].join(' → ');
        problems.push(error(lesson.file, lesson.lineOf(['prerequisites', i]), `prerequisites.${i}`, `prerequisite cycle: ${cycle}; expected prerequisites to form no loop`));
      } else if (!state.has(p)) {
        visit(p);
      }
    });
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [...byId.keys()].sort()) if (!state.has(id)) visit(id);
  return problems;
}

export function validateCourseFile(file: SourceFile, folders: ReadonlySet<string>): Problem[] {
  const doc = parseYamlWithPositions(file.text);
  if (doc.syntaxErrors.length) {
    return doc.syntaxErrors.map((e) => error(file.path, e.line, '(course)', `YAML syntax: ${e.message}`));
  }
  const parsed = courseSchema.safeParse(doc.data ?? {});
  if (!parsed.success) return schemaProblems(parsed.error.issues, doc, file.path);
  const problems: Problem[] = [];
  parsed.data.modules.forEach((m, i) => {
    if (!folders.has(m.folder)) {
      problems.push(error(file.path, doc.lineOf(['modules', i, 'folder']), `modules.${i}.folder`, `no folder "${m.folder}" next to course.yaml; expected one of ${[...folders].join(', ') || '(none)'}`));
    }
  });
  return problems;
}

/**
 * Validate a whole content tree: course files, lesson front matter, cross-lesson links and each
 * lesson's quiz. Pure over the given files, so tests can feed it fixtures without a build.
 */
export interface ValidateContentOptions {
  /** Validates one lesson file; default {@link validateLessonFile}. The build passes a cached one (validation-cache.ts). */
  validateLesson?: (file: SourceFile) => { problems: Problem[]; lesson?: ValidLesson };
}

export function validateContent(files: readonly SourceFile[], validateQuiz?: QuizValidator, options: ValidateContentOptions = {}): Problem[] {
  const validateLesson = options.validateLesson ?? validateLessonFile;
  const problems: Problem[] = [];
  const lessons: ValidLesson[] = [];
  const brokenIds = new Set<string>();
  const lessonFiles = files.filter((f) => f.path.endsWith('.mdx') || f.path.endsWith('.md'));
  for (const file of files.filter((f) => basename(f.path) === 'course.yaml')) {
    const courseDir = dirname(file.path);
    const folders = new Set(
      files
        .map((f) => f.path)
        .filter((p) => dirname(dirname(p)) === courseDir)
        .map((p) => basename(dirname(p))),
    );
    problems.push(...validateCourseFile(file, folders));
  }
  for (const file of lessonFiles) {
    const result = validateLesson(file);
    problems.push(...result.problems);
    if (result.lesson) lessons.push(result.lesson);
    else {
      const id = claimedLessonId(file);
      if (id !== undefined) brokenIds.add(id);
    }
  }
  problems.push(...crossLessonProblems(lessons, brokenIds));

  const lessonByBase = new Map(lessons.map((l) => [l.file.replace(/\.mdx?$/, ''), l]));
  for (const quiz of files.filter((f) => f.path.endsWith('.quiz.yaml'))) {
    const lesson = lessonByBase.get(quiz.path.replace(/\.quiz\.yaml$/, ''));
    if (!lesson) {
      if (!lessonFiles.some((f) => f.path.replace(/\.mdx?$/, '') === quiz.path.replace(/\.quiz\.yaml$/, ''))) {
        problems.push(error(quiz.path, 1, '(file)', `no lesson "${basename(quiz.path, '.quiz.yaml')}.mdx" beside this quiz; a quiz file must share its lesson's name`));
      }
      continue;
    }
    problems.push(
      ...(validateQuiz?.({
        file: quiz.path,
        source: quiz.text,
        lesson: {
          id: lesson.data.id,
          objectiveIds: lesson.data.objectives.map((o) => o.id),
          exerciseObjectiveIds: lesson.exerciseObjectives.map((e) => e.id),
          strict: lesson.data.strict,
        },
      }) ?? []),
    );
  }
  return problems;
}
