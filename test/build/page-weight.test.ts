import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/project';

/** The real course, built by `npm run build` just before this suite (see the test script). */
const dist = join(projectRoot, 'dist');

/** Issue 18's budget: a lesson page's HTML, raw, complete and readable without JavaScript. */
const TARGET_KB = 400;

/**
 * The one place where a lesson may be over the target for now, with the reason and the figure it is held to
 * (so it cannot grow meanwhile). Remove an entry as soon as the lesson fits: the test then holds it to the target.
 */
const OVER_TARGET: Readonly<Record<string, { readonly kb: number; readonly why: string }>> = {
  // None: 1.2.38 fits since its math is MathML only (593 → 303 KB, bench/RESULTS.md "Issue 18, page weight: MathML").
};

const lessons = ['1.2.37', '1.2.38', '1.2.39'];

describe('lesson page weight', () => {
  test.each(lessons)(`lesson %s's HTML is at most ${TARGET_KB} KB raw`, (id) => {
    const bytes = readFileSync(join(dist, 'math-for-ml', id, 'index.html')).length;
    const limit = OVER_TARGET[id]?.kb ?? TARGET_KB;
    expect(bytes / 1024, `math-for-ml/${id}/index.html: ${(bytes / 1024).toFixed(0)} KB (limit ${limit} KB${OVER_TARGET[id] ? `: ${OVER_TARGET[id].why}` : ''})`).toBeLessThanOrEqual(limit);
  });

  test('no exception is looser than it needs to be', () => {
    for (const [id, { kb }] of Object.entries(OVER_TARGET)) {
      const bytes = readFileSync(join(dist, 'math-for-ml', id, 'index.html')).length;
      // An exception within 10 KB of the page: tightened as the page shrinks.
      expect(kb, `${id}: the page is ${(bytes / 1024).toFixed(0)} KB now; lower its exception`).toBeLessThanOrEqual(Math.max(TARGET_KB, bytes / 1024 + 10));
    }
  });
});
