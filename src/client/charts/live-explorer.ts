/**
 * The one controller of every live explorer (the x² explorer, the two bowl explorers): embeds the chart with
 * Vega from its build-compiled spec (src/charts/live-spec.ts; the page never loads Vega-Lite), then re-runs the
 * explorer's simulation on every control change and swaps the chart's data in place. What differs between the
 * explorers — their settings, simulation, words and table — is a {@link LiveModel}; explorer.ts and
 * bowl-explorer.ts are those models.
 *
 * The live view draws on canvases: an update replaces every mark (the number of steps changes), and
 * re-creating hundreds of SVG nodes per input costs several frames where one canvas redraw costs a few
 * milliseconds. Two canvases, stacked: what the controls do not change (axes, titles, the parabola, the contours) is
 * painted once, and only the moving marks again on an update (./layered-renderer.ts). A canvas has no currentColor,
 * so the spec's ink is resolved to the page's text colour, and the view is rebuilt when the theme changes.
 *
 * CSP: Vega compiles expressions with `new Function` unless told otherwise. Here the dataflow comes parsed from the
 * build, its expressions as functions written at build (a module loaded beside it, src/charts/live-expressions.ts),
 * with vega-interpreter for any the module lacks; Vega is used directly (no vega-embed: no injected <style>, no
 * actions, no tooltip), so the page runs under a Content-Security-Policy without 'unsafe-eval'.
 */
import { expressionInterpreter } from 'vega-interpreter';
import { prebuiltEvaluator } from '../../charts/live-expressions';
import type { ExpressionTable, PrebuiltEvaluator, VegaExpressionEvaluator } from '../../charts/live-expressions';
import { vegaWithInk } from '../../charts/live-spec';
import type { CompiledLiveChart } from '../../charts/live-spec';
import { noEdits, rowEdits } from '../../charts/row-edits';
import type { EditableRow } from '../../charts/row-edits';
import type { DataTable } from '../../charts/types';
import { TABLE_LOADED } from './chart-table';
import { layeredCanvas } from './layered-renderer';
import type { Runtime, View as VegaView } from 'vega';
import { ErrorLevel, View, changeset } from './vega-runtime';

/** The datasets a chart reads, by the compiled spec's names (an interface of row arrays, no index signature needed). */
type Datasets<D> = { readonly [K in keyof D]: readonly unknown[] };
/** What makes one explorer: its settings `S` as the controls show them, the state `T` a run of them gives, and its datasets `D`. */
export interface LiveModel<S, T extends { readonly settings: S; readonly regimeText: string }, D extends Datasets<D>> {
  /** The state of the build-time picture (going live changes nothing on screen). */
  readonly initial: T;
  /** The chart's title (the start of the picture's label). */
  readonly title: string;
  /** Reads the controls. */
  read(form: HTMLFieldSetElement): S;
  /** Shows the settings beside the controls (outputs, spoken values). */
  show(form: HTMLFieldSetElement, settings: S): void;
  /** Runs the simulation for the settings. */
  run(settings: S): T;
  /** The datasets the chart reads from a state, by the compiled spec's names. */
  datasets(state: T): D;
  /** The spec's parameters that follow the settings (the loss panel's step budget), by name. */
  signals(settings: S): Readonly<Record<string, number>>;
  /** The faint trace of the run before a change: trace dataset → the dataset of the previous state it copies. */
  readonly traces: Readonly<Record<string, keyof D & string>>;
  /** The text alternative of a state (the rest of the picture's label). */
  description(state: T): string;
  /** The data table of a state. */
  table(state: T): DataTable;
}

/** Detail of the `chartupdate` event fired after every redraw (benchmarks and tests listen to it). */
export interface ChartUpdateDetail<S = unknown> {
  /** Milliseconds from the input event to the finished redraw. */
  readonly ms: number;
  /** Of which: running the simulation and shaping the rows. */
  readonly computeMs: number;
  /** Of which: Vega's dataflow and the canvas redraw. */
  readonly drawMs: number;
  readonly settings: S;
  readonly regime: string;
}

/** The element, with its Vega view and its expression evaluator (which lists expressions it had to interpret) exposed for debugging and tests. */
export interface LiveChartHost extends HTMLElement {
  chartView?: VegaView;
  chartExpressions?: PrebuiltEvaluator;
}

/**
 * What a view's datasets hold: the rows given to each and Vega's tuples for them, which are copies (Vega marks its
 * tuples and adds fields to them; the model's rows stay the state's), so that the next rows change only what differs
 * (../../charts/row-edits.ts): a tuple modified in place keeps its mark item, where one removed and another inserted
 * made Vega rebuild the item.
 */
class HeldData {
  readonly #held = new Map<string, { rows: readonly EditableRow[]; tuples: readonly Record<string, unknown>[] }>();

  constructor(private readonly view: VegaView) {}

  /** Queues on the view the change from what dataset `name` holds to `rows` (run the view to apply it); nothing if they are equal. */
  set(name: string, rows: readonly EditableRow[]): void {
    const held = this.#held.get(name) ?? { rows: [], tuples: [] };
    const edits = rowEdits(held.rows, rows);
    if (noEdits(edits, held.rows.length)) return;
    const change = changeset();
    for (const { index, field, value } of edits.fields) change.modify(held.tuples[index], field, value);
    const inserted = edits.insert.map((row) => ({ ...row }));
    this.view.change(name, change.remove(held.tuples.slice(edits.removeFrom)).insert(inserted));
    this.#held.set(name, { rows, tuples: [...held.tuples.slice(0, edits.removeFrom), ...inserted] });
  }
}

/** Fetched once per chart; redraws (theme, column width) reuse it. */
async function loadCompiled(url: string | undefined): Promise<CompiledLiveChart> {
  if (!url) throw new Error('live chart markup has no compiled spec (data-vega)');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return (await response.json()) as CompiledLiveChart;
}

/** The chart's expression module, written at build (a URL of the site's own: allowed by the CSP's script-src 'self'). */
async function loadExpressions(url: string | undefined): Promise<ExpressionTable> {
  if (!url) throw new Error('live chart markup has no expression module (data-expr)');
  // import() resolves a relative URL against this script, not the page: a SCORM package's URLs are page-relative.
  return ((await import(/* @vite-ignore */ new URL(url, document.baseURI).href)) as { default: ExpressionTable }).default;
}

/** Resolves in a new task, letting the browser handle input and paint in between. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The − and + buttons beside each slider: one step of the slider each, as the arrow keys do (a thumb
 * cannot set a 62-step slider precisely), announced like any slider change.
 */
function stepButtons(form: HTMLFieldSetElement): void {
  form.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-step]');
    const input = button && form.querySelector<HTMLInputElement>(`input[type="range"][name="${button.dataset.for ?? ''}"]`);
    if (!button || !input) return;
    if (Number(button.dataset.step) > 0) input.stepUp();
    else input.stepDown();
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function fillTable(body: HTMLTableSectionElement, table: DataTable): void {
  const caption = body.closest('table')?.querySelector('caption');
  if (caption) caption.textContent = table.caption;
  body.replaceChildren(
    ...table.rows.map((cells) => {
      const tr = document.createElement('tr');
      cells.forEach((cell, i) => {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.setAttribute('scope', 'row');
        td.textContent = cell;
        tr.append(td);
      });
      return tr;
    }),
  );
}

/**
 * Narrows the phone form's plots until the canvas is no wider than the build's picture it covers (`width`). The
 * build lays the picture out with estimated text widths (src/charts/text-width.ts); the browser's fonts can run a
 * few pixels wider (the bowl explorers' "start" label), and a canvas wider than its box is scaled down with its
 * text, below 11 px.
 */
async function fitWidth(view: VegaView, width: number): Promise<void> {
  const plot = view.signal('width') as unknown;
  if (!(width > 0) || typeof plot !== 'number' || plot <= 0) return;
  for (let tries = 0; tries < 3; tries++) {
    const over = parseFloat(view.container()?.querySelector('canvas')?.style.width ?? '') - width;
    if (!(over > 0)) return;
    await view.signal('width', (view.signal('width') as number) - Math.ceil(over)).runAsync();
  }
}

/** Runs `work` when the browser is idle (soon at the latest): what no one reads while dragging a slider. */
function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 500 });
  else setTimeout(work, 50);
}

/**
 * Makes the explorer under `root` live.
 *
 * @param root - The <course-live-chart> element (LiveExplorer.astro), with its compiled spec's URL in `data-vega`.
 */
export async function startLiveExplorer<S, T extends { readonly settings: S; readonly regimeText: string }, D extends Datasets<D>>(
  root: HTMLElement,
  model: LiveModel<S, T, D>,
): Promise<void> {
  const rowsOf = (state: T) => model.datasets(state) as Readonly<Record<string, readonly EditableRow[]>>;
  const form = root.querySelector<HTMLFieldSetElement>('[data-controls]');
  const picture = root.querySelector<HTMLElement>('[data-chart-picture]');
  const regime = root.querySelector<HTMLElement>('[data-regime]');
  // The table's rows are in the page only once the learner has opened it (chart-table.ts fetches them).
  const tableBody = () => root.querySelector<HTMLTableSectionElement>('[data-chart-rows]');
  const note = root.querySelector<HTMLElement>('[data-live-note]');
  if (!form || !picture || !regime) throw new Error(`live chart "${root.dataset.chart ?? ''}": markup is incomplete`);
  const host = root as LiveChartHost;
  let state = model.initial;

  // The live view lies over the build-time SVG, which stays (invisible) to hold the size.
  let ink = '';
  let view: VegaView | undefined;
  let data: HeldData | undefined;
  // The page shows the phone form of the picture in a narrow column (ChartPicture.astro); the live
  // view is laid out as the form on show, and again when the column changes enough to swap them.
  const narrowSvg = picture.querySelector<SVGSVGElement>('svg.chart-svg-narrow');
  const narrowPlot = Number(picture.dataset.narrowPlot);
  const formOnShow = (): 'narrow' | 'wide' => (narrowSvg && getComputedStyle(narrowSvg).display !== 'none' ? 'narrow' : 'wide');
  let drawnForm = formOnShow();
  const [compiled, expressions] = await Promise.all([loadCompiled(root.dataset.vega), loadExpressions(root.dataset.expr)]);

  async function draw(): Promise<VegaView> {
    ink = getComputedStyle(picture as HTMLElement).color;
    drawnForm = formOnShow();
    // The form on show, with the current run's data (the compiled file holds the first run's) and the ink.
    const layout = drawnForm === 'narrow' && compiled.narrow && compiled.narrowPlotWidth === narrowPlot ? compiled.narrow : compiled.wide;
    const current = rowsOf(state);
    // The run's datasets come empty from the build and are filled in a task of their own (below).
    const runtime = vegaWithInk(layout, ink) as unknown as Runtime;
    const expr = prebuiltEvaluator(expressions, ink, expressionInterpreter as unknown as VegaExpressionEvaluator);
    const target = document.createElement('div');
    target.className = 'chart-live-view';
    // In pieces, each its own task, so that waking the chart never holds the page for long: the dataflow with
    // empty data, then the run's data and the first draw.
    await nextTask();
    // Errors only: an empty layer (no divergence marker) would log "infinite extent" on every update.
    const renderer = layeredCanvas(compiled.layers) as 'canvas';
    const next = new View(runtime, { renderer, expr, logLevel: ErrorLevel }).initialize(target);
    await next.runAsync();
    await nextTask();
    const nextData = new HeldData(next);
    for (const [name, rows] of Object.entries(current)) nextData.set(name, rows);
    for (const [name, value] of Object.entries(model.signals(state.settings))) next.signal(name, value);
    // Laid out again with the data in: the axes' labels (and so the canvas size) depend on it.
    await next.resize().runAsync();
    if (layout === compiled.narrow) await fitWidth(next, Number(narrowSvg?.getAttribute('width')));
    for (const canvas of target.querySelectorAll('canvas')) canvas.setAttribute('aria-hidden', 'true');
    picture?.querySelector('.chart-live-view')?.remove();
    view?.finalize();
    picture?.append(target);
    host.chartView = next;
    host.chartExpressions = expr;
    data = nextData;
    return next;
  }
  view = await draw();
  const frame = picture.parentElement;
  if (narrowSvg && frame) {
    new ResizeObserver(() => {
      if (formOnShow() !== drawnForm) void draw().then((v) => (view = v));
    }).observe(frame);
  }
  // Theme switches (system setting or the site's toggle) change the ink: draw again.
  const redrawIfInkChanged = () => {
    if (getComputedStyle(picture).color !== ink) void draw().then((v) => (view = v));
  };
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redrawIfInkChanged);
  new MutationObserver(redrawIfInkChanged).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  async function update(event: Event): Promise<void> {
    const settings = model.read(form as HTMLFieldSetElement);
    const t0 = performance.now();
    const previous = rowsOf(state);
    state = model.run(settings);
    const now = rowsOf(state);
    const t1 = performance.now();
    const current = view as VegaView;
    const held = data as HeldData;
    // Only what changed: a dataset whose rows are equal to the last run's (the start point, the curve's heads
    // at most rates) is left alone, so Vega re-runs none of its marks; in the others, only the changed fields.
    for (const [name, rows] of Object.entries(now)) held.set(name, rows);
    // A parameter set to the value it has changes nothing, but only a changed one re-lays its axis.
    for (const [name, value] of Object.entries(model.signals(settings))) if (current.signal(name) !== value) current.signal(name, value);
    // The run before this change stays behind as a faint trace, for comparison.
    for (const [trace, from] of Object.entries(model.traces)) held.set(trace, previous[from] ?? []);
    await current.runAsync();
    const t2 = performance.now();
    // The page's own text changes after the chart's: drawing text on a canvas brings the page's style and layout up to
    // date first, so every change made before it would be laid out twice (once forced, once in the frame).
    model.show(form as HTMLFieldSetElement, settings);
    regime?.replaceChildren(state.regimeText);
    const detail: ChartUpdateDetail<S> = { ms: t2 - event.timeStamp, computeMs: t1 - t0, drawMs: t2 - t1, settings, regime: state.regimeText };
    root.dispatchEvent(new CustomEvent('chartupdate', { detail }));
    // The label and the table (inside a closed <details>) are read after a change, not during a drag.
    const shown = state;
    whenIdle(() => {
      if (shown !== state) return;
      picture?.setAttribute('aria-label', `${model.title}. ${model.description(shown)}`);
      const body = tableBody();
      if (body) fillTable(body, model.table(shown));
    });
  }
  // Opened after the sliders moved: the fetched table is the first state's, so it takes the current one's rows.
  root.addEventListener(TABLE_LOADED, () => {
    const body = tableBody();
    if (body && state !== model.initial) fillTable(body, model.table(state));
  });

  // One redraw at a time; inputs arriving meanwhile collapse into one more redraw, started at once (waiting for
  // the next animation frame instead added up to a frame to every redraw that followed another: p50 ×3.5).
  let running = false;
  let pending: Event | undefined;
  async function schedule(event: Event): Promise<void> {
    if (running) {
      pending = event;
      return;
    }
    running = true;
    try {
      await update(event);
      while (pending) {
        const next = pending;
        pending = undefined;
        await update(next);
      }
    } finally {
      running = false;
    }
  }

  // Ranges and selects both fire `input` on every change.
  form.addEventListener('input', (event) => void schedule(event));
  stepButtons(form);
  form.disabled = false;
  root.dataset.live = 'live';
  if (note) note.textContent = 'Live: every change re-runs the simulation in your browser.';
  // The browser may have restored other control values (back/forward navigation).
  if (JSON.stringify(model.read(form)) !== JSON.stringify(state.settings)) void schedule(new Event('input'));
}
