/**
 * Diagnoses a bare sequence of loss values, as a learner sees it in a training log.
 *
 * @packageDocumentation
 */

/** Verdicts of {@link diagnoseLoss}. */
export type LossVerdict =
  | 'healthy'
  | 'divergence'
  | 'oscillation'
  | 'too-slow'
  | 'overflow'
  | 'plateau'
  | 'stalled'
  | 'insufficient-data';

/** Suggested fix. */
export type LossFix = 'none' | 'lower-rate' | 'raise-rate' | 'add-schedule' | 'escape-plateau';

/** What {@link diagnoseLoss} returns. */
export interface LossDiagnosis {
  /** The verdict. */
  readonly verdict: LossVerdict;
  /** For `'healthy'`: the per-step improvements are shrinking (normal near a minimum). */
  readonly diminishingReturns: boolean;
  /** A NaN or ±Infinity appears (the sequence is cut there). */
  readonly nonFinite: boolean;
  /** Index of the first non-finite value, or −1. */
  readonly firstNonFinite: number;
  /** Human-readable reasons, most important first. */
  readonly reasons: readonly string[];
  /** Suggested fix. */
  readonly fix: LossFix;
  /** The fix in words. */
  readonly fixText: string;
  /** Improvements L_i − L_{i+1} over the finite prefix (positive = better). */
  readonly improvements: readonly number[];
  /** Relative improvements (L_i − L_{i+1})/|L_i| over the finite prefix. */
  readonly relativeImprovements: readonly number[];
}

/** Thresholds of {@link diagnoseLoss}. */
export interface DiagnoseOptions {
  /**
   * A steadily falling loss whose relative improvement per step is below this, and not
   * shrinking, is `'too-slow'` (default 0.01, i.e. 1 % per step).
   */
  readonly slowRelativeImprovement?: number;
  /** Relative change per step below which the loss counts as flat (default 1e-6). */
  readonly flatRelativeChange?: number;
}

const OSCILLATION_NOTE =
  'Plain gradient descent on a quadratic loss never makes the loss itself go up and down: even when the parameter zig-zags across the minimum, the loss falls at every step below the stability limit, and above it the loss can at most dip first and then only grows. An up-and-down loss therefore comes from momentum, an adaptive optimizer, mini-batch noise or a non-quadratic loss surface.';

function pct(x: number): string {
  const p = x * 100;
  return `${Math.abs(p) >= 10 ? p.toFixed(1) : p.toPrecision(2)} %`;
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/**
 * Diagnoses a loss sequence. Rules, in order:
 * 1. a NaN/±Infinity → `'divergence'` if the finite values before it were rising (the run
 *    blew up), else `'overflow'`; fix: lower the rate;
 * 2. the last two steps rise and the loss is above its first value, or the rises are
 *    accelerating → `'divergence'`; fix: lower the rate;
 * 3. both rises and falls, with at least two changes of direction and rises making up
 *    ≥ 20 % of the moves → `'oscillation'`; fix: add a decaying schedule when the loss still
 *    halves overall, else lower the rate;
 * 4. every step of the second half changes the loss by less than `flatRelativeChange`
 *    (relative): strictly falling → `'stalled'` (a plateau the run creeps along: check the
 *    gradient and the floor, try momentum or another start; a larger rate alone may not help),
 *    otherwise `'plateau'` (lower the rate: at a non-zero level a frozen loss usually means the
 *    parameters bounce between two points);
 * 5. falling, with the last relative improvement below `slowRelativeImprovement` and not
 *    shrinking (≥ half the first) → `'too-slow'`; fix: raise the rate or add momentum;
 * 6. otherwise `'healthy'`, with `diminishingReturns` when the relative improvements shrink.
 *
 * @param losses - Loss values in order.
 * @param options - Thresholds.
 */
export function diagnoseLoss(losses: ArrayLike<number>, options: DiagnoseOptions = {}): LossDiagnosis {
  const slow = options.slowRelativeImprovement ?? 0.01;
  const flat = options.flatRelativeChange ?? 1e-6;
  const all = Array.from(losses);
  const firstNonFinite = all.findIndex((v) => !Number.isFinite(v));
  const nonFinite = firstNonFinite >= 0;
  const F = nonFinite ? all.slice(0, firstNonFinite) : all;
  const n = F.length;
  const improvements: number[] = [];
  const relativeImprovements: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const a = F[i] as number;
    const b = F[i + 1] as number;
    improvements.push(a - b);
    relativeImprovements.push(a !== 0 ? (a - b) / Math.abs(a) : b === 0 ? 0 : -Infinity);
  }
  const base = { firstNonFinite, nonFinite, improvements, relativeImprovements };
  const make = (
    verdict: LossVerdict,
    reasons: string[],
    fix: LossFix,
    fixText: string,
    diminishingReturns = false,
  ): LossDiagnosis => ({ ...base, verdict, reasons, fix, fixText, diminishingReturns });

  const lowerRate =
    'Lower the learning rate (by a factor of 2–10) and rerun; with plain gradient descent on a quadratic, anything below 2/λmax (the stability limit) converges.';

  // Direction of each step, with a relative dead band so rounding noise counts as flat.
  const dir = improvements.map((d, i) => {
    const scale = Math.max(Math.abs(F[i] as number), Math.abs(F[i + 1] as number));
    if (Math.abs(d) <= 1e-12 * scale) return 0;
    return d > 0 ? -1 : 1; // +1 = loss rose
  });
  const ups = dir.filter((d) => d > 0).length;
  const downs = dir.filter((d) => d < 0).length;
  const growthFactors = F.slice(1).map((v, i) => v / (F[i] as number));
  const risingTail = n >= 3 && dir[n - 2] === 1 && dir[n - 3] === 1;

  if (nonFinite) {
    const bad = String(all[firstNonFinite]);
    if (n >= 2 && (dir[n - 2] === 1 || (F[n - 1] as number) > (F[0] as number))) {
      const factors = growthFactors.filter((g) => g > 1).map((g) => `×${g.toFixed(2)}`);
      return make(
        'divergence',
        [
          `The loss grew (${factors.join(', ')} per step) and then overflowed to ${bad} at step ${firstNonFinite}: the run diverged.`,
          'Each step overshoots the minimum by more than the previous error, so the error grows geometrically until the numbers no longer fit in floating point.',
        ],
        'lower-rate',
        lowerRate,
      );
    }
    return make(
      'overflow',
      [
        `The loss became ${bad} at step ${firstNonFinite} without a visible growth phase before it.`,
        'A single step jumped far enough to overflow (a rate far too large for the curvature there), or the loss computation itself failed (log of 0, division by 0).',
      ],
      'lower-rate',
      `${lowerRate} If it persists at small rates, check the loss computation and the data for invalid values.`,
    );
  }

  if (n < 2) {
    return make('insufficient-data', ['At least two loss values are needed to see a trend.'], 'none', 'Log more steps.');
  }

  const first = F[0] as number;
  const last = F[n - 1] as number;
  const accelerating = risingTail && n >= 3 && (improvements[n - 2] as number) < (improvements[n - 3] as number);
  if (risingTail && (last > first || accelerating)) {
    const factors = growthFactors.slice(-3).map((g) => `×${g.toFixed(2)}`);
    return make(
      'divergence',
      [
        `The loss is rising at the end (${factors.join(', ')} per step) and is ${last > first ? 'above its starting value' : 'rising faster and faster'}: the run is diverging.`,
        'The rate is above the stability limit of the steepest direction: every step overshoots by more than it corrects.',
      ],
      'lower-rate',
      lowerRate,
    );
  }

  const moves = dir.filter((d) => d !== 0);
  let turns = 0;
  for (let i = 1; i < moves.length; i++) if (moves[i] !== moves[i - 1]) turns++;
  if (ups >= 1 && downs >= 1 && turns >= 2 && ups >= 0.2 * (ups + downs)) {
    // Falling overall despite the bounces: the rate makes progress, it just needs to shrink later.
    const trendDown = last < 0.5 * first;
    return make(
      'oscillation',
      [
        `The loss goes up and down (${ups} rises, ${downs} falls, ${turns} changes of direction)${trendDown ? ' while falling overall' : ''}.`,
        OSCILLATION_NOTE,
        'The usual cause is a rate too large for the sharpest curvature the run meets (or too much momentum), or gradient noise that a constant rate never averages out.',
      ],
      trendDown ? 'add-schedule' : 'lower-rate',
      trendDown
        ? 'Add a decaying schedule (step, exponential or cosine): keep the rate high early for progress and shrink it to calm the bouncing; or lower the rate (or the momentum).'
        : 'Lower the learning rate (or the momentum); a decaying schedule also damps the oscillation as training proceeds.',
    );
  }

  const halfStart = Math.floor((n - 1) / 2);
  const tail = relativeImprovements.slice(halfStart);
  if (tail.length > 0 && tail.every((r) => Math.abs(r) <= flat)) {
    if (tail.every((r) => r > 0)) {
      // A learner sees a flat line here, not a slow descent: the gradient has all but vanished
      // where the run stands, so scaling it by a larger rate may still leave it crawling.
      return make(
        'stalled',
        [
          `The loss sits near ${num(last)} and falls by only about ${num(improvements[improvements.length - 1] as number)} a step (${pct(tail[tail.length - 1] as number)} of its value): on a plot this is a plateau, not a slow descent.`,
          'The gradient has almost vanished where the run stands. If this is not the best loss the model can reach, the run is stuck on a flat stretch (a plateau or saddle, saturated units, or a start far out on a flat tail), and a larger rate alone may not get it out.',
        ],
        'escape-plateau',
        'First check that this is not already the floor (compare with a baseline or the best known loss) and that the gradient is computed right. If it is a plateau, add momentum or switch to an adaptive optimizer (both keep moving where the slope is tiny), or restart from a different initialization; raise the rate only with care, as the slope may steepen suddenly past the plateau.',
      );
    }
    return make(
      'plateau',
      [
        `The loss has stopped changing at ${num(last)}.`,
        'If this is not the best achievable loss, the run is stuck: with plain gradient descent a loss frozen at a non-zero value often means the parameters bounce between two mirror points (for f(x) = x², rate exactly 1 sends x from 10 to −10 and back with the loss at 100 forever); it can also be a flat region or a local minimum.',
      ],
      'lower-rate',
      'If the parameters flip sign every step, lower the rate (just below the stability limit already converges); if they barely move, raise it, add momentum or restart from elsewhere.',
    );
  }

  if (ups === 0 || ups < 0.2 * (ups + downs)) {
    const firstRel = relativeImprovements[0] as number;
    const lastRel = relativeImprovements[relativeImprovements.length - 1] as number;
    const shrinking = relativeImprovements.length >= 2 && lastRel < 0.5 * firstRel;
    const improvementsText = improvements.map(num).join(', ');
    const relText = relativeImprovements.map(pct).join(', ');
    if (!shrinking && lastRel < slow) {
      return make(
        'too-slow',
        [
          `The loss falls steadily but only by about ${pct(lastRel)} per step (improvements ${improvementsText}).`,
          'The relative gain is not shrinking, so this is not the approach to a minimum: the steps are simply too small.',
        ],
        'raise-rate',
        'Raise the learning rate (towards, not past, the stability limit), or add momentum.',
      );
    }
    const reasons = [
      `The loss falls every step${ups > 0 ? ' (apart from an isolated uptick)' : ''}: improvements ${improvementsText} (relative ${relText}).`,
    ];
    if (shrinking) {
      reasons.push(
        'The gains shrink step after step: diminishing returns, the normal picture as the minimum approaches (the gradient, and with it the step, gets smaller).',
      );
    }
    return make(
      'healthy',
      reasons,
      'none',
      shrinking
        ? 'Nothing to fix. Stop once the improvement per step is below what you care about; a decaying schedule can help squeeze out the last digits.'
        : 'Nothing to fix: the loss falls at a steady, healthy rate.',
      shrinking,
    );
  }

  // Rises are frequent but did not form a clear oscillation or divergence pattern.
  return make(
    'oscillation',
    [`The loss rises in ${ups} of ${ups + downs} steps.`, OSCILLATION_NOTE],
    'lower-rate',
    'Lower the learning rate (or the momentum), or add a decaying schedule.',
  );
}
