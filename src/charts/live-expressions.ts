/**
 * A live chart's expressions as functions written at build time, and the evaluator the page gives Vega to use them.
 *
 * Why: the site's Content-Security-Policy forbids `unsafe-eval`, so the page cannot let Vega turn its expressions
 * into functions with `new Function` (its default). vega-interpreter evaluates them instead, but walking an
 * expression's syntax tree for every encoding channel of every tuple was about a third of a redraw. Vega's own
 * code generator runs at build instead (src/charts/live-compile.ts records every expression a chart's dataflow
 * asks for and writes them out as a module of plain functions, src/pages/charts/[live].expr.js.ts); the page
 * looks each expression up by its code and falls back to the interpreter for any it does not find.
 *
 * The functions' text is the text vega-runtime would have handed to `new Function`
 * (node_modules/vega-runtime/src/expression.js), so they behave as Vega's own.
 *
 * Pure and dependency-free: the page and the build both import it.
 *
 * @packageDocumentation
 */

/** An expression as the runtime spec carries it (`$expr`): generated code, and the syntax tree for the interpreter. */
export interface VegaExpression {
  readonly code: string;
  readonly ast?: unknown;
}
/** An encode set as the runtime spec carries it: the mark type and one expression per channel. */
export interface VegaEncodeExpression {
  readonly marktype: string;
  readonly channels: Readonly<Record<string, VegaExpression>>;
}

/** vega-runtime's expression evaluator interface (the `expr` option of `new View`), as far as this module uses it. */
export interface VegaExpressionEvaluator {
  operator(ctx: VegaContext, expr: VegaExpression): unknown;
  parameter(ctx: VegaContext, expr: VegaExpression): unknown;
  event(ctx: VegaContext, expr: VegaExpression): unknown;
  handler(ctx: VegaContext, expr: VegaExpression): unknown;
  encode(ctx: VegaContext, encode: VegaEncodeExpression): unknown;
}
/** The part of vega-runtime's context the evaluator reads: the expression functions (`this` of generated code). */
export interface VegaContext {
  readonly functions?: object;
}

/** The kinds of expression vega-runtime compiles, with the arguments vega-runtime gives each. */
export const EXPRESSION_KINDS = {
  operator: ['_'],
  parameter: ['datum', '_'],
  event: ['event'],
  handler: ['_', 'event'],
  encode: ['item', '_'],
} as const;
export type ExpressionKind = keyof typeof EXPRESSION_KINDS;

const SKIP_SPATIAL = new Set(['rule']);
const SWAP_SPATIAL = new Set(['group', 'image', 'rect']);

/** vega-runtime's adjustSpatial: the code that derives width/height (or x/y) from x2/y2 and xc/yc. */
function adjustSpatial(channels: Readonly<Record<string, unknown>>, marktype: string): string {
  if (SKIP_SPATIAL.has(marktype)) return '';
  let code = '';
  if (channels.x2) {
    if (channels.x) {
      if (SWAP_SPATIAL.has(marktype)) code += 'if(o.x>o.x2)$=o.x,o.x=o.x2,o.x2=$;';
      code += 'o.width=o.x2-o.x;';
    } else code += 'o.x=o.x2-(o.width||0);';
  }
  if (channels.xc) code += 'o.x=o.xc-(o.width||0)/2;';
  if (channels.y2) {
    if (channels.y) {
      if (SWAP_SPATIAL.has(marktype)) code += 'if(o.y>o.y2)$=o.y,o.y=o.y2,o.y2=$;';
      code += 'o.height=o.y2-o.y;';
    } else code += 'o.y=o.y2-(o.height||0);';
  }
  if (channels.yc) code += 'o.y=o.yc-(o.height||0)/2;';
  return code;
}

/** The body of the function vega-runtime would make of an expression (the text it passes to `new Function`). */
export function expressionBody(kind: ExpressionKind, expr: VegaExpression | VegaEncodeExpression): string {
  if (kind === 'encode') {
    const { marktype, channels } = expr as VegaEncodeExpression;
    let code = 'var o=item,datum=o.datum,m=0,$;';
    for (const name of Object.keys(channels)) {
      const o = `o[${JSON.stringify(name)}]`;
      code += `$=${channels[name]!.code};if(${o}!==$)${o}=$,m=1;`;
    }
    return `${code}${adjustSpatial(channels, marktype)}return m;`;
  }
  const code = (expr as VegaExpression).code;
  if (kind === 'handler') return `var datum=event.item&&event.item.datum;return ${code};`;
  return code.endsWith(';') ? code : `return(${code});`;
}

/** The ink as the build's code has it (a canvas needs a real colour, which only the page knows). */
const INK_PLACEHOLDER = '"currentColor"';
/** The name the written functions read the page's ink from. */
const INK_VARIABLE = '$ink';

/**
 * The key an expression is filed under: its kind and its body. The ink stays the placeholder in the page's keys
 * too: the page puts its colour in the runtime spec's values (src/charts/live-spec.ts, `vegaWithInk`), which
 * leaves the code strings, where the literal is escaped, as they are.
 */
export function expressionKey(kind: ExpressionKind, body: string): string {
  return `${kind}:${body}`;
}

/**
 * The text of the module that holds a chart's expressions: a default export `(ink) => table`, the table being
 * functions keyed by {@link expressionKey}, each reading the ink from the argument where the spec said currentColor.
 *
 * @param bodies - Kind and body of each expression (duplicates are written once).
 */
export function expressionModule(bodies: Iterable<{ kind: ExpressionKind; body: string }>): string {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const { kind, body } of bodies) {
    const key = expressionKey(kind, body);
    if (seen.has(key)) continue;
    seen.add(key);
    const fn = `function(${EXPRESSION_KINDS[kind].join(',')}){${body.replaceAll(INK_PLACEHOLDER, INK_VARIABLE)}}`;
    entries.push(`${JSON.stringify(key)}:${fn}`);
  }
  return [
    '// Written at build by src/charts/live-compile.ts: a live chart\'s Vega expressions as functions (src/charts/live-expressions.ts).',
    `export default function expressions(${INK_VARIABLE}){return{`,
    entries.join(',\n'),
    '};}',
    '',
  ].join('\n');
}

/** A module written by {@link expressionModule}, once loaded. */
export type ExpressionTable = (ink: string) => Readonly<Record<string, ((...args: never[]) => unknown) | undefined>>;

/** The evaluator of {@link prebuiltEvaluator}, with the expressions it did not find (the fallback evaluated them). */
export interface PrebuiltEvaluator extends VegaExpressionEvaluator {
  readonly missed: string[];
}

/**
 * The `expr` option for `new View(...)`: each expression's function from the build's table, bound to Vega's
 * expression functions as vega-runtime binds its own; `fallback` (vega-interpreter) for one the table lacks.
 *
 * @param table - The chart's loaded expression module.
 * @param ink - The colour the page draws currentColor in.
 */
export function prebuiltEvaluator(table: ExpressionTable, ink: string, fallback: VegaExpressionEvaluator): PrebuiltEvaluator {
  const functions = table(ink);
  const missed: string[] = [];
  const find = (ctx: VegaContext, kind: ExpressionKind, expr: VegaExpression | VegaEncodeExpression) => {
    const fn = functions[expressionKey(kind, expressionBody(kind, expr))];
    if (fn) return ctx.functions ? fn.bind(ctx.functions) : fn;
    missed.push(`${kind}: ${expressionBody(kind, expr)}`);
    return undefined;
  };
  return {
    missed,
    operator: (ctx, expr) => find(ctx, 'operator', expr) ?? fallback.operator(ctx, expr),
    parameter: (ctx, expr) => find(ctx, 'parameter', expr) ?? fallback.parameter(ctx, expr),
    event: (ctx, expr) => find(ctx, 'event', expr) ?? fallback.event(ctx, expr),
    handler: (ctx, expr) => find(ctx, 'handler', expr) ?? fallback.handler(ctx, expr),
    encode: (ctx, encode) => find(ctx, 'encode', encode) ?? fallback.encode(ctx, encode),
  };
}
