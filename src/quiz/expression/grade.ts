/**
 * Grading one typed formula against an author's: parse (a pointed message if it cannot be read,
 * never a mark), equivalence at seeded random points of the declared domains, then the forms the
 * author requires. Pure: the build, the tests and the page all call this.
 */
import type { MathNode } from 'mathjs';
import { canonicalName, isFormulaError, nodeTypes, parseFormula, type Formula, type FormulaError } from './parse';
import { domainProblem, equivalent, type Domains, type Equivalence, type VariableDomain } from './equivalence';
import { formProblem, type Form } from './form';

export interface ExpressionSpec {
  /** The author's formula. */
  answer: string;
  /** Each variable the formula may use (as the author writes it: `x`, `η_0`) and where it is sampled. */
  variables: Readonly<Record<string, VariableDomain>>;
  /** Forms the answer must be written in. */
  forms?: readonly Form[];
  /** Share of the points for an equivalent answer not in the required form (default 0.5). */
  formCredit?: number;
  samples?: number;
  seed?: number;
  relativeTolerance?: number;
}

export type FormulaVerdict =
  | { kind: 'invalid'; message: string; position?: number }
  | { kind: 'right'; tex: string }
  | { kind: 'form'; tex: string; problem: string; fraction: number }
  | { kind: 'wrong'; tex: string; at: Record<string, number>; expected: number; got: number };

/** The domains keyed by canonical names (`eta_0`), as the evaluator's scope is. */
export function canonicalDomains(variables: Readonly<Record<string, VariableDomain>>): Domains {
  return Object.fromEntries(Object.entries(variables).map(([name, domain]) => [canonicalName(name), domain]));
}

export function parseFor(spec: Pick<ExpressionSpec, 'variables'>, typed: string): Formula | FormulaError {
  return parseFormula(typed, { variables: Object.keys(spec.variables) });
}

export const defaultFormCredit = 0.5;

export function gradeFormula(spec: ExpressionSpec, typed: string, reference?: Formula): FormulaVerdict {
  const given = parseFor(spec, typed);
  if (isFormulaError(given)) return { kind: 'invalid', message: given.error, position: given.position };
  const expected = reference ?? parseFor(spec, spec.answer);
  if (isFormulaError(expected)) return { kind: 'invalid', message: `The question's own answer cannot be read: ${expected.error}` };
  const verdict = equivalent(expected, given, canonicalDomains(spec.variables), {
    samples: spec.samples,
    seed: spec.seed,
    relativeTolerance: spec.relativeTolerance,
  });
  if (verdict.equivalent === false) return { kind: 'wrong', tex: given.tex, at: verdict.at, expected: verdict.expected, got: verdict.got };
  if (verdict.equivalent === 'undecided') {
    return { kind: 'invalid', message: 'This question cannot grade formulas: its answer is undefined at most of its sample points.' };
  }
  for (const form of spec.forms ?? []) {
    const problem = formProblem(form, given.node, given.text);
    if (problem) return { kind: 'form', tex: given.tex, problem, fraction: spec.formCredit ?? defaultFormCredit };
  }
  return { kind: 'right', tex: given.tex };
}

/**
 * The same formula written differently, for the build's self-check: sums and products in the
 * reverse order, a − b as a + (−1)·b, a / b as a·b^(−1), printed as text and parsed again. The
 * author's answer must be equivalent to it: this catches answers undefined over most of their
 * domain, names the parser splits in a way the author did not mean, and tolerances too tight for
 * the formula's rounding.
 */
export function otherForm(formula: Formula): string {
  const { OperatorNode, ParenthesisNode, ConstantNode } = nodeTypes;
  const minusOne = () => new OperatorNode('-', 'unaryMinus', [new ConstantNode(1)]);
  // Children first, so every operation in the tree is rewritten, not only the outermost.
  const rewrite = (node: MathNode): MathNode => {
    const n = node.map((child) => rewrite(child));
    const o = n as MathNode & { fn?: string; args?: MathNode[] };
    if (n.type !== 'OperatorNode' || !o.args || o.args.length !== 2) return n;
    const [a, b] = o.args.map((x) => new ParenthesisNode(x)) as unknown as [MathNode, MathNode];
    switch (o.fn) {
      case 'add':
        return new OperatorNode('+', 'add', [b, a]);
      case 'multiply':
        return new OperatorNode('*', 'multiply', [b, a]);
      case 'subtract':
        return new OperatorNode('+', 'add', [a, new OperatorNode('*', 'multiply', [minusOne(), b])]);
      case 'divide':
        return new OperatorNode('*', 'multiply', [a, new OperatorNode('^', 'pow', [b, minusOne()])]);
      default:
        return n;
    }
  };
  return rewrite(formula.node).toString({ parenthesis: 'keep', implicit: 'show' });
}
