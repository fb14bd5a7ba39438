import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * A lesson's tables scroll sideways when they are wider than the screen (site.css: `display: block;
 * overflow-x: auto`), which at 320 px many are. A region that scrolls must be reachable by keyboard
 * (WCAG 2.1.1, axe `scrollable-region-focusable`), so every table is a tab stop: it keeps its table
 * role and its caption as its name, and arrow keys scroll it once focused.
 */
export default function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'table') node.properties = { ...node.properties, tabIndex: 0 };
    });
  };
}
