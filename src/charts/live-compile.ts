/**
 * Build-time half of ./live-spec.ts: compiles a live chart's first state to Vega and parses that to Vega's runtime
 * dataflow, for the desktop column and for a phone's, into the JSON file the page loads instead of Vega-Lite; and
 * writes every expression that dataflow evaluates as a function, into the module the page evaluates them with
 * (./live-expressions.ts says why).
 *
 * Node only (the renderer it asks for the phone form's plot width is).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import type * as Vega from 'vega';
import { BOWL_EXPLORERS, BOWL_TRACES, bowlSpec, bowlState } from './bowlExplorer';
import type { BowlExplorerName } from './bowlExplorer';
import { explorerSpec, explorerState, EXPLORER_DEFAULTS, EXPLORER_TRACES } from './explorer';
import { EXPRESSION_KINDS, expressionBody, expressionModule } from './live-expressions';
import { liveLayers } from './live-layers';
import type { LiveLayers, VegaLayersSpecJson } from './live-layers';
import type { ExpressionKind, VegaContext, VegaEncodeExpression, VegaExpression, VegaExpressionEvaluator } from './live-expressions';
import { vegaWithData } from './live-spec';
import type { CompiledLiveChart, VegaRuntimeJson, VegaSpecJson } from './live-spec';
import { narrowSpec } from './narrow';
import { renderChart } from './render';
import { loadVega } from './vega-libs';
import type { ChartSpec } from './types';

/** Rows by dataset name (an explorer's datasets are interfaces, which have no index signature: hence `object`). */
type Datasets = object;
const rowsByName = (datasets: Datasets) => Object.entries(datasets) as [string, readonly unknown[]][];

/** A live chart's first state: its spec, the datasets the page fills from a run and the faint traces it fills from the run before. */
interface LiveChartSource {
  readonly spec: ChartSpec;
  readonly datasets: Datasets;
  readonly traces: readonly string[];
}

/** The first state of each live chart (the catalog's `liveChartNames`), by name. */
const liveChartSources: Readonly<Record<string, () => LiveChartSource>> = {
  'x2-explorer': () => {
    const state = explorerState(EXPLORER_DEFAULTS);
    return { spec: explorerSpec(state), datasets: state.datasets, traces: Object.keys(EXPLORER_TRACES) };
  },
  ...Object.fromEntries(
    (Object.keys(BOWL_EXPLORERS) as BowlExplorerName[]).map((name) => [
      name,
      () => {
        const state = bowlState(BOWL_EXPLORERS[name].defaults);
        return { spec: bowlSpec(name, state), datasets: state.datasets, traces: Object.keys(BOWL_TRACES) };
      },
    ]),
  ),
};

/** The live charts there is a compiled file for. */
export const compiledLiveChartNames = Object.keys(liveChartSources);

/** A live chart's Vega specs for both columns (the phone form's plot width is the page picture's). */
export async function compileLiveChartSpecs(spec: ChartSpec): Promise<{ wide: VegaSpecJson; narrow?: VegaSpecJson; narrowPlotWidth?: number }> {
  const rendered = await renderChart(spec);
  const { compile } = (await loadVega()).vegaLite;
  const wide = compile(spec).spec as VegaSpecJson;
  if (!rendered.narrow) return { wide };
  const narrowPlotWidth = rendered.narrow.plotWidth;
  return { wide, narrow: compile(narrowSpec(spec, narrowPlotWidth)).spec as VegaSpecJson, narrowPlotWidth };
}

/**
 * A Vega spec parsed to Vega's runtime dataflow (what `new View` takes), with the run's datasets empty — the page
 * inserts its run's rows — and each expression's syntax tree kept for the interpreter the page falls back to.
 */
export async function vegaRuntime(spec: VegaSpecJson, runDatasets: readonly string[]): Promise<VegaRuntimeJson> {
  const { vega } = await loadVega();
  const empty = vegaWithData(spec, Object.fromEntries(runDatasets.map((name) => [name, []])));
  return JSON.parse(JSON.stringify(vega.parse(empty as Vega.Spec, undefined, { ast: true }))) as VegaRuntimeJson;
}

/** An expression of a runtime dataflow: its kind, its function body, and the object of the dataflow it is. */
interface NotedExpression {
  readonly kind: ExpressionKind;
  readonly body: string;
  readonly expr: VegaExpression | VegaEncodeExpression;
}

/**
 * Every expression a runtime dataflow evaluates: the dataflow is built and run in Node with `datasets` in (facets
 * parse their sub-dataflows only once data arrives), vega-interpreter evaluating, and each expression vega-runtime
 * asks for is noted on the way.
 */
export async function runtimeExpressions(runtime: VegaRuntimeJson, datasets: Datasets): Promise<NotedExpression[]> {
  const { vega } = await loadVega();
  const noted: NotedExpression[] = [];
  const interpreter = (await import('vega-interpreter')).expressionInterpreter as unknown as VegaExpressionEvaluator;
  const recorder = Object.fromEntries(
    (Object.keys(EXPRESSION_KINDS) as ExpressionKind[]).map((kind) => [
      kind,
      (ctx: VegaContext, expr: VegaExpression & VegaEncodeExpression) => {
        noted.push({ kind, body: expressionBody(kind, expr), expr });
        return interpreter[kind](ctx, expr);
      },
    ]),
  );
  const view = new vega.View(runtime as unknown as Vega.Runtime, { renderer: 'none', expr: recorder, logLevel: vega.Error });
  for (const [name, rows] of rowsByName(datasets)) view.change(name, vega.changeset().insert(rows));
  await view.runAsync();
  view.finalize();
  return noted;
}

/** The layers of both forms in one (the phone form has the wide one's marks under the same names). */
function chartLayers(specs: readonly VegaSpecJson[], replaced: readonly string[]): LiveLayers {
  const each = specs.map((spec) => liveLayers(spec as VegaLayersSpecJson, replaced));
  return { moving: [...new Set(each.flatMap((l) => l.moving))], holders: [...new Set(each.flatMap((l) => l.holders))] };
}

/** A live chart compiled for both columns ({@link CompiledLiveChart}), and the module of its expressions. */
export async function compileLiveChart(source: LiveChartSource): Promise<{ compiled: CompiledLiveChart; expressions: string }> {
  const specs = await compileLiveChartSpecs(source.spec);
  const runDatasets = Object.keys(source.datasets);
  const wide = await vegaRuntime(specs.wide, runDatasets);
  const narrow = specs.narrow && (await vegaRuntime(specs.narrow, runDatasets));
  const noted = [...(await runtimeExpressions(wide, source.datasets)), ...(narrow ? await runtimeExpressions(narrow, source.datasets) : [])];
  // The module has a function for each of these: their syntax trees (most of the file) would never be read.
  for (const { expr } of noted) {
    if ('channels' in expr) for (const channel of Object.values(expr.channels)) delete (channel as { ast?: unknown }).ast;
    else delete (expr as { ast?: unknown }).ast;
  }
  const layers = chartLayers([specs.wide, ...(specs.narrow ? [specs.narrow] : [])], [...runDatasets, ...source.traces]);
  const compiled: CompiledLiveChart = narrow ? { wide, narrow, narrowPlotWidth: specs.narrowPlotWidth!, layers } : { wide, layers };
  return { compiled, expressions: expressionModule(noted) };
}

/** A live chart's compiled files: the runtime specs (`.vega.json`) and the expressions (`.expr.js`), content-named. */
export interface CompiledLiveChartFile {
  /** The runtime specs' file name, without `.vega.json`. */
  readonly fileName: string;
  readonly url: string;
  readonly json: string;
  /** The expression module's file name, without `.expr.js`. */
  readonly exprFileName: string;
  readonly exprUrl: string;
  readonly exprJs: string;
}

// Once a build: the page that embeds the chart and the file's own route ask for the same one.
const files = new Map<string, Promise<CompiledLiveChartFile>>();

/** The compiled file of a live chart: `/charts/<name>.<hash of the content>.vega.json` (a page always gets its own build's). */
export function compiledLiveChartFile(name: string): Promise<CompiledLiveChartFile> {
  let file = files.get(name);
  if (!file) {
    const source = liveChartSources[name];
    if (!source) throw new Error(`no compiled form for the live chart "${name}" (known: ${compiledLiveChartNames.join(', ')}): add its first state to src/charts/live-compile.ts`);
    file = compileLiveChart(source()).then(({ compiled, expressions }) => {
      const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
      const json = JSON.stringify(compiled);
      const fileName = `${name}.${hash(json)}`;
      const exprFileName = `${name}.${hash(expressions)}`;
      return { fileName, url: `/charts/${fileName}.vega.json`, json, exprFileName, exprUrl: `/charts/${exprFileName}.expr.js`, exprJs: expressions };
    });
    files.set(name, file);
  }
  return file;
}
