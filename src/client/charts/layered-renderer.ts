/**
 * A Vega canvas renderer that paints a live chart on two stacked canvases: the frame (axes, grid, titles, the
 * parabola, the contours: every mark the controls do not change) below, painted again only when one of its marks
 * changes (the step budget's axis, a resize, a layout that moved), and the moving marks (./../../charts/live-layers.ts)
 * above, whose changed region is cleared and repainted on every update. A slider step then no longer repaints the
 * axes' text and the grid at the phone's pixel ratio, which was half of a redraw.
 *
 * Both canvases are painted from the one scenegraph of one View, with the same size, origin and pixel ratio, so they
 * line up by construction; the price is that every moving mark is drawn above every fixed one (the faint trace of
 * the last run now lies over the parabola and the contours, not under them).
 */
import { CanvasHandler, CanvasRenderer, Renderer, font, renderModule } from 'vega-scenegraph';
import type { SceneItem, SceneMark } from 'vega-scenegraph';
import type { LiveLayers } from '../../charts/live-layers';

/** A canvas renderer that paints only the marks `paints` accepts (a group it refuses is skipped with its content). */
class LayerRenderer extends CanvasRenderer {
  #fonts: { forget(): void } | undefined;

  constructor(
    loader: unknown,
    private readonly paints: (mark: SceneMark) => boolean,
  ) {
    super(loader);
  }

  override draw(context: CanvasRenderingContext2D, scene: SceneMark, bounds: unknown, markTypes?: readonly string[]): void {
    if (this.paints(scene)) super.draw(context, scene, bounds, markTypes);
  }

  override initialize(el: HTMLElement | null, width: number, height: number, origin: readonly [number, number], scaleFactor: number, options?: object): this {
    super.initialize(el, width, height, origin, scaleFactor, options);
    const context = this.context();
    if (context) this.#fonts = keepFont(context);
    return this;
  }

  override resize(width: number, height: number, origin: readonly [number, number], scaleFactor: number): this {
    super.resize(width, height, origin, scaleFactor);
    // Sizing a canvas resets its context, font included.
    this.#fonts?.forget();
    return this;
  }

  /**
   * Paints with the context's font, outside Vega's save() and restore(), already its first text's: Vega sets each
   * text's font inside them, so the font it restores to would otherwise differ from the one it sets on every paint.
   */
  override _render(scene: SceneMark, markTypes?: readonly string[]): this {
    const text = this.#firstText(scene);
    const context = this.context();
    if (text && context) context.font = font(text);
    return super._render(scene, markTypes);
  }

  /** The first text item this layer paints, in drawing order. */
  #firstText(mark: SceneMark): SceneItem | undefined {
    if (!this.paints(mark)) return undefined;
    if (mark.marktype === 'text') return mark.items[0];
    if (mark.marktype !== 'group') return undefined;
    for (const item of mark.items) {
      for (const child of (item as { items?: readonly SceneMark[] }).items ?? []) {
        const text = this.#firstText(child);
        if (text) return text;
      }
    }
    return undefined;
  }
}

/**
 * Makes `context` skip setting the font it already has. Chromium's `font` setter first brings the page's style and
 * layout up to date (even for the font the context has: the early return comes after), and Vega sets the font of
 * every text it draws, in a save()/restore() of its own: right after a slider's input (the slider and its outputs
 * changed) a redraw of the moving marks forced the 15,600-element page's style and layout for the one "start" label,
 * 5–30 ms at a phone's speed. The font is tracked through save() and restore() as the context tracks it; a resize,
 * which resets the context, must call `forget`.
 */
function keepFont(context: CanvasRenderingContext2D): { forget(): void } {
  const native = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'font');
  if (!native?.get || !native.set) return { forget() {} };
  const { get, set } = native;
  const { save, restore } = context;
  let current: string | undefined;
  const saved: (string | undefined)[] = [];
  Object.defineProperty(context, 'font', {
    configurable: true,
    get: () => get.call(context) as string,
    set: (font: string) => {
      if (font === current) return;
      set.call(context, font);
      current = font;
    },
  });
  context.save = () => {
    saved.push(current);
    save.call(context);
  };
  context.restore = () => {
    current = saved.pop();
    restore.call(context);
  };
  return {
    forget() {
      current = undefined;
      saved.length = 0;
    },
  };
}

/** Marks drawn as one shape through all their items (Vega's "nested" marks): one look for all of them. */
const NESTED = new Set(['line', 'area', 'trail']);
const ITEM_LOOK = ['x', 'y', 'x2', 'y2', 'width', 'height', 'text', 'fill', 'stroke', 'opacity', 'fillOpacity', 'strokeOpacity', 'strokeWidth', 'size', 'shape', 'angle', 'path', 'font', 'fontSize', 'align', 'baseline', 'dx', 'dy'] as const;
const POINT_LOOK = ['x', 'y', 'defined'] as const;

/**
 * What a fixed mark's item looks like, as a string: Vega marks fixed items dirty when nothing about them changed (an
 * axis title is placed again on every layout, a fixed line is re-encoded when its panel is), and repainting the frame
 * for those would undo the point of it.
 */
function look(item: SceneItem): string {
  const values = item as unknown as Readonly<Record<string, unknown>>;
  if (NESTED.has(item.mark.marktype)) {
    const points = item.mark.items.map((p) => POINT_LOOK.map((k) => String((p as unknown as Record<string, unknown>)[k])).join(',')).join(';');
    return `${ITEM_LOOK.map((k) => String(values[k])).join(',')}|${points}`;
  }
  return ITEM_LOOK.map((k) => String(values[k])).join(',');
}

/** The box a group item paints and places its content in: when it changes, so does everything drawn inside it. */
const groupBox = (item: SceneItem) => `${item.x ?? 0},${item.y ?? 0},${item.width ?? 0},${item.height ?? 0},${String(item.fill)},${String(item.stroke)}`;

function layeredRenderer(layers: LiveLayers): typeof Renderer {
  const moving = new Set(layers.moving);
  const holders = new Set(layers.holders);
  const isMoving = (mark: SceneMark) => mark.name !== undefined && moving.has(mark.name);
  // The scenegraph's root (role "frame") holds every panel.
  const paintsMoving = (mark: SceneMark) => isMoving(mark) || mark.role === 'frame' || (mark.name !== undefined && holders.has(mark.name));

  return class LayeredRenderer extends Renderer {
    readonly #frame: LayerRenderer;
    readonly #marks: LayerRenderer;
    #frameChanged = true;
    #marksChanged = true;
    readonly #boxes = new WeakMap<SceneItem, string>();
    /** Fixed items marked dirty since the last paint, and how each looked when the frame was last painted. */
    readonly #suspects = new Set<SceneItem>();
    readonly #looks = new WeakMap<object, string>();
    /** How many times each layer was painted (tests check that a control change paints the moving one only). */
    readonly painted = { frame: 0, moving: 0 };

    constructor(loader: unknown) {
      super(loader);
      this.#frame = new LayerRenderer(loader, (mark) => !isMoving(mark));
      this.#marks = new LayerRenderer(loader, paintsMoving);
    }

    override initialize(el: HTMLElement | null, width: number, height: number, origin: readonly [number, number], scaleFactor: number, options?: object): this {
      // The frame's canvas replaces the container's content; the moving marks' goes on top of it, in the DOM before
      // it is sized (a canvas out of the DOM would get a pixel ratio of 1).
      this.#frame.initialize(el, width, height, origin, scaleFactor, options);
      this.#marks.initialize(null, width, height, origin, scaleFactor, options);
      const top = this.#marks.canvas();
      if (el && top) {
        top.setAttribute('class', 'marks marks-moving');
        el.append(top);
      }
      return super.initialize(el, width, height, origin, scaleFactor);
    }

    override resize(width: number, height: number, origin: readonly [number, number], scaleFactor: number): this {
      super.resize(width, height, origin, scaleFactor);
      this.#frame.resize(width, height, origin, scaleFactor);
      this.#marks.resize(width, height, origin, scaleFactor);
      this.#frameChanged = this.#marksChanged = true;
      return this;
    }

    override background(color?: unknown): unknown {
      if (arguments.length === 0) return this.#frame.background();
      this.#frame.background(color);
      return this;
    }

    override canvas(): HTMLCanvasElement | null {
      return this.#frame.canvas();
    }

    override dirty(item: SceneItem): void {
      if (isMoving(item.mark)) {
        this.#marks.dirty(item);
        this.#marksChanged = true;
      } else if (item.mark.marktype === 'group') {
        // A group's bounds change with its content, which says so itself; only a change of its own box (a layout
        // that moved) changes what the frame shows, and moves the moving marks inside it too.
        const box = groupBox(item);
        if (this.#boxes.get(item) === box) return;
        this.#boxes.set(item, box);
        this.#frameChanged = true;
        this.#marks.resize(this._width, this._height, this._origin, this._scale);
        this.#marksChanged = true;
      } else {
        // A nested mark's look is all its items': the first stands for the mark.
        this.#suspects.add(NESTED.has(item.mark.marktype) ? (item.mark.items[0] ?? item) : item);
      }
    }

    /** Whether a fixed item marked dirty since the last paint looks different from how the frame shows it. */
    #suspectsChanged(): boolean {
      let changed = false;
      for (const item of this.#suspects) {
        const key = NESTED.has(item.mark.marktype) ? item.mark : item;
        const now = (item as { exit?: boolean }).exit ? 'gone' : look(item);
        if (this.#looks.get(key) !== now) {
          changed = true;
          this.#looks.set(key, now);
        }
      }
      this.#suspects.clear();
      return changed;
    }

    override _render(scene: SceneMark, markTypes?: readonly string[]): this {
      if (this.#suspectsChanged()) this.#frameChanged = true;
      // A layer with nothing changed is left alone (an empty dirty region would make Vega repaint all of it).
      if (this.#frameChanged) {
        this.#frame._render(scene, markTypes);
        this.painted.frame++;
      }
      if (this.#marksChanged) {
        this.#marks._render(scene, markTypes);
        this.painted.moving++;
      }
      this.#frameChanged = this.#marksChanged = false;
      return this;
    }
  };
}

const registered = new Map<string, string>();

/**
 * The name of a Vega renderer (`new View(runtime, { renderer })`) that paints `layers` on two canvases; registered
 * with Vega once per set of layers.
 */
export function layeredCanvas(layers: LiveLayers): string {
  const key = JSON.stringify(layers);
  let name = registered.get(key);
  if (!name) {
    name = `layered-canvas-${registered.size + 1}`;
    renderModule(name, { handler: CanvasHandler, renderer: layeredRenderer(layers), headless: CanvasRenderer });
    registered.set(key, name);
  }
  return name;
}
