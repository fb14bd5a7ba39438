/**
 * The edits that turn the rows a live chart's dataset holds into the next run's rows: the fields that differ in the
 * rows both have, then the rows to drop at the end or to add after them. The page applies them to the chart's Vega
 * dataset as one changeset (tuples modified in place, src/client/charts/live-explorer.ts): removing every tuple and
 * inserting new ones made Vega drop and rebuild every mark item of the dataset on each slider step, where a modified
 * tuple keeps its item and only has it encoded again.
 *
 * Pure and dependency-free.
 *
 * @packageDocumentation
 */

/** A row of a dataset: field → value (a tuple of Vega's, to Vega). */
export type EditableRow = Readonly<Record<string, unknown>>;

/** One field of one held row set to the new row's value (`undefined`: the new row has no such field). */
export interface FieldEdit {
  readonly index: number;
  readonly field: string;
  readonly value: unknown;
}

/** How the held rows become the new ones. */
export interface RowEdits {
  /** Changed fields of the rows both have (index below both lengths). */
  readonly fields: readonly FieldEdit[];
  /** Held rows from this index on are dropped (the held length when none are). */
  readonly removeFrom: number;
  /** New rows appended after the kept ones. */
  readonly insert: readonly EditableRow[];
}

/**
 * The edits from `held` to `next`, row by row in order; none when they hold the same values.
 *
 * @param held - The rows the dataset holds now, as they were given to it.
 * @param next - The rows it should hold.
 */
export function rowEdits(held: readonly EditableRow[], next: readonly EditableRow[]): RowEdits {
  const common = Math.min(held.length, next.length);
  const fields: FieldEdit[] = [];
  for (let index = 0; index < common; index++) {
    const before = held[index] as EditableRow;
    const after = next[index] as EditableRow;
    for (const field of Object.keys(after)) {
      if (!Object.is(before[field], after[field])) fields.push({ index, field, value: after[field] });
    }
    for (const field of Object.keys(before)) {
      if (!Object.hasOwn(after, field)) fields.push({ index, field, value: undefined });
    }
  }
  return { fields, removeFrom: common, insert: next.slice(common) };
}

/** Whether the edits change nothing. */
export function noEdits(edits: RowEdits, heldLength: number): boolean {
  return edits.fields.length === 0 && edits.insert.length === 0 && edits.removeFrom === heldLength;
}
