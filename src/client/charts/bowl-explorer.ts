/**
 * A live bowl explorer (loaded on demand by <course-live-chart> for `bowl-explorer` and
 * `bowl-momentum-explorer`): its settings, run, words and table, made live by the shared controller
 * (live-explorer.ts) from the spec compiled at build, as the x² explorer is.
 */
import { BOWL_EXPLORERS, BOWL_TRACES, bowlDescription, bowlState, bowlTable, bowlTitle, isBowlExplorer } from '../../charts/bowlExplorer';
import type { BowlDatasets, BowlSettings, BowlState } from '../../charts/bowlExplorer';
import { formatNumber } from '../../charts/format';
import { STEP_BUDGET } from '../../charts/lossCurves';
import { readBowlSettings } from './bowl-settings';
import { startLiveExplorer } from './live-explorer';
import type { LiveModel } from './live-explorer';

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

/** Makes the bowl explorer under `root` (LiveBowlChart.astro) live. */
export function start(root: HTMLElement): Promise<void> {
  const name = root.dataset.chart ?? '';
  if (!isBowlExplorer(name)) throw new Error(`"${name}" is not a bowl explorer`);
  const model: LiveModel<BowlSettings, BowlState, BowlDatasets> = {
    initial: bowlState(BOWL_EXPLORERS[name].defaults),
    title: bowlTitle(name),
    read: (form) => readBowlSettings(form, name),
    show: showValues,
    run: bowlState,
    datasets: (state) => state.datasets,
    signals: (settings) => ({ [STEP_BUDGET]: settings.steps }),
    traces: BOWL_TRACES,
    description: bowlDescription,
    table: bowlTable,
  };
  return startLiveExplorer(root, model);
}
