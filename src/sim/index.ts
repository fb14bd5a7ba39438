/**
 * Simulation module of the course "Learning rate and convergence": the single source of
 * every number and chart. Pure, deterministic float64 TypeScript with no DOM or Node APIs;
 * every export is a named function or type so that bundlers can drop what a page does not
 * use (importing gradient descent does not pull in Adam).
 *
 * @packageDocumentation
 */
export type { Optimizer, OptimizerStep, Problem, ScalarFunction, Schedule, ScheduleInfo, Vector } from './types';

export { mulberry32, randomInt, randomNormal, randomUniform, shuffleInPlace } from './random';
export type { Random } from './random';
export { linSpace, logSpace, maxAbs, norm2, toVector } from './vector';

export { quadratic1D } from './problems/quadratic1d';
export type { Quadratic1D } from './problems/quadratic1d';
export { function1D } from './problems/function1d';
export type { Function1DOptions } from './problems/function1d';
export { tiltedDoubleWell } from './problems/doubleWell';
export type { TiltedDoubleWell } from './problems/doubleWell';
export { quadraticBowl2D, quadraticForm } from './problems/quadraticForm';
export type { QuadraticBowl2DOptions, QuadraticForm, QuadraticFormOptions } from './problems/quadraticForm';
export { rosenbrock } from './problems/rosenbrock';
export { linearRegression } from './problems/linearRegression';
export type { LinearRegression, LinearRegressionOptions } from './problems/linearRegression';
export { HOUSE_PRICES, HOUSE_SIZES, housePriceRegression } from './problems/housePrice';

export { heavyBall, nesterov, sgd } from './optimizers/sgd';
export type { SgdOptions } from './optimizers/sgd';
export { adagrad } from './optimizers/adagrad';
export type { AdagradOptions } from './optimizers/adagrad';
export { rmsprop } from './optimizers/rmsprop';
export type { RmspropOptions } from './optimizers/rmsprop';
export { adam } from './optimizers/adam';
export type { AdamOptions } from './optimizers/adam';
export { adamw } from './optimizers/adamw';

export {
  asSchedule,
  constant,
  cosineAnnealing,
  exponentialDecay,
  inverseTimeDecay,
  linearWarmup,
  stepDecay,
} from './schedules';
export type { WarmupOptions } from './schedules';

export { coordinate, paramsAt, run, runSummary } from './runner';
export type { BatchOptions, RunOptions, RunResult, RunSummary, StopReason } from './runner';

export { symmetricEigen, symmetricEigenvalues, symmetricEigenvalues2x2 } from './analysis/eigen';
export type { SymmetricEigen } from './analysis/eigen';
export {
  contractionFactor,
  contractionFactors,
  gdIterate1D,
  quadraticTheory,
  quadraticTheory1D,
  stepsToTolerance,
} from './analysis/quadraticTheory';
export type { QuadraticTheory, StepsToToleranceOptions } from './analysis/quadraticTheory';
export { classifyRun } from './analysis/classify';
export type { Classification, Regime } from './analysis/classify';
export { diagnoseLoss } from './analysis/diagnose';
export type { DiagnoseOptions, LossDiagnosis, LossFix, LossVerdict } from './analysis/diagnose';
export { lrSweep } from './analysis/sweep';
export type { SweepBest, SweepOptions, SweepResult } from './analysis/sweep';
export { lrRangeTest } from './analysis/rangeTest';
export type { RangeTestOptions, RangeTestResult } from './analysis/rangeTest';

export {
  bestHousePriceRate,
  housePriceLossCurve,
  housePriceQuadraticTheory,
  housePriceRun,
  lossAfterEpochs,
  recordedLossAtEpoch,
} from './lesson/housePrice';
export type { BestRateOptions } from './lesson/housePrice';
