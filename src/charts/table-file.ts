import { createHash } from 'node:crypto';
import type { DataTable } from './types';

/**
 * A chart's data table as a page of its own, `/charts/tables/<name>.<hash>/` (src/pages/charts/tables):
 * a lesson page links to it instead of carrying every table (ChartTable.astro), and a script puts it
 * in place when the learner opens the table. The hash of the table is in the name, so a page always
 * links to its own build's table, and the service worker precaches it with the course. Server only.
 */
export function chartTableFile(name: string, table: DataTable): string {
  return `${name}.${createHash('sha256').update(JSON.stringify(table)).digest('hex').slice(0, 12)}`;
}

/** The URL of a chart's data table page. */
export function chartTableUrl(name: string, table: DataTable): string {
  return `/charts/tables/${chartTableFile(name, table)}/`;
}
