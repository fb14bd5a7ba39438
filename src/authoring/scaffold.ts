import { posix } from 'node:path';
import { parse } from 'yaml';
import { splitFrontMatter } from '../content/problems';
import { courseSchema, lessonIdPattern, type CourseData } from '../content/schema';
import type { SourceFile } from '../content/validate';
import { readFrontMatterField, removeFrontMatterField, setFrontMatterField } from './front-matter-edit';
import { slugify } from './slug';
import { frontMatterYaml, quizYaml, yamlScalar } from './yaml-text';

/**
 * The core of `npm run new:lesson`: from the content files in memory and a request, the files to
 * write. Pure, so the shell only reads and writes; every refusal is a ScaffoldError whose message
 * says what to do instead.
 */

const { basename, dirname } = posix;

export interface NewLessonRequest {
  id: string;
  title: string;
  /** Course folder under content/; may be left out when there is only one course. */
  course?: string;
  /** Id of the lesson the new one follows: it becomes the prerequisite and is relinked. */
  after?: string;
}

export interface PlannedFile {
  /** Path relative to the project root, like the paths of the input files. */
  path: string;
  text: string;
  action: 'create' | 'update';
}

export interface NewLessonPlan {
  lessonFile: string;
  quizFile: string;
  files: PlannedFile[];
  /** What changed besides the new files, and what the author should look at next. */
  notes: string[];
  /** Site path of the new lesson. */
  url: string;
}

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

/** A lesson on disk: its file, its id and its course folder. */
export interface LessonOnDisk {
  file: string;
  id: string;
  course: string;
  text: string;
}

/**
 * Every lesson in the content tree with its id, read from the front matter (the file name's prefix
 * when the front matter cannot be read, so a half-broken lesson still blocks its id).
 */
export function lessonsOnDisk(files: readonly SourceFile[], contentRoot = 'content'): LessonOnDisk[] {
  const lessons: LessonOnDisk[] = [];
  for (const file of files) {
    if (!/\.mdx?$/.test(file.path) || !file.path.startsWith(`${contentRoot}/`)) continue;
    const course = file.path.slice(contentRoot.length + 1).split('/')[0]!;
    let id: string | undefined;
    const parts = splitFrontMatter(file.text);
    try {
      const data: unknown = parts ? parse(parts.yaml) : undefined;
      const value = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
      if (typeof value === 'string') id = value;
    } catch {
      // Unreadable front matter: fall back to the file name below.
    }
    id ??= /^(\d+\.\d+\.\d+)(?:-|\.mdx?$)/.exec(basename(file.path))?.[1];
    if (id) lessons.push({ file: file.path, id, course, text: file.text });
  }
  return lessons;
}

/** The course a command works on: the one named, or the only one there is. */
export function findCourse(files: readonly SourceFile[], contentRoot: string, requested: string | undefined): { folder: string; path: string; data: CourseData } {
  const courseFiles = files.filter((f) => basename(f.path) === 'course.yaml' && dirname(dirname(f.path)) === contentRoot);
  const folders = courseFiles.map((f) => basename(dirname(f.path)));
  let folder = requested;
  if (folder === undefined) {
    if (folders.length !== 1) {
      throw new ScaffoldError(`expected --course with one of ${folders.join(', ') || '(no courses under content/)'}`);
    }
    folder = folders[0]!;
  }
  const file = courseFiles.find((f) => basename(dirname(f.path)) === folder);
  if (!file) {
    throw new ScaffoldError(`no course "${folder}": expected one of ${folders.join(', ') || '(none)'} (a folder under ${contentRoot}/ with a course.yaml)`);
  }
  const parsed = courseSchema.safeParse(parse(file.text));
  if (!parsed.success) {
    throw new ScaffoldError(`${file.path} is not valid (${parsed.error.issues[0]?.message ?? 'schema error'}); run npm run check and fix it first`);
  }
  return { folder, path: file.path, data: parsed.data };
}

/** Module id of a lesson id: "1.2.40" → "1.2". */
export function moduleIdOf(lessonId: string): string {
  return lessonId.split('.').slice(0, 2).join('.');
}

export function planNewLesson(request: NewLessonRequest, files: readonly SourceFile[], contentRoot = 'content'): NewLessonPlan {
  const { id, after } = request;
  const title = request.title.trim();
  if (!lessonIdPattern.test(id)) throw new ScaffoldError(`expected --id like 1.2.40 (course.module.lesson, numbers only), found "${id}"`);
  if (title === '') throw new ScaffoldError('expected --title "…" with the lesson title');
  if (after !== undefined && !lessonIdPattern.test(after)) throw new ScaffoldError(`expected --after like 1.2.39, found "${after}"`);

  const course = findCourse(files, contentRoot, request.course);
  const moduleId = moduleIdOf(id);
  const module = course.data.modules.find((m) => m.id === moduleId);
  if (!module) {
    const known = course.data.modules.map((m) => `${m.id} ${m.title}`).join(', ');
    throw new ScaffoldError(
      `no module "${moduleId}" in ${course.path} (modules: ${known}); add the module there, with its folder, before its first lesson`,
    );
  }

  const lessons = lessonsOnDisk(files, contentRoot);
  const existing = lessons.find((l) => l.id === id);
  if (existing) throw new ScaffoldError(`lesson ${id} already exists: ${existing.file}; choose another id`);

  const slug = slugify(title) || 'lesson';
  const folder = `${contentRoot}/${course.folder}/${module.folder}`;
  const lessonFile = `${folder}/${id}-${slug}.mdx`;
  const quizFile = `${folder}/${id}-${slug}.quiz.yaml`;
  const notes: string[] = [];
  const files_: PlannedFile[] = [];

  let previous: LessonOnDisk | undefined;
  let inheritedNext: string | undefined;
  let inheritedPreview: string | undefined;
  let difficulty = 'starter';
  if (after !== undefined) {
    previous = lessons.find((l) => l.id === after && l.course === course.folder);
    if (!previous) {
      const known = lessons.filter((l) => l.course === course.folder).map((l) => l.id).sort().join(', ');
      throw new ScaffoldError(`--after ${after}: no such lesson in course ${course.folder} (lessons: ${known || 'none'})`);
    }
    const oldNext = readFrontMatterField(previous.text, 'next');
    const oldPreview = readFrontMatterField(previous.text, 'nextPreview');
    const oldDifficulty = readFrontMatterField(previous.text, 'difficulty');
    if (typeof oldNext === 'string') inheritedNext = oldNext;
    if (typeof oldPreview === 'string') inheritedPreview = oldPreview;
    if (typeof oldDifficulty === 'string') difficulty = oldDifficulty;

    let text = setFrontMatterField(previous.text, 'next', JSON.stringify(id), ['prerequisites', 'resources']);
    if (inheritedPreview !== undefined) {
      // The old preview describes the old next lesson, which now follows the new one: it moves there.
      text = setFrontMatterField(text, 'nextPreview', yamlScalar(`TODO: a sentence or two on what lesson ${id}, ${title}, covers.`));
    } else {
      text = removeFrontMatterField(text, 'nextPreview');
    }
    files_.push({ path: previous.file, text, action: 'update' });
    notes.push(`${previous.file}: next is now "${id}"${typeof oldNext === 'string' ? ` (was "${oldNext}")` : ''}`);
    if (inheritedNext !== undefined) notes.push(`${lessonFile}: next is "${inheritedNext}", taken over from ${after}`);
    if (inheritedPreview !== undefined) notes.push(`${previous.file}: nextPreview moved to the new lesson; write a new one for ${id}`);
  }

  files_.unshift(
    { path: lessonFile, text: lessonTemplate({ id, title, topic: module.title, difficulty, prerequisites: previous ? [previous.id] : [], next: inheritedNext, nextPreview: inheritedPreview }), action: 'create' },
    { path: quizFile, text: quizTemplate(id, posix.relative(folder, 'schemas/quiz.schema.json')), action: 'create' },
  );
  return { lessonFile, quizFile, files: files_, notes, url: `/${course.folder}/${id}/` };
}

/** The three placeholder objectives, one per exercise level, so every level has something to assess. */
export const scaffoldObjectives = [
  { id: 'explain-core-idea', text: 'TODO: Explain the core idea of the lesson in your own words.', level: 'starter' },
  { id: 'apply-method', text: 'TODO: Apply the method to a worked problem and check the result.', level: 'intermediate' },
  { id: 'extend-to-new-case', text: 'TODO: Extend the method to a case the lesson did not cover.', level: 'advanced' },
] as const;

export interface LessonTemplateInput {
  id: string;
  title: string;
  topic: string;
  difficulty: string;
  prerequisites: string[];
  next?: string;
  nextPreview?: string;
}

export function lessonTemplate(input: LessonTemplateInput): string {
  const { id } = input;
  const frontMatter = frontMatterYaml({
    id,
    title: input.title,
    summary: 'TODO: One or two sentences on what the learner will be able to do after this lesson.',
    topic: input.topic,
    difficulty: input.difficulty,
    estimatedTime: '2 h',
    prerequisites: input.prerequisites,
    objectives: scaffoldObjectives.map(({ id: objectiveId, text }) => ({ id: objectiveId, text })),
    resources: [{ title: 'TODO: a resource worth opening', url: 'https://example.org/', note: 'TODO: why it helps.' }],
    ...(input.next ? { next: input.next } : {}),
    ...(input.nextPreview ? { nextPreview: input.nextPreview } : {}),
    homework: {
      expectedTime: '1 h',
      items: [
        { id: 'do-exercises', text: `Work through exercises ${id}.1 to ${id}.3, writing an answer before opening each solution.` },
        { id: 'mini-project', text: 'Finish the mini-project and write a short note on what you found.' },
      ],
    },
  });
  const exercise = (n: number, objective: (typeof scaffoldObjectives)[number]) => `<Exercise id="${id}.${n}" level="${objective.level}" objectives={["${objective.id}"]} title="TODO: a ${objective.level} exercise">

TODO: the task, with the numbers the learner needs.

<Solution>

TODO: the worked solution, step by step.

</Solution>

</Exercise>`;
  return `---
${frontMatter}---

{/* Scaffolded by npm run new:lesson. Replace every TODO (npm run check lists those left); the guide at /guide/ shows every component. */}

TODO: Open with the question this lesson answers and why it matters, in two or three sentences.

<CoreIdeas>

- TODO: the first idea, in one sentence.
- TODO: the second idea.
- TODO: the third idea.

</CoreIdeas>

## TODO: the first section

TODO: Explain the idea. Math works inline, as in $f(x) = x^2$, and on its own lines:

$$
f'(x) = \\lim_{h \\to 0} \\frac{f(x + h) - f(x)}{h}
$$

### Worked example

TODO: Work one example through, step by step, with real numbers.

<Callout type="tip" title="TODO: a practical tip">

TODO: a tip, a warning or a pointer (type note, tip, warning or seealso), or delete this callout.

</Callout>

## Exercises

${scaffoldObjectives.map((objective, i) => exercise(i + 1, objective)).join('\n\n')}

<MiniProject title="TODO: a small project">

TODO: What to build, what to report, and how to tell that it works.

</MiniProject>

<KeyTakeaways>

- TODO: the first thing to remember.
- TODO: the second.
- TODO: the third.

</KeyTakeaways>
`;
}

/** A starter quiz: one question per placeholder objective, one of each common question type. */
export function quizTemplate(lessonId: string, schemaPath: string): string {
  const [explain, apply, extend] = scaffoldObjectives;
  return quizYaml(
    {
      questions: [
        {
          id: 'q-core-idea',
          type: 'true-false',
          objectives: [explain.id],
          prompt: 'TODO: A statement about the core idea that is either true or false.',
          answer: true,
          feedback: { incorrect: 'TODO: why a learner might answer false, and why that is wrong.' },
          explanation: 'TODO: Why the statement is true.',
        },
        {
          id: 'q-apply-method',
          type: 'single',
          objectives: [apply.id],
          prompt: 'TODO: A question with one right answer among the choices.',
          choices: [
            { id: 'a', text: 'TODO: the right answer' },
            { id: 'b', text: 'TODO: a tempting wrong answer', feedback: 'TODO: why this is tempting but wrong.' },
            { id: 'c', text: 'TODO: another wrong answer', feedback: 'TODO: the misconception behind it.' },
          ],
          answer: 'a',
          explanation: 'TODO: Why a is right.',
        },
        {
          id: 'q-extend',
          type: 'numeric',
          objectives: [extend.id],
          prompt: 'TODO: A question whose answer is a number, such as $2 \\times 3$.',
          answer: 6,
          tolerance: 0.01,
          explanation: 'TODO: How to get the number.',
        },
      ],
    },
    [
      `yaml-language-server: $schema=${schemaPath}`,
      `Quiz for lesson ${lessonId}. Question types and their fields: /guide/quizzes/ on the dev server.`,
    ],
  );
}
