import { describe, expect, test } from 'vitest';
import { chartCatalog, liveChartNames } from '../../../src/charts/catalog';
import { usedChartNames } from '../../../src/charts/used';

describe('the catalog charts a build serves as files', () => {
  const names = Object.keys(chartCatalog);

  test('those a lesson names, whole names only, and the live charts', () => {
    const lessons = ['<Figure id="f"><Chart name="x2-paths" /></Figure>', "text <Chart name='schedules'/>", 'the x2-paths-wide idea, x2-loss-curvesque'];
    const used = usedChartNames(lessons, names, liveChartNames);
    expect([...used].sort()).toEqual([...liveChartNames, 'schedules', 'x2-paths'].sort());
  });

  test('no lesson: only the live charts; a name outside the catalog is never served', () => {
    expect(usedChartNames([], names, liveChartNames)).toEqual(new Set(liveChartNames));
    expect(usedChartNames(['<Chart name="no-such-chart" />'], names).size).toBe(0);
  });
});
