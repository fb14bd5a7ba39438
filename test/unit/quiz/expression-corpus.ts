/**
 * Pairs of formulas, equivalent or not over the given domains: the unit test grades each with
 * the question's grader, and bench/expression-libraries.ts runs the same pairs through the
 * candidate libraries. `b` is typed as a learner would type it.
 */
import type { VariableDomain } from '../../../src/quiz/expression/equivalence';

export interface CorpusPair {
  a: string;
  b: string;
  equivalent: boolean;
  variables: Record<string, VariableDomain>;
  /** What the pair tests, when it is not obvious. */
  note?: string;
}

const real = (min: number, max: number): VariableDomain => ({ min, max });
const whole = (min: number, max: number): VariableDomain => ({ min, max, integer: true });

const X = { x: real(-5, 5) };
const XP = { x: real(0.1, 5) };
const XA = { x: real(-5, 5), a: real(0.5, 3) };
const UPDATE = { x: real(-5, 5), a: real(0.5, 3), η: real(0.01, 1) };
const STEP = { η_0: real(0.01, 1), γ: real(0.1, 0.9), t: whole(0, 60), k: whole(1, 10) };
const EXP = { η_0: real(0.01, 1), λ: real(0.01, 0.5), t: real(0, 50) };
const XY = { x: real(-3, 3), y: real(-3, 3) };

const same = (variables: Record<string, VariableDomain>, a: string, ...bs: string[]): CorpusPair[] =>
  bs.map((b) => ({ a, b, equivalent: true, variables }));
const differ = (variables: Record<string, VariableDomain>, a: string, ...bs: string[]): CorpusPair[] =>
  bs.map((b) => ({ a, b, equivalent: false, variables }));

export const corpus: CorpusPair[] = [
  // Derivatives of x² and a·x².
  ...same(X, '2*x', '2x', '2 x', 'x*2', 'x+x', '2·x', '2×x', '4x/2', '(x^2)/x*2'),
  ...differ(X, '2*x', 'x^2', 'x', '2', '2x+1', 'x/2', '2^x', '-2x', 'x**2', '2x²'),
  ...same(XA, '2*a*x', '2ax', '2xa', 'a·2x', 'a*x*2', '(2a)x', 'ax+ax', '2(ax)', 'x(2a)'),
  ...differ(XA, '2*a*x', 'ax', 'a x^2', '2a', '2x', 'a^2x', '2a+x', 'ax/2'),
  // Powers, roots, Unicode.
  ...same(X, 'x^2', 'x**2', 'x²', 'x·x', 'x*x', '(-x)^2', 'abs(x)^2', '(−x)²'),
  ...differ(X, 'x^2', '-x^2', 'x^3', '2^x', '(x+1)^2', 'x^2+0.001'),
  ...same(XP, 'sqrt(x)', '√x', '√(x)', 'x^(1/2)', 'x^0.5', 'sqrt(x^2)/sqrt(x)'),
  ...differ(XP, 'sqrt(x)', 'x/2', 'x^2', '√(2x)', '1/√x'),
  ...same(X, '-x', '−x', '0 - x', '(-1)x', '-1*x', '−1·x'),
  // The update rule on a·x²: x − η·2a·x.
  ...same(UPDATE, 'x - eta*2*a*x', 'x - 2aηx', 'x(1 - 2aη)', '(1-2aη)x', 'x - η·2a·x', 'x−2ηax', 'x*(1-2*a*eta)', 'x - η(2ax)', 'x + (-2aη)x', '(1 − 2·a·η)·x'),
  ...differ(UPDATE, 'x - eta*2*a*x', 'x + 2aηx', 'x - ηax', 'x - 2ax', 'x - η·2x', '(1-2a)ηx', 'x(1-aη)', 'x - η2a', '1 - 2aη', 'x - ηa x^2'),
  // Step decay: η₀·γ^floor(t/k).
  ...same(STEP, 'eta_0*gamma^floor(t/k)', 'η_0·γ^floor(t/k)', 'η₀γ^⌊t/k⌋', 'eta0*gamma^(floor(t/k))', 'η_{0} γ^{floor(t/k)}', 'γ^floor(t/k)·η_0', 'η_0*γ**floor(t/k)'),
  ...differ(STEP, 'eta_0*gamma^floor(t/k)', 'η_0·γ^(t/k)', 'η_0·γ^floor(k/t)', 'η_0·γ^ceil(t/k)', 'η_0·γ·floor(t/k)', 'γ^floor(t/k)', 'η_0·γ^t', 'η_0^floor(t/k)'),
  // Exponential decay: η₀·e^(−λt).
  ...same(EXP, 'eta_0*exp(-lambda*t)', 'η_0·e^(-λt)', 'η_0 e^(−λ t)', 'η₀·exp(−λ·t)', 'η_0/e^(λt)', 'η_0·(e^(-λ))^t', 'η_0 e^{-λt}', 'η_0·exp(-t·λ)', 'η_0·exp(-λt/2)^2'),
  ...differ(EXP, 'eta_0*exp(-lambda*t)', 'η_0·e^(λt)', 'η_0·e^(-λ)t', 'η_0·e^(-t)', 'e^(-λt)', 'η_0·(1-λt)', 'η_0·e^(-λ/t)', 'η_0·λ^(-t)', 'η_0 - e^(-λt)'),
  // Algebra: expansions, fractions, logs.
  ...same(XY, '(x+y)^2', 'x^2 + 2xy + y^2', '(x+y)(x+y)', '(y+x)^2', 'x² + 2·x·y + y²'),
  ...differ(XY, '(x+y)^2', 'x^2 + y^2', 'x^2 + xy + y^2', '(x-y)^2', '2(x+y)'),
  ...same(XY, 'x^2 - y^2', '(x-y)(x+y)', '(x+y)(x-y)', '-(y^2-x^2)'),
  ...differ(XY, 'x^2 - y^2', '(x-y)^2', 'x^2+y^2', '(y-x)(y+x)'),
  ...same(XP, 'ln(x^2)', '2ln(x)', '2*log(x)', 'ln(x)+ln(x)'),
  ...differ(XP, 'ln(x^2)', 'ln(x)^2', 'ln(2x)', '2exp(x)'),
  ...same(XP, '1/(2x)', '1/2/x', '(2x)^(-1)', '0.5/x', 'x^(-1)/2'),
  ...differ(XP, '1/(2x)', '1/2x', '2/x', 'x/2'),
  // Functions and constants.
  ...same(X, 'sin(x)^2 + cos(x)^2', '1'),
  ...same(X, 'sin(2x)', '2sin(x)cos(x)'),
  ...differ(X, 'sin(2x)', '2sin(x)', 'sin(x)^2'),
  ...same(X, 'pi*x', 'π·x', 'xπ'),
  ...differ(X, 'pi*x', '3.14x', '3.1416x'),
  ...same(X, 'abs(x)', 'sqrt(x^2)'),
  ...differ(X, 'abs(x)', 'x'),
  ...same(X, 'e^x * e^x', 'e^(2x)', 'exp(2x)', 'exp(x)^2'),
  ...differ(X, 'e^x * e^x', 'e^(x^2)', '2e^x'),
  // Names and numbers run together, in any order.
  ...same(XA, '2*a*x', 'a2x', 'x2a', '2xa', '(2)(a)(x)', '4ax/2'),
  ...same(STEP, 'eta_0*gamma^floor(t/k)', 'η_0γ^floor(t/k)', 'η₀·γ^(floor(t/k))'),
  // Near misses a sampler must catch.
  ...differ(X, 'x', 'x + 1e-6', 'x*1.000001'),
  ...differ({ t: whole(0, 60), k: whole(1, 10) }, 'floor(t/k)', 't/k', 'ceil(t/k) - 1'),
];
