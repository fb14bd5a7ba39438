/**
 * The formula engine's slot. Grading a formula needs the expression library (mathjs, ~90 KB
 * gzip), which the shared grader must not carry onto every page: grade.ts asks this slot, the
 * build fills it at import (install.ts), and the page fills it when a question that needs it
 * nears the viewport (src/client/quiz/formula.ts). No mathjs is imported here, only types.
 */
import type { ExpressionSpec, FormulaVerdict } from './grade';
import type { ExpressionGradable, Outcome } from './question';
import type { MultipartGradable } from '../multipart/question';
import type { PartEvaluator } from '../multipart/grade';

export interface FormulaEngine {
  gradeFormula(spec: ExpressionSpec, typed: string): FormulaVerdict;
  /** How a formula was read, as LaTeX, or what is wrong with it (for the live preview). */
  preview(variables: readonly string[], typed: string): { tex: string } | { error: string; position?: number };
  partEvaluator(partIds: readonly string[]): PartEvaluator;
  /** The grades of the two types, in sentences (outcome.ts beside each). */
  gradeExpression(question: ExpressionGradable, typed: string): Outcome;
  gradeMultipart(question: MultipartGradable, response: unknown): Outcome;
}

let installed: FormulaEngine | undefined;

export function installFormulaEngine(engine: FormulaEngine): void {
  installed = engine;
}

/** The engine, once loaded; undefined before. */
export function formulaEngine(): FormulaEngine | undefined {
  return installed;
}

/** Question types whose grading needs the engine. */
export const formulaTypes: ReadonlySet<string> = new Set(['expression', 'multipart']);
