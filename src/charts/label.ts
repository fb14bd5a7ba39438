/**
 * The accessible name of a chart: its title and its description, as one sentence pair.
 *
 * @packageDocumentation
 */
import type { ChartSpec } from './types';

/** The spec's title as plain text. */
export function chartTitle(spec: ChartSpec): string {
  const title = spec.title;
  if (typeof title === 'string') return title;
  if (Array.isArray(title)) return title.join(' ');
  const text = title && typeof title === 'object' && 'text' in title ? title.text : '';
  return Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : '';
}

/** "Title. Description" for aria-label. */
export function chartLabel(spec: ChartSpec): string {
  const title = chartTitle(spec).trim();
  const description = spec.description.trim();
  if (!title) return description;
  return /[.!?]$/.test(title) ? `${title} ${description}` : `${title}. ${description}`;
}
