import { describe, expect, it } from 'vitest';
import { compiledLiveChartFile, compiledLiveChartNames } from '../../../src/charts/live-compile';
import { liveLayers } from '../../../src/charts/live-layers';
import type { CompiledLiveChart } from '../../../src/charts/live-spec';

describe('the layers of a live chart', () => {
  const spec = {
    data: [{ name: 'run' }, { name: 'curve' }, { name: 'runEnds', source: 'run' }, { name: 'trace' }],
    marks: [
      {
        type: 'group',
        name: 'panel',
        marks: [
          { type: 'line', name: 'curveLine', from: { data: 'curve' } },
          { type: 'group', name: 'runGroup', from: { facet: { data: 'run', name: 'runFacet', groupby: ['run'] } }, marks: [{ type: 'line', name: 'runLine', from: { data: 'runFacet' } }] },
          { type: 'text', name: 'endText', from: { data: 'runEnds' } },
          { type: 'line', name: 'traceLine', from: { data: 'trace' } },
        ],
      },
      { type: 'group', name: 'legendPanel', marks: [{ type: 'text', name: 'caption' }] },
    ],
  };

  it('moves the marks fed by a replaced dataset, through derived data and facets, and holds them in their panels', () => {
    expect(liveLayers(spec, ['run', 'trace'])).toEqual({ moving: ['runGroup', 'runLine', 'endText', 'traceLine'], holders: ['panel'] });
    expect(liveLayers(spec, [])).toEqual({ moving: [], holders: [] });
  });

  it('names a replaced dataset the spec lacks, or a moving mark without a name', () => {
    expect(() => liveLayers(spec, ['rn'])).toThrow('the spec has no dataset "rn"');
    expect(() => liveLayers({ data: [{ name: 'run' }], marks: [{ type: 'symbol', from: { data: 'run' } }] }, ['run'])).toThrow('a moving symbol mark has no name');
  });

  it.each(compiledLiveChartNames)('%s: the run’s paths and loss lines move; the axes’ panels hold them; the fixed picture stays', async (name) => {
    const compiled = JSON.parse((await compiledLiveChartFile(name)).json) as CompiledLiveChart;
    expect(compiled.layers.holders).toEqual(['concat_0_group', 'concat_1_group']);
    // Both panels have their run line and its trace of the run before.
    expect(compiled.layers.moving).toEqual(expect.arrayContaining(['concat_0_layer_0_marks', 'concat_1_layer_0_marks', 'concat_1_layer_1_marks']));
    // The parabola (x²) and the contours (bowls) are the second layer of the first panel, drawn once.
    expect(compiled.layers.moving).not.toContain('concat_0_layer_1_marks');
  });
});
