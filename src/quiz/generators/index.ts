import { housePriceTraining, momentumOnParabola } from './curves';
import { gdStepsOnParabola, stabilityChoiceOnBowl, stabilityLimit } from './gradient-descent';
import { compareRatesOnParabola, differenceErrorsOfSine, housePriceSweep, housePriceTheory } from './oracles';
import type { GeneratorRegistry } from './types';

export type * from './types';

/**
 * The generators quiz files can name. Add one here and its name becomes valid in `generator:`,
 * `curve.generator` or `oracle:`; the validator lists these names when a quiz names another.
 */
export const defaultGenerators: GeneratorRegistry = {
  variants: {
    'gd-steps-parabola': gdStepsOnParabola,
    'stability-limit': stabilityLimit,
    'stability-choice-bowl': stabilityChoiceOnBowl,
  },
  curves: {
    'house-price-training': housePriceTraining,
    'momentum-parabola': momentumOnParabola,
  },
  oracles: {
    'compare-rates-parabola': compareRatesOnParabola,
    'house-price-sweep': housePriceSweep,
    'difference-errors-sine': differenceErrorsOfSine,
    'house-price-theory': housePriceTheory,
  },
};
