/**
 * Blocks that scroll sideways when they are wider than the column (display formulas, tables, code):
 * a keyboard user can only scroll one that takes focus, so each one that overflows now gets
 * `tabindex="0"` (axe: scrollable-region-focusable), and loses it again when it fits. Only the
 * overflowing ones: a tab stop on every formula of a long lesson would bury the page's controls.
 */

const SCROLLERS = '.katex-display, .prose table, main table, pre.astro-code, .quiz-code-solution';
/** Marks the tab stops this module added, so it never takes away one an author or component set. */
const ADDED = 'data-scroll-focus';

function sync(element: HTMLElement) {
  const overflows = element.scrollWidth > element.clientWidth + 1;
  if (overflows && !element.hasAttribute('tabindex')) {
    element.tabIndex = 0;
    element.setAttribute(ADDED, '');
  } else if (!overflows && element.hasAttribute(ADDED)) {
    element.removeAttribute('tabindex');
    element.removeAttribute(ADDED);
  }
}

export function watchScrollRegions(root: ParentNode = document): void {
  const elements = Array.from(root.querySelectorAll<HTMLElement>(SCROLLERS));
  if (elements.length === 0) return;
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => sync(entry.target as HTMLElement)));
  for (const element of elements) observer.observe(element);
}
