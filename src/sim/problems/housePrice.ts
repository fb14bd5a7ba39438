/**
 * The course's house-price data set and its regression problem.
 *
 * @packageDocumentation
 */
import { linearRegression } from './linearRegression';
import type { LinearRegression } from './linearRegression';

/**
 * House sizes in thousands of square feet. The prices are exactly 200·x, so the best fit is
 * w = 200, b = 0 with zero loss.
 */
export const HOUSE_SIZES: readonly number[] = [1.5, 2.0, 2.5, 3.0, 3.5];

/** House prices in thousands (of the currency of the lesson). */
export const HOUSE_PRICES: readonly number[] = [300, 400, 500, 600, 700];

/**
 * MSE regression on the house-price data: L(w, b) = (1/5)·Σ (w·x_i + b − y_i)², as
 * `torch.nn.MSELoss()`. Hessian [[13.5, 5], [5, 2]].
 */
export function housePriceRegression(): LinearRegression {
  return linearRegression({ x: HOUSE_SIZES, y: HOUSE_PRICES, name: 'house prices' });
}
