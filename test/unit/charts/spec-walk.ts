/**
 * Test helpers that read Vega-Lite specs as data: the unit layers they contain, and the
 * rows of their named datasets.
 */
import type { ChartSpec, Row } from '../../../src/charts/types';

/** A unit view (one mark) found somewhere in a spec. */
export interface UnitView {
  readonly mark: string;
  readonly markDef: Record<string, unknown>;
  readonly encoding: Record<string, { field?: string; [key: string]: unknown }>;
  /** Name of the dataset it reads, if any. */
  readonly data: string | undefined;
  readonly transform: unknown[];
}

type Json = Record<string, unknown>;

/** Every unit view in the spec, in document order (layers, concatenations and facets). */
export function unitViews(spec: ChartSpec | Json, inherited?: string): UnitView[] {
  const node = spec as Json;
  const data = ((node.data as Json | undefined)?.name as string | undefined) ?? inherited;
  if (node.mark) {
    const mark = node.mark as string | Json;
    const markDef = typeof mark === 'string' ? { type: mark } : mark;
    return [
      {
        mark: markDef.type as string,
        markDef,
        encoding: (node.encoding ?? {}) as UnitView['encoding'],
        data,
        transform: (node.transform as unknown[] | undefined) ?? [],
      },
    ];
  }
  const children: Json[] = [
    ...((node.layer as Json[] | undefined) ?? []),
    ...((node.hconcat as Json[] | undefined) ?? []),
    ...((node.vconcat as Json[] | undefined) ?? []),
    ...(node.spec ? [node.spec as Json] : []),
  ];
  return children.flatMap((child) => unitViews(child, data));
}

/** The rows of a named dataset (top-level `datasets`, or inline `data.values` with a name). */
export function dataset(spec: ChartSpec, name: string): Row[] {
  const top = spec as unknown as Json;
  const sets = (top.datasets ?? {}) as Record<string, Row[]>;
  if (sets[name]) return sets[name];
  const data = top.data as Json | undefined;
  if (data?.name === name && Array.isArray(data.values)) return data.values as Row[];
  throw new Error(`no dataset ${name}`);
}

/** Names of all datasets of a spec. */
export function datasetNames(spec: ChartSpec): string[] {
  const top = spec as unknown as Json;
  const names = Object.keys((top.datasets ?? {}) as Json);
  const data = top.data as Json | undefined;
  if (typeof data?.name === 'string') names.push(data.name);
  return names;
}

/** The fields a unit view encodes, channel → field. */
export function fields(view: UnitView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [channel, def] of Object.entries(view.encoding)) if (def && typeof def.field === 'string') out[channel] = def.field;
  return out;
}
