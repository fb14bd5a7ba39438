import { describe, expect, test } from 'vitest';
import { noEdits, rowEdits } from '../../../src/charts/row-edits';

describe('rowEdits: how a live chart’s dataset becomes the next run’s rows', () => {
  test('equal rows need no edits', () => {
    const rows = [{ step: 0, x: 1 }, { step: 1, x: 0.5 }];
    const edits = rowEdits(rows, rows.map((r) => ({ ...r })));
    expect(edits).toEqual({ fields: [], removeFrom: 2, insert: [] });
    expect(noEdits(edits, 2)).toBe(true);
  });

  test('only the fields that differ are edited, in the rows both have', () => {
    const edits = rowEdits([{ step: 0, x: 1 }, { step: 1, x: 0.5 }], [{ step: 0, x: 1 }, { step: 1, x: 0.25 }]);
    expect(edits.fields).toEqual([{ index: 1, field: 'x', value: 0.25 }]);
    expect(noEdits(edits, 2)).toBe(false);
  });

  test('a longer run appends its extra rows; a shorter one drops the held rows past its end', () => {
    const held = [{ step: 0 }, { step: 1 }];
    expect(rowEdits(held, [{ step: 0 }, { step: 1 }, { step: 2 }])).toEqual({ fields: [], removeFrom: 2, insert: [{ step: 2 }] });
    const shorter = rowEdits(held, [{ step: 0 }]);
    expect(shorter).toEqual({ fields: [], removeFrom: 1, insert: [] });
    expect(noEdits(shorter, 2)).toBe(false);
  });

  test('a field the new row lacks is cleared, one it adds is set', () => {
    const edits = rowEdits([{ step: 0, text: 'diverges' }], [{ step: 0, label: 'start' }]);
    expect(edits.fields).toEqual([
      { index: 0, field: 'label', value: 'start' },
      { index: 0, field: 'text', value: undefined },
    ]);
  });

  test('NaN equals NaN (no edit), 0 and −0 differ', () => {
    expect(rowEdits([{ x: NaN, y: 0 }], [{ x: NaN, y: -0 }]).fields).toEqual([{ index: 0, field: 'y', value: -0 }]);
  });
});
