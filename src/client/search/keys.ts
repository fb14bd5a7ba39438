/**
 * The search box's keyboard rules, as pure functions of the key and the state, so they are tested without a page.
 */

/** The parts of a KeyboardEvent the rules read. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True when the key lands in a text field, a select or an editable element, where "/" is typed, not a shortcut. */
  inEditable: boolean;
}

/** Whether a key pressed anywhere on the page should move the focus to the search box. */
export function focusesSearch(press: KeyPress): boolean {
  if (press.altKey) return false;
  // Ctrl+K / Cmd+K work even inside a text field, as on most documentation sites.
  if ((press.ctrlKey || press.metaKey) && press.key.toLowerCase() === 'k') return true;
  return press.key === '/' && !press.ctrlKey && !press.metaKey && !press.inEditable;
}

/**
 * The option to highlight after an arrow key, or `undefined` when the key does not move the highlight.
 * `current` is -1 when no option is highlighted; the highlight wraps around at both ends.
 */
export function nextActive(current: number, key: string, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === 'ArrowDown') return current < 0 || current >= count - 1 ? 0 : current + 1;
  if (key === 'ArrowUp') return current <= 0 ? count - 1 : current - 1;
  return undefined;
}
