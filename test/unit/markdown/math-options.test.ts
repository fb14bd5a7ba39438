import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../../support/project';

/**
 * The formula preview (src/client/quiz/formula.ts) imports the math options into the browser; a course's own
 * macros are read from course.yaml with `yaml` and `node:fs`, which must stay out of that graph (issue 23:
 * they made the preview's chunk ~30 KB larger, `yaml` for nothing and `node:fs` as an empty stub).
 */
describe("the formula preview's browser graph", () => {
  test('carries the math options and Temml but neither the course-macro loader, yaml nor node:fs', async () => {
    const result = await build({
      entryPoints: [`${projectRoot}/src/client/quiz/formula.ts`],
      absWorkingDir: projectRoot,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const imported = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(inputs).toContain('src/markdown/math-options.ts');
    expect(inputs).not.toContain('src/markdown/course-macros.ts');
    expect(imported).toContain('temml');
    expect(imported).not.toContain('katex');
    expect(imported).not.toContain('yaml');
    expect(imported.filter((p) => p.startsWith('node:'))).toEqual([]);
  });
});
