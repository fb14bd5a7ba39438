import { getCollection } from 'astro:content';
import { chartCatalog, liveChartNames } from '../charts/catalog';
import { usedChartNames } from '../charts/used';
import { authorGuideIncluded } from './author-guide';

/**
 * The catalog charts a build serves files for (their drawings, /charts/<name>.<hash>.svg, and their data tables,
 * /charts/tables/<name>.<hash>/): those the lessons name and the live ones (src/charts/used.ts), or all of them
 * in the dev server (a chart name an author has just typed must draw without a restart) and when the author
 * guide, which shows the whole catalog, is built.
 */
export async function servedChartNames(): Promise<string[]> {
  const names = Object.keys(chartCatalog);
  if (import.meta.env.DEV || authorGuideIncluded()) return names;
  const served = usedChartNames((await getCollection('lessons')).map((lesson) => lesson.body ?? ''), names, liveChartNames);
  return names.filter((name) => served.has(name));
}
