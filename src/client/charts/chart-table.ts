/**
 * A chart's data table, from its own page into the lesson when the learner opens "Data table"
 * (ChartTable.astro): the page carries only the link, which stays when the table cannot be had.
 * Once in place it says so with a bubbling {@link TABLE_LOADED} event: a live explorer then fills the
 * rows from its current state (the table page holds the first state's).
 */
import { parseOwnPage } from '../own-page';

export const TABLE_LOADED = 'chart-table-loaded';

const loading = new WeakSet<HTMLDetailsElement>();

async function showTable(details: HTMLDetailsElement): Promise<void> {
  const src = details.dataset.tableSrc;
  const link = details.querySelector('.chart-data-link');
  if (!src || !link || loading.has(details)) return;
  loading.add(details);
  try {
    const response = await fetch(src);
    if (!response.ok) throw new Error(`${src}: ${response.status}`);
    const table = parseOwnPage(await response.text()).querySelector('table');
    if (!table) throw new Error(`${src} has no table`);
    link.replaceWith(document.adoptNode(table));
    details.dataset.tableLoaded = '';
    details.dispatchEvent(new Event(TABLE_LOADED, { bubbles: true }));
  } catch {
    // Offline without the service worker, say: the link still leads to the table.
    loading.delete(details);
  }
}

for (const details of document.querySelectorAll<HTMLDetailsElement>('details[data-table-src]')) {
  if (details.open) void showTable(details);
  details.addEventListener('toggle', () => {
    if (details.open) void showTable(details);
  });
}
