/**
 * npm run new:lesson -- --id 1.2.40 --title "Jacobians" [--after 1.2.39] [--course math-for-ml] [--dry-run]
 *
 * Writes a lesson with every section and a starter quiz into the module folder that course.yaml
 * gives for the id's module, and with --after relinks the previous lesson's `next`. The plan comes
 * from src/authoring/scaffold.ts; this shell reads the content tree, writes the files and checks
 * the result with the same validator as the build.
 */
import '../src/lib/resolve-ts.ts';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { planNewLesson, ScaffoldError } = await import('../src/authoring/scaffold.ts');
const { readContentTree } = await import('../src/content/load.ts');
const { validateContent } = await import('../src/content/validate.ts');
const { formatProblem } = await import('../src/content/problems.ts');
const { validateQuizFile } = await import('../src/quiz/validate.ts');
// Formula questions are validated with their build half, which the site build loads only when a quiz has one.
await (await import('../src/quiz/expression/formula-build.ts')).loadFormulaBuild();

const usage = 'usage: npm run new:lesson -- --id 1.2.40 --title "Title" [--after 1.2.39] [--course <folder>] [--dry-run] [--root <project>]';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        id: { type: 'string' },
        title: { type: 'string' },
        after: { type: 'string' },
        course: { type: 'string' },
        root: { type: 'string', default: process.cwd() },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.id || !values.title) {
    console.error(`expected --id and --title\n${usage}`);
    return 2;
  }
  const root = resolve(values.root);
  const contentDir = join(root, 'content');
  if (!existsSync(contentDir)) {
    console.error(`no content/ folder in ${root}; run this from the project root or pass --root`);
    return 2;
  }
  const files = readContentTree(contentDir, root);
  let plan;
  try {
    plan = planNewLesson({ id: values.id, title: values.title, after: values.after, course: values.course }, files);
  } catch (error) {
    if (error instanceof ScaffoldError) {
      console.error(`new:lesson: ${error.message}`);
      return 1;
    }
    throw error;
  }
  for (const file of plan.files) {
    if (!values['dry-run']) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.text);
    }
    console.log(`${values['dry-run'] ? 'would ' : ''}${file.action === 'create' ? 'create' : 'update'} ${file.path}`);
  }
  for (const note of plan.notes) console.log(`  ${note}`);

  // The scaffold must build on the first try: check it with the build's own validator.
  const after = new Map(files.map((f) => [f.path, f.text]));
  for (const file of plan.files) after.set(file.path, file.text);
  const problems = validateContent([...after].map(([path, text]) => ({ path, text })), validateQuizFile).filter(
    (p) => p.severity === 'error' && plan.files.some((f) => f.path === p.file),
  );
  for (const problem of problems) console.error(formatProblem(problem));
  if (problems.length > 0) return 1;
  console.log(`\nNext: npm run dev and open ${plan.url}; replace the TODOs (npm run check lists those left).`);
  return 0;
}

process.exitCode = main();
