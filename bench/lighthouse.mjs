// Lighthouse on the built site (dist/), served on 127.0.0.1: the four category scores for the home page and a lesson,
// mobile form factor (Lighthouse's default), plus Chromium's own installability check (Lighthouse 12+ has no PWA
// category). Run after `npm run build`: `node bench/lighthouse.mjs [path …]`. Writes .bench/lighthouse.json.
// Responses are gzip-compressed, as every real host does: test/support/serve.ts serves files raw, and Lighthouse's
// simulated slow 4G would otherwise time the lesson pages (hundreds of KB of KaTeX markup) uncompressed.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveStatic } from '../test/support/serve.ts';

const root = join(import.meta.dirname, '..');
// LIGHTHOUSE_DIST measures another build (e.g. the main branch's, for before/after scores).
const dist = process.env.LIGHTHOUSE_DIST ?? join(root, 'dist');
// Every lesson page (issue 18 asks for mobile 100 on each), the home page and the course page.
const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/', '/math-for-ml/', '/math-for-ml/1.2.37/', '/math-for-ml/1.2.38/', '/math-for-ml/1.2.39/'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
// The flags DEVELOPERS.md asks for (as test/support/browser.ts).
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/ has no site: run `npm run build` first.');
  process.exit(1);
}

/** A gzip-compressing front for `serveStatic`, on its own 127.0.0.1 port. */
async function compressedSite(dir) {
  const files = await serveStatic(dir);
  const server = createServer(async (req, res) => {
    const upstream = await fetch(files.origin + (req.url ?? '/'), { redirect: 'manual' });
    const headers = Object.fromEntries(upstream.headers);
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    delete headers.connection;
    delete headers['keep-alive'];
    let body = Buffer.from(await upstream.arrayBuffer());
    const type = headers['content-type'] ?? '';
    if (/gzip/.test(req.headers['accept-encoding'] ?? '') && /^(text\/|application\/(json|manifest\+json|javascript)|image\/svg)/.test(type)) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
      headers.vary = 'Accept-Encoding';
    }
    res.writeHead(upstream.status, headers).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await files.close();
    },
  };
}

const site = await compressedSite(dist);
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags });
const report = [];
try {
  for (const path of paths) {
    const url = site.origin + path;
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    // Audits that cost points, so a drop says why.
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
      .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
    const metrics = {
      fcp: lhr.audits['first-contentful-paint']?.displayValue,
      lcp: lhr.audits['largest-contentful-paint']?.displayValue,
      tbt: lhr.audits['total-blocking-time']?.displayValue,
      cls: lhr.audits['cumulative-layout-shift']?.displayValue,
    };
    // Where the blocking time comes from: the main thread's work by kind, and the scripts that cost most.
    const work = (lhr.audits['mainthread-work-breakdown']?.details?.items ?? []).map((i) => `${i.groupLabel ?? i.group} ${Math.round(i.duration)} ms`);
    const scripts = (lhr.audits['bootup-time']?.details?.items ?? []).slice(0, 4).map((i) => `${String(i.url).replace(site.origin, '')} ${Math.round(i.total)} ms`);
    // What holds the first paint back (each render-blocking request and the time Lighthouse says it costs) and which
    // element the largest paint is.
    const blocking = (lhr.audits['render-blocking-insight']?.details?.items ?? []).map((i) => `${String(i.url).replace(site.origin, '')} ${Math.round(i.wastedMs ?? i.totalBytes ?? 0)}`);
    const lcpElement = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
    report.push({ path, formFactor: lhr.configSettings.formFactor, scores, metrics, failing, mainThread: work, scripts, blocking, lcpElement, runWarnings: lhr.runWarnings });
  }

  // Installability, as Chromium decides it (what Lighthouse's removed installable-manifest audit reported).
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const page = await browser.contexts()[0].newPage();
  await page.goto(site.origin + '/', { waitUntil: 'load' });
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  const manifest = await cdp.send('Page.getAppManifest');
  await page.close();
  await browser.close().catch(() => undefined);
  report.push({ installability: { manifest: manifest.url, manifestErrors: manifest.errors, installabilityErrors } });
} finally {
  chrome.kill();
  await site.close();
}

console.log(`Lighthouse ${categories.join(' / ')} (mobile):`);
for (const entry of report) {
  if ('scores' in entry) {
    console.log(`  ${entry.path.padEnd(24)} ${categories.map((c) => String(entry.scores[c]).padStart(3)).join('  ')}   FCP ${entry.metrics.fcp}, LCP ${entry.metrics.lcp}, TBT ${entry.metrics.tbt}, CLS ${entry.metrics.cls}`);
    if (entry.failing.length > 0) console.log(`    below 90: ${entry.failing.join(', ')}`);
    console.log(`    main thread: ${entry.mainThread.join(', ')}`);
    console.log(`    scripts: ${entry.scripts.join(', ')}`);
    console.log(`    render-blocking: ${entry.blocking.join(', ') || 'none'}; LCP element: ${entry.lcpElement ?? '?'}`);
  } else {
    const { installabilityErrors, manifestErrors } = entry.installability;
    console.log(`  installable: ${installabilityErrors.length === 0 && manifestErrors.length === 0 ? 'yes' : JSON.stringify(entry.installability)}`);
  }
}
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench', 'lighthouse.json'), JSON.stringify(report, null, 2));
