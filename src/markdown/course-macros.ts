/**
 * A course's own math macros, read from its course.yaml. Node only (the build and the dev server): kept out of
 * math-options.ts so the browser's formula preview, which imports those options, carries no `yaml` or `node:fs`.
 */
import type { Options } from 'temml';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { mathOptions } from './math-options';

const macrosByCourseFile = new Map<string, { mtimeMs: number; macros: Record<string, string> }>();

/**
 * The `macros` of the course a file belongs to: those of the nearest course.yaml above it (a course's
 * own `\vect`, `\m`, …, as its authors wrote them in their old book's preamble). Empty when the file is
 * in no course or the course defines none. Read again only when the file changes; the schema (src/content/schema.ts)
 * checks the field, so a malformed value here is ignored rather than reported twice.
 */
export function courseMacrosFor(filePath: string | undefined): Record<string, string> {
  if (!filePath) return {};
  let dir = dirname(resolve(filePath));
  for (;;) {
    const course = join(dir, 'course.yaml');
    const mtimeMs = statSync(course, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs !== undefined) {
      // Keyed by modification time too, so `astro dev` picks up an edited course.yaml.
      const known = macrosByCourseFile.get(course);
      if (known?.mtimeMs === mtimeMs) return known.macros;
      const macros: Record<string, string> = {};
      try {
        const value = (parse(readFileSync(course, 'utf8')) as { macros?: unknown } | null)?.macros;
        if (value && typeof value === 'object') {
          for (const [name, body] of Object.entries(value)) if (typeof body === 'string') macros[name] = body;
        }
      } catch {
        // Invalid YAML: the course validator reports it with its line.
      }
      macrosByCourseFile.set(course, { mtimeMs, macros });
      return macros;
    }
    const parent = dirname(dir);
    if (parent === dir) return {};
    dir = parent;
  }
}

/** `options` with the macros of the course `filePath` is in added (the course's win over the built-in ones). */
export function mathOptionsFor(filePath: string | undefined, options: Options = mathOptions): Options {
  const course = courseMacrosFor(filePath);
  if (Object.keys(course).length === 0) return options;
  return { ...options, macros: { ...options.macros, ...course } };
}
