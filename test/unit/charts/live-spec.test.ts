import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { BOWL_EXPLORERS, bowlSpec, bowlState } from '../../../src/charts/bowlExplorer';
import type { BowlExplorerName } from '../../../src/charts/bowlExplorer';
import { explorerSpec, explorerState, EXPLORER_DEFAULTS } from '../../../src/charts/explorer';
import { compiledLiveChartFile, compileLiveChart } from '../../../src/charts/live-compile';
import { vegaWithData, vegaWithInk } from '../../../src/charts/live-spec';
import { narrowSpec } from '../../../src/charts/narrow';
import type { ChartSpec } from '../../../src/charts/types';

const inked = (spec: ChartSpec, ink: string) => JSON.parse(JSON.stringify(spec).replaceAll('"currentColor"', JSON.stringify(ink))) as ChartSpec;
/** Compiled in the page before: Vega-Lite on the state's own spec, ink in. The description is not drawn on a canvas. */
const compiledInPage = (spec: ChartSpec, ink: string) => ({ ...compile(inked(spec, ink)).spec, description: undefined });

describe('the explorer compiled at build time', () => {
  it('filled with another run’s data and the ink is the spec the page compiled for that run, in both forms', async () => {
    const compiled = await compileLiveChart(explorerSpec(explorerState(EXPLORER_DEFAULTS)));
    expect(compiled.narrow).toBeDefined();
    for (const settings of [EXPLORER_DEFAULTS, { ...EXPLORER_DEFAULTS, rate: 1.1, steps: 20 }, { ...EXPLORER_DEFAULTS, optimizer: 'adam' as const, start: -3 }]) {
      const state = explorerState(settings);
      for (const ink of ['rgb(20, 20, 20)', 'rgb(230, 230, 230)']) {
        const wide = vegaWithInk(vegaWithData(compiled.wide, state.datasets), ink);
        expect({ ...wide, description: undefined }).toEqual(compiledInPage(explorerSpec(state), ink));
        const narrow = vegaWithInk(vegaWithData(compiled.narrow!, state.datasets), ink);
        expect({ ...narrow, description: undefined }).toEqual(compiledInPage(narrowSpec(explorerSpec(state), compiled.narrowPlotWidth), ink));
      }
    }
  });

  it.each(Object.keys(BOWL_EXPLORERS) as BowlExplorerName[])('%s: filled with another run’s data and the ink is the spec the page compiled for that run, in both forms', async (name) => {
    const defaults = BOWL_EXPLORERS[name].defaults;
    const compiled = await compileLiveChart(bowlSpec(name, bowlState(defaults)));
    expect(compiled.narrow).toBeDefined();
    for (const settings of [defaults, { ...defaults, rate: 0.045, steps: 30 }, { ...defaults, rate: 0.001, momentum: 0.5, steps: 200 }]) {
      const state = bowlState(settings);
      const ink = 'rgb(230, 230, 230)';
      const wide = vegaWithInk(vegaWithData(compiled.wide, state.datasets), ink);
      expect({ ...wide, description: undefined }).toEqual(compiledInPage(bowlSpec(name, state), ink));
      const narrow = vegaWithInk(vegaWithData(compiled.narrow!, state.datasets), ink);
      expect({ ...narrow, description: undefined }).toEqual(compiledInPage(narrowSpec(bowlSpec(name, state), compiled.narrowPlotWidth), ink));
    }
  });

  it('is a content-named file, and a dataset the spec does not have is an error, not a blank chart', async () => {
    const file = await compiledLiveChartFile('x2-explorer');
    expect(file.url).toMatch(/^\/charts\/x2-explorer\.[0-9a-f]{12}\.vega\.json$/);
    expect(JSON.parse(file.json)).toHaveProperty('wide.data');
    expect(() => vegaWithData(JSON.parse(file.json).wide, { nosuch: [] })).toThrow(/no dataset "nosuch"/);
    await expect(compiledLiveChartFile('bowl-momentum-explorer')).resolves.toHaveProperty('url', expect.stringMatching(/^\/charts\/bowl-momentum-explorer\.[0-9a-f]{12}\.vega\.json$/));
    expect(() => compiledLiveChartFile('nosuch')).toThrow(/no compiled form for the live chart "nosuch"/);
  });
});
