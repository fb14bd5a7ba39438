/**
 * Which marks of a live chart move when its controls change, so that the page can draw the rest — axes, grid,
 * titles, the parabola, the contours — once, on a canvas of its own, and redraw only the moving marks on a canvas
 * laid over it (src/client/charts/layered-renderer.ts). One dataflow and one scenegraph draw both layers, so they
 * cannot drift apart: the split is only in which marks each canvas paints.
 *
 * A mark moves when it reads, directly or through derived data, one of the datasets the page replaces on a change
 * (the run's and the faint traces of the run before); the marks inside a moving group move with it. A group that
 * holds moving marks without being one (a concat panel) is a holder: the moving layer goes through it to reach them.
 *
 * Pure and dependency-free: the build computes the layers (./live-compile.ts), the page reads them.
 *
 * @packageDocumentation
 */

/** The two layers of a live chart, by mark name (Vega-Lite names every mark). */
export interface LiveLayers {
  /** Marks redrawn on every change: those fed by the replaced datasets, and everything inside them. */
  readonly moving: readonly string[];
  /** Groups that are not moving but contain moving marks. */
  readonly holders: readonly string[];
}

interface VegaDataJson {
  readonly name: string;
  readonly source?: string | readonly string[];
}
interface VegaMarkJson {
  readonly name?: string;
  readonly type: string;
  readonly from?: { readonly data?: string; readonly facet?: { readonly data: string; readonly name: string } };
  readonly data?: readonly VegaDataJson[];
  readonly marks?: readonly VegaMarkJson[];
}
/** The part of a Vega spec the layers are read from. */
export interface VegaLayersSpecJson {
  readonly data?: readonly VegaDataJson[];
  readonly marks?: readonly VegaMarkJson[];
}

/**
 * The layers of a Vega spec whose datasets `replaced` change on every control change.
 *
 * @throws If a moving mark has no name (the page finds marks by name), or a replaced dataset is not in the spec.
 */
export function liveLayers(spec: VegaLayersSpecJson, replaced: readonly string[]): LiveLayers {
  const known = new Set((spec.data ?? []).map((d) => d.name));
  const absent = replaced.filter((name) => !known.has(name));
  if (absent.length > 0) throw new Error(`live layers: the spec has no dataset ${absent.map((n) => `"${n}"`).join(', ')}`);
  const movingData = new Set(replaced);
  const derive = (data: readonly VegaDataJson[]) => {
    // Data derive from data declared before them, so one pass in order suffices.
    for (const d of data) {
      const sources = d.source === undefined ? [] : typeof d.source === 'string' ? [d.source] : d.source;
      if (sources.some((s) => movingData.has(s))) movingData.add(d.name);
    }
  };
  derive(spec.data ?? []);
  const moving: string[] = [];
  const holders: string[] = [];
  const named = (mark: VegaMarkJson): string => {
    if (!mark.name) throw new Error(`live layers: a moving ${mark.type} mark has no name`);
    return mark.name;
  };
  const everyName = (mark: VegaMarkJson) => {
    moving.push(named(mark));
    for (const child of mark.marks ?? []) everyName(child);
  };
  /** Visits a mark; true when it is or holds a moving mark. */
  const visit = (mark: VegaMarkJson): boolean => {
    const from = mark.from?.facet?.data ?? mark.from?.data;
    if (from !== undefined && movingData.has(from)) {
      if (mark.from?.facet) movingData.add(mark.from.facet.name);
      everyName(mark);
      return true;
    }
    derive(mark.data ?? []);
    const holds = (mark.marks ?? []).map(visit).some(Boolean);
    if (holds) holders.push(named(mark));
    return holds;
  };
  for (const mark of spec.marks ?? []) visit(mark);
  return { moving, holders };
}
