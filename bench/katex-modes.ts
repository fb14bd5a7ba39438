/**
 * KaTeX output mode on evidence: the same built lesson page with KaTeX's HTML+MathML (the default) and with
 * MathML only, compared by size and by what Chromium draws.
 *
 *   node bench/katex-modes.ts <dist dir> <page, e.g. math-for-ml/1.2.38/index.html> [out dir]
 *
 * The MathML-only page is derived from the built one exactly as KaTeX's `output: 'mathml'` would write it
 * (`<span class="katex"><math>…</math></span>`: the visual `katex-html` tree dropped, the `katex-mathml` wrapper
 * that hides the MathML unwrapped). Screenshots of the same formulas in both (Debian's Chromium, 2× device
 * pixels) go to the out dir (default .cache/katex-modes), with a side-by-side sheet `compare.png`. A third
 * column shows MathML only with an OpenType MATH font named explicitly (the best case: a font the site
 * would have to ship, since browsers' default math font is often not one).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../test/support/browser.ts';
import { serveStatic } from '../test/support/serve.ts';

const [distArg, pageArg, outArg] = process.argv.slice(2);
if (!distArg || !pageArg) {
  console.error('usage: node bench/katex-modes.ts <dist dir> <page.html> [out dir]');
  process.exit(2);
}
const out = resolve(outArg ?? '.cache/katex-modes');

/** Remove every `<span class="…name…">…</span>` (nested spans counted). */
function dropSpans(html: string, className: string): string {
  const open = new RegExp(`<span\\b[^>]*class="${className}"[^>]*>`, 'g');
  let result = '';
  let from = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    result += html.slice(from, m.index);
    const tag = /<(\/?)span\b[^>]*>/g;
    tag.lastIndex = m.index + m[0].length;
    let depth = 1;
    let t: RegExpExecArray | null = null;
    while (depth > 0 && (t = tag.exec(html))) depth += t[1] ? -1 : 1;
    from = t ? tag.lastIndex : html.length;
    open.lastIndex = from;
  }
  return result + html.slice(from);
}

export function mathmlOnly(html: string): string {
  return dropSpans(html, 'katex-html').replace(/<span class="katex-mathml">(<math\b[\s\S]*?<\/math>)<\/span>/g, '$1');
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const site = join(out, 'site');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(resolve(distArg), site, { recursive: true });
// No service worker in the comparison: both pages straight from the server.
rmSync(join(site, 'sw.js'), { force: true });
// The pages' Content-Security-Policy <meta> would block the <style> the third variant adds: dropped from all three.
const original = readFileSync(join(site, pageArg), 'utf8').replace(/<meta http-equiv="content-security-policy"[^>]*>/i, '');
writeFileSync(join(site, pageArg), original);
const mathml = mathmlOnly(original);
const mathmlPage = pageArg.replace(/index\.html$/, 'mathml.html');
writeFileSync(join(site, mathmlPage), mathml);
const mathFontPage = pageArg.replace(/index\.html$/, 'mathml-font.html');
// MATH_FONT_FILE=<an OpenType MATH font, .otf or .woff2>: the third column uses it, served by the site as a
// web font (what shipping it would give every learner), instead of a font installed on this machine.
const mathFontFile = process.env.MATH_FONT_FILE;
const servedFont = mathFontFile ? `/math-font${mathFontFile.slice(mathFontFile.lastIndexOf('.'))}` : undefined;
if (mathFontFile && servedFont) cpSync(mathFontFile, join(site, servedFont));
const mathFont = servedFont ? `'Served Math', math` : `'DejaVu Math TeX Gyre', 'Latin Modern Math', 'STIX Two Math', math`;
const fontFace = servedFont ? `@font-face { font-family: 'Served Math'; src: url('${servedFont}'); }` : '';
writeFileSync(join(site, mathFontPage), mathml.replace('</head>', `<style>${fontFace} math { font-family: ${mathFont}; }</style></head>`));

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
console.log(`page ${pageArg}: ${count(original, /class="katex"/g)} formulas (${count(original, /class="katex-display"/g)} displayed)`);
for (const [name, html] of [
  ['htmlAndMathml', original],
  ['mathml', mathml],
] as const) {
  console.log(`${name.padEnd(14)} HTML ${kb(Buffer.byteLength(html))} raw, ${kb(gzipSync(html, { level: 6 }).length)} gzip`);
}

const server = await serveStatic(site);
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 2, colorScheme: 'light' });
  const page = await context.newPage();
  const shots: { variant: string; files: string[] }[] = [];
  for (const [variant, path] of [
    ['htmlAndMathml', pageArg],
    ['mathml', mathmlPage],
    ['mathml-font', mathFontPage],
  ] as const) {
    await page.goto(`${server.origin}/${path}`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const files: string[] = [];
    // The displayed formulas, then the first paragraphs with inline math.
    const targets = [
      ...(await page.locator('.lesson-body .katex-display:visible').all()).slice(0, 8),
      ...(await page.locator('.lesson-body p:has(.katex):visible').all()).slice(0, 4),
    ];
    for (const [i, target] of targets.entries()) {
      const file = join(out, `${variant}-${String(i).padStart(2, '0')}.png`);
      await target.scrollIntoViewIfNeeded();
      await target.screenshot({ path: file });
      files.push(file);
    }
    shots.push({ variant, files });
  }
  // One sheet: each formula in the three variants side by side.
  const rows = shots[0]!.files
    .map((file, i) => `<tr>${[file, shots[1]!.files[i], shots[2]!.files[i]].map((f) => `<td><img src="file://${f ?? ''}"></td>`).join('')}</tr>`)
    .join('');
  const sheet = join(out, 'compare.html');
  writeFileSync(
    sheet,
    `<!doctype html><style>body{margin:8px;font:14px sans-serif}td{border:1px solid #ccc;padding:4px;vertical-align:top}img{max-width:380px}</style><table><tr><th>htmlAndMathml (KaTeX fonts)</th><th>mathml only (browser default)</th><th>mathml only, ${servedFont ? `served ${mathFontFile!.split('/').pop()}` : mathFont.split(',')[0]}</th></tr>${rows}</table>`,
  );
  // The sheet at 1× (the formula shots inside it are 2×, scaled down): small enough to keep beside the results.
  const sheetPage = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  await sheetPage.goto(`file://${sheet}`);
  await sheetPage.screenshot({ path: join(out, 'compare.png'), fullPage: true });
  const defaultMathFont = await page.evaluate(() => getComputedStyle(document.createElementNS('http://www.w3.org/1998/Math/MathML', 'math')).fontFamily);
  console.log(`screenshots in ${out} (compare.png side by side); Chromium's default MathML font-family: ${defaultMathFont || '(none set)'}`);
} finally {
  await browser.close();
  await server.close();
}
