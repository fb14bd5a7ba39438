import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headScriptHashes, scriptHashSource } from '../../src/lib/head-scripts';
import { projectRoot } from '../support/project';

/** The script-src directive of every Content-Security-Policy written out in a file (header lines, nginx's $csp). */
function scriptSources(file: string): string[][] {
  const text = readFileSync(join(projectRoot, file), 'utf8');
  return [...text.matchAll(/script-src ([^;"\n]+)[;"]/g)].map((m) => m[1]!.trim().split(/\s+/));
}

describe('the inline head scripts and the policies written out for hosts', () => {
  test('a hash source is what a browser computes for the script text (a known vector)', () => {
    // sha256("alert('Hello, world.');"), the example of the CSP specification.
    expect(scriptHashSource("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });

  test.each(['public/_headers', 'docs/deploy.md'])('%s allows exactly the head scripts as they are now, in every policy it gives', (file) => {
    const hashes = headScriptHashes(projectRoot).map((h) => `'${h}'`);
    // The policies a host is to send, not the <meta>'s outline with its "<sha256 hashes …>" placeholder.
    const policies = scriptSources(file).filter((sources) => sources.includes("'self'") && !sources.some((s) => s.startsWith('<')));
    expect(policies.length).toBeGreaterThan(0);
    for (const sources of policies) expect(sources.filter((s) => s.startsWith("'sha256-"))).toEqual(hashes);
  });
});
