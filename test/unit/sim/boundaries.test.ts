import { describe, expect, test } from 'vitest';
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/project';

const simDir = join(projectRoot, 'src/sim');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Bundle a tiny entry that imports from the barrel, as a page's island would, and return the code. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: simDir, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    minify: false,
    treeShaking: true,
    platform: 'neutral',
  });
  return result.outputFiles[0]!.text;
}

describe('src/sim stays a pure, self-contained module', () => {
  test('it imports nothing from outside itself, and nothing of the DOM or Node', () => {
    for (const file of sources(simDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
        expect(m[1], `${file} imports ${m[1]}`).toMatch(/^\.\.?\//);
      }
      expect(text, file).not.toMatch(/\b(document|window|localStorage|process\.|require\()/);
    }
  });

  test('a page that runs plain gradient descent does not ship Adam or the analysis code', async () => {
    const small = await bundle(`import { run, quadratic1D } from './index'; console.log(run({ problem: quadratic1D(1), start: [10], steps: 10 }));`);
    const withAdam = await bundle(`import { run, quadratic1D, adam } from './index'; console.log(run({ problem: quadratic1D(1), optimizer: adam(), start: [10], steps: 10 }));`);
    expect(small).not.toMatch(/beta2|bias.?correct/i);
    expect(small).not.toContain('lrRangeTest');
    expect(withAdam).toMatch(/beta2/);
    expect(small.length).toBeLessThan(withAdam.length);
  });
});
