/**
 * A live chart's Vega dataflow, compiled from Vega-Lite and parsed at build time, and what the page does to it before drawing.
 *
 * Why at build: compiling Vega-Lite in the page meant shipping Vega-Lite (a third of the live chart's script) and
 * running its compiler on the main thread while the chart woke; parsing the Vega spec there meant shipping Vega's
 * parser and a task of its own. The runtime dataflow of a live chart's first state, its run's datasets empty, is a
 * JSON file (src/pages/charts/[live].vega.json.ts); the page inserts the rows of its current state and puts in the
 * ink colour, which is all that changes between states (the explorer's spec differs from one run to the next only
 * in its named datasets and its description, which a canvas does not show).
 *
 * Pure and dependency-free: the page imports it; the build's compile step lives in ./live-compile.ts.
 *
 * @packageDocumentation
 */
import type { LiveLayers } from './live-layers';

/** A compiled Vega spec, as JSON (kept structural: Vega's own types are not needed to fill it). */
export interface VegaSpecJson {
  readonly data?: readonly { readonly name: string; readonly values?: unknown }[];
}

/** Vega's runtime dataflow (`vega.parse`'s result), as JSON. */
export interface VegaRuntimeJson {
  readonly operators: readonly unknown[];
}

/** The file a live chart loads: its dataflow for the desktop column and for a phone's. */
export interface CompiledLiveChart {
  readonly wide: VegaRuntimeJson;
  /** The phone form (src/charts/narrow.ts), laid out with the plot width of the page's phone picture. */
  readonly narrow?: VegaRuntimeJson;
  /** That plot width (the page's `data-narrow-plot`, checked by the page before using `narrow`). */
  readonly narrowPlotWidth?: number;
  /** The marks redrawn on a change and the rest, drawn once (./live-layers.ts); the same in both forms. */
  readonly layers: LiveLayers;
}

/**
 * The spec or dataflow with its `currentColor` ink values replaced by a concrete colour (a canvas has no
 * currentColor). Vega-Lite passes colour strings through, so on a spec this is the same as compiling it with the
 * colour already in; in a dataflow it reaches values and syntax trees but not generated code, whose literal is
 * escaped: the build's expression functions take the ink as an argument instead (./live-expressions.ts).
 */
export function vegaWithInk<J extends VegaSpecJson | VegaRuntimeJson>(spec: J, ink: string): J {
  return JSON.parse(JSON.stringify(spec).replaceAll('"currentColor"', JSON.stringify(ink))) as J;
}

/**
 * The spec with the values of its named datasets replaced (the others, and the derived data, as they are).
 *
 * @param datasets - Rows by dataset name; a name the spec does not have is an error (the chart would not show it).
 */
export function vegaWithData<D extends { readonly [K in keyof D]: readonly unknown[] }>(spec: VegaSpecJson, datasets: D): VegaSpecJson {
  const data = spec.data ?? [];
  const rows = datasets as Readonly<Record<string, readonly unknown[]>>;
  for (const name of Object.keys(datasets)) {
    if (!data.some((d) => d.name === name && 'values' in d)) throw new Error(`the compiled chart has no dataset "${name}"`);
  }
  return { ...spec, data: data.map((d) => (d.name in rows ? { ...d, values: rows[d.name] } : d)) };
}
