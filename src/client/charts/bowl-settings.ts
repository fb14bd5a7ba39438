/**
 * A bowl explorer's settings as its controls show them. Shared by the explorer (which runs
 * them) and by the tasks on it (which grade them), so both read the same run; it imports no
 * Vega, so a task's script stays small.
 */
import { BOWL_EXPLORERS, BOWL_MOMENTA, BOWL_RATES } from '../../charts/bowlExplorer';
import type { BowlExplorerName, BowlSettings } from '../../charts/bowlExplorer';

/** Reads the controls; anything missing or unexpected falls back to the explorer's defaults (no μ slider: μ = 0). */
export function readBowlSettings(form: HTMLFieldSetElement, name: BowlExplorerName): BowlSettings {
  const defaults = BOWL_EXPLORERS[name].defaults;
  const value = (field: string) => (form.elements.namedItem(field) as HTMLInputElement | null)?.value;
  const rate = BOWL_RATES[Number(value('rate'))] ?? defaults.rate;
  const momentumIndex = value('momentum');
  const momentum = momentumIndex === undefined ? 0 : (BOWL_MOMENTA[Number(momentumIndex)] ?? defaults.momentum);
  const steps = Number(value('steps'));
  return { rate, momentum, steps: Number.isInteger(steps) && steps > 0 ? steps : defaults.steps };
}
