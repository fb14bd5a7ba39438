/**
 * A live bowl explorer (loaded on demand by <course-live-chart> for `bowl-explorer` and
 * `bowl-momentum-explorer`): embeds the chart with Vega on a canvas, then re-runs the
 * simulation on every control change and swaps the chart's data in place, exactly as the x²
 * explorer does (explorer.ts: canvas, resolved ink, CSP-safe expression interpreter, phone
 * form in a narrow column, one redraw at a time).
 *
 * Kept apart from explorer.ts, rather than sharing its controller, while the Vega loading path
 * there is being changed (issue 18); the two can share one controller once that has landed.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { BOWL_DATASETS, BOWL_EXPLORERS, BOWL_TRACES, bowlDescription, bowlSpec, bowlState, bowlTable, isBowlExplorer } from '../../charts/bowlExplorer';
import type { BowlExplorerName, BowlSettings, BowlState } from '../../charts/bowlExplorer';
import { formatNumber } from '../../charts/format';
import { chartTitle } from '../../charts/label';
import { narrowSpec } from '../../charts/narrow';
import type { ChartSpec, DataTable } from '../../charts/types';
import type { View } from 'vega';
import { readBowlSettings } from './bowl-settings';

/** The element, with its Vega view exposed for debugging and tests. */
interface LiveChartHost extends HTMLElement {
  chartView?: View;
}

function showValues(form: HTMLFieldSetElement, s: BowlSettings): void {
  const set = (name: string, shown: string, spoken: string) => {
    const out = form.querySelector<HTMLOutputElement>(`output[name="${name}-value"]`);
    if (out) out.value = shown;
    form.querySelector(`input[name="${name}"]`)?.setAttribute('aria-valuetext', spoken);
  };
  set('rate', formatNumber(s.rate), `learning rate ${formatNumber(s.rate)}`);
  set('momentum', formatNumber(s.momentum), s.momentum === 0 ? 'momentum 0, plain gradient descent' : `momentum ${formatNumber(s.momentum)}`);
  set('steps', String(s.steps), `${s.steps} steps`);
}

/** The spec with its `currentColor` ink replaced by a concrete colour (canvas has no currentColor). */
function withInk(spec: ChartSpec, ink: string): ChartSpec {
  return JSON.parse(JSON.stringify(spec).replaceAll('"currentColor"', JSON.stringify(ink))) as ChartSpec;
}

/** Resolves in a new task, letting the browser handle input and paint in between. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The − and + buttons beside each slider: one step each, as the arrow keys do. */
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
 * Makes the bowl explorer under `root` live.
 *
 * @param root - The <course-live-chart> element rendered by LiveBowlChart.astro.
 */
export async function start(root: HTMLElement): Promise<void> {
  const name = root.dataset.chart ?? '';
  const form = root.querySelector<HTMLFieldSetElement>('[data-controls]');
  const picture = root.querySelector<HTMLElement>('[data-chart-picture]');
  const regime = root.querySelector<HTMLElement>('[data-regime]');
  const tableBody = root.querySelector<HTMLTableSectionElement>('[data-chart-rows]');
  const note = root.querySelector<HTMLElement>('[data-live-note]');
  if (!isBowlExplorer(name) || !form || !picture || !regime) throw new Error('bowl explorer markup is incomplete');
  await goLive(name, root, form, picture, regime, tableBody, note);
}

async function goLive(
  name: BowlExplorerName,
  root: HTMLElement,
  form: HTMLFieldSetElement,
  picture: HTMLElement,
  regime: HTMLElement,
  tableBody: HTMLTableSectionElement | null,
  note: HTMLElement | null,
): Promise<void> {
  // The same state as the build-time picture, so going live changes nothing on screen.
  let state: BowlState = bowlState(BOWL_EXPLORERS[name].defaults);
  const title = chartTitle(bowlSpec(name, state));
  const host = root as LiveChartHost;
  let ink = '';
  let view: View | undefined;
  const narrowSvg = picture.querySelector<SVGSVGElement>('svg.chart-svg-narrow');
  const narrowPlot = Number(picture.dataset.narrowPlot);
  const formOnShow = (): 'narrow' | 'wide' => (narrowSvg && getComputedStyle(narrowSvg).display !== 'none' ? 'narrow' : 'wide');
  let drawnForm = formOnShow();

  async function draw(): Promise<View> {
    ink = getComputedStyle(picture).color;
    drawnForm = formOnShow();
    const spec = bowlSpec(name, state);
    const target = document.createElement('div');
    target.className = 'chart-live-view';
    const compiled = compile(withInk(drawnForm === 'narrow' ? narrowSpec(spec, narrowPlot) : spec, ink)).spec;
    await nextTask();
    const runtime = vega.parse(compiled, undefined, { ast: true });
    await nextTask();
    const next = new vega.View(runtime, { renderer: 'canvas', expr: expressionInterpreter, logLevel: vega.Error }).initialize(target);
    await next.runAsync();
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
  const redrawIfInkChanged = () => {
    if (getComputedStyle(picture).color !== ink) void draw().then((v) => (view = v));
  };
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redrawIfInkChanged);
  new MutationObserver(redrawIfInkChanged).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  let running = false;
  let pending: Event | undefined;
  async function update(event: Event): Promise<void> {
    const settings = readBowlSettings(form, name);
    showValues(form, settings);
    const t0 = performance.now();
    const previous = state;
    state = bowlState(settings);
    const t1 = performance.now();
    const current = view as View;
    for (const dataset of BOWL_DATASETS) current.change(dataset, vega.changeset().remove(() => true).insert(state.datasets[dataset]));
    // The run before this change stays behind as a faint trace, for comparison.
    for (const [trace, from] of Object.entries(BOWL_TRACES)) current.change(trace, vega.changeset().remove(() => true).insert(previous.datasets[from]));
    await current.runAsync();
    const t2 = performance.now();
    regime.textContent = state.regimeText;
    picture.setAttribute('aria-label', `${title}. ${bowlDescription(state)}`);
    if (tableBody) fillTable(tableBody, bowlTable(state));
    // The same detail as the x² explorer's (explorer.ts ChartUpdateDetail), so benchmarks read both alike.
    const detail = { ms: t2 - event.timeStamp, computeMs: t1 - t0, drawMs: t2 - t1, settings, regime: state.regimeText };
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
  form.addEventListener('input', (event) => void schedule(event));
  stepButtons(form);
  form.disabled = false;
  root.dataset.live = 'live';
  if (note) note.textContent = 'Live: every change re-runs the simulation in your browser.';
  // The browser may have restored other control values (back/forward navigation).
  if (JSON.stringify(readBowlSettings(form, name)) !== JSON.stringify(state.settings)) void schedule(new Event('input'));
}
