/**
 * npm run import -- <page or folder> [options]
 *
 *   an outline (`# Lesson 1.2.38: Title`)   → one lesson, as before (scripts/import-outline.ts)
 *   a MyST page (.md) or notebook (.ipynb)  → one lesson: --id 1.2.40, or the next free id in --module (default: the last module)
 *   a folder (Jupyter Book _toc.yml, myst.yml, or plain) → a new course: one module per part, lessons in the book's order,
 *                                            links between its pages rewritten to lesson links
 *
 * Options: --course <folder> (the course to add a page to), --number <n> (a new course's number), --force, --dry-run,
 * --root <project>. Lists what it did not convert (each stays visible in the lesson as a "Not converted" callout),
 * the choices to review, and validates what it wrote with the build's own validator.
 * The conversion is src/authoring/import/ (pure); this file reads and writes files.
 */
import '../src/lib/resolve-ts.ts';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, posix, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('-'));
const isOutline = (text: string) => /^\s{0,3}#\s+Lesson\s+\d+\.\d+\.\d+\b/m.test(text.split('\n').find((l) => l.trim() !== '') ?? '');
if (target && existsSync(target) && statSync(target).isFile() && /\.(md|txt|markdown)$/i.test(target) && isOutline(readFileSync(target, 'utf8'))) {
  await import('./import-outline.ts');
} else {
  process.exitCode = await main();
}

async function main(): Promise<number> {
  const { importPage, formatOf, PageImportError } = await import('../src/authoring/import/page.ts');
  const { planBook, BookError } = await import('../src/authoring/import/book.ts');
  const { sectionLabels } = await import('../src/authoring/import/quarto.ts');
  const { findCourse, lessonsOnDisk, moduleIdOf, ScaffoldError } = await import('../src/authoring/scaffold.ts');
  const { slugify } = await import('../src/authoring/slug.ts');
  const { readContentTree } = await import('../src/content/load.ts');
  const { validateContent } = await import('../src/content/validate.ts');
  const { formatProblem } = await import('../src/content/problems.ts');
  const { validateQuizFile } = await import('../src/quiz/validate.ts');
  // Formula questions are validated with their build half, which the site build loads only when a quiz has one.
  await (await import('../src/quiz/expression/formula-build.ts')).loadFormulaBuild();
  const { frontMatterYaml } = await import('../src/authoring/yaml-text.ts');

  const usage = 'usage: npm run import -- <page.md|page.ipynb|outline.md|book-folder> [--id 1.2.40] [--module 1.2] [--course <folder>] [--number <n>] [--force] [--dry-run] [--root <project>]';
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        module: { type: 'string' },
        course: { type: 'string' },
        number: { type: 'string' },
        root: { type: 'string', default: process.cwd() },
        force: { type: 'boolean', default: false },
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
  if (positionals.length !== 1) {
    console.error(`expected one page or folder\n${usage}`);
    return 2;
  }
  const root = resolve(values.root);
  const input = resolve(positionals[0]!);
  if (!existsSync(input)) {
    console.error(`import: no file or folder ${positionals[0]}`);
    return 1;
  }
  const contentDir = join(root, 'content');
  const files = existsSync(contentDir) ? readContentTree(contentDir, root) : [];
  const lessons = lessonsOnDisk(files);
  const written: { path: string; text?: string; copyFrom?: string }[] = [];
  const show = (p: string) => relative(root, p) || p;
  let unconvertedCount = 0;

  /** Images next to the lesson, in the module's images/ folder; a name taken by another file gets a number. */
  function imageCopier(pageFile: string, moduleDir: string, bookRoot: string) {
    return (url: string): string | undefined => {
      if (/^[a-z]+:/i.test(url)) return undefined; // remote images are not fetched: reported, kept as source
      const wanted = decodeURIComponent(url.split(/[?#]/)[0]!);
      // `/…` is relative to the book's root, as Jupyter Book reads it.
      const from = wanted.startsWith('/') ? join(bookRoot, wanted) : resolve(dirname(pageFile), wanted);
      if (!existsSync(from) || !statSync(from).isFile()) return undefined;
      let name = basename(from);
      for (let k = 2; written.some((w) => w.path === join(moduleDir, 'images', name) && w.copyFrom !== from); k++) name = `${basename(from, extname(from))}-${k}${extname(from)}`;
      const path = join(moduleDir, 'images', name);
      if (!written.some((w) => w.path === path)) written.push({ path, copyFrom: from });
      return `./images/${name}`;
    };
  }

  /** The book a page belongs to: the nearest folder above it with a book configuration. */
  function bookRootOf(pageFile: string): string {
    for (let dir = dirname(pageFile); ; dir = dirname(dir)) {
      if (['_toc.yml', '_config.yml', 'myst.yml', '_quarto.yml'].some((f) => existsSync(join(dir, f)))) return dir;
      if (dirname(dir) === dir) return dirname(pageFile);
    }
  }

  function importOne(pageFile: string, lessonId: string, moduleDir: string, topic: string, link?: (url: string) => string | undefined, crossRef?: (label: string) => { url: string; title: string } | undefined) {
    const source = relative(process.cwd(), pageFile) || pageFile;
    const result = importPage(readFileSync(pageFile, 'utf8'), {
      source,
      lessonId,
      topic,
      image: imageCopier(pageFile, moduleDir, bookRootOf(pageFile)),
      link,
      crossRef,
      include: (path) => {
        const file = path.startsWith('/') ? join(bookRootOf(pageFile), path) : resolve(dirname(pageFile), path);
        return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
      },
      schemaPath: relative(moduleDir, join(root, 'schemas/quiz.schema.json')).split('\\').join('/'),
    });
    written.push({ path: join(moduleDir, `${result.baseName}.mdx`), text: result.mdx }, { path: join(moduleDir, `${result.baseName}.quiz.yaml`), text: result.quiz });
    console.log(`lesson ${lessonId} "${result.title}" from ${source}`);
    for (const u of result.unconverted) console.log(`  ${source}:${u.line}  not converted  ${u.what}`);
    for (const note of result.notes) console.log(`  - ${note}`);
    unconvertedCount += result.unconverted.length;
  }

  try {
    if (statSync(input).isDirectory()) {
      const all: string[] = [];
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.name.startsWith('.') || e.name === '_build' || e.name === 'node_modules') continue;
          const full = join(dir, e.name);
          if (e.isDirectory()) walk(full);
          else all.push(relative(input, full).split('\\').join('/'));
        }
      };
      walk(input);
      const plan = planBook(basename(input), all, (name) => (existsSync(join(input, name)) ? readFileSync(join(input, name), 'utf8') : undefined));
      const used = new Set(lessons.map((l) => Number(l.id.split('.')[0])));
      const number = values.number ?? String(Math.max(0, ...used) + 1);
      if (!/^\d+$/.test(number)) {
        console.error(`import: --number expects a whole number, found "${number}"`);
        return 2;
      }
      const folder = values.course ?? (slugify(plan.title) || 'imported-course');
      const courseDir = join(contentDir, folder);
      if (existsSync(courseDir) && !values.force) {
        console.error(`import: ${show(courseDir)} exists; pass --force to overwrite it, or --course <folder> for another name`);
        return 1;
      }
      // Every page's lesson id first, so links between pages can be rewritten.
      const ids = new Map<string, string>();
      plan.modules.forEach((m, i) => m.pages.forEach((p, k) => ids.set(p.replace(/\.\w+$/, ''), `${number}.${i + 1}.${k + 1}`)));
      // Section labels of every page, so a reference to another page's section becomes a link to its lesson.
      const sections = new Map<string, { url: string; title: string }>();
      for (const page of plan.modules.flatMap((m) => m.pages)) {
        const id = ids.get(page.replace(/\.\w+$/, ''))!;
        if (!/\.(md|qmd)$/i.test(page)) continue;
        for (const [label, s] of sectionLabels(readFileSync(join(input, page), 'utf8'))) sections.set(label, { url: `/${folder}/${id}/${s.anchor ? `#${s.anchor}` : ''}`, title: s.title });
      }
      const modules = plan.modules.map((m, i) => ({ id: `${number}.${i + 1}`, title: m.title, folder: `${number}.${i + 1}-${slugify(m.title) || 'module'}` }));
      written.push({
        path: join(courseDir, 'course.yaml'),
        text: `# yaml-language-server: $schema=${relative(courseDir, join(root, 'schemas/course.schema.json'))}\n${frontMatterYaml({ title: plan.title, summary: `TODO: one sentence on what ${plan.title} covers (imported from ${basename(input)}).`, modules })}`,
      });
      plan.modules.forEach((m, i) => {
        const moduleDir = join(courseDir, modules[i]!.folder);
        for (const page of m.pages) {
          const here = posix.dirname(page);
          const link = (url: string) => {
            const m2 = /^([^#?:]+?)(\.md|\.ipynb|\.html)?(#.*)?$/.exec(url);
            if (!m2 || /^[a-z]+:|^\//i.test(url)) return undefined;
            const id = ids.get(posix.normalize(posix.join(here, m2[1]!)));
            return id ? `/${folder}/${id}/${m2[3] ?? ''}` : undefined;
          };
          importOne(join(input, page), ids.get(page.replace(/\.\w+$/, ''))!, moduleDir, m.title, link, (label) => sections.get(label));
        }
      });
      for (const page of plan.unlisted) console.log(`  ${page}: not in the table of contents; not imported`);
    } else {
      if (!formatOf(input)) {
        console.error(`import: ${positionals[0]}: expected a MyST page (.md), a notebook (.ipynb), an outline, or a book folder`);
        return 1;
      }
      const course = findCourse(files, 'content', values.course);
      let id = values.id;
      const moduleId = id ? moduleIdOf(id) : (values.module ?? course.data.modules[course.data.modules.length - 1]!.id);
      const module = course.data.modules.find((m) => m.id === moduleId);
      if (!module) {
        console.error(`import: no module "${moduleId}" in ${course.path} (modules: ${course.data.modules.map((m) => m.id).join(', ')})`);
        return 1;
      }
      if (id && !/^\d+\.\d+\.\d+$/.test(id)) {
        console.error(`import: --id expects a lesson id like 1.2.40, found "${id}"`);
        return 2;
      }
      if (!id) {
        const last = Math.max(0, ...lessons.filter((l) => moduleIdOf(l.id) === moduleId).map((l) => Number(l.id.split('.')[2])));
        id = `${moduleId}.${last + 1}`;
        console.log(`no --id given: using ${id}, the next free id in module ${moduleId}`);
      }
      const existing = lessons.find((l) => l.id === id);
      if (existing && !values.force) {
        console.error(`import: lesson ${id} already exists: ${existing.file}; pass --force to overwrite it, or another --id`);
        return 1;
      }
      importOne(input, id, join(contentDir, course.folder, module.folder), module.title);
    }
  } catch (error) {
    if (error instanceof PageImportError || error instanceof BookError || error instanceof ScaffoldError) {
      console.error(`import: ${error.message}`);
      return 1;
    }
    throw error;
  }

  for (const file of written) {
    if (file.text !== undefined && existsSync(file.path) && !values.force) {
      console.error(`import: ${show(file.path)} exists; pass --force to overwrite it`);
      return 1;
    }
  }
  for (const file of written) {
    if (!values['dry-run']) {
      mkdirSync(dirname(file.path), { recursive: true });
      if (file.copyFrom) copyFileSync(file.copyFrom, file.path);
      else writeFileSync(file.path, file.text!);
    }
  }
  console.log(`\n${values['dry-run'] ? 'would write' : 'wrote'} ${written.length} files (${written.filter((w) => w.copyFrom).length} images); ${unconvertedCount} things not converted (listed above, each kept visible in its lesson)`);

  // What was written must validate: the build's own validator, on the whole content tree.
  const added = written.filter((f) => f.text !== undefined).map((f) => ({ path: relative(root, f.path).split('\\').join('/'), text: f.text! }));
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  for (const f of added) byPath.set(f.path, f.text);
  const problems = validateContent([...byPath].map(([path, text]) => ({ path, text })), validateQuizFile).filter((p) => p.severity === 'error' && added.some((f) => f.path === p.file));
  for (const problem of problems) console.error(formatProblem(problem));
  return problems.length > 0 ? 1 : 0;
}
