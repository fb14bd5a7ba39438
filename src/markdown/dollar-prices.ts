import type { Root, Text } from 'mdast';
import type { InlineMath } from 'mdast-util-math';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/**
 * Pandoc's rule for `$`: a closing `$` immediately followed by a digit does not close inline math.
 * remark-math would read "costs $5 and the big one $10" as the formula "5 and the big one "; Pandoc,
 * and so Quarto and R Markdown authors, read it as prices. A single-dollar formula whose closing `$`
 * is followed by a digit goes back to the text it was written as. Nothing else changes: `$x$5` is
 * rare in formulas, and `$$…$$` and `\$` are untouched.
 */
export default function remarkDollarPrices() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value ?? '');
    if (!source.includes('$')) return;
    visit(tree, 'inlineMath', (node: InlineMath, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined || !parent || index === undefined) return;
      const written = source.slice(start, end);
      // Only `$…$` (not `$$…$$`), and only when the positions match this source (a sanity check).
      if (!/^\$[^$][\s\S]*[^$]\$$|^\$[^$]\$$/.test(written)) return;
      if (!/[0-9]/.test(source.charAt(end))) return;
      const text: Text = { type: 'text', value: written, position: node.position };
      parent.children.splice(index, 1, text);
    });
  };
}
