/**
 * Reading a formula: the learner's text (normalised by normalise.ts) is parsed by mathjs, then
 * checked and resolved against the names the question declares. The result is either a tree that
 * only holds numbers, declared variables, `e`, `pi`, the four operations, powers and a short list
 * of functions, or a message that says what is wrong and where (1-based character positions in
 * the typed text).
 *
 * Only mathjs's parser and compiler are loaded (`create` with their dependencies), ~90 KB gzip;
 * the page loads this module only when an expression question nears the viewport.
 */
import {
  create,
  compileDependencies,
  parseDependencies,
  floorDependencies,
  ceilDependencies,
  absDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  logDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  smallerDependencies,
  largerDependencies,
  smallerEqDependencies,
  largerEqDependencies,
  type FactoryFunctionMap,
  type MathNode,
} from 'mathjs';
import { greekNames, normaliseInput, typedPosition, type Normalised } from './normalise';

// `predictable`: sqrt(-1) and log(-1) are NaN, never complex numbers the grader cannot compare.
const dependencies = {
  parseDependencies,
    compileDependencies,
    floorDependencies,
    ceilDependencies,
    absDependencies,
    sqrtDependencies,
    cbrtDependencies,
    expDependencies,
    logDependencies,
    sinDependencies,
    cosDependencies,
    tanDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    smallerDependencies,
    largerDependencies,
    smallerEqDependencies,
    largerEqDependencies,
};
const math = create(dependencies as unknown as FactoryFunctionMap, { predictable: true });

/** The tree's node constructors, for code that rewrites formulas (grade.ts, otherForm). */
export const nodeTypes = {
  OperatorNode: math.OperatorNode,
  ParenthesisNode: math.ParenthesisNode,
  ConstantNode: math.ConstantNode,
  SymbolNode: math.SymbolNode,
};

/** Functions a formula may use, by the name it is typed with → the name it is evaluated by. */
export const functionNames: Readonly<Record<string, string>> = {
  sqrt: 'sqrt', cbrt: 'cbrt', exp: 'exp', ln: 'log', log: 'log', sin: 'sin', cos: 'cos', tan: 'tan',
  floor: 'floor', ceil: 'ceil', abs: 'abs',
};

/** Constants every formula may use. */
export const constants: Readonly<Record<string, number>> = { e: Math.E, pi: Math.PI };

const operators: Readonly<Record<string, true>> = {
  add: true, subtract: true, multiply: true, divide: true, pow: true, unaryMinus: true, unaryPlus: true,
};
const comparisons: Readonly<Record<string, true>> = { smaller: true, larger: true, smallerEq: true, largerEq: true };

export interface Formula {
  /** The resolved tree: symbols are canonical variable names (`eta_0`) or `e`, `pi`. */
  node: MathNode;
  /** LaTeX of how the formula was read, for the live preview and the review. */
  tex: string;
  /** The normalised text, for form checks that look at how numbers were written. */
  text: string;
}

export interface FormulaError {
  error: string;
  /** 1-based position in the typed text the message points at. */
  position?: number;
}

export interface ParseOptions {
  /** The variables the formula may use, as the author wrote them (`x`, `η_0`, `eta_0`, `λ`). */
  variables: readonly string[];
  /** Allow `<`, `>`, `<=`, `>=` (conditions of multi-part questions); formulas have none. */
  comparisons?: boolean;
}

/**
 * The canonical name of a variable: Greek letters spelt out, a subscript written `_0`. `η_0`,
 * `η₀`, `η_{0}`, `eta_0` and `eta0` are all `eta_0`.
 */
export function canonicalName(name: string): string {
  const spelt = normaliseInput(name).text.replace(/\s+/g, '');
  const match = /^([A-Za-z]+?)_?(\d+)$/.exec(spelt);
  return match && !spelt.includes('_') ? `${match[1]}_${match[2]}` : spelt;
}

/** Parse one formula typed by a learner or written by an author. */
export function parseFormula(typed: string, options: ParseOptions): Formula | FormulaError {
  if (typed.trim() === '') return { error: 'Write a formula first.' };
  const normalised = normaliseInput(typed);
  const early = earlyProblem(typed, normalised);
  if (early) return early;
  let tree: MathNode;
  try {
    tree = math.parse(normalised.text);
  } catch (error) {
    return syntaxMessage(error, normalised, typed);
  }
  const names = new Map(options.variables.map((v) => [canonicalName(v), v]));
  try {
    const node = resolve(tree, names, normalised, options);
    return { node, tex: toTex(node), text: normalised.text };
  } catch (error) {
    if (error instanceof FormulaProblem) return { error: error.message, position: error.position };
    throw error;
  }
}

export function isFormulaError(value: Formula | FormulaError): value is FormulaError {
  return 'error' in value;
}

/** Evaluate a resolved formula; NaN where it is undefined (0/0, √−1, log 0). */
export function evaluateFormula(formula: Formula, scope: Readonly<Record<string, number>>): number {
  const compiled = (compiledCache.get(formula.node) ?? compileNode(formula.node)) as { evaluate(scope: object): unknown };
  const value = compiled.evaluate({ ...constants, ...scope });
  return typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : NaN;
}

const compiledCache = new WeakMap<MathNode, unknown>();
function compileNode(node: MathNode) {
  const compiled = node.compile();
  compiledCache.set(node, compiled);
  return compiled;
}

class FormulaProblem extends Error {
  readonly position: number | undefined;
  constructor(message: string, position?: number) {
    super(message);
    this.position = position;
  }
}

/** Problems best found in the typed text: unbalanced parentheses, decimal commas, `=`. */
function earlyProblem(typed: string, normalised: Normalised): FormulaError | undefined {
  const chars = [...typed];
  const open: number[] = [];
  for (let i = 0; i < normalised.text.length; i++) {
    const ch = normalised.text[i];
    if (ch === '(') open.push(i);
    if (ch === ')') {
      if (open.length === 0) {
        const at = typedPosition(normalised, i);
        return { error: `There is a closing parenthesis at position ${at} with no opening one before it.`, position: at };
      }
      open.pop();
    }
  }
  if (open.length > 0) {
    const from = typedPosition(normalised, open[open.length - 1]!);
    return {
      error: `A closing parenthesis is missing after position ${chars.length}: the one opened at position ${from} is never closed.`,
      position: chars.length,
    };
  }
  const comma = /\d,\d/.exec(normalised.text);
  if (comma) {
    const at = typedPosition(normalised, comma.index + 1);
    return { error: `Use a dot for decimals: the comma at position ${at} should be a dot (0.5, not 0,5).`, position: at };
  }
  const equals = normalised.text.indexOf('=');
  if (equals >= 0 && !/[<>]=/.test(normalised.text.slice(Math.max(0, equals - 1), equals + 1))) {
    const at = typedPosition(normalised, equals);
    return { error: `Write only the formula, without “=” (position ${at}): the part after the equals sign.`, position: at };
  }
  return undefined;
}

/** Turn mathjs's syntax errors ("Value expected (char 3)") into sentences about the typed text. */
function syntaxMessage(error: unknown, normalised: Normalised, typed: string): FormulaError {
  const message = error instanceof Error ? error.message : String(error);
  const char = /\(char (\d+)\)/.exec(message);
  const index = char ? Number(char[1]) - 1 : normalised.text.length;
  const at = typedPosition(normalised, index);
  const length = [...typed].length;
  const shown = (i: number) => [...typed][typedPosition(normalised, i) - 1] ?? '';
  if (/Unexpected end of expression/.test(message)) {
    const last = typed.trimEnd().slice(-1);
    return { error: `The formula stops too soon: something is missing after “${last}” at position ${length}.`, position: length };
  }
  if (/Value expected/.test(message)) {
    return {
      error: `Something is missing before “${shown(index)}” at position ${at}: a number, a variable or an opening parenthesis.`,
      position: at,
    };
  }
  const unexpected = /Unexpected (?:operator|type of argument|character) ?(\S*)/.exec(message);
  if (unexpected) {
    return { error: `“${shown(index) || unexpected[1]}” at position ${at} cannot stand there.`, position: at };
  }
  if (/Parenthesis \) expected/.test(message)) {
    return { error: `A closing parenthesis is missing after position ${Math.max(at - 1, 1)}.`, position: at };
  }
  return { error: `The formula cannot be read at position ${at} (${message.replace(/\s*\(char \d+\)/, '')}).`, position: at };
}

/** Where a name first appears in the normalised text, as a typed position. */
function positionOfName(name: string, normalised: Normalised): number | undefined {
  const match = new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, '')}`).exec(normalised.text);
  return match ? typedPosition(normalised, match.index) : undefined;
}

/**
 * Split a run of letters the parser read as one name into declared names and numbers: `ax` is
 * a·x and `eta2a` is η·2·a when those are the variables. Longest names first; undefined if no split works.
 */
function splitName(name: string, known: readonly string[]): string[] | undefined {
  if (name === '') return [];
  // η2a, typed with the number inside: η·2·a.
  const digits = /^\d+/.exec(name)?.[0];
  if (digits) {
    const rest = splitName(name.slice(digits.length), known);
    return rest ? [digits, ...rest] : undefined;
  }
  const candidates = known.filter((k) => name.startsWith(k)).sort((a, b) => b.length - a.length);
  for (const candidate of candidates) {
    const rest = splitName(name.slice(candidate.length), known);
    if (rest) return [candidate, ...rest];
  }
  return undefined;
}

function resolve(tree: MathNode, names: ReadonlyMap<string, string>, normalised: Normalised, options: ParseOptions): MathNode {
  const declared = [...names.keys()];
  const known = [...declared, ...Object.keys(constants)];
  const product = (factors: MathNode[]) => factors.reduce((a, b) => new math.OperatorNode('*', 'multiply', [a, b], true));
  const symbolFor = (name: string): MathNode => product(factorsOf(name));
  /** The declared names a name stands for: one, or several run together (`ax`). */
  const factorsOf = (name: string): MathNode[] => {
    const canonical = canonicalName(name);
    if (names.has(canonical) || canonical in constants) return [new math.SymbolNode(canonical)];
    const parts = splitName(name, known);
    if (parts && parts.length > 1) return parts.map((p) => (/^\d/.test(p) ? new math.ConstantNode(Number(p)) : new math.SymbolNode(p)));
    const at = positionOfName(name, normalised);
    const shown = Object.entries(greekNames).find(([, spelt]) => spelt === name)?.[0] ?? name;
    const listed = [...names.values()].join(', ');
    throw new FormulaProblem(
      `“${shown}”${at ? ` at position ${at}` : ''} is not a variable of this question: ${listed ? `use ${listed}` : 'it takes numbers only'}${name in functionNames ? ` (${name} is a function: write ${name}(…))` : ''}.`,
      at,
    );
  };
  const visit = (node: MathNode): MathNode => {
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ConstantNode': {
        if (typeof n.value !== 'number' || !Number.isFinite(n.value)) {
          throw new FormulaProblem(`“${String(n.value)}” is not a number this question can use.`);
        }
        return node;
      }
      case 'SymbolNode':
        return symbolFor(n.name as string);
      case 'ParenthesisNode':
        return new math.ParenthesisNode(visit(n.content as MathNode));
      case 'OperatorNode': {
        const fn = n.fn as string;
        const raw = n.args as MathNode[];
        // ax^2 is a·x², not (ax)²: a power binds to the last of the names run together.
        if (fn === 'pow' && raw[0]?.type === 'SymbolNode') {
          const factors = factorsOf((raw[0] as MathNode & { name: string }).name);
          const power = new math.OperatorNode('^', 'pow', [factors.pop()!, visit(raw[1]!)]);
          return product([...factors, power]);
        }
        const args = raw.map(visit);
        if (!operators[fn] && !(options.comparisons && comparisons[fn])) {
          throw new FormulaProblem(`“${n.op as string}” cannot be used in a formula here: use + − · / ^ and parentheses.`, positionOfOperator(n.op as string, normalised));
        }
        return new math.OperatorNode(n.op as never, fn as never, args, n.implicit as boolean);
      }
      case 'FunctionNode': {
        const fnName = ((n.fn as MathNode & { name?: string }).name ?? '') as string;
        const args = (n.args as MathNode[]).map(visit);
        const fn = functionNames[fnName];
        if (fn) {
          if (args.length !== 1) throw new FormulaProblem(`${fnName}(…) takes one argument, not ${args.length}.`, positionOfName(fnName, normalised));
          return new math.FunctionNode(new math.SymbolNode(fn), args);
        }
        // x(1 − 2aη) is a product, not a function x applied to something.
        if (args.length === 1) {
          return new math.OperatorNode('*', 'multiply', [symbolFor(fnName), new math.ParenthesisNode(args[0]!)], true);
        }
        const at = positionOfName(fnName, normalised);
        throw new FormulaProblem(
          `“${fnName}”${at ? ` at position ${at}` : ''} is not a function this question knows: use ${Object.keys(functionNames).join(', ')}.`,
          at,
        );
      }
      default: {
        const what = node.type === 'AssignmentNode' ? '“=”' : node.type === 'ArrayNode' ? 'a list' : node.type === 'ConditionalNode' ? '“?”' : node.toString();
        throw new FormulaProblem(`${what} cannot be used in a formula here: use numbers, the variables, + − · / ^, parentheses and functions such as sqrt, exp, floor.`);
      }
    }
  };
  return visit(tree);
}

function positionOfOperator(op: string, normalised: Normalised): number | undefined {
  const i = normalised.text.indexOf(op);
  return i >= 0 ? typedPosition(normalised, i) : undefined;
}

const texNames: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(greekNames).map((name) => [name, `\\${name}`]),
);

/** LaTeX of a canonical name: `eta_0` → `\eta_{0}`, `x_t` → `x_{t}`. */
export function nameTex(name: string): string {
  const [base = '', ...sub] = name.split('_');
  const head = texNames[base] ?? (base.length > 1 ? `\\mathit{${base}}` : base);
  return sub.length > 0 ? `${head}_{${sub.map((s) => texNames[s] ?? s).join(',')}}` : head;
}

/** How the formula was read, in LaTeX: products shown with a thin dot where a space would be ambiguous. */
export function toTex(node: MathNode): string {
  return node.toTex({
    parenthesis: 'keep',
    implicit: 'hide',
    handler: (n: MathNode & { name?: string; fn?: { name?: string }; args?: MathNode[] }, options: object) => {
      // A leading space keeps `2\cdot x` from running together into an unknown `\cdotx`.
      if (n.type === 'SymbolNode' && n.name) return ` ${n.name === 'pi' ? '\\pi' : n.name === 'e' ? 'e' : nameTex(n.name)}`;
      if (n.type === 'FunctionNode' && n.fn?.name === 'log' && n.args?.[0]) return `\\ln\\left(${n.args[0].toTex(options)}\\right)`;
      return undefined;
    },
  });
}
