#!/usr/bin/env node
// Cold-build benchmark at course scale, ours against the peers, on the same generated lessons.
//
//   npm run bench:build -- --lessons 1000 [--peers] [--sizes 250,1000] [--page 7] [--no-incremental] [--work dir]
//   npm run bench:build -- --small [--sizes 3,20,50] [--runs 3]     small courses, cold and unchanged rebuilds (ours without and with the author guide), vs Starlight
//   npm run bench:build -- --dev [--sizes 20,1000] [--edits 5] [--tools ours,starlight,vitepress] [--port 4440]  the dev server: start, first page, edit shown, vs Starlight and VitePress
//
// For each size: generate N lessons with ../shared/bench-peers/gen-content.mjs (the same words,
// math, code and tables the peers get), wrap each in our format (front matter, three precomputed
// charts, a ten-question quiz, a live chart on every tenth lesson), build cold in a scratch copy
// of the project and measure wall time, peak memory, dist size and one lesson page's HTML, CSS and
// JS (gzip, with the peers' own measure.mjs). The marginal cost per lesson is the slope between the
// two sizes. With --peers, Starlight and plain Astro (.mdx) build the same N in the same run; a peer that
// cannot build a size (out of memory, say) is reported as such and the run goes on. Without --no-incremental,
// one lesson of the largest size is then edited and ours is built again with its caches warm, then once more with
// nothing changed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOurs, lessonId } from './course-generator.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.SHARED_DIR ?? join(root, '..', 'shared'));
const peersDir = join(shared, 'bench-peers');
// The lesson generator and the page measurer: the shared peer benchmark's own when it is there, else the
// byte-identical copies in bench/peers/ (a clone without the shared folder can still run ours).
const toolsDir = existsSync(join(peersDir, 'gen-content.mjs')) ? peersDir : join(root, 'bench', 'peers');

// ---------- arguments ----------
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
};
const work = resolve(root, option('work', join('.cache', 'bench')));
const small = flag('small');
const dev = flag('dev');
const lessons = Number(option('lessons', 200));
const defaultSizes = small ? '3,20,50' : dev ? '20,1000' : `${Math.max(5, Math.round(lessons / 4))},${lessons}`;
const sizes = option('sizes', defaultSizes).split(',').map(Number);
const runs = Number(option('runs', 3));
const edits = Number(option('edits', 5));
const pageIndex = Number(option('page', 7));
const withPeers = flag('peers');
const incremental = !flag('no-incremental');
if (!Number.isInteger(lessons) || lessons < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: npm run bench:build -- --lessons N [--peers] [--sizes a,b] [--page 7] [--no-incremental] [--work dir]');
  process.exit(2);
}
if ((withPeers || small || dev) && !existsSync(join(peersDir, 'starlight'))) {
  console.error(`--peers needs the peer projects in ${peersDir} (the shared folder beside the project; set SHARED_DIR to move it)`);
  process.exit(2);
}

// ---------- our project in a scratch copy ----------
function scratchCopy(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(join(root, f), join(dir, f), { recursive: true });
  // Link every installed package, but keep Astro's, Vite's and our caches private so builds are cold.
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (['.astro', '.vite', '.cache'].includes(entry)) continue;
    symlinkSync(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
}

function generateCourse(dir, n) {
  generateOurs(dir, n, { work, toolsDir });
  return `bench/${lessonId(Math.min(pageIndex, n))}/index.html`;
}

// ---------- peers ----------
const peerVariants = {
  starlight: { project: 'starlight', content: 'src/content/docs', mdx: false },
  'astro-plain-mdx': { project: 'astro-plain', content: 'src/content/lessons', mdx: true },
  // Dev-server comparison only (--dev): VitePress's dev server is the one to beat.
  vitepress: { project: 'vitepress', content: 'content', mdx: false, links: 'md' },
};

function preparePeer(name) {
  const { project } = peerVariants[name];
  const dir = join(work, 'peers', project);
  if (!existsSync(join(dir, 'node_modules'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    cpSync(join(peersDir, project), dir, { recursive: true });
    console.log(`installing peer ${project} (once)…`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`npm install failed in ${dir}`);
  }
  return dir;
}

function generatePeer(name, dir, n) {
  const { content, mdx, links = 'dir' } = peerVariants[name];
  const out = join(dir, content);
  execFileSync(process.execPath, [join(toolsDir, 'gen-content.mjs'), out, '--n', String(n), '--links', links, '--clean'], { stdio: 'ignore' });
  if (mdx) {
    for (const m of readdirSync(out)) {
      for (const f of readdirSync(join(out, m)).filter((x) => x.endsWith('.md'))) {
        cpSync(join(out, m, f), join(out, m, f.replace(/\.md$/, '.mdx')));
        rmSync(join(out, m, f));
      }
    }
  }
  const shown = Math.min(pageIndex, n);
  const page = `module-${String(Math.ceil(shown / 20)).padStart(2, '0')}/lesson-${String(shown).padStart(3, '0')}`;
  return links === 'md' ? `${page}.html` : `${page}/index.html`;
}

// ---------- one build ----------
function build(dir, { cold = true, env = {} } = {}) {
  // Cold: no dist/, no .astro/ and no cache under node_modules/ (Astro's, Vite's, ours in .cache/course-*), as a fresh
  // clone or CI has it with the packages installed; the CPU time below counts the child processes the build waits for.
  if (cold) {
    for (const p of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite', 'node_modules/.cache', 'node_modules/.vitepress-cache']) {
      rmSync(join(dir, p), { recursive: true, force: true });
    }
  }
  const timeFile = join(work, 'time.txt');
  const node = existsSync(join(dir, 'node_modules/.bin/node')) ? join(dir, 'node_modules/.bin/node') : process.execPath;
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, node, join(dir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t0) / 1000;
  const log = `${r.stdout}\n${r.stderr}`;
  writeFileSync(join(work, `last-build.log`), log);
  const timeText = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(timeText)?.[1] ?? 0);
  // CPU seconds (user + system) of the build and its children: on a shared, loaded machine they move far less than
  // wall time, so a small difference (one feature on or off) shows in them when wall times drown it.
  const cpuSeconds = ['User', 'System'].reduce((sum, kind) => sum + Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(timeText)?.[1] ?? 0), 0);
  if (r.status !== 0) {
    const tail = log.split('\n').slice(-40).join('\n');
    const reason = /heap out of memory|Allocation failed/i.test(log) ? 'out of memory (JavaScript heap)' : `exit ${r.status ?? r.signal}`;
    writeFileSync(join(work, `failed-build.log`), log);
    return { failed: reason, tail, seconds, cpuSeconds, peakMb: rssKb / 1024 };
  }
  // Our offline integration logs what the service worker precaches.
  const precache = /precaches (?:the whole course|the shell): \d+ files, (\d+) KB/.exec(log);
  return { seconds, cpuSeconds, peakMb: rssKb / 1024, precacheKb: precache ? Number(precache[1]) : undefined };
}

function measure(dir, page) {
  return JSON.parse(execFileSync(process.execPath, [join(toolsDir, 'measure.mjs'), join(dir, 'dist'), page], { encoding: 'utf8' }));
}

// ---------- --small: the fixed cost, as a small course's author feels it ----------
const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

/**
 * Per size: ours (without the author guide, a build's default, and with it: COURSE_GUIDE=on, a deploy that publishes
 * it for co-authors) and Starlight, each built cold and then again with nothing changed, interleaved, `runs` times.
 */
function runSmall() {
  const ours = join(work, 'ours');
  scratchCopy(ours);
  const peer = preparePeer('starlight');
  const tools = [
    ['ours', ours, {}],
    ['ours, with the guide', ours, { COURSE_GUIDE: 'on' }],
    ['starlight', peer, {}],
  ];
  const rows = [];
  for (const n of sizes) {
    generateCourse(ours, n);
    generatePeer('starlight', peer, n);
    const times = Object.fromEntries(tools.map(([name]) => [name, { cold: [], warm: [], coldCpu: [], warmCpu: [] }]));
    for (let r = 0; r < runs; r++) {
      for (const [name, dir, env] of tools) {
        const cold = build(dir, { env });
        const warm = cold.failed ? cold : build(dir, { cold: false, env });
        if (cold.failed || warm.failed) throw new Error(`${name} N=${n} failed: ${cold.failed ?? warm.failed}\n${(cold.failed ? cold : warm).tail}`);
        times[name].cold.push(cold.seconds);
        times[name].warm.push(warm.seconds);
        times[name].coldCpu.push(cold.cpuSeconds);
        times[name].warmCpu.push(warm.cpuSeconds);
        console.log(`${name} N=${n} run ${r + 1}: cold ${cold.seconds.toFixed(2)} s (CPU ${cold.cpuSeconds.toFixed(1)} s), no change ${warm.seconds.toFixed(2)} s (CPU ${warm.cpuSeconds.toFixed(1)} s) (peak ${cold.peakMb.toFixed(0)} MB); load average ${load()}`);
      }
    }
    const med = Object.fromEntries(tools.map(([name]) => [name, Object.fromEntries(Object.entries(times[name]).map(([k, xs]) => [k, median(xs)]))]));
    rows.push({ n, med, times });
  }
  console.log(`\n| lessons | | cold (CPU) | ours / Starlight | no change (CPU) | ours / Starlight |`);
  console.log('| ---: | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const sl = r.med.starlight;
    for (const [name] of tools) {
      const t = r.med[name];
      const vs = (a, b, ac, bc) => (name === 'starlight' ? '' : `×${(a / b).toFixed(2)} (×${(ac / bc).toFixed(2)})`);
      console.log(`| ${r.n} | ${name} | ${t.cold.toFixed(1)} s (${t.coldCpu.toFixed(1)} s) | ${vs(t.cold, sl.cold, t.coldCpu, sl.coldCpu)} | ${t.warm.toFixed(1)} s (${t.warmCpu.toFixed(1)} s) | ${vs(t.warm, sl.warm, t.warmCpu, sl.warmCpu)} |`);
    }
  }
  console.log(`(wall time, CPU time (user + system) in brackets; medians of ${runs} interleaved runs; ours with three charts and a ten-question quiz per lesson; load average at the end ${load()})`);
  writeFileSync(join(work, 'results-small.json'), JSON.stringify({ date: new Date().toISOString(), args, rows }, null, 2));
}

// ---------- --dev: the dev server ----------
// --port: each dev server on the next port from this one (on a shared machine, a range of one's own), else any free port.
let nextPort = option('port') === undefined ? undefined : Number(option('port'));
function freePort() {
  if (nextPort !== undefined) return Promise.resolve(nextPort++);
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** The environment of an author's shell (no test runner variables, no colour). */
function devEnv() {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST')) delete env[key];
  return env;
}

/** Fetches `url` until its HTML passes `ok`; the seconds it took. */
async function until(url, ok, timeoutMs, child, accept = 'text/html') {
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the dev server exited (${child.exitCode})`);
    try {
      const r = await fetch(url, { headers: { accept } });
      const text = await r.text();
      if (r.ok && ok(text)) return (performance.now() - t0) / 1000;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const devTools = {
  ours: { prepare: () => join(work, 'ours'), generate: (dir, n) => generateCourse(dir, n), cli: (dir, port) => [join(dir, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], caches: ['.astro', 'node_modules/.astro', 'node_modules/.vite', 'node_modules/.cache'] },
  starlight: { prepare: () => preparePeer('starlight'), generate: (dir, n) => generatePeer('starlight', dir, n), cli: (dir, port) => [join(dir, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], caches: ['.astro', 'node_modules/.astro', 'node_modules/.vite'] },
  vitepress: { prepare: () => preparePeer('vitepress'), generate: (dir, n) => generatePeer('vitepress', dir, n), cli: (dir, port) => [join(dir, 'node_modules/vitepress/bin/vitepress.js'), 'dev', '--host', '127.0.0.1', '--port', String(port)], caches: ['node_modules/.vitepress-cache', 'node_modules/.vite'] },
};

/** Starts the tool's dev server, times the first lesson page, then `edits` appended sentences (each with a formula). */
async function devSession(name, dir, n, page, { cold, edit }) {
  const tool = devTools[name];
  if (cold) for (const p of tool.caches) rmSync(join(dir, p), { recursive: true, force: true });
  const port = await freePort();
  const node = existsSync(join(dir, 'node_modules/.bin/node')) ? join(dir, 'node_modules/.bin/node') : process.execPath;
  const t0 = performance.now();
  const child = spawn(node, tool.cli(dir, port), { cwd: dir, env: devEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  // VitePress's dev server answers every page with the same app shell and renders the lesson in the browser, from
  // the page's Markdown compiled to a module: that module is what shows an edit.
  const url = name === 'vitepress' ? `http://127.0.0.1:${port}/${page.replace(/\.html$/, '')}.md?import` :  `http://127.0.0.1:${port}/${page.replace(/index\.html$/, '')}`;
  // Asked for as HTML, VitePress's server answers that module URL with the app shell (Vite's HTML fallback): ask as a
  // module import does.
  const accept = name === 'vitepress' ? '*/*' : 'text/html';
  const result = { start: 0, edits: [] };
  try {
    await until(url, (html) => (name === 'vitepress' ? html.includes('__pageData') : /<h1/.test(html)), 300_000, child, accept);
    result.start = (performance.now() - t0) / 1000;
    if (edit) {
      const file = edit;
      const original = readFileSync(file, 'utf8');
      try {
        // Untimed, first: a change written before the server's file watcher has finished its first scan is never
        // seen (VitePress, cold, missed every edit made right after its first page). Rewritten until it shows, so the
        // timed edits below measure the edit and not the watcher's start.
        const ready = `benchready${Date.now().toString(36)}`;
        const readyEnd = performance.now() + 120_000;
        for (let shown = false; !shown; ) {
          writeFileSync(file, `${original}\nThe watcher sees ${ready}.\n`);
          shown = await until(url, (html) => html.includes(ready), 3_000, child, accept).then(() => true, () => false);
          if (!shown && performance.now() > readyEnd) throw new Error('no edit was ever shown');
        }
        for (let k = 0; k < edits; k++) {
          const token = `benchedit${Date.now().toString(36)}${k}`;
          appendFileSync(file, `\nOne more sentence ${token} with a formula $\\eta_{${k}} = \\frac{2}{\\lambda_{${k}}}$.\n`);
          const t1 = performance.now();
          await until(url, (html) => html.includes(token), 60_000, child, accept);
          result.edits.push((performance.now() - t1) / 1000);
        }
      } finally {
        writeFileSync(file, original);
      }
    }
  } catch (e) {
    writeFileSync(join(work, `dev-${name}-${n}.log`), output);
    throw new Error(`${name} N=${n}: ${e.message} (log: ${join(work, `dev-${name}-${n}.log`)})`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
  return result;
}

/** The lesson file that `page` shows, for each tool's content layout. */
function lessonFileFor(name, dir, n) {
  const shown = Math.min(pageIndex, n);
  const module = `module-${String(Math.ceil(shown / 20)).padStart(2, '0')}`;
  if (name === 'ours') {
    const folder = join(dir, 'content/bench', module);
    return join(folder, readdirSync(folder).find((f) => f.endsWith('.mdx') && f.startsWith(`${lessonId(shown)}-`)));
  }
  const { content } = peerVariants[name];
  return join(dir, content, module, `lesson-${String(shown).padStart(3, '0')}.md`);
}

async function runDev() {
  scratchCopy(join(work, 'ours'));
  const names = option('tools', Object.keys(devTools).join(',')).split(',');
  const dirs = Object.fromEntries(names.map((name) => [name, devTools[name].prepare()]));
  const rows = [];
  for (const n of sizes) {
    const pages = Object.fromEntries(names.map((name) => [name, devTools[name].generate(dirs[name], n)]));
    for (const name of names) {
      const page = pages[name];
      const cold = await devSession(name, dirs[name], n, page, { cold: true, edit: lessonFileFor(name, dirs[name], n) });
      const warm = await devSession(name, dirs[name], n, page, { cold: false, edit: undefined });
      rows.push({ name, n, cold: cold.start, warm: warm.start, edits: cold.edits });
      console.log(`${name} N=${n}: first page ${cold.start.toFixed(2)} s cold, ${warm.start.toFixed(2)} s warm; edit shown ${cold.edits.map((x) => x.toFixed(2)).join(' / ')} s; load average ${load()}`);
    }
  }
  console.log('\n| | lessons | start → first lesson page, cold / warm | edit shown, median / max | first page (warm) / VitePress | edit (median) / VitePress |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const vp = rows.find((x) => x.name === 'vitepress' && x.n === r.n);
    const m = median(r.edits);
    const ratio = (a, b) => (vp ? `×${(a / b).toFixed(2)}` : '—');
    console.log(`| ${r.name} | ${r.n} | ${r.cold.toFixed(2)} / ${r.warm.toFixed(2)} s | ${m.toFixed(2)} / ${Math.max(...r.edits).toFixed(2)} s | ${ratio(r.warm, vp?.warm)} | ${ratio(m, vp && median(vp.edits))} |`);
  }
  console.log(`(an edit: a sentence with a formula appended, the page fetched until it shows; ${edits} edits per tool and size; load average at the end ${load()})`);
  writeFileSync(join(work, 'results-dev.json'), JSON.stringify({ date: new Date().toISOString(), args, rows }, null, 2));
}

if (small || dev) {
  mkdirSync(work, { recursive: true });
  console.log(`date: ${new Date().toISOString()}; command: bench/build-scale.mjs ${args.join(' ')}; node ${process.version}`);
  console.log(`machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores; load average ${load()} (1, 5, 15 min); sizes ${sizes.join(', ')}`);
  if (small) runSmall();
  if (dev) await runDev();
  process.exit(process.exitCode ?? 0);
}

// ---------- run ----------
const results = [];
const kb = (b) => (b / 1024).toFixed(1);
mkdirSync(work, { recursive: true });
console.log(`date: ${new Date().toISOString()}; command: bench/build-scale.mjs ${args.join(' ')}; node ${process.version}`);
console.log(`machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores; load average ${load()} (1, 5, 15 min); sizes ${sizes.join(', ')}; page = lesson ${pageIndex}`);

const variants = ['ours', ...(withPeers ? Object.keys(peerVariants) : [])];
for (const variant of variants) {
  const dir = variant === 'ours' ? join(work, 'ours') : preparePeer(variant);
  if (variant === 'ours') scratchCopy(dir);
  for (const n of sizes) {
    const page = variant === 'ours' ? generateCourse(dir, n) : generatePeer(variant, dir, n);
    const loadBefore = load();
    const run = build(dir);
    if (run.failed) {
      results.push({ variant, n, ...run });
      console.log(`${variant} N=${n}: FAILED after ${run.seconds.toFixed(1)} s (${run.failed}), peak ${run.peakMb.toFixed(0)} MB; load average before ${loadBefore}`);
      if (variant === 'ours') {
        console.error(run.tail);
        process.exitCode = 1;
      }
      continue;
    }
    const m = measure(dir, page);
    const row = { variant, n, ...run, distMb: m.distBytes / 1048576, page: m.page };
    if (variant === 'ours' && incremental && n === Math.max(...sizes)) {
      // Edit `--edits` lessons (one unless given) and build again with every cache warm: what an author waits for.
      // An edit that only touches lessons is built incrementally (src/integrations/incremental-build.ts).
      const lessonDir = join(dir, 'content/bench/module-01');
      const edited = readdirSync(lessonDir).filter((f) => f.endsWith('.mdx')).sort().slice(0, args.includes('--edits') ? edits : 1);
      for (const file of edited) appendFileSync(join(lessonDir, file), '\nOne more sentence, edited by the benchmark.\n');
      const warm = build(dir, { cold: false });
      row.incremental = warm.failed ? undefined : warm.seconds;
      row.incrementalCpu = warm.cpuSeconds;
      row.editedLessons = edited.length;
      row.incrementalPeakMb = warm.peakMb;
      row.incrementalKind = /; incrementally: /.test(readFileSync(join(work, 'last-build.log'), 'utf8')) ? 'incremental' : 'full';
      // And once more with nothing changed: the build should see that and reuse dist/ (src/integrations/build-fingerprint.ts).
      const same = build(dir, { cold: false });
      row.unchanged = same.failed ? undefined : same.seconds;
    }
    results.push(row);
    console.log(
      `${variant} N=${n}: ${run.seconds.toFixed(2)} s, peak ${run.peakMb.toFixed(0)} MB, dist ${row.distMb.toFixed(1)} MB, page HTML ${kb(m.page.htmlGzip)} KB + CSS ${kb(m.page.css.gzip)} KB + JS ${kb(m.page.js.gzip)} KB gzip` +
        (run.precacheKb !== undefined ? `, precache ${(run.precacheKb / 1024).toFixed(1)} MB` : '') +
        (row.incremental !== undefined ? `, ${row.editedLessons} lesson(s) edited: ${row.incremental.toFixed(2)} s, ${row.incrementalCpu.toFixed(1)} CPU s, ${row.incrementalKind} build (peak ${row.incrementalPeakMb.toFixed(0)} MB)` : '') +
        (row.unchanged !== undefined ? `, then nothing changed: ${row.unchanged.toFixed(2)} s` : '') +
        `; load average before ${loadBefore}, after ${load()}`,
    );
  }
}

// ---------- table ----------
const lo = Math.min(...sizes);
const hi = Math.max(...sizes);
const summary = variants.map((variant) => {
  const a = results.find((r) => r.variant === variant && r.n === lo);
  const b = results.find((r) => r.variant === variant && r.n === hi);
  if (!a || !b || a.failed || b.failed) return { variant, failed: (b?.failed ?? a?.failed) || 'no result', peakMb: b?.peakMb, seconds: b?.seconds };
  const slope = hi > lo ? ((b.seconds - a.seconds) / (hi - lo)) * 1000 : (b.seconds / hi) * 1000;
  const pageGzip = b.page.htmlGzip + b.page.css.gzip + b.page.js.gzip;
  return { variant, slope, seconds: b.seconds, peakMb: b.peakMb, distMb: b.distMb, pageGzip, js: b.page.js.gzip, incremental: b.incremental, precacheKb: b.precacheKb };
});
console.log(`\n| tool | cold build at N=${hi} (s) | marginal ms/lesson (${lo}→${hi}) | peak memory (MB) | dist (MB) | lesson HTML+CSS+JS gzip (KB) | JS gzip (KB) | precache (MB) | one lesson edited (s) |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of summary) {
  if (s.failed) {
    console.log(`| ${s.variant} | failed: ${s.failed} (after ${s.seconds?.toFixed(0)} s, peak ${s.peakMb?.toFixed(0)} MB) | — | — | — | — | — | — | — |`);
    continue;
  }
  const precache = s.precacheKb === undefined ? '—' : (s.precacheKb / 1024).toFixed(1);
  console.log(`| ${s.variant} | ${s.seconds.toFixed(1)} | ${s.slope.toFixed(1)} | ${s.peakMb.toFixed(0)} | ${s.distMb.toFixed(1)} | ${kb(s.pageGzip)} | ${kb(s.js)} | ${precache} | ${s.incremental?.toFixed(1) ?? '—'} |`);
}
const ours = summary[0];
for (const s of summary.slice(1)) {
  if (ours.failed || s.failed) {
    console.log(`ours / ${s.variant}: no ratio (${ours.failed ? `ours failed: ${ours.failed}` : `${s.variant} failed: ${s.failed}`})`);
    continue;
  }
  console.log(
    `ours / ${s.variant}: marginal cost ×${(ours.slope / s.slope).toFixed(2)}, peak memory ×${(ours.peakMb / s.peakMb).toFixed(2)}, page weight ×${(ours.pageGzip / s.pageGzip).toFixed(2)}`,
  );
}
console.log(`load average at the end: ${load()}`);
writeFileSync(join(work, 'results.json'), JSON.stringify({ date: new Date().toISOString(), args, sizes, results, summary }, null, 2));
