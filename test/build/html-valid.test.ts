// The built site is valid HTML by the Nu HTML checker (vnu-jar, run with the system's Java: `.ci/run`
// installs Debian's default-jre-headless when it is missing). One checker run over dist/, errors only.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../support/project';

const require = createRequire(import.meta.url);
const jar = String(require('vnu-jar'));

interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url: string;
  readonly lastLine?: number;
  readonly message: string;
}

describe('the built site', () => {
  test('has no Nu HTML checker errors', { timeout: 600_000 }, async () => {
    const run = promisify(execFile);
    // vnu exits 1 when it reports anything; the report is the JSON on stderr either way. No Java (or no jar)
    // is a failure, not a pass.
    const out = await run('java', ['-Xss16m', '-jar', jar, '--skip-non-html', '--errors-only', '--format', 'json', join(projectRoot, 'dist')], { maxBuffer: 64 << 20 }).catch(
      (error: { code?: unknown; stderr?: string }) => {
        if (error.code !== 1) throw error;
        return { stderr: error.stderr ?? '' };
      },
    );
    const { messages } = JSON.parse(out.stderr || '{"messages":[]}') as { messages: VnuMessage[] };
    // The pages' CSS is inline (astro.config.mjs), so the checker's CSS validator reads it too; it predates container
    // queries and MathML Core's math-shift, which Chromium supports: only those are let through.
    const newerCss = /^CSS: (Unrecognized at-rule “@container”|“(container-type|container-name|math-shift|math-depth|math-style)”: Property “\2” doesn't exist)/;
    const errors = messages
      .filter((m) => (m.type === 'error' || m.subType === 'fatal') && !newerCss.test(m.message))
      .map((m) => `${m.url.replace(/^file:.*?\/dist\//, '')}:${m.lastLine ?? '?'}  ${m.message}`);
    expect(errors).toEqual([]);
  });
});
