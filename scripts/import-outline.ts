/**
 * npm run import -- path/to/outline.md [--course math-for-ml] [--out dir] [--force] [--dry-run]
 *
 * Converts a structured Markdown lesson outline into `<id>-<slug>.mdx` and `<id>-<slug>.quiz.yaml`
 * in the module folder that course.yaml gives for the lesson id (or in --out), then lists what it
 * could not map and the defaults it chose. The conversion is src/authoring/import-outline.ts.
 */
import '../src/lib/resolve-ts.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { importOutline, OutlineError } = await import('../src/authoring/import-outline.ts');
const { findCourse, lessonsOnDisk, moduleIdOf, ScaffoldError } = await import('../src/authoring/scaffold.ts');
const { readContentTree } = await import('../src/content/load.ts');
const { validateContent } = await import('../src/content/validate.ts');
const { formatProblem } = await import('../src/content/problems.ts');
const { validateQuizFile } = await import('../src/quiz/validate.ts');
// Formula questions are validated with their build half, which the site build loads only when a quiz has one.
await (await import('../src/quiz/expression/formula-build.ts')).loadFormulaBuild();

const usage = 'usage: npm run import -- path/to/outline.md [--course <folder>] [--out <dir>] [--force] [--dry-run] [--root <project>]';

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        course: { type: 'string' },
        out: { type: 'string' },
        root: { type: 'string', default: process.cwd() },
        force: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`expected one outline file\n${usage}`);
    return 2;
  }
  const root = resolve(values.root);
  const outlinePath = resolve(positionals[0]!);
  if (!existsSync(outlinePath)) {
    console.error(`import: no file ${positionals[0]}`);
    return 1;
  }
  const outline = readFileSync(outlinePath, 'utf8');
  const files = existsSync(join(root, 'content')) ? readContentTree(join(root, 'content'), root) : [];
  const lessons = lessonsOnDisk(files);

  try {
    // A first pass only to learn the id, which decides the module folder and the known lessons.
    const { id } = importOutline(outline);
    let outDir: string;
    let topic: string | undefined;
    let known: Set<string> | undefined;
    if (values.out) {
      outDir = resolve(values.out);
      // Links to lessons that do not exist would not validate; they are left out and noted.
      known = new Set([...lessons.map((l) => l.id), id]);
    } else {
      const course = findCourse(files, 'content', values.course);
      const module = course.data.modules.find((m) => m.id === moduleIdOf(id));
      if (!module) {
        console.error(`import: no module "${moduleIdOf(id)}" in ${course.path} (modules: ${course.data.modules.map((m) => m.id).join(', ')}); add it there or pass --out`);
        return 1;
      }
      outDir = join(root, 'content', course.folder, module.folder);
      topic = module.title;
      known = new Set([...lessons.filter((l) => l.course === course.folder).map((l) => l.id), id]);
      const existing = lessons.find((l) => l.id === id);
      if (existing && !values.force) {
        console.error(`import: lesson ${id} already exists: ${existing.file}; pass --force to overwrite it, or --out to write elsewhere`);
        return 1;
      }
    }
    const source = relative(root, outlinePath) || basename(outlinePath);
    const result = importOutline(outline, {
      source: basename(outlinePath),
      knownLessonIds: known,
      topic,
      schemaPath: relative(outDir, join(root, 'schemas/quiz.schema.json')).split('\\').join('/'),
    });
    const written = [
      { path: join(outDir, `${result.baseName}.mdx`), text: result.mdx },
      { path: join(outDir, `${result.baseName}.quiz.yaml`), text: result.quiz },
    ];
    for (const file of written) {
      if (existsSync(file.path) && !values.force) {
        console.error(`import: ${relative(root, file.path)} exists; pass --force to overwrite it`);
        return 1;
      }
    }
    for (const file of written) {
      if (!values['dry-run']) {
        mkdirSync(outDir, { recursive: true });
        writeFileSync(file.path, file.text);
      }
      console.log(`${values['dry-run'] ? 'would write' : 'wrote'} ${relative(root, file.path)}`);
    }

    const levels = ['starter', 'intermediate', 'advanced'].map((level) => `${result.exercises.filter((e) => e.level === level).length} ${level}`);
    const kinds = ['true-false', 'conceptual', 'coding', 'objective'].map((kind) => [kind, result.questions.filter((q) => q.kind === kind).length] as const).filter(([, n]) => n > 0);
    console.log(`\nimported lesson ${result.id} "${result.title}" from ${source}:`);
    console.log(`  ${result.objectives.length} objectives, ${result.exercises.length} exercises (${levels.join(', ')}), ${result.questions.length} questions (${kinds.map(([k, n]) => `${n} ${k}`).join(', ') || 'none'})`);
    if (result.unmapped.length > 0) {
      console.log('\ncould not map (kept as Markdown in the lesson body unless marked dropped):');
      for (const u of result.unmapped) console.log(`  ${source}:${u.line}  ${u.kept ? 'kept   ' : 'dropped'}  [${u.section}] ${u.text}`);
    }
    if (result.notes.length > 0) {
      console.log('\nchoices to review:');
      for (const note of result.notes) console.log(`  - ${note}`);
    }

    // The import must validate: check it with the build's own validator.
    const added = written.map((f) => ({ path: relative(root, f.path), text: f.text }));
    const byPath = new Map(files.map((f) => [f.path, f.text]));
    for (const f of added) byPath.set(f.path, f.text);
    const problems = validateContent([...byPath].map(([path, text]) => ({ path, text })), validateQuizFile).filter(
      (p) => p.severity === 'error' && added.some((f) => f.path === p.file),
    );
    for (const problem of problems) console.error(formatProblem(problem));
    return problems.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof OutlineError || error instanceof ScaffoldError) {
      console.error(`import: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
