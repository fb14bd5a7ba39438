import { describe, expect, test } from 'vitest';
import { chartCatalog } from '../../../src/charts/catalog';
import { explorerTaskChart, usedChartNames } from '../../../src/charts/used';

describe('the catalog charts a build serves as files', () => {
  const names = Object.keys(chartCatalog);

  test('those a lesson names, whole names only', () => {
    const lessons = ['<Figure id="f"><Chart name="x2-paths" /></Figure>', "text <Chart name='schedules'/>", 'the x2-paths-wide idea, x2-loss-curvesque'];
    expect([...usedChartNames(lessons, names)].sort()).toEqual(['schedules', 'x2-paths']);
  });

  test('the live chart an explorer task is done on, though the lesson names only the task', () => {
    expect([...usedChartNames(['<ExplorerTask task="bowl-momentum-fast">Why …</ExplorerTask>'], names)]).toEqual(['bowl-momentum-explorer']);
    expect([...usedChartNames(['<ExplorerTask task="largest-no-overshoot" />'], names)]).toEqual(['x2-explorer']);
    expect(explorerTaskChart('bowl-no-zigzag')).toBe('bowl-explorer');
  });

  test('no lesson: no chart, not even a live one; a name outside the catalog is never served', () => {
    expect(usedChartNames([], names).size).toBe(0);
    expect(usedChartNames(['<Chart name="no-such-chart" />'], names).size).toBe(0);
  });
});
