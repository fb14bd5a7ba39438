/**
 * npm run check [-- --build] [--skip-types] [--skip-links]
 *
 * Everything that can be wrong with the course, in one list of `file:line  error  field: message`:
 *   1. content: course.yaml, lesson front matter, exercises and quizzes (the build's own validator),
 *      plus a warning for every TODO a scaffold left behind;
 *   2. types: `astro check` (TypeScript and .astro files);
 *   3. links: every internal href/src/srcset and #anchor of the built site in dist/ (--build builds
 *      it first), reported at the source MDX line when the link is written there; external links
 *      are counted, not fetched.
 * Exits 1 when there is any error.
 */
import '../src/lib/resolve-ts.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Problem } from '../src/content/problems.ts';
import type { PageSource, SitePage } from '../src/authoring/link-check.ts';

const { readContentTree } = await import('../src/content/load.ts');
const { validateContent } = await import('../src/content/validate.ts');
const { formatProblem } = await import('../src/content/problems.ts');
const { checkLinks } = await import('../src/authoring/link-check.ts');
const { lessonsOnDisk } = await import('../src/authoring/scaffold.ts');
const { todoProblems } = await import('../src/authoring/todos.ts');

// The quiz validator belongs to the quiz module; content checks still run without it.
// Formula questions are validated with their build half, which the site build loads only when a quiz has one.
const validateQuiz = await import('../src/quiz/validate.ts').then(
  async (m) => {
    await (await import('../src/quiz/expression/formula-build.ts')).loadFormulaBuild();
    return m.validateQuizFile;
  },
  () => undefined,
);

const { values } = parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    'skip-types': { type: 'boolean', default: false },
    'skip-links': { type: 'boolean', default: false },
    root: { type: 'string', default: process.cwd() },
  },
});
const root = resolve(values.root);
const astroBin = join(import.meta.dirname, '../node_modules/astro/bin/astro.mjs');
const problems: Problem[] = [];
let failedSteps = 0;
let typeErrors = 0;

function section(title: string) {
  console.log(`\n── ${title}`);
}

function report(list: readonly Problem[]) {
  for (const p of list) (p.severity === 'error' ? console.error : console.warn)(formatProblem(p));
  problems.push(...list);
}

// 1. Content.
section('content');
const contentFiles = readContentTree(join(root, 'content'), root);
const contentProblems = validateContent(contentFiles, validateQuiz);
report(contentProblems);
report(todoProblems(contentFiles));
console.log(`${contentFiles.length} files, ${contentProblems.filter((p) => p.severity === 'error').length} errors${validateQuiz ? '' : ' (quizzes not checked: src/quiz/validate.ts not found)'}`);

// 2. Types.
if (!values['skip-types']) {
  section('types (astro check)');
  const result = spawnSync(process.execPath, [astroBin, 'check'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  // eslint-disable-next-line no-control-regex
  const summary = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  typeErrors = Number(/^- (\d+) errors?$/m.exec(summary)?.[1] ?? (result.status === 0 ? 0 : NaN));
  if (result.status !== 0) {
    failedSteps += 1;
    console.error(`astro check found ${Number.isNaN(typeErrors) ? 'errors' : `${typeErrors} type errors`} (listed above)`);
  }
}

// 3. Links of the built site.
if (!values['skip-links']) {
  if (values.build) {
    section('build');
    const result = spawnSync(process.execPath, [astroBin, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    if (result.status !== 0) failedSteps += 1;
  }
  section('links (dist/)');
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    report([{ file: 'dist', line: 0, field: '(site)', message: 'no built site; run npm run build first, or npm run check -- --build', severity: 'error' }]);
  } else {
    const files = listFiles(dist);
    const pages: SitePage[] = files.filter((f) => f.endsWith('.html')).map((path) => ({ path, html: readFileSync(join(dist, path), 'utf8') }));
    const site = /\bsite:\s*['"]([^'"]+)['"]/.exec(readFileSafe(join(root, 'astro.config.mjs')))?.[1];
    const linkReport = checkLinks({ pages, files: new Set(files), site, sources: pageSources(pages) });
    report(linkReport.problems);
    console.log(`${pages.length} pages, ${linkReport.checked} internal links and resources checked, ${linkReport.problems.length} broken`);
    if (linkReport.external.length > 0) {
      console.log(`external links (not fetched), by count:`);
      for (const link of linkReport.external) console.log(`  ${String(link.count).padStart(3)}  ${link.url}`);
    }
  }
}

const errors = problems.filter((p) => p.severity === 'error').length;
const warnings = problems.length - errors;
section('summary');
const types = values['skip-types'] ? 'types not checked' : Number.isNaN(typeErrors) ? 'astro check failed' : `${typeErrors} type error${typeErrors === 1 ? '' : 's'}`;
console.log(`${errors} content and link error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${types}${failedSteps ? `; ${failedSteps} step${failedSteps === 1 ? '' : 's'} failed` : ''}`);
process.exitCode = errors > 0 || failedSteps > 0 ? 1 : 0;

function readFileSafe(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? listFiles(full, base) : [relative(base, full).split('\\').join('/')];
  });
}

/** The file each page was built from: lessons by course and id, other pages from src/pages. */
function pageSources(pages: readonly SitePage[]): Map<string, PageSource> {
  const sources = new Map<string, PageSource>();
  const lessons = new Map(lessonsOnDisk(contentFiles).map((l) => [`${l.course}/${l.id}/index.html`, l]));
  for (const page of pages) {
    const lesson = lessons.get(page.path);
    if (lesson) {
      sources.set(page.path, { file: lesson.file, text: lesson.text });
      continue;
    }
    const stem = page.path.replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '');
    const candidates = ['.mdx', '.md', '.astro', '/index.mdx', '/index.md', '/index.astro'].map((ext) => `src/pages/${stem || 'index'}${ext}`);
    const file = candidates.find((c) => existsSync(join(root, c)));
    if (file) sources.set(page.path, { file, text: readFileSync(join(root, file), 'utf8') });
  }
  return sources;
}
