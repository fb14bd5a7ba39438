import type { Link, Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { relative } from 'node:path';

/**
 * Numbered display equations, the way LaTeX authors write them: `\label{eq:name}` inside a `$$`
 * formula numbers it (1), (2), … in the order of the lesson and gives it the anchor `#eq-name`;
 * `$\eqref{eq:name}$` becomes a link reading "(1)" and `$\ref{eq:name}$` one reading "1". A
 * reference inside a larger formula shows the number without a link (KaTeX would need `trust` for
 * links). Only labelled formulas are numbered, as in MyST and Quarto, so formulas without a label
 * look as they always did. A `\tag{…}` the author wrote is kept and is what references show.
 *
 * A reference to no label, or one label used twice, stops the build with the file and line: a
 * broken reference is a defect a reader would meet.
 */

const labelPattern = /\\label\s*\{([^{}]*)\}/g;
const referencePattern = /\\(eqref|ref)\s*\{([^{}]*)\}/g;
const tagPattern = /\\tag\*?\s*\{([^{}]*)\}/;

/** The anchor id of an equation label: `eq:gd-step` → `eq-gd-step`. */
/**
 * A formula as KaTeX gets it after this plugin: `\label` taken off, `\eqref`/`\ref` as the text of
 * a number. For checks that run KaTeX without the plugin (the content validator), so the markup
 * this plugin handles is not taken for an unknown command.
 */
export function texAsRendered(tex: string): string {
  return tex.replace(labelPattern, '').replace(referencePattern, (_text, kind: string) => (kind === 'eqref' ? '\\text{(1)}' : '\\text{1}'));
}

export function equationAnchor(label: string): string {
  const slug = label
    .trim()
    .toLowerCase()
    .replace(/^eq[:\-_.]?/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `eq-${slug || 'equation'}`;
}

type MathNode = { value: string; data?: { hChildren?: unknown[] } };

/**
 * Change a formula's TeX. remark-math also keeps a copy in `data.hChildren` (the HTML it will
 * become), and that copy is what KaTeX is given: both must change.
 */
function setTex(node: MathNode, value: string) {
  node.value = value;
  const visitText = (children: unknown[] | undefined) => {
    for (const child of children ?? []) {
      const c = child as { type: string; value?: string; children?: unknown[] };
      if (c.type === 'text') c.value = value;
      else visitText(c.children);
    }
  };
  visitText(node.data?.hChildren);
}

interface Equation {
  number: string;
  anchor: string;
  line: number;
}

export default function remarkEquations() {
  return (tree: Root, file: VFile) => {
    const name = file.path ? relative(process.cwd(), file.path) : '(markdown)';
    const errors: string[] = [];
    const equations = new Map<string, Equation>();
    let count = 0;

    // Labels first, so a reference may come before its equation.
    visit(tree, 'math', (node, index, parent) => {
      const labels = [...node.value.matchAll(labelPattern)].map((m) => m[1]!.trim());
      if (labels.length === 0 || !parent || index === undefined) return;
      const line = node.position?.start.line ?? 0;
      if (labels.length > 1) {
        errors.push(`${name}:${line}  error  math.label: one \\label per display formula (found ${labels.join(', ')}); split the formula or drop a label`);
        return;
      }
      const label = labels[0]!;
      const anchor = equationAnchor(label);
      const clash = [...equations].find(([other, e]) => other === label || e.anchor === anchor);
      if (clash) {
        errors.push(`${name}:${line}  error  math.label: "${label}" is already the label of the equation on line ${clash[1].line}; labels must be unique in a lesson`);
        return;
      }
      const tag = tagPattern.exec(node.value)?.[1];
      let value = node.value.replace(labelPattern, '');
      let number: string;
      if (tag !== undefined) {
        number = tag;
      } else {
        count += 1;
        number = String(count);
        value = `${value.replace(/\s+$/, '')} \\tag{${number}}`;
      }
      setTex(node, value);
      equations.set(label, { number, anchor, line });
      // A wrapper carries the anchor: the formula itself is replaced by KaTeX's HTML later.
      const wrapper = {
        type: 'equation',
        data: { hName: 'div', hProperties: { id: anchor, className: ['equation'] } },
        children: [node],
      } as unknown as RootContent;
      (parent as Parent).children.splice(index, 1, wrapper);
    });

    const resolve = (label: string, line: number): Equation | undefined => {
      const equation = equations.get(label.trim());
      if (!equation) {
        const known = [...equations.keys()].join(', ') || 'none';
        errors.push(`${name}:${line}  error  math.ref: "${label.trim()}" is not an equation label in this lesson (known: ${known}); label the equation with \\label{${label.trim()}}`);
      }
      return equation;
    };

    visit(tree, (node, index, parent) => {
      if (node.type !== 'inlineMath' && node.type !== 'math') return;
      const line = node.position?.start.line ?? 0;
      const whole = /^\s*\\(eqref|ref)\s*\{([^{}]*)\}\s*$/.exec(node.value);
      if (whole && node.type === 'inlineMath' && parent && index !== undefined) {
        const equation = resolve(whole[2]!, line);
        if (!equation) return;
        const link: Link = {
          type: 'link',
          url: `#${equation.anchor}`,
          children: [{ type: 'text', value: whole[1] === 'eqref' ? `(${equation.number})` : equation.number }],
          data: { hProperties: { className: ['equation-ref'] } },
        };
        parent.children.splice(index, 1, link);
        return;
      }
      if (!/\\(eqref|ref)\s*\{/.test(node.value)) return;
      setTex(
        node,
        node.value.replace(referencePattern, (text, kind: string, label: string) => {
          const equation = resolve(label, line);
          if (!equation) return text;
          return kind === 'eqref' ? `\\text{(${equation.number})}` : `\\text{${equation.number}}`;
        }),
      );
    });

    if (errors.length) throw new Error(errors.join('\n'));
  };
}
