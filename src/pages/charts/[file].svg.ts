import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { chartByName, chartCatalog, liveChartNames } from '../../charts/catalog';
import { chartFile, chartFileName, renderSvg } from '../../charts/render';
import { usedChartNames } from '../../charts/used';
import { authorGuideIncluded } from '../../lib/author-guide';

/**
 * `/charts/<name>.<hash>.svg`: the desktop form of every catalog chart a page draws, which lesson pages draw with
 * `<use>` instead of carrying it inline (ChartPicture.astro): the charts the lessons name and the live ones
 * (src/charts/used.ts), or all of them when the author guide, which shows the whole catalog, is built. The phone
 * forms and other drawings follow after the build, into content-named files beside these (src/charts/external.ts).
 * The hash of the spec is in the name, so a page always draws its own build's chart, and the service worker
 * precaches the files with the course.
 */
export const getStaticPaths = (async () => {
  const names = Object.keys(chartCatalog);
  // The dev server serves every chart: a chart name an author has just typed must draw without a restart.
  const served = import.meta.env.DEV || authorGuideIncluded() ? new Set(names) : usedChartNames((await getCollection('lessons')).map((lesson) => lesson.body ?? ''), names, liveChartNames);
  return names
    .filter((name) => served.has(name))
    .map((name) => {
      const spec = chartByName(name).spec;
      return { params: { file: chartFileName(name, spec) }, props: { spec } };
    });
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const rendered = await renderSvg((props as { spec: Parameters<typeof renderSvg>[0] }).spec);
  return new Response(chartFile(rendered), { headers: { 'content-type': 'image/svg+xml' } });
};
