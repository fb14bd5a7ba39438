import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from './validate';

/** Every course, lesson and quiz file under `dir`, with paths relative to `root` for messages. */
export function readContentTree(dir: string, root = process.cwd()): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(mdx|md|ya?ml)$/.test(entry.name)) {
        files.push({ path: relative(root, full), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(dir);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
