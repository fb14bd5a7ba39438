import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from './validate';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A content file's text, or where it stops being UTF-8: a Latin-1 "é" would otherwise turn into
 * "\uFFFD" on the page without a word. A leading byte-order mark is dropped (editors on Windows write one).
 */
export function decodeContent(path: string, bytes: Uint8Array): SourceFile {
  try {
    return { path, text: utf8.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    const at = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line += 1;
    return badFile(path, bytes, line, at);
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length - 1;
}

function badFile(path: string, bytes: Uint8Array, line: number, at: number): SourceFile {
  const byte = bytes[at]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
  return {
    path,
    text: new TextDecoder('utf-8').decode(bytes),
    encodingProblem: {
      file: path,
      line,
      field: '(encoding)',
      message: `byte 0x${byte} is not UTF-8; save the file as UTF-8 (it looks like Latin-1 or Windows-1252)`,
      severity: 'error',
    },
  };
}

/** Every course, lesson and quiz file under `dir`, with paths relative to `root` for messages. */
export function readContentTree(dir: string, root = process.cwd()): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(mdx|md|ya?ml)$/.test(entry.name)) files.push(decodeContent(relative(root, full), readFileSync(full)));
    }
  };
  walk(dir);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
