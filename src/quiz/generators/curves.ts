import { heavyBall, housePriceLossCurve, quadratic1D, run } from '../../sim/index';
import type { CurveGenerator } from './types';

const param = (params: Readonly<Record<string, number>>, name: string) => params[name] ?? Number.NaN;

/** The house-price regression trained from (0, 0): the loss after each of `epochs` updates. */
export const housePriceTraining: CurveGenerator = {
  description: 'full-batch gradient descent on the house-price data from (0, 0) at a constant rate',
  params: ['rate', 'epochs'],
  losses(params) {
    return Array.from(housePriceLossCurve(param(params, 'rate'), param(params, 'epochs'))).slice(1);
  },
};

/** Heavy-ball momentum on f(x) = x² from x0: the loss after each step goes up and down. */
export const momentumOnParabola: CurveGenerator = {
  description: 'gradient descent with heavy-ball momentum on x² from x0',
  params: ['rate', 'momentum', 'steps', 'x0'],
  losses(params) {
    const result = run({
      problem: quadratic1D(1),
      optimizer: heavyBall({ momentum: param(params, 'momentum') }),
      start: param(params, 'x0'),
      steps: param(params, 'steps'),
      schedule: param(params, 'rate'),
      tolerance: 0,
      divergenceBound: Infinity,
    });
    return Array.from(result.loss).slice(1);
  },
};
