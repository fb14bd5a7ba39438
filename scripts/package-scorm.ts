/**
 * npm run package:scorm -- --version 1.2|2004 [--dist dist] [--out dist-scorm] [--passing 0.7]
 *
 * One SCORM zip per course from the built site (run `npm run build` first): every lesson a SCO
 * (src/lms/manifest.ts says why), the pages and assets with links made relative, and the lesson
 * pages' own LMS adapter (src/lms/session.ts), which is in every build and idle outside an LMS.
 * Writes <out>/<course>-scorm<version>.zip and prints each package's size.
 */
import '../src/lib/resolve-ts.ts';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

const { buildPackage } = await import('../src/lms/package.ts');

const { values } = parseArgs({
  options: {
    version: { type: 'string' },
    dist: { type: 'string', default: 'dist' },
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist-scorm' },
    passing: { type: 'string', default: '0.7' },
  },
});
const fail = (message: string): never => {
  console.error(`package:scorm: ${message}`);
  process.exit(1);
};
const given = values.version;
if (given !== '1.2' && given !== '2004') fail(`--version must be 1.2 or 2004 (got ${given === undefined ? 'nothing' : JSON.stringify(given)})`);
const version = given as '1.2' | '2004';
const passing = Number(values.passing);
if (!(passing >= 0 && passing <= 1)) fail(`--passing must be a fraction from 0 to 1 (got ${values.passing})`);
const dist = resolve(values.dist!);
if (!existsSync(join(dist, 'index.html'))) fail(`${relative(process.cwd(), dist) || '.'}/index.html not found: run \`npm run build\` first`);

function walk(dir: string, into = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, into);
    else into.set(relative(dist, path).split('\\').join('/'), readFileSync(path));
  }
  return into;
}

const files = walk(dist);
const courseIds = readdirSync(values.content!).filter((d) => existsSync(join(values.content!, d, 'course.yaml')));
const compareIds = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
mkdirSync(values.out!, { recursive: true });
for (const courseId of courseIds) {
  const meta = parseYaml(readFileSync(join(values.content!, courseId, 'course.yaml'), 'utf8')) as { title?: string };
  const lessons = [...files.keys()]
    .filter((p) => p.startsWith(`${courseId}/`) && p.endsWith('/index.html') && p.split('/').length === 3)
    .map((href) => {
      const html = new TextDecoder().decode(files.get(href));
      const id = /<article[^>]*\bdata-lesson="([^"]+)"/.exec(html)?.[1];
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1]?.split(' · ')[0] ?? href;
      return id ? { id, title: title.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'), href } : undefined;
    })
    .filter((l) => l !== undefined)
    .sort((a, b) => compareIds(a.id, b.id));
  if (lessons.length === 0) fail(`${courseId}: no lesson pages in ${relative(process.cwd(), dist)}/${courseId}/ (is the build complete?)`);
  const built = buildPackage({ courseId, courseTitle: meta.title ?? courseId, lessons, courseIds, files, version, passing });
  const target = join(values.out!, `${courseId}-scorm${version}.zip`);
  writeFileSync(target, built.zip);
  console.log(`${target}: ${lessons.length} SCOs, ${built.files.length} files, ${(built.zip.length / 1024).toFixed(0)} KB`);
}
