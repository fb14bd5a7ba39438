import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

/**
 * The Content-Security-Policy: every built page carries it (Astro's `security.csp`, astro.config.mjs), it is
 * strict (no inline or eval'd script), public/_headers sends the same policy, and no page breaks it, whether the
 * policy arrives as the <meta> alone or as the header too.
 */

const dist = join(projectRoot, 'dist');

type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The policy without Astro's per-build hashes, as text that can be compared. */
function withoutHashes(policy: Policy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, sources] of policy) out[name] = sources.filter((s) => !/^'sha(256|384|512)-/.test(s)).join(' ');
  return out;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'pagefind') out.push(...htmlFiles(full));
    } else if (entry.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

function pathOf(file: string): string {
  const rel = `/${relative(dist, file)}`;
  return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

function metaPolicy(html: string): string | undefined {
  return html.match(/<meta http-equiv="content-security-policy" content="([^"]*)"/i)?.[1];
}

/** The Content-Security-Policy that public/_headers gives every path (`/*`). */
function headerPolicy(): string {
  const text = readFileSync(join(projectRoot, 'public', '_headers'), 'utf8');
  const block = text.split(/\n(?=\/)/).find((b) => b.startsWith('/*\n'));
  const line = block?.split('\n').find((l) => l.trim().startsWith('Content-Security-Policy:'));
  if (!line) throw new Error('public/_headers sets no Content-Security-Policy for /*');
  return line.trim().slice('Content-Security-Policy:'.length).trim();
}

const pages = htmlFiles(dist);

describe('the policy in the built pages', () => {
  test('every page carries one CSP <meta>, in the head, before every script but the theme one', () => {
    expect(pages.length).toBeGreaterThan(3);
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const metas = html.match(/<meta http-equiv="content-security-policy"/gi) ?? [];
      expect(metas.length, file).toBe(1);
      const at = html.indexOf('http-equiv="content-security-policy"');
      expect(at, file).toBeLessThan(html.indexOf('</head>'));
      // Astro writes the <meta> at the end of the head; a policy governs only what follows it. Before it there may be
      // only fixed tags and the same-origin /theme-init.js (which must run before paint, and which the policy allows).
      const before = html.slice(0, at);
      // /search-shortcut.js too: it catches "/" and Ctrl+K from the first paint, before the search module loads.
      for (const tag of before.match(/<script\b[^>]*>/gi) ?? []) expect(['<script src="/theme-init.js">', '<script src="/search-shortcut.js">'], file).toContain(tag);
      expect(before, file).not.toMatch(/<style|<iframe|<object|<embed|<base/i);
    }
  });

  test('is strict: no inline or eval-ed script, no plugins, stylesheets only from the site', () => {
    for (const file of pages) {
      const policy = parsePolicy(metaPolicy(readFileSync(file, 'utf8')) ?? '');
      expect(policy.get('default-src'), file).toEqual(["'self'"]);
      expect(policy.get('object-src'), file).toEqual(["'none'"]);
      expect(policy.get('base-uri'), file).toEqual(["'self'"]);
      // The code challenges' sandbox is a Blob worker, which inherits this policy (docs/code-challenges.md).
      expect(policy.get('worker-src'), file).toEqual(["'self'", 'blob:']);
      const scripts = policy.get('script-src') ?? [];
      expect(scripts, file).toContain("'self'");
      // Pagefind compiles WebAssembly; 'wasm-unsafe-eval' allows only that, not eval() or new Function().
      expect(scripts, file).toContain("'wasm-unsafe-eval'");
      for (const directive of ['script-src', 'script-src-elem', 'script-src-attr']) {
        const sources = policy.get(directive) ?? [];
        expect(sources, `${file} ${directive}`).not.toContain("'unsafe-inline'");
        expect(sources, `${file} ${directive}`).not.toContain("'unsafe-eval'");
        expect(sources.filter((s) => /^(https?:|\*|data:|blob:)/.test(s)), `${file} ${directive}`).toEqual([]);
      }
      // Inline style attributes are allowed (Temml's display formulas, Shiki); <style> elements and stylesheets are the site's own.
      expect(policy.get('style-src-elem'), file).not.toContain("'unsafe-inline'");
      expect(policy.get('style-src-attr'), file).toEqual(["'unsafe-inline'"]);
    }
  });

  test('no page has an inline script, so the same policy works as a header without per-build hashes', () => {
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
        const type = tag.match(/\btype="([^"]*)"/i)?.[1] ?? 'text/javascript';
        const executable = /^(module|text\/javascript|application\/javascript)$/i.test(type);
        if (executable) expect(tag, file).toMatch(/\bsrc="\//);
      }
      expect(html, file).not.toMatch(/\son[a-z]+="/i);
    }
  });

  test('public/_headers sends the same policy, plus frame-ancestors (which a <meta> cannot carry), with inline styles for the hashes', () => {
    const header = withoutHashes(parsePolicy(headerPolicy()));
    expect(header['frame-ancestors']).toBe("'none'");
    delete header['frame-ancestors'];
    // The pages' CSS is inline and its hashes change with it: the header allows inline styles, the <meta> (enforced
    // too) only the hashed ones.
    expect(header['style-src-elem']).toBe("'self' 'unsafe-inline'");
    header['style-src-elem'] = "'self'";
    for (const file of pages) {
      const meta = withoutHashes(parsePolicy(metaPolicy(readFileSync(file, 'utf8')) ?? ''));
      expect(header, file).toEqual(meta);
    }
  });

  test('every <style> of a page is allowed by its <meta> by hash', () => {
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const allowed = parsePolicy(metaPolicy(html) ?? '').get('style-src-elem') ?? [];
      for (const [, css] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) {
        expect(allowed, file).toContain(`'sha256-${createHash('sha256').update(css!).digest('base64')}'`);
      }
    }
  });
});

serveSiteToBrowser(dist);

/** Records CSP violations in the page (read back with `violations`) and as console errors. */
function recordViolations() {
  const seen: string[] = [];
  (window as unknown as { cspViolations: string[] }).cspViolations = seen;
  document.addEventListener('securitypolicyviolation', (e) => {
    const text = `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`;
    seen.push(text);
    console.error(`CSP violation: ${text}`);
  });
}

describe('the pages under the policy', () => {
  for (const asHeader of [false, true]) {
    const how = asHeader ? 'as <meta> and header, no service worker' : 'as <meta>, with the service worker';
    test(`no page breaks it, nor a search (policy ${how})`, async () => {
      // With the header, the service worker is kept out: pages it served would come from its cache, without the header.
      const context = await browser.newContext({ serviceWorkers: asHeader ? 'block' : 'allow' });
      await context.addInitScript(recordViolations);
      if (asHeader) {
        const policy = headerPolicy();
        await context.route(`${site.origin}/**`, async (route) => {
          const response = await route.fetch();
          const type = response.headers()['content-type'] ?? '';
          const headers = type.startsWith('text/html') ? { ...response.headers(), 'content-security-policy': policy } : response.headers();
          await route.fulfill({ response, headers });
        });
      }
      const { page, errors } = watch(await context.newPage());
      for (const file of pages) {
        const path = pathOf(file);
        await page.goto(site.origin + path, { waitUntil: 'load' });
        // Let lazy work (service worker registration, charts coming into view) run under the policy too.
        await page.mouse.wheel(0, 4000);
        await page.waitForLoadState('networkidle');
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), path).toEqual([]);
      }
      await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
      await page.keyboard.press('/');
      await page.keyboard.type('gradient');
      await expect.poll(() => page.locator('[role="listbox"] [role="option"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
      expect(errors.filter((e) => /Content Security Policy|CSP violation/i.test(e))).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  test('it bites: injected inline script and eval are refused, WebAssembly is allowed', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript(recordViolations);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.route(`${site.origin}/csp-eval-probe.js`, (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: "try { (0, eval)('1 + 1'); window.evalResult = 'ran'; } catch (e) { window.evalResult = e.name; }",
      }),
    );
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });
    const outcome = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      // eval from a script of the site's own origin (code run through DevTools is exempt from the policy).
      const probe = document.createElement('script');
      probe.src = '/csp-eval-probe.js';
      const loaded = new Promise((r) => probe.addEventListener('load', r));
      document.head.append(probe);
      await loaded;
      const evalResult = (window as unknown as { evalResult?: string }).evalResult;
      // The smallest valid module: the magic number and version.
      const wasm = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
        () => 'compiled',
        (e: Error) => e.name,
      );
      await new Promise((r) => setTimeout(r, 100));
      return { inlineRan: (window as unknown as { inlineRan?: boolean }).inlineRan ?? false, evalResult, wasm };
    });
    expect(outcome).toEqual({ inlineRan: false, evalResult: 'EvalError', wasm: 'compiled' });
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(consoleErrors.some((e) => e.includes('Content Security Policy'))).toBe(true);
    await context.close();
  });
});
