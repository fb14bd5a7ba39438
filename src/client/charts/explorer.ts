/**
 * The live x² explorer (loaded on demand by <course-live-chart>): its settings, run, words and table, made
 * live by the shared controller (live-explorer.ts).
 */
import { EXPLORER_DEFAULTS, EXPLORER_TRACES, explorerDescription, explorerSpec, explorerState, explorerTable } from '../../charts/explorer';
import type { ExplorerDatasets, ExplorerSettings, ExplorerState } from '../../charts/explorer';
import { formatNumber } from '../../charts/format';
import { STEP_BUDGET } from '../../charts/lossCurves';
import { chartTitle } from '../../charts/label';
import { readSettings } from './explorer-settings';
import { startLiveExplorer } from './live-explorer';
import type { LiveModel } from './live-explorer';

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

/** Makes the x² explorer under `root` (LiveChart.astro) live. */
export function start(root: HTMLElement): Promise<void> {
  const initial = explorerState(EXPLORER_DEFAULTS);
  const model: LiveModel<ExplorerSettings, ExplorerState, ExplorerDatasets> = {
    initial,
    title: chartTitle(explorerSpec(initial)),
    read: readSettings,
    show: showValues,
    run: explorerState,
    datasets: (state) => state.datasets,
    signals: (settings) => ({ [STEP_BUDGET]: settings.steps }),
    traces: EXPLORER_TRACES,
    description: explorerDescription,
    table: explorerTable,
  };
  return startLiveExplorer(root, model);
}
