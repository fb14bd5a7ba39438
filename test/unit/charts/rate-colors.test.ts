/**
 * One colour per learning rate across every chart of a lesson: the run labelled η = 1.1 has
 * the same colour in every figure that draws it, and two rates never share a colour.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chartByName } from '../../../src/charts/catalog';
import { unitViews } from './spec-walk';

const moduleDir = resolve(import.meta.dirname, '../../../content/math-for-ml/1.2-calculus-for-ml');
const lessons = readdirSync(moduleDir).filter((f) => f.endsWith('.mdx'));

/** Chart names a lesson draws, in order. */
function chartsOf(file: string): string[] {
  const source = readFileSync(join(moduleDir, file), 'utf8');
  return [...new Set([...source.matchAll(/<Chart name="([^"]+)"/g)].map((m) => m[1] as string))];
}

/** Every (rate, colour) pair a chart's colour scales assign to a series labelled "η = …". */
function rateColours(name: string): { rate: string; colour: string }[] {
  const pairs: { rate: string; colour: string }[] = [];
  for (const view of unitViews(chartByName(name).spec)) {
    const scale = (view.encoding.color as { scale?: { domain?: unknown[]; range?: unknown[] } } | undefined)?.scale;
    if (!Array.isArray(scale?.domain) || !Array.isArray(scale.range)) continue;
    scale.domain.forEach((label, i) => {
      const rate = String(label).match(/η = ([\d.]+)/)?.[1];
      if (rate !== undefined) pairs.push({ rate: String(Number(rate)), colour: String(scale.range![i]) });
    });
  }
  return pairs;
}

describe.each(lessons)('%s', (file) => {
  test('each learning rate has one colour in every chart, and no two rates share one', () => {
    const byRate = new Map<string, Set<string>>();
    const where = new Map<string, string[]>();
    for (const name of chartsOf(file)) {
      for (const { rate, colour } of rateColours(name)) {
        byRate.set(rate, (byRate.get(rate) ?? new Set()).add(colour));
        where.set(rate, [...(where.get(rate) ?? []), `${name}: ${colour}`]);
      }
    }
    for (const [rate, colours] of byRate) expect([...colours], `η = ${rate} in ${where.get(rate)?.join(', ')}`).toHaveLength(1);
    const owners = new Map<string, string>();
    for (const [rate, colours] of byRate) {
      const colour = [...colours][0] as string;
      expect(owners.get(colour), `colour ${colour} of η = ${rate}`).toBeUndefined();
      owners.set(colour, rate);
    }
  });
});

test('the check sees the rates of 1.2.38: its two x² figures draw η = 0.01, 0.1 and 1.1', () => {
  const rates = [...new Set(['x2-loss-curves', 'x2-paths'].flatMap((name) => rateColours(name).map((p) => p.rate)))].sort();
  expect(rates).toEqual(['0.01', '0.1', '1.1']);
});
