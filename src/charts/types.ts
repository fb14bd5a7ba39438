/**
 * Shapes shared by the spec builders, the catalog and the chart components.
 *
 * @packageDocumentation
 */
import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec as the builders return it: always with a title and a description. */
export type ChartSpec = TopLevelSpec & { readonly description: string };

/** One row of chart data: plain JSON, every number finite. */
export type Row = Record<string, number | string | boolean>;

/**
 * The text alternative of a chart: a small table a screen-reader user (or anyone) can read
 * instead of the picture. Cells are preformatted strings so the table shows exactly the
 * precision the chart is read at.
 */
export interface DataTable {
  /** What the rows are, e.g. "Loss at every 2nd step (30 steps in all)". */
  readonly caption: string;
  /** Column headings. */
  readonly columns: readonly string[];
  /** Rows of formatted cells, one per column. */
  readonly rows: readonly (readonly string[])[];
}

/** What the catalog hands the components for one named chart. */
export interface CatalogChart {
  /** The Vega-Lite spec (title, description, data inline as named datasets). */
  readonly spec: ChartSpec;
  /** Rows for the text alternative. */
  readonly table: DataTable;
}

/** A layered view (what the panel builders return), as Vega-Lite types it. */
export type LayerView = Extract<TopLevelSpec, { layer: unknown }>;

/** One layer of a {@link LayerView}. */
export type Layer = LayerView['layer'][number];

/** A view that can sit in an `hconcat` or `vconcat`. */
export type ConcatItem = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];
