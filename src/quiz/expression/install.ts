/**
 * Loads the expression library and puts it in the engine's slot (engine.ts). Imported for its
 * effect by the build's quiz modules, and dynamically by the page when it needs formulas.
 */
import { installFormulaEngine, type FormulaEngine } from './engine';
import { gradeFormula } from './grade';
import { isFormulaError, parseFormula } from './parse';
import { partEvaluator } from '../multipart/evaluate';
import { expressionOutcome } from './outcome';
import { multipartOutcome } from '../multipart/outcome';

export const engine: FormulaEngine = {
  gradeFormula,
  preview(variables, typed) {
    const parsed = parseFormula(typed, { variables });
    return isFormulaError(parsed) ? { error: parsed.error, position: parsed.position } : { tex: parsed.tex };
  },
  partEvaluator,
  gradeExpression: expressionOutcome,
  gradeMultipart: multipartOutcome,
};

installFormulaEngine(engine);
