import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getCollection } from 'astro:content';
import { chartCatalog } from '../charts/catalog';
import { compiledLiveChartNames } from '../charts/live-compile';
import { usedChartNames } from '../charts/used';
import { authorGuideIncluded } from './author-guide';

/**
 * The catalog charts a build serves files for (their drawings, /charts/<name>.<hash>.svg, and their data tables,
 * /charts/tables/<name>.<hash>/, and a live chart's compiled files): those the lessons name or do an explorer task on
 * (src/charts/used.ts), or all of them
 * in the dev server (a chart name an author has just typed must draw without a restart) and when the author
 * guide, which shows the whole catalog, is built. The lessons' sources are read from their files: the collection
 * keeps no bodies (src/content.config.ts, `retainBody`). Entry paths are relative to the project root, the
 * directory Astro runs in (as src/markdown and the integrations assume).
 */
export async function servedChartNames(): Promise<string[]> {
  const names = Object.keys(chartCatalog);
  if (import.meta.env.DEV || authorGuideIncluded()) return names;
  const sources = await Promise.all((await getCollection('lessons')).map((lesson) => readFile(resolve(lesson.filePath ?? ''), 'utf8')));
  const served = usedChartNames(sources, names);
  return names.filter((name) => served.has(name));
}

/** The live charts among {@link servedChartNames}: those whose compiled .vega.json and .expr.js a build writes. */
export async function servedLiveChartNames(): Promise<string[]> {
  const served = new Set(await servedChartNames());
  return compiledLiveChartNames.filter((name) => served.has(name));
}
