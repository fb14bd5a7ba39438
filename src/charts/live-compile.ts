/**
 * Build-time half of ./live-spec.ts: compiles a live chart's first state to Vega, for the desktop column and
 * for a phone's, into the JSON file the page loads instead of Vega-Lite.
 *
 * Node only (the renderer it asks for the phone form's plot width is).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { compile } from 'vega-lite';
import { BOWL_EXPLORERS, bowlSpec, bowlState } from './bowlExplorer';
import type { BowlExplorerName } from './bowlExplorer';
import { explorerSpec, explorerState, EXPLORER_DEFAULTS } from './explorer';
import type { CompiledLiveChart } from './live-spec';
import { narrowSpec } from './narrow';
import { renderChart } from './render';
import type { ChartSpec } from './types';

/** The first-state spec of each live chart (the catalog's `liveChartNames`), by name. */
const liveChartSpecs: Readonly<Record<string, () => ChartSpec>> = {
  'x2-explorer': () => explorerSpec(explorerState(EXPLORER_DEFAULTS)),
  ...Object.fromEntries(
    (Object.keys(BOWL_EXPLORERS) as BowlExplorerName[]).map((name) => [name, () => bowlSpec(name, bowlState(BOWL_EXPLORERS[name].defaults))]),
  ),
};

/** The live charts there is a compiled file for. */
export const compiledLiveChartNames = Object.keys(liveChartSpecs);

/** A live chart compiled for both columns ({@link CompiledLiveChart}). */
export async function compileLiveChart(spec: ChartSpec): Promise<CompiledLiveChart> {
  const rendered = await renderChart(spec);
  const wide = compile(spec).spec;
  if (!rendered.narrow) return { wide };
  const narrowPlotWidth = rendered.narrow.plotWidth;
  return { wide, narrow: compile(narrowSpec(spec, narrowPlotWidth)).spec, narrowPlotWidth };
}

/** A live chart's compiled file: its name (without `.vega.json`), URL and content. */
export interface CompiledLiveChartFile {
  readonly fileName: string;
  readonly url: string;
  readonly json: string;
}

// Once a build: the page that embeds the chart and the file's own route ask for the same one.
const files = new Map<string, Promise<CompiledLiveChartFile>>();

/** The compiled file of a live chart: `/charts/<name>.<hash of the content>.vega.json` (a page always gets its own build's). */
export function compiledLiveChartFile(name: string): Promise<CompiledLiveChartFile> {
  let file = files.get(name);
  if (!file) {
    const spec = liveChartSpecs[name];
    if (!spec) throw new Error(`no compiled form for the live chart "${name}" (known: ${compiledLiveChartNames.join(', ')}): add its first-state spec to src/charts/live-compile.ts`);
    file = compileLiveChart(spec()).then((compiled) => {
      const json = JSON.stringify(compiled);
      const fileName = `${name}.${createHash('sha256').update(json).digest('hex').slice(0, 12)}`;
      return { fileName, url: `/charts/${fileName}.vega.json`, json };
    });
    files.set(name, file);
  }
  return file;
}
