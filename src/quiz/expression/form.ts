/**
 * Checks of how an answer is written, for questions where the form matters. Each returns the
 * first problem as a sentence, or undefined when the formula is in that form.
 *
 * - `no-decimals`: every number is a whole number (write 1/2, not 0.5; 2, not 2.0).
 * - `expanded`: no product, quotient, power or negation of a sum is left (2x + 2, not 2(x + 1)).
 * - `simplified`: nothing is left that a teacher would ask to work out: arithmetic on numbers
 *   alone (2·3, 4/2, a fraction not in lowest terms, 4ax/2), operations that do nothing (+0, ·1, ^1, /1,
 *   a double minus), like terms in a sum (x + x, 3x − x, two plain numbers) and the same factor
 *   twice in a product (x·x, x²·x, two numbers).
 *
 * The definitions are syntactic on the tree as typed (parentheses ignored), which is what a
 * teacher marking by eye does; they never decide equivalence (equivalence.ts does).
 */
import type { MathNode } from 'mathjs';

export const forms = ['simplified', 'expanded', 'no-decimals'] as const;
export type Form = (typeof forms)[number];

type Node = MathNode & { fn?: string | { name?: string }; args?: Node[]; content?: Node; value?: unknown; name?: string; op?: string };

const strip = (node: Node): Node => (node.type === 'ParenthesisNode' && node.content ? strip(node.content) : node);
const isConstant = (node: Node) => strip(node).type === 'ConstantNode';
const constantValue = (node: Node) => strip(node).value as number;
const isOp = (node: Node, ...fns: string[]) => {
  const n = strip(node);
  return n.type === 'OperatorNode' && fns.includes(n.fn as string);
};
const isSum = (node: Node) => isOp(node, 'add', 'subtract');

function walk(node: Node, visit: (n: Node) => string | undefined): string | undefined {
  const own = visit(node);
  if (own) return own;
  for (const child of [...(node.args ?? []), ...(node.content ? [node.content] : [])]) {
    const found = walk(child, visit);
    if (found) return found;
  }
  return undefined;
}

const shown = (node: Node) => strip(node).toString({ parenthesis: 'auto' });

/** Terms of a sum, each with its sign folded into a flag. */
function terms(node: Node, negative = false): { node: Node; negative: boolean }[] {
  const n = strip(node);
  if (isOp(n, 'add')) return [...terms(n.args![0]!, negative), ...terms(n.args![1]!, negative)];
  if (isOp(n, 'subtract')) return [...terms(n.args![0]!, negative), ...terms(n.args![1]!, !negative)];
  if (isOp(n, 'unaryMinus')) return terms(n.args![0]!, !negative);
  return [{ node: n, negative }];
}

function factors(node: Node): Node[] {
  const n = strip(node);
  if (isOp(n, 'multiply')) return [...factors(n.args![0]!), ...factors(n.args![1]!)];
  return [n];
}

/** What a term is "of": its non-numeric factors, sorted, so 3x·a and a·x are like terms. */
function termKey(node: Node): string {
  const rest = factors(node).filter((f) => !isConstant(f) && !(isOp(f, 'divide') && isConstant(f.args![0]!) && isConstant(f.args![1]!)));
  return rest.map((f) => shown(f)).sort().join('·');
}

/** The base of a factor: x for x, x² and x^a. */
function baseKey(node: Node): string {
  const n = strip(node);
  return isOp(n, 'pow') ? shown(n.args![0]!) : shown(n);
}

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

function simplifiedProblem(node: Node): string | undefined {
  const n = strip(node);
  if (n.type !== 'OperatorNode') return undefined;
  const fn = n.fn as string;
  const args = n.args ?? [];
  if (fn === 'divide' && args.every(isConstant)) {
    const [p, q] = args.map(constantValue) as [number, number];
    if (!Number.isInteger(p) || !Number.isInteger(q)) return `${shown(n)} can be worked out`;
    if (q === 1) return `dividing by 1 does nothing in ${shown(n)}`;
    if (gcd(p, q) !== 1) return `the fraction ${shown(n)} can be reduced`;
    return undefined;
  }
  if (fn === 'unaryMinus' && isOp(args[0]!, 'unaryMinus')) return `the two minus signs in ${shown(n)} cancel`;
  if (fn === 'unaryMinus' || fn === 'unaryPlus') return fn === 'unaryPlus' ? `the + in ${shown(n)} does nothing` : undefined;
  if (args.length === 2 && args.every(isConstant)) return `${shown(n)} can be worked out`;
  const [left, right] = args as [Node, Node];
  if ((fn === 'add' || fn === 'subtract') && (isConstant(right) && constantValue(right) === 0)) return `adding or subtracting 0 does nothing in ${shown(n)}`;
  if (fn === 'add' && isConstant(left) && constantValue(left) === 0) return `adding 0 does nothing in ${shown(n)}`;
  if (fn === 'subtract' && isOp(right, 'unaryMinus')) return `the two minus signs in ${shown(n)} make a plus`;
  const trivialFactor = fn === 'multiply' ? [left, right].find((a) => isConstant(a) && [0, 1].includes(constantValue(a))) : undefined;
  if (trivialFactor) return `multiplying by ${constantValue(trivialFactor)} can be worked out in ${shown(n)}`;
  if (fn === 'divide' && isConstant(right) && constantValue(right) === 1) return `dividing by 1 does nothing in ${shown(n)}`;
  // 4ax/2: a number above and a number below the line cancel.
  if (fn === 'divide' && isConstant(right) && factors(left).some((f) => isConstant(f) && Math.abs(constantValue(f)) !== 1)) {
    return `the numbers in ${shown(n)} can be cancelled`;
  }
  if (fn === 'pow' && isConstant(right) && (constantValue(right) === 1 || constantValue(right) === 0)) return `the power ${constantValue(right)} can be worked out in ${shown(n)}`;
  if (fn === 'add' || fn === 'subtract') {
    const seen = new Map<string, string>();
    for (const term of terms(n)) {
      const key = termKey(term.node);
      const previous = seen.get(key);
      if (previous !== undefined) {
        return key === '' ? `the numbers ${previous} and ${shown(term.node)} can be added up` : `${previous} and ${shown(term.node)} are like terms: collect them`;
      }
      seen.set(key, shown(term.node));
    }
  }
  if (fn === 'multiply') {
    const seen = new Map<string, string>();
    for (const factor of factors(n)) {
      const key = isConstant(factor) ? '#number' : baseKey(factor);
      const previous = seen.get(key);
      if (previous !== undefined) {
        return key === '#number' ? `the numbers ${previous} and ${shown(factor)} can be multiplied` : `${previous} and ${shown(factor)} can be written as one power`;
      }
      seen.set(key, shown(factor));
    }
  }
  return undefined;
}

function expandedProblem(node: Node): string | undefined {
  const n = strip(node);
  if (n.type !== 'OperatorNode') return undefined;
  const fn = n.fn as string;
  const args = n.args ?? [];
  if (fn === 'multiply' && args.some(isSum)) return `${shown(n)} is a product of a sum: multiply it out`;
  if (fn === 'divide' && isSum(args[0]!)) return `${shown(n)} divides a sum: split it into one fraction per term`;
  if (fn === 'unaryMinus' && isSum(args[0]!)) return `${shown(n)} negates a sum: distribute the minus`;
  if (fn === 'pow' && isSum(args[0]!) && isConstant(args[1]!) && Number.isInteger(constantValue(args[1]!)) && constantValue(args[1]!) > 1) {
    return `${shown(n)} is a power of a sum: multiply it out`;
  }
  return undefined;
}

function decimalsProblem(node: Node, text: string): string | undefined {
  const written = /(?<![A-Za-z_\d])(\d*\.\d+|\d+\.)(?!\d)/.exec(text);
  if (written) return `${written[1]} is a decimal: write it as a whole number or a fraction`;
  return walk(node, (n) => (n.type === 'ConstantNode' && !Number.isInteger(n.value) ? `${String(n.value)} is a decimal: write it as a fraction` : undefined));
}

/** The first way the formula is not in `form`, as a sentence fragment; undefined when it is. */
export function formProblem(form: Form, node: MathNode, text: string): string | undefined {
  const tree = node as Node;
  switch (form) {
    case 'no-decimals':
      return decimalsProblem(tree, text);
    case 'expanded':
      return walk(tree, expandedProblem);
    case 'simplified':
      return walk(tree, simplifiedProblem);
  }
}
