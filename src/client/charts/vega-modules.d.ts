// Vega's own packages ship no types; the `vega` package's typings cover what the live charts use of them
// (src/client/charts/vega-runtime.ts).
declare module 'vega-dataflow' {
  export { changeset } from 'vega';
  export const transforms: Record<string, unknown>;
}
declare module 'vega-view' {
  export { View } from 'vega';
}
declare module 'vega-encode' {
  export const axisticks: unknown, datajoin: unknown, encode: unknown, scale: unknown, sortitems: unknown;
}
declare module 'vega-transforms' {
  export const aggregate: unknown, collect: unknown, facet: unknown, filter: unknown, formula: unknown;
  export const prefacet: unknown, proxy: unknown, relay: unknown, sieve: unknown;
}
declare module 'vega-view-transforms' {
  export const bound: unknown, mark: unknown, overlap: unknown, render: unknown, viewlayout: unknown;
}
