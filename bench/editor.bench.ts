// The code editor (CodeMirror 6, src/client/code/editor-view.ts), in Chromium against the built
// site in dist/ (run `npx astro build` first):
//   - its size: the JavaScript 1.2.38 downloads when its code question nears the viewport (gzip);
//   - its start time: from scrolling the question near to an editable editor, cold (a fresh
//     context, nothing cached) and warm (the chunk in the HTTP cache), over several runs.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'vitest';
import type { Response } from 'playwright-core';
import { launchBrowser } from '../test/support/browser';
import { projectRoot } from '../test/support/project';
import { serveStatic } from '../test/support/serve';

const lesson = '/math-for-ml/1.2.38/';
const question = '#quiz-1-2-38-code-compare-rates';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('code editor in Chromium: chunk size and scroll-near → editable', { timeout: 300_000 }, async () => {
  const site = await serveStatic(join(projectRoot, 'dist'));
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    const times: { cold: number[]; warm: number[] } = { cold: [], warm: [] };
    for (let run = 0; run < 6; run++) {
      // The first run is cold (an empty HTTP cache); the context keeps the cache for the later ones.
      const page = await context.newPage();
      const scripts: { url: string; raw: number; gzip: number }[] = [];
      const bodies: Promise<void>[] = [];
      let near = false;
      page.on('response', (response: Response) => {
        if (!near || !response.url().endsWith('.js')) return;
        bodies.push(response.body().then((body) => void scripts.push({ url: response.url().replace(site.origin, ''), raw: body.length, gzip: gzipSync(body).length })));
      });
      await page.goto(site.origin + lesson, { waitUntil: 'networkidle' });
      near = true;
      // Measured in the page: from the scroll to the first frame where the editor's content is editable.
      const ms = await page.evaluate(async (selector) => {
        const form = document.querySelector(selector)!;
        const started = performance.now();
        form.scrollIntoView();
        await new Promise<void>((resolve) => {
          const ready = () => form.querySelector('.quiz-editor')?.shadowRoot?.querySelector('.cm-content[contenteditable="true"]');
          const poll = () => (ready() ? resolve() : requestAnimationFrame(poll));
          poll();
        });
        return performance.now() - started;
      }, question);
      await Promise.all(bodies);
      (run === 0 ? times.cold : times.warm).push(ms);
      if (run === 0) {
        const sum = (key: 'raw' | 'gzip') => scripts.reduce((s, x) => s + x[key], 0);
        console.log(`\n1.2.38: JavaScript loaded when the code question nears the viewport: ${scripts.length} file(s), ${kb(sum('gzip'))} gzip (${kb(sum('raw'))} raw)`);
        for (const s of scripts) console.log(`   ${s.url}: ${kb(s.gzip)} gzip, ${kb(s.raw)} raw`);
      }
      await page.close();
    }
    console.log(`scroll near → editable editor: cold ${times.cold[0]!.toFixed(0)} ms; warm (chunk cached) median ${median(times.warm).toFixed(0)} ms over ${times.warm.length} runs (${times.warm.map((t) => t.toFixed(0)).join(', ')})`);
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
});
