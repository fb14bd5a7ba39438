import { basename, dirname } from 'node:path';
import {
  type Problem,
  parseYamlWithPositions,
  schemaProblems,
  splitFrontMatter,
} from './problems';
import { courseSchema, lessonSchema, parseDuration, type LessonFrontMatter } from './schema';
import { checkLessonBody, type QuestionReference } from './lesson-body';
import { mathOptionsFor } from '../markdown/course-macros';

/** A file of the content tree: path relative to the project root and its text. */
export interface SourceFile {
  path: string;
  text: string;
  /** Set by the reader when the file is not valid UTF-8: the file is reported, not validated. */
  encodingProblem?: Problem;
}

/** A lesson whose front matter passed the schema, with what the cross-lesson checks need. */
export interface ValidLesson {
  file: string;
  data: LessonFrontMatter;
  lineOf: (path: (string | number)[]) => number;
  /** Objective ids named by `<Exercise objectives={[…]}>` in the body, with their lines. */
  exerciseObjectives: { id: string; line: number }[];
  /** Questions shown by `<CheckYourself>` in the body, checked against the quiz files. */
  questions: QuestionReference[];
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

/** The longest time a lesson or its homework may state; anything longer is a typo ("45 h" for "45 min"). */
const MAX_LESSON_MINUTES = 24 * 60;
const MAX_HOMEWORK_MINUTES = 80 * 60;

function durationProblem(text: string, maxMinutes: number): string | undefined {
  const d = parseDuration(text);
  if (!d) return undefined; // the schema has said so already
  if (d.min <= 0 || d.max <= 0) return `expected a time above zero (found "${text}")`;
  if (d.min > d.max) return `expected the shorter time first, like "2-3 h" (found "${text}")`;
  if (d.max > maxMinutes) return `expected at most ${maxMinutes / 60} h (found "${text}"); did you mean minutes?`;
  return undefined;
}

/** Values the schema's types accept but that make no sense on a lesson page. */
function sensibleValueProblems(data: LessonFrontMatter, lineOf: ValidLesson['lineOf'], file: string): Problem[] {
  const problems: Problem[] = [];
  const time = durationProblem(data.estimatedTime, MAX_LESSON_MINUTES);
  if (time) problems.push(error(file, lineOf(['estimatedTime']), 'estimatedTime', time));
  const homeworkTime = data.homework?.expectedTime === undefined ? undefined : durationProblem(data.homework.expectedTime, MAX_HOMEWORK_MINUTES);
  if (homeworkTime) problems.push(error(file, lineOf(['homework', 'expectedTime']), 'homework.expectedTime', homeworkTime));
  data.resources.forEach((r, i) => {
    let url: URL | undefined;
    try {
      url = new URL(r.url);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.') && url.hostname !== 'localhost') {
      problems.push(error(file, lineOf(['resources', i, 'url']), `resources.${i}.url`, `expected a web address starting with https:// or http:// and a host name (found "${r.url}")`));
    }
  });
  if (data.next === data.id) problems.push(error(file, lineOf(['next']), 'next', `a lesson cannot be its own next lesson`));
  const seen = new Set<string>();
  data.prerequisites.forEach((p, i) => {
    if (seen.has(p)) problems.push(error(file, lineOf(['prerequisites', i]), `prerequisites.${i}`, `"${p}" is listed twice`));
    seen.add(p);
  });
  return problems;
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
  problems.push(...sensibleValueProblems(data, doc.lineOf, file.path));
  // The body is checked with its front matter blanked out, so its lines are the file's lines.
  // With the course's own macros, as the build renders the lesson (src/markdown/rehype-math.ts).
  const body = checkLessonBody('\n'.repeat(parts.bodyFirstLine - 1) + parts.body, data.id, objectiveIds, mathOptionsFor(file.path));
  for (const p of body.problems) problems.push(error(file.path, p.line, p.field, p.message));
  const { exerciseObjectives, questions } = body;
  return { problems, lesson: { file: file.path, data, lineOf: doc.lineOf, exerciseObjectives, questions } };
}

/** Checks that need every lesson at once: unique ids, known prerequisites and next, no cycles. */
export function crossLessonProblems(lessons: readonly ValidLesson[], invalidIds: ReadonlySet<string> = new Set()): Problem[] {
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
      } else if (!byId.has(p) && !invalidIds.has(p)) {
        problems.push(error(lesson.file, lesson.lineOf(['prerequisites', i]), `prerequisites.${i}`, `unknown lesson id "${p}"; expected one of ${known()}`));
      }
    });
    const next = lesson.data.next;
    if (next !== undefined && next !== lesson.data.id && !byId.has(next) && !invalidIds.has(next)) {
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
  const ids = new Map<string, number>();
  const listed = new Map<string, number>();
  parsed.data.modules.forEach((m, i) => {
    if (ids.has(m.id)) problems.push(error(file.path, doc.lineOf(['modules', i, 'id']), `modules.${i}.id`, `module id "${m.id}" is already used by modules.${ids.get(m.id)}; ids must be unique`));
    else ids.set(m.id, i);
    if (listed.has(m.folder)) problems.push(error(file.path, doc.lineOf(['modules', i, 'folder']), `modules.${i}.folder`, `the folder "${m.folder}" is already listed by modules.${listed.get(m.folder)}; list each module once`));
    else listed.set(m.folder, i);
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
  /**
   * The ids of a quiz file's questions (for the lessons' CheckYourself references); default {@link quizQuestionIds}.
   * Parsing every quiz again is most of a dev edit's validation at 1,000 lessons: the dev server and the cache remember them.
   */
  questionIds?: (file: SourceFile) => Set<string> | undefined;
}

/** The id a lesson file claims even when its front matter fails: its `id:` line, else the id its file name starts with. */
export function claimedLessonId(file: SourceFile): string | undefined {
  const yaml = splitFrontMatter(file.text)?.yaml;
  const fromFrontMatter = yaml === undefined ? undefined : /^id:\s*["']?([0-9.]+)["']?\s*$/m.exec(yaml)?.[1];
  return fromFrontMatter ?? /^(\d+(?:\.\d+)+)(?:-|\.mdx?$)/.exec(basename(file.path))?.[1];
}

/** The ids of a quiz file's questions, or undefined when it does not parse (its own errors say why). */
export function quizQuestionIds(file: SourceFile): Set<string> | undefined {
  const data = parseYamlWithPositions(file.text).data as { questions?: { id?: unknown }[] } | undefined;
  if (!data || !Array.isArray(data.questions)) return undefined;
  return new Set(data.questions.map((q) => String(q?.id)));
}

/**
 * Where each file of the content tree belongs: every file must sit in a module folder that its
 * course.yaml lists, and be a lesson (.mdx), its quiz (.quiz.yaml) or the course.yaml itself, so that
 * nothing an author wrote is silently left out of the site.
 */
function placementProblems(files: readonly SourceFile[]): Problem[] {
  const problems: Problem[] = [];
  const courseFiles = new Map(files.filter((f) => basename(f.path) === 'course.yaml').map((f) => [dirname(f.path), f]));
  const listedFolders = new Map<string, Set<string>>();
  for (const [dir, file] of courseFiles) {
    const data = parseYamlWithPositions(file.text).data as { modules?: { folder?: unknown }[] } | undefined;
    listedFolders.set(dir, new Set((Array.isArray(data?.modules) ? data.modules : []).map((m) => String(m?.folder))));
  }
  // A course folder is a folder directly under the content folder; the content folder is the parent
  // of the course files, or of the folders that hold lessons.
  const contentDirs = new Set([...courseFiles.keys()].map((d) => dirname(d)));
  if (contentDirs.size === 0) for (const f of files) if (/\.mdx?$/.test(f.path)) contentDirs.add(dirname(dirname(dirname(f.path))));
  const missingCourse = new Set<string>();
  for (const file of files) {
    const contentDir = [...contentDirs].find((d) => file.path.startsWith(`${d}/`));
    if (contentDir === undefined) continue;
    const parts = file.path.slice(contentDir.length + 1).split('/');
    const courseDir = `${contentDir}/${parts[0]}`;
    if (parts.length === 2 && parts[1] === 'course.yaml') continue;
    if (parts.length === 1) {
      problems.push(error(file.path, 1, '(file)', `a file directly in the content folder is not part of any course; move it into content/<course>/<module folder>/`));
      continue;
    }
    if (!courseFiles.has(courseDir)) {
      if (!missingCourse.has(courseDir)) {
        missingCourse.add(courseDir);
        problems.push(error(file.path, 1, '(course)', `no course.yaml in ${courseDir}/; a course folder needs one that lists its modules (title, summary, modules)`));
      }
      continue;
    }
    const folder = parts.length >= 3 ? parts[1]! : undefined;
    if (parts.length !== 3 || !listedFolders.get(courseDir)!.has(folder!)) {
      const where = parts.length === 2 ? `directly in the course folder ${courseDir}/` : parts.length > 3 ? `in a subfolder of a module folder` : `in the folder "${folder}", which no module of ${courseDir}/course.yaml lists`;
      problems.push(error(file.path, 1, '(file)', `this file is ${where}, so it would not be published; expected content/<course>/<module folder>/<file> with the folder under modules in course.yaml`));
      continue;
    }
    const name = basename(file.path);
    if (name.endsWith('.md')) {
      problems.push(error(file.path, 1, '(file)', `lessons are MDX: rename it to ${name.replace(/\.md$/, '.mdx')}`));
    } else if (!name.endsWith('.mdx') && !name.endsWith('.quiz.yaml')) {
      problems.push(error(file.path, 1, '(file)', `a module folder holds lessons (.mdx) and their quizzes (.quiz.yaml); a quiz must be named <lesson file name>.quiz.yaml`));
    }
  }
  return problems;
}

export function validateContent(files: readonly SourceFile[], validateQuiz?: QuizValidator, options: ValidateContentOptions = {}): Problem[] {
  const validateLesson = options.validateLesson ?? validateLessonFile;
  const questionIds = options.questionIds ?? quizQuestionIds;
  const problems: Problem[] = [];
  const lessons: ValidLesson[] = [];
  for (const file of files) if (file.encodingProblem) problems.push(file.encodingProblem);
  files = files.filter((f) => !f.encodingProblem);
  problems.push(...placementProblems(files));
  const lessonFiles = files.filter((f) => f.path.endsWith('.mdx'));
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
  const invalidIds = new Set<string>();
  for (const file of lessonFiles) {
    const result = validateLesson(file);
    problems.push(...result.problems);
    if (result.lesson) lessons.push(result.lesson);
    else {
      const id = claimedLessonId(file);
      if (id) invalidIds.add(id);
    }
  }
  // A lesson whose own front matter is wrong is reported once, not again by every lesson naming it.
  problems.push(...crossLessonProblems(lessons, invalidIds));

  const lessonByBase = new Map(lessons.map((l) => [l.file.replace(/\.mdx?$/, ''), l]));
  const questionsByLesson = new Map<string, Set<string> | undefined>();
  for (const quiz of files.filter((f) => f.path.endsWith('.quiz.yaml'))) {
    const lesson = lessonByBase.get(quiz.path.replace(/\.quiz\.yaml$/, ''));
    if (!lesson) {
      if (!lessonFiles.some((f) => f.path.replace(/\.mdx?$/, '') === quiz.path.replace(/\.quiz\.yaml$/, ''))) {
        problems.push(error(quiz.path, 1, '(file)', `no lesson "${basename(quiz.path, '.quiz.yaml')}.mdx" beside this quiz; a quiz file must share its lesson's name`));
      }
      continue;
    }
    questionsByLesson.set(lesson.data.id, questionIds(quiz));
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
  // <CheckYourself question="…"> must name a question of the quiz it shows.
  for (const lesson of lessons) {
    for (const ref of lesson.questions) {
      const target = ref.lesson ?? lesson.data.id;
      if (ref.lesson !== undefined && !lessons.some((l) => l.data.id === ref.lesson)) {
        if (!invalidIds.has(ref.lesson)) problems.push(error(lesson.file, ref.line, 'CheckYourself.lesson', `unknown lesson id "${ref.lesson}"`));
        continue;
      }
      if (!questionsByLesson.has(target)) {
        problems.push(error(lesson.file, ref.line, 'CheckYourself.question', `lesson ${target} has no quiz file beside it, so it has no question "${ref.question}"`));
        continue;
      }
      const ids = questionsByLesson.get(target);
      if (ids && !ids.has(ref.question)) {
        problems.push(error(lesson.file, ref.line, 'CheckYourself.question', `the quiz of lesson ${target} has no question "${ref.question}"; expected one of ${[...ids].join(', ')}`));
      }
    }
  }
  return problems;
}
