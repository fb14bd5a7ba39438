/**
 * Formulas and conditions of earlier parts (`2 / lmax`, `0.1 < limit`), read by the expression
 * library with the earlier parts' ids as its variables. Each text is parsed once.
 */
import { canonicalName, evaluateFormula, isFormulaError, parseFormula, type Formula } from '../expression/parse';
import type { PartEvaluator } from './grade';

/** An evaluator for formulas over these part ids; a formula that cannot be read evaluates to NaN. */
export function partEvaluator(partIds: readonly string[]): PartEvaluator {
  const parsed = new Map<string, Formula | undefined>();
  return (formula, values) => {
    if (!parsed.has(formula)) {
      const result = parseFormula(formula, { variables: partIds, comparisons: true });
      parsed.set(formula, isFormulaError(result) ? undefined : result);
    }
    const tree = parsed.get(formula);
    // The parser knows names canonically (h11 is h_11, like η0 is η_0).
    const scope = Object.fromEntries(Object.entries(values).map(([id, value]) => [canonicalName(id), value]));
    return tree ? evaluateFormula(tree, scope) : NaN;
  };
}

/** Why a formula of earlier parts cannot be read, for the build's messages; undefined when it can. */
export function partFormulaProblem(formula: string, earlier: readonly string[]): string | undefined {
  const result = parseFormula(formula, { variables: earlier, comparisons: true });
  return isFormulaError(result) ? result.error : undefined;
}
