/**
 * The live x² explorer (loaded on demand by <course-live-chart>): embeds the chart with
 * Vega, then re-runs the simulation on every control change and swaps the chart's data in
 * place.
 *
 * The live view draws on a canvas: an update replaces every mark (the number of steps
 * changes), and re-creating hundreds of SVG nodes per input costs several frames where one
 * canvas redraw costs a few milliseconds. A canvas has no currentColor, so the spec's ink is
 * resolved to the page's text colour, and the view is rebuilt when the theme changes.
 *
 * CSP: Vega compiles expressions with `new Function` unless told otherwise. Here the spec is
 * parsed to an AST (`ast: true`) and evaluated by vega-interpreter, and Vega is used directly
 * (no vega-embed: no injected <style>, no actions, no tooltip), so the page runs under a
 * Content-Security-Policy without 'unsafe-eval'.
 */
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import {
  EXPLORER_DATASETS,
  EXPLORER_DEFAULTS,
  explorerDescription,
  explorerSpec,
  explorerState,
  EXPLORER_TRACES,
  explorerTable,
} from '../../charts/explorer';
import type { ExplorerSettings, ExplorerState } from '../../charts/explorer';
import { readSettings } from './explorer-settings';
import { formatNumber } from '../../charts/format';
import { chartTitle } from '../../charts/label';
import { vegaWithData, vegaWithInk } from '../../charts/live-spec';
import type { CompiledLiveChart } from '../../charts/live-spec';
import type { DataTable } from '../../charts/types';
import type { View } from 'vega';

/** Detail of the `chartupdate` event fired after every redraw (benchmarks listen to it). */
export interface ChartUpdateDetail {
  /** Milliseconds from the input event to the finished redraw. */
  readonly ms: number;
  /** Of which: running the simulation and shaping the rows. */
  readonly computeMs: number;
  /** Of which: Vega's dataflow and the canvas redraw. */
  readonly drawMs: number;
  readonly settings: ExplorerSettings;
  readonly regime: string;
}

function showValues(form: HTMLFieldSetElement, s: ExplorerSettings): void {
  const output = (name: string) => form.querySelector<HTMLOutputElement>(`output[name="${name}"]`);
  const rate = formatNumber(s.rate);
  const rateOut = output('rate-value');
  if (rateOut) rateOut.value = rate;
  form.querySelector('input[name="rate"]')?.setAttribute('aria-valuetext', `learning rate ${rate}`);
  const startOut = output('start-value');
  if (startOut) startOut.value = formatNumber(s.start);
  const stepsOut = output('steps-value');
  if (stepsOut) stepsOut.value = String(s.steps);
}

/** The element, with its Vega view exposed for debugging and tests. */
export interface LiveChartHost extends HTMLElement {
  chartView?: View;
}

/**
 * The chart's Vega spec, compiled at build time (src/charts/live-spec.ts): the page loads Vega only, not
 * Vega-Lite and its compiler. Fetched once; redraws (theme, column width) reuse it.
 */
async function loadCompiled(url: string | undefined): Promise<CompiledLiveChart> {
  if (!url) throw new Error('live chart markup has no compiled spec (data-vega)');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return (await response.json()) as CompiledLiveChart;
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
  const rows = table.rows.map((cells) => {
    const tr = document.createElement('tr');
    cells.forEach((cell, i) => {
      const td = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) td.setAttribute('scope', 'row');
      td.textContent = cell;
      tr.append(td);
    });
    return tr;
  });
  body.replaceChildren(...rows);
}

/**
 * Makes the explorer under `root` live.
 *
 * @param root - The <course-live-chart> element rendered by LiveChart.astro.
 */
export async function start(root: HTMLElement): Promise<void> {
  const form = root.querySelector<HTMLFieldSetElement>('[data-controls]');
  const picture = root.querySelector<HTMLElement>('[data-chart-picture]');
  const regime = root.querySelector<HTMLElement>('[data-regime]');
  const tableBody = root.querySelector<HTMLTableSectionElement>('[data-chart-rows]');
  const note = root.querySelector<HTMLElement>('[data-live-note]');
  if (!form || !picture || !regime) throw new Error('live chart markup is incomplete');
  await goLive({ root, form, picture, regime, tableBody, note });
}

interface Parts {
  readonly root: HTMLElement;
  readonly form: HTMLFieldSetElement;
  readonly picture: HTMLElement;
  readonly regime: HTMLElement;
  readonly tableBody: HTMLTableSectionElement | null;
  readonly note: HTMLElement | null;
}

async function goLive({ root, form, picture, regime, tableBody, note }: Parts): Promise<void> {
  // The same state as the build-time picture, so going live changes nothing on screen.
  let state: ExplorerState = explorerState(EXPLORER_DEFAULTS);
  const title = chartTitle(explorerSpec(state));
  const host = root as LiveChartHost;

  // The live view lies over the build-time SVG, which stays (invisible) to hold the size.
  let ink = '';
  let view: View | undefined;
  // The page shows the phone form of the picture in a narrow column (ChartPicture.astro); the live
  // view is laid out as the form on show, and again when the column changes enough to swap them.
  const narrowSvg = picture.querySelector<SVGSVGElement>('svg.chart-svg-narrow');
  const narrowPlot = Number(picture.dataset.narrowPlot);
  const formOnShow = (): 'narrow' | 'wide' => (narrowSvg && getComputedStyle(narrowSvg).display !== 'none' ? 'narrow' : 'wide');
  let drawnForm = formOnShow();
  const compiled = await loadCompiled(root.dataset.vega);
  async function draw(): Promise<View> {
    ink = getComputedStyle(picture).color;
    drawnForm = formOnShow();
    // The form on show, with the current run's data (the compiled file holds the first run's) and the ink.
    const form = drawnForm === 'narrow' && compiled.narrow && compiled.narrowPlotWidth === narrowPlot ? compiled.narrow : compiled.wide;
    // The run's datasets start empty and are filled in a task of their own (below).
    const empty = Object.fromEntries(Object.keys(state.datasets).map((name) => [name, []]));
    const spec = vegaWithInk(vegaWithData(form, empty), ink);
    const target = document.createElement('div');
    target.className = 'chart-live-view';
    // In pieces, each its own task, so that waking the chart never holds the page for long: parse, the
    // dataflow with empty data, then the run's data and the first draw. (Vega's expressions go through
    // vega-interpreter: no eval under the CSP.)
    await nextTask();
    const runtime = vega.parse(spec as vega.Spec, undefined, { ast: true });
    await nextTask();
    // Errors only: an empty layer (no divergence marker) would log "infinite extent" on every update.
    const next = new vega.View(runtime, { renderer: 'canvas', expr: expressionInterpreter, logLevel: vega.Error }).initialize(target);
    await next.runAsync();
    await nextTask();
    for (const [name, rows] of Object.entries(state.datasets)) next.change(name, vega.changeset().insert(rows));
    // Laid out again with the data in: the axes' labels (and so the canvas size) depend on it.
    await next.resize().runAsync();
    target.querySelector('canvas')?.setAttribute('aria-hidden', 'true');
    picture.querySelector('.chart-live-view')?.remove();
    view?.finalize();
    picture.append(target);
    host.chartView = next;
    return next;
  }
  view = await draw();
  const frame = picture.parentElement;
  if (narrowSvg && frame) {
    new ResizeObserver(() => {
      if (formOnShow() !== drawnForm) void draw().then((v) => (view = v));
    }).observe(frame);
  }
  root.dataset.live = 'live';

  // Theme switches (system setting or the site's toggle) change the ink: draw again.
  const redrawIfInkChanged = () => {
    if (getComputedStyle(picture).color !== ink) void draw().then((v) => (view = v));
  };
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redrawIfInkChanged);
  new MutationObserver(redrawIfInkChanged).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  let running = false;
  let pending: Event | undefined;

  async function update(event: Event): Promise<void> {
    const settings = readSettings(form);
    showValues(form, settings);
    const t0 = performance.now();
    const previous = state;
    state = explorerState(settings);
    const t1 = performance.now();
    const current = view as View;
    for (const name of EXPLORER_DATASETS) {
      current.change(name, vega.changeset().remove(() => true).insert(state.datasets[name]));
    }
    // The run before this change stays behind as a faint trace, for comparison.
    for (const [name, from] of Object.entries(EXPLORER_TRACES)) {
      current.change(name, vega.changeset().remove(() => true).insert(previous.datasets[from]));
    }
    await current.runAsync();
    const t2 = performance.now();
    regime.textContent = state.regimeText;
    picture.setAttribute('aria-label', `${title}. ${explorerDescription(state)}`);
    if (tableBody) fillTable(tableBody, explorerTable(state));
    const detail: ChartUpdateDetail = { ms: t2 - event.timeStamp, computeMs: t1 - t0, drawMs: t2 - t1, settings, regime: state.regimeText };
    root.dispatchEvent(new CustomEvent('chartupdate', { detail }));
  }

  // One redraw at a time; inputs arriving meanwhile collapse into one more redraw.
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
  if (note) note.textContent = 'Live: every change re-runs the simulation in your browser.';
  // The browser may have restored other control values (back/forward navigation).
  if (JSON.stringify(readSettings(form)) !== JSON.stringify(state.settings)) void schedule(new Event('input'));
}
