/**
 * The live x² explorer (loaded on demand by <course-live-chart>): embeds the chart with
 * Vega, then re-runs the simulation on every control change and swaps the chart's data in
 * place.
 *
 * CSP: Vega compiles expressions with `new Function` unless told otherwise. Here the spec is
 * parsed to an AST (`ast: true`) and evaluated by vega-interpreter, and vega-embed injects no
 * <style> (`defaultStyle: false`, no actions, no tooltip), so the page runs under a
 * Content-Security-Policy without 'unsafe-eval'.
 */
import embed, { vega } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import {
  EXPLORER_DATASETS,
  EXPLORER_DEFAULTS,
  EXPLORER_OPTIMIZERS,
  EXPLORER_RATES,
  EXPLORER_SCHEDULES,
  explorerDescription,
  explorerSpec,
  explorerState,
  explorerTable,
} from '../../charts/explorer';
import type { ExplorerOptimizer, ExplorerSchedule, ExplorerSettings, ExplorerState } from '../../charts/explorer';
import { formatNumber } from '../../charts/format';
import { chartTitle } from '../../charts/label';
import type { DataTable } from '../../charts/types';

/** Detail of the `chartupdate` event fired after every redraw (benchmarks listen to it). */
export interface ChartUpdateDetail {
  /** Milliseconds from the input event to the finished redraw. */
  readonly ms: number;
  readonly settings: ExplorerSettings;
  readonly regime: string;
}

function isKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

/** Reads the controls; anything unexpected falls back to the defaults. */
function readSettings(form: HTMLFieldSetElement): ExplorerSettings {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  const rate = EXPLORER_RATES[Number(value('rate'))] ?? EXPLORER_DEFAULTS.rate;
  const start = Number(value('start'));
  const steps = Number(value('steps'));
  const optimizer = value('optimizer');
  const schedule = value('schedule');
  return {
    rate,
    start: Number.isFinite(start) ? start : EXPLORER_DEFAULTS.start,
    steps: Number.isInteger(steps) && steps > 0 ? steps : EXPLORER_DEFAULTS.steps,
    optimizer: isKey(EXPLORER_OPTIMIZERS, optimizer) ? (optimizer as ExplorerOptimizer) : EXPLORER_DEFAULTS.optimizer,
    schedule: isKey(EXPLORER_SCHEDULES, schedule) ? (schedule as ExplorerSchedule) : EXPLORER_DEFAULTS.schedule,
  };
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
  const spec = explorerSpec(state);
  // The live view lies over the build-time SVG, which stays (invisible) to hold the size.
  const host = document.createElement('div');
  host.className = 'chart-live-view';
  picture.append(host);
  const { view } = await embed(host, spec, {
    mode: 'vega-lite',
    renderer: 'svg',
    actions: false,
    tooltip: false,
    defaultStyle: false,
    ast: true,
    expr: expressionInterpreter,
    // vega-embed raises Vega's default level to warnings; an empty layer (no divergence
    // marker) would then log "infinite extent" on every update.
    logLevel: vega.Error,
  });
  host.querySelector('svg')?.setAttribute('aria-hidden', 'true');
  root.dataset.live = 'live';

  const title = chartTitle(spec);
  let running = false;
  let pending: Event | undefined;

  async function update(event: Event): Promise<void> {
    const settings = readSettings(form);
    showValues(form, settings);
    state = explorerState(settings);
    for (const name of EXPLORER_DATASETS) {
      view.change(name, vega.changeset().remove(() => true).insert(state.datasets[name]));
    }
    await view.runAsync();
    regime.textContent = state.regimeText;
    picture.setAttribute('aria-label', `${title}. ${explorerDescription(state)}`);
    if (tableBody) fillTable(tableBody, explorerTable(state));
    const detail: ChartUpdateDetail = { ms: performance.now() - event.timeStamp, settings, regime: state.regimeText };
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
  form.disabled = false;
  if (note) note.textContent = 'Live: every change re-runs the simulation in your browser.';
  // The browser may have restored other control values (back/forward navigation).
  if (JSON.stringify(readSettings(form)) !== JSON.stringify(state.settings)) void schedule(new Event('input'));
}
