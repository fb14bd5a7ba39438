/**
 * The x² explorer's settings as its controls show them. Shared by the explorer (which runs
 * them) and by the explorer tasks (which grade them), so both read the same run; it imports no
 * Vega, so a task's script stays small.
 */
import { EXPLORER_DEFAULTS, EXPLORER_OPTIMIZERS, EXPLORER_RATES, EXPLORER_SCHEDULES } from '../../charts/explorer';
import type { ExplorerOptimizer, ExplorerSchedule, ExplorerSettings } from '../../charts/explorer';

function isKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

/** Reads the controls; anything unexpected falls back to the defaults. */
export function readSettings(form: HTMLFieldSetElement): ExplorerSettings {
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

