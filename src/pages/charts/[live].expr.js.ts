import type { APIRoute, GetStaticPaths } from 'astro';
import { compiledLiveChartFile } from '../../charts/live-compile';
import { servedLiveChartNames } from '../../lib/served-charts';

/**
 * `/charts/<name>.<hash>.expr.js`: each served live chart's (src/lib/served-charts.ts) Vega expressions as functions written at build time
 * (src/charts/live-expressions.ts says why), which the page imports beside its `.vega.json` when the chart wakes.
 * Precached by the service worker with the other chart files.
 */
export const getStaticPaths = (async () =>
  Promise.all(
    (await servedLiveChartNames()).map(async (name) => {
      const file = await compiledLiveChartFile(name);
      return { params: { live: file.exprFileName }, props: { js: file.exprJs } };
    }),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { js: string }).js, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
