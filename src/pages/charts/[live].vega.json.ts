import type { APIRoute, GetStaticPaths } from 'astro';
import { compiledLiveChartFile } from '../../charts/live-compile';
import { servedLiveChartNames } from '../../lib/served-charts';

/**
 * `/charts/<name>.<hash>.vega.json`: each served live chart's (src/lib/served-charts.ts) Vega spec, compiled from Vega-Lite at build time
 * (src/charts/live-spec.ts says why), which the page loads when the chart wakes. Precached by the service worker
 * with the other chart files.
 */
export const getStaticPaths = (async () =>
  Promise.all(
    (await servedLiveChartNames()).map(async (name) => {
      const file = await compiledLiveChartFile(name);
      return { params: { live: file.fileName }, props: { json: file.json } };
    }),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { json: string }).json, { headers: { 'content-type': 'application/json' } });
