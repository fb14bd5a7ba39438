import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { relative } from 'node:path';
import { mathMessageSource } from './rehype-math';

/**
 * rehype-math renders a formula it cannot parse as its TeX and only leaves a message on the file.
 * A course must not publish a broken formula: this plugin, placed after rehype-math, turns
 * those messages into a build error naming the file, the line and the formula.
 */
export default function rehypeStrictMath() {
  return (_tree: Root, file: VFile) => {
    const failures = file.messages.filter((m) => m.source === mathMessageSource);
    if (failures.length === 0) return;
    const name = file.path ? relative(process.cwd(), file.path) : '(markdown)';
    const lines = failures.map((m) => {
      const line = m.place && 'start' in m.place ? m.place.start.line : (m.place?.line ?? 0);
      const reason = m.cause instanceof Error ? m.cause.message.trim().split('\n')[0]!.replace(/:$/, '') : m.reason;
      return `${name}:${line}  error  math: cannot render this formula: ${reason}`;
    });
    throw new Error(lines.join('\n'));
  };
}
