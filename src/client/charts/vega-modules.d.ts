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
// What the layered renderer (src/client/charts/layered-renderer.ts) uses of Vega's scenegraph: its renderer classes
// as Vega's sources define them.
declare module 'vega-scenegraph' {
  /** A mark of the scenegraph: its items, and the name and role the spec gave it. */
  export interface SceneMark {
    readonly marktype: string;
    readonly name?: string;
    readonly role?: string;
    readonly items: readonly SceneItem[];
  }
  /** An item of a mark (a group item has a box). */
  export interface SceneItem {
    readonly mark: SceneMark;
    readonly x?: number;
    readonly y?: number;
    readonly width?: number;
    readonly height?: number;
    readonly fill?: unknown;
    readonly stroke?: unknown;
  }
  export class Renderer {
    constructor(loader: unknown);
    protected _width: number;
    protected _height: number;
    protected _origin: readonly [number, number];
    protected _scale: number;
    initialize(el: HTMLElement | null, width: number, height: number, origin: readonly [number, number], scaleFactor: number, options?: object): this;
    resize(width: number, height: number, origin: readonly [number, number], scaleFactor: number): this;
    background(color?: unknown): unknown;
    canvas(): HTMLCanvasElement | null;
    dirty(item: SceneItem): void;
    _render(scene: SceneMark, markTypes?: readonly string[]): this;
  }
  export class CanvasRenderer extends Renderer {
    context(): CanvasRenderingContext2D | null;
    draw(context: CanvasRenderingContext2D, scene: SceneMark, bounds: unknown, markTypes?: readonly string[]): void;
  }
  export class CanvasHandler {}
  /** The CSS font of a text item, as Vega's canvas renderer sets it. */
  export function font(item: SceneItem): string;
  export function renderModule(name: string, module: { handler: unknown; renderer: unknown; headless?: unknown }): unknown;
}
