import { isMap, isScalar, parseDocument, type Pair } from 'yaml';

/**
 * Minimal edits to a lesson's front matter: the yaml Document API finds where a top-level field's
 * value is written, and only those characters are replaced, so the author's quoting, comments, key
 * order and line breaks survive. (Re-serialising the whole document would refold long lines.)
 */

interface FrontMatterBlock {
  /** Offset in the file where the YAML text starts and ends (the `---` lines excluded). */
  start: number;
  end: number;
  yaml: string;
}

function frontMatterBlock(source: string): FrontMatterBlock {
  const match = /^---\r?\n([\s\S]*?)^---\r?$/m.exec(source);
  if (!match || match.index !== 0) throw new Error('expected the file to start with front matter between two --- lines');
  const start = match[0].indexOf('\n') + 1;
  const yaml = match[1] ?? '';
  return { start, end: start + yaml.length, yaml };
}

function topLevelPair(yaml: string, key: string): Pair | undefined {
  const doc = parseDocument(yaml, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`the front matter is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new Error('expected the front matter to be a mapping of fields');
  return doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/** Offset of the end of the line containing `offset` (after its newline, if any). */
function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** Offset of the start of the line containing `offset`. */
function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The last line of a field, value included (a block scalar or a nested list spans several). */
function fieldEnd(yaml: string, pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  const key = pair.key as { range?: [number, number, number] };
  const last = value?.range ? value.range[1] : key.range![1];
  // range[1] may already sit after the value's newline; step back onto the value's last line.
  return endOfLine(yaml, Math.max(key.range![0], last - (yaml[last - 1] === '\n' ? 1 : 0)));
}

/** The value of a top-level field, or undefined when absent. */
export function readFrontMatterField(source: string, key: string): unknown {
  const data: unknown = parseDocument(frontMatterBlock(source).yaml).toJS();
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
}

/**
 * Set a top-level field to `valueText` (already YAML, such as `"1.2.40"`). An existing value is
 * replaced in place; a missing field is added on its own line after the first of `after` that
 * exists (or at the end of the front matter).
 */
export function setFrontMatterField(source: string, key: string, valueText: string, after: readonly string[] = []): string {
  const block = frontMatterBlock(source);
  const pair = topLevelPair(block.yaml, key);
  if (pair) {
    const keyStart = (pair.key as { range: [number, number, number] }).range[0];
    const from = block.start + keyStart;
    const to = block.start + fieldEnd(block.yaml, pair);
    return `${source.slice(0, from)}${key}: ${valueText}\n${source.slice(to)}`;
  }
  let at = block.end;
  for (const anchor of after) {
    const anchorPair = topLevelPair(block.yaml, anchor);
    if (anchorPair) {
      at = block.start + fieldEnd(block.yaml, anchorPair);
      break;
    }
  }
  const before = source.slice(0, at);
  const line = `${before.endsWith('\n') ? '' : '\n'}${key}: ${valueText}\n`;
  return `${before}${line}${source.slice(at)}`;
}

/** Remove a top-level field (key and value lines); unchanged when absent. */
export function removeFrontMatterField(source: string, key: string): string {
  const block = frontMatterBlock(source);
  const pair = topLevelPair(block.yaml, key);
  if (!pair) return source;
  const from = block.start + startOfLine(block.yaml, (pair.key as { range: [number, number, number] }).range[0]);
  const to = block.start + fieldEnd(block.yaml, pair);
  return source.slice(0, from) + source.slice(to);
}
