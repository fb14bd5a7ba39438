import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile } from 'vega-lite';
import { BOWL_EXPLORERS, bowlSpec, bowlState } from '../../../src/charts/bowlExplorer';
import type { BowlExplorerName } from '../../../src/charts/bowlExplorer';
import { explorerSpec, explorerState, EXPLORER_DEFAULTS } from '../../../src/charts/explorer';
import { compiledLiveChartFile, compiledLiveChartNames, compileLiveChartSpecs, vegaRuntime } from '../../../src/charts/live-compile';
import { LIVE_TRANSFORMS } from '../../../src/client/charts/vega-runtime';
import { prebuiltEvaluator } from '../../../src/charts/live-expressions';
import type { ExpressionTable, VegaExpressionEvaluator } from '../../../src/charts/live-expressions';
import { vegaWithData, vegaWithInk } from '../../../src/charts/live-spec';
import type { CompiledLiveChart, VegaRuntimeJson } from '../../../src/charts/live-spec';
import { STEP_BUDGET } from '../../../src/charts/lossCurves';
import { narrowSpec } from '../../../src/charts/narrow';
import type { ChartSpec } from '../../../src/charts/types';

const inked = (spec: ChartSpec, ink: string) => JSON.parse(JSON.stringify(spec).replaceAll('"currentColor"', JSON.stringify(ink))) as ChartSpec;
/** The step budget is a signal the page sets from the settings (live-explorer.ts): its value in the spec is the first run's. */
const budgetSet = <S extends object>(spec: S) => {
  const signals = (spec as { signals?: { name: string }[] }).signals;
  return { ...spec, signals: signals?.map((s) => (s.name === STEP_BUDGET ? { ...s, value: 'set by the page' } : s)) };
};
/** Compiled in the page before: Vega-Lite on the state's own spec, ink in. The description is not drawn on a canvas. */
const compiledInPage = (spec: ChartSpec, ink: string) => budgetSet({ ...compile(inked(spec, ink)).spec, description: undefined });

describe('the explorer compiled at build time', () => {
  it('filled with another run’s data and the ink is the spec the page compiled for that run, in both forms', async () => {
    const compiled = await compileLiveChartSpecs(explorerSpec(explorerState(EXPLORER_DEFAULTS)));
    expect(compiled.narrow).toBeDefined();
    for (const settings of [EXPLORER_DEFAULTS, { ...EXPLORER_DEFAULTS, rate: 1.1, steps: 20 }, { ...EXPLORER_DEFAULTS, optimizer: 'adam' as const, start: -3 }]) {
      const state = explorerState(settings);
      for (const ink of ['rgb(20, 20, 20)', 'rgb(230, 230, 230)']) {
        const wide = vegaWithInk(vegaWithData(compiled.wide, state.datasets), ink);
        expect(budgetSet({ ...wide, description: undefined })).toEqual(compiledInPage(explorerSpec(state), ink));
        const narrow = vegaWithInk(vegaWithData(compiled.narrow!, state.datasets), ink);
        expect(budgetSet({ ...narrow, description: undefined })).toEqual(compiledInPage(narrowSpec(explorerSpec(state), compiled.narrowPlotWidth!), ink));
      }
    }
  });

  it.each(Object.keys(BOWL_EXPLORERS) as BowlExplorerName[])('%s: filled with another run’s data and the ink is the spec the page compiled for that run, in both forms', async (name) => {
    const defaults = BOWL_EXPLORERS[name].defaults;
    const compiled = await compileLiveChartSpecs(bowlSpec(name, bowlState(defaults)));
    expect(compiled.narrow).toBeDefined();
    for (const settings of [defaults, { ...defaults, rate: 0.045, steps: 30 }, { ...defaults, rate: 0.001, momentum: 0.5, steps: 200 }]) {
      const state = bowlState(settings);
      const ink = 'rgb(230, 230, 230)';
      const wide = vegaWithInk(vegaWithData(compiled.wide, state.datasets), ink);
      expect(budgetSet({ ...wide, description: undefined })).toEqual(compiledInPage(bowlSpec(name, state), ink));
      const narrow = vegaWithInk(vegaWithData(compiled.narrow!, state.datasets), ink);
      expect(budgetSet({ ...narrow, description: undefined })).toEqual(compiledInPage(narrowSpec(bowlSpec(name, state), compiled.narrowPlotWidth!), ink));
    }
  });

  it('is a content-named file, and a dataset the spec does not have is an error, not a blank chart', async () => {
    const file = await compiledLiveChartFile('x2-explorer');
    expect(file.url).toMatch(/^\/charts\/x2-explorer\.[0-9a-f]{12}\.vega\.json$/);
    expect(file.exprUrl).toMatch(/^\/charts\/x2-explorer\.[0-9a-f]{12}\.expr\.js$/);
    expect(JSON.parse(file.json)).toHaveProperty('wide.operators');
    const specs = await compileLiveChartSpecs(explorerSpec(explorerState(EXPLORER_DEFAULTS)));
    expect(() => vegaWithData(specs.wide, { nosuch: [] })).toThrow(/no dataset "nosuch"/);
    await expect(compiledLiveChartFile('bowl-momentum-explorer')).resolves.toHaveProperty('url', expect.stringMatching(/^\/charts\/bowl-momentum-explorer\.[0-9a-f]{12}\.vega\.json$/));
    expect(() => compiledLiveChartFile('nosuch')).toThrow(/no compiled form for the live chart "nosuch"/);
  });
});

/** The SVG a dataflow draws with `datasets` in, and the expressions its evaluator had to leave to the interpreter. */
async function drawn(runtime: VegaRuntimeJson, datasets: object, expr: VegaExpressionEvaluator & { missed?: string[] }) {
  const view = new vega.View(runtime as unknown as vega.Runtime, { renderer: 'none', expr, logLevel: vega.Error });
  for (const [name, rows] of Object.entries(datasets) as [string, unknown[]][]) view.change(name, vega.changeset().insert(rows));
  await view.runAsync();
  // Clip paths are numbered across every view drawn in the process.
  const svg = (await view.toSVG()).replace(/clip\d+/g, 'clip');
  view.finalize();
  return { svg, missed: expr.missed };
}

const interpreter = expressionInterpreter as unknown as VegaExpressionEvaluator;
/** Each live chart: its first state's spec (what the build compiles) and two other runs. */
const runs: { name: string; first: ChartSpec; states: { datasets: object }[] }[] = [
  {
    name: 'x2-explorer',
    first: explorerSpec(explorerState(EXPLORER_DEFAULTS)),
    states: [{ ...EXPLORER_DEFAULTS, rate: 1.1, steps: 20 }, { ...EXPLORER_DEFAULTS, optimizer: 'adam' as const, start: -3 }].map(explorerState),
  },
  ...(Object.keys(BOWL_EXPLORERS) as BowlExplorerName[]).map((name) => ({
    name,
    first: bowlSpec(name, bowlState(BOWL_EXPLORERS[name].defaults)),
    states: [{ ...BOWL_EXPLORERS[name].defaults, rate: 0.045, steps: 30 }, { ...BOWL_EXPLORERS[name].defaults, rate: 0.001, momentum: 0.5, steps: 200 }].map(bowlState),
  })),
];

describe('the expression functions written at build', () => {
  it.each(runs)('$name: another run in another ink is drawn as vega-interpreter draws it, with no expression left to the interpreter', async ({ name, first, states }) => {
    const file = await compiledLiveChartFile(name);
    const compiled = JSON.parse(file.json) as CompiledLiveChart;
    const table = ((await import(`data:text/javascript,${encodeURIComponent(file.exprJs)}`)) as { default: ExpressionTable }).default;
    const specs = await compileLiveChartSpecs(first);
    const ink = 'rgb(230, 230, 230)';
    for (const form of ['wide', 'narrow'] as const) {
      const runtime = compiled[form]!;
      for (const state of states) {
        const built = await drawn(vegaWithInk(runtime, ink), state.datasets, prebuiltEvaluator(table, ink, interpreter));
        // The reference keeps its syntax trees (the build drops those the module covers).
        const reference = await drawn(vegaWithInk(await vegaRuntime(specs[form]!, Object.keys(state.datasets)), ink), state.datasets, interpreter);
        expect(built.missed).toEqual([]);
        expect(built.svg).toContain(ink);
        expect(built.svg).not.toContain('currentColor');
        expect(built.svg).toBe(reference.svg);
      }
    }
  });

  it('an expression the module lacks is left to the fallback, and listed', () => {
    const calls: string[] = [];
    const fallback = Object.fromEntries(['operator', 'parameter', 'event', 'handler', 'encode'].map((k) => [k, () => (calls.push(k), () => 'interpreted')])) as unknown as VegaExpressionEvaluator;
    const table: ExpressionTable = (ink) => ({ 'parameter:return(datum.a);': function (this: unknown) { return ink; } });
    const evaluator = prebuiltEvaluator(table, 'red', fallback);
    expect((evaluator.parameter({}, { code: 'datum.a' }) as () => string)()).toBe('red');
    expect((evaluator.parameter({}, { code: 'datum.b' }) as () => string)()).toBe('interpreted');
    expect(calls).toEqual(['parameter']);
    expect(evaluator.missed).toEqual(['parameter: return(datum.b);']);
  });
});

describe('the page’s part of Vega', () => {
  it.each(compiledLiveChartNames)('%s: every operator of its dataflows is one the page registers (src/client/charts/vega-runtime.ts)', async (name) => {
    const compiled = JSON.parse((await compiledLiveChartFile(name)).json) as CompiledLiveChart;
    const types = new Set<string>();
    const walk = (operators: readonly { type?: string; params?: { subflow?: { $subflow?: { operators: unknown[] } } } }[]) => {
      for (const op of operators) {
        if (op.type) types.add(op.type.toLowerCase());
        const sub = op.params?.subflow?.$subflow;
        if (sub) walk(sub.operators as typeof operators);
      }
    };
    for (const form of [compiled.wide, compiled.narrow]) if (form) walk(form.operators as Parameters<typeof walk>[0]);
    const registered = new Set(['operator', ...Object.keys(LIVE_TRANSFORMS)]);
    expect(types.size).toBeGreaterThan(5);
    expect([...types].filter((t) => !registered.has(t))).toEqual([]);
  });
});
