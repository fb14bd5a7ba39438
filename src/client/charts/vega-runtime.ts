/**
 * The part of Vega a live chart runs: the View (dataflow, canvas renderer, expression functions) and the
 * transforms its build-parsed dataflows use, and nothing else.
 *
 * Why not `import 'vega'`: Vega's entry registers every transform it has (geo, force, hierarchy, label,
 * regression, voronoi, word cloud, crossfilter) and carries the spec parser, all of which the bundler must keep
 * since registering them is a side effect. The page gets its dataflows parsed at build (src/charts/live-spec.ts),
 * so it needs none of that: evaluating the smaller chunk is what the page waits for while a chart wakes.
 *
 * A dataflow that names a transform not registered here fails with Vega's "Unrecognized transform type";
 * test/unit/charts/live-spec.test.ts checks every live chart's dataflows against {@link LIVE_TRANSFORMS}.
 */
import { changeset, transforms } from 'vega-dataflow';
import { axisticks, datajoin, encode, scale, sortitems } from 'vega-encode';
import { aggregate, collect, facet, filter, formula, prefacet, proxy, relay, sieve } from 'vega-transforms';
import { View } from 'vega-view';
import { bound, mark, overlap, render, viewlayout } from 'vega-view-transforms';
import { Error as ErrorLevel } from 'vega-util';

/** The transforms of the live charts' dataflows, by the operator type a runtime spec names them with. */
export const LIVE_TRANSFORMS = {
  aggregate,
  axisticks,
  bound,
  collect,
  datajoin,
  encode,
  facet,
  filter,
  formula,
  mark,
  overlap,
  prefacet,
  proxy,
  relay,
  render,
  scale,
  sieve,
  sortitems,
  viewlayout,
} as const;
Object.assign(transforms, LIVE_TRANSFORMS);

export { ErrorLevel, View, changeset };
