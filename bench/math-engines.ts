/**
 * MathML-only math on evidence (issue 18): every formula of a built site drawn three ways in Debian's Chromium —
 * KaTeX's HTML (what the site served before), KaTeX's `output: 'mathml'` and Temml (MathML Core) — the two MathML
 * ones with the site's served OpenType MATH font (public/fonts/latin-modern-math.woff2).
 *
 *   node bench/math-engines.ts <dist dir> [out dir]
 *
 * The formulas are read from the built pages' TeX annotations (each once, with its display mode), so the sheet
 * covers the whole course: lessons, quizzes and review questions. Prints the count each engine fails to parse and
 * the formulas wider than a 390 px phone; writes one page per engine and screenshots (390 and 1280 px wide) of the
 * formulas picked by `representative` below into the out dir (default .cache/math-engines).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import katex from 'katex';
import temml from 'temml';
import { launchBrowser } from '../test/support/browser.ts';
import { serveStatic } from '../test/support/serve.ts';

const [distArg, outArg] = process.argv.slice(2);
if (!distArg) {
  console.error('usage: node bench/math-engines.ts <dist dir> [out dir]');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const out = resolve(outArg ?? join(root, '.cache/math-engines'));

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
const formulas = new Map<string, { tex: string; display: boolean }>();
for (const file of htmlFiles(resolve(distArg))) {
  const html = readFileSync(file, 'utf8');
  // KaTeX's markup keeps the TeX in an annotation, ours (Temml) on the element as data-tex.
  for (const m of html.matchAll(/<math( display="block")?[^>]*>[\s\S]*?<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>|<math data-tex="([^"]*)"( display="block")?/g)) {
    const tex = unescape(m[2] ?? m[3]!);
    const display = Boolean(m[1] ?? m[4]);
    formulas.set(`${display ? 'D' : 'I'}${tex}`, { tex, display });
  }
}
const all = [...formulas.values()];
console.log(`${all.length} distinct formulas (${all.filter((f) => f.display).length} displayed)`);

const macros = { '\\R': '\\mathbb{R}' };
const engines = {
  'katex-html': (tex: string, displayMode: boolean) => katex.renderToString(tex, { displayMode, macros: { ...macros }, output: 'html', throwOnError: true }),
  'katex-mathml': (tex: string, displayMode: boolean) => katex.renderToString(tex, { displayMode, macros: { ...macros }, output: 'mathml', throwOnError: true }),
  temml: (tex: string, displayMode: boolean) => temml.renderToString(tex, { displayMode, macros: { ...macros }, wrap: 'tex', throwOnError: true }),
} as const;

/** The kinds of formula the comparison looks at by eye: one of each that the course has. */
const representative = [
  /\\frac/, /\\tfrac/, /\\sum_/, /\\begin\{[pb]matrix\}/, /\\begin\{(aligned|cases)\}/, /\\lambda_\{?\\max/, /\\operatorname/, /\\text\{/,
  /\\underbrace/, /\\boxed/, /\\color/, /'/, /\\left\(/, /\\sqrt/, /\\mathbb/, /\\hat/, /\\nabla/, /\\lim/, /\\approx/, /\\lfloor/, /\\le/, /\\cdot/,
];
const picked = new Set<number>();
for (const re of representative) {
  const i = all.findIndex((f, j) => !picked.has(j) && re.test(f.tex) && (f.display || !all.some((g) => g.display && re.test(g.tex))));
  if (i >= 0) picked.add(i);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'site'), { recursive: true });
cpSync(join(root, 'public/fonts/latin-modern-math.woff2'), join(out, 'site/latin-modern-math.woff2'));
cpSync(join(root, 'node_modules/katex/dist'), join(out, 'site/katex'), { recursive: true });
cpSync(join(root, 'node_modules/temml/dist/Temml.woff2'), join(out, 'site/Temml.woff2'));
const mathFont = `@font-face{font-family:'Course Math';src:url(/latin-modern-math.woff2) format('woff2')} math{font-family:'Course Math',math;font-size:1.21em}`;
for (const [name, render] of Object.entries(engines)) {
  let failed = 0;
  const rows = all.map((f, i) => {
    let html: string;
    try {
      html = render(f.tex, f.display);
    } catch (error) {
      failed += 1;
      console.log(`  ${name} cannot render ${JSON.stringify(f.tex)}: ${(error as Error).message.split('\n')[0]}`);
      html = `<code>${f.tex}</code>`;
    }
    return `<div class="f${picked.has(i) ? ' picked' : ''}" id="f${i}">${html}</div>`;
  });
  const head = name === 'katex-html' ? '<link rel="stylesheet" href="/katex/katex.min.css">' : `<style>${name === 'temml' ? readFileSync(join(root, 'node_modules/temml/dist/Temml-Local.css'), 'utf8').replace(/@font-face\s*\{[^}]*Latin Modern[^}]*\}/, '') : ''}${mathFont}</style>`;
  writeFileSync(
    join(out, 'site', `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${head}<style>body{font:18px/1.6 Georgia,serif;margin:8px}.f{padding:4px 0;overflow-x:auto}</style></head><body>${rows.join('\n')}</body></html>`,
  );
  console.log(`${name}: ${failed} of ${all.length} not rendered`);
}

const server = await serveStatic(join(out, 'site'));
const browser = await launchBrowser();
try {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 2 });
    for (const name of Object.keys(engines)) {
      await page.goto(`${server.origin}/${name}.html`, { waitUntil: 'load' });
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
      const wide = await page.evaluate(() => [...document.querySelectorAll('.f')].filter((f) => f.scrollWidth > f.clientWidth + 1).length);
      if (width === 390) console.log(`${name} at 390 px: ${wide} formulas wider than the screen (they scroll in their box)`);
      for (const i of picked) await page.locator(`#f${i}`).screenshot({ path: join(out, `${name}-${width}-${String(i).padStart(4, '0')}.png`) });
    }
    await page.close();
  }
  // One sheet per width: each picked formula in the three engines side by side, at 1× so it is small enough to keep.
  for (const width of [390, 1280]) {
    const rows = [...picked]
      .map((i) => `<tr><td class="tex">${all[i]!.tex.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</td>${Object.keys(engines).map((name) => `<td><img src="file://${join(out, `${name}-${width}-${String(i).padStart(4, '0')}.png`)}"></td>`).join('')}</tr>`)
      .join('');
    const sheet = join(out, `sheet-${width}.html`);
    writeFileSync(sheet, `<!doctype html><style>body{margin:6px;font:12px sans-serif}td{border:1px solid #ccc;padding:3px;vertical-align:top}.tex{font:11px monospace;max-width:220px;word-break:break-all}img{zoom:0.5}</style><table><tr><th>TeX</th>${Object.keys(engines).map((n) => `<th>${n}</th>`).join('')}</tr>${rows}</table>`);
    const sheetPage = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await sheetPage.goto(`file://${sheet}`);
    await sheetPage.screenshot({ path: join(out, `sheet-${width}.png`), fullPage: true });
    await sheetPage.close();
  }
  console.log(`screenshots and sheets (sheet-390.png, sheet-1280.png) in ${out}`);
} finally {
  await browser.close();
  await server.close();
}
