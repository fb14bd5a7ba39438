import type { APIRoute, GetStaticPaths } from 'astro';
import { chartByName } from '../../charts/catalog';
import { chartFile, chartFileName, renderSvg } from '../../charts/render';
import { servedChartNames } from '../../lib/served-charts';

/**
 * `/charts/<name>.<hash>.svg`: the desktop form of every catalog chart a page draws, which lesson pages draw with
 * `<use>` instead of carrying it inline (ChartPicture.astro), for the charts a build serves (src/lib/served-charts.ts). The phone
 * forms and other drawings follow after the build, into content-named files beside these (src/charts/external.ts).
 * The hash of the spec is in the name, so a page always draws its own build's chart, and the service worker
 * precaches the files with the course.
 */
export const getStaticPaths = (async () =>
  (await servedChartNames()).map((name) => {
    const spec = chartByName(name).spec;
    return { params: { file: chartFileName(name, spec) }, props: { spec } };
  })) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const rendered = await renderSvg((props as { spec: Parameters<typeof renderSvg>[0] }).spec);
  return new Response(chartFile(rendered), { headers: { 'content-type': 'image/svg+xml' } });
};
