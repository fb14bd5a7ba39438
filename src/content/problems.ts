import { LineCounter, isNode, isScalar, parseDocument, visit, type Document } from 'yaml';

/** One thing wrong with the course content, located precisely enough to fix without searching. */
export interface Problem {
  /** Path of the file relative to the project root, e.g. `content/math-for-ml/1.2-calculus/1.2.38-x.mdx`. */
  file: string;
  /** 1-based line in `file`; 0 only when no better place is known. */
  line: number;
  /** Dotted path of the offending field, e.g. `objectives.2.id` or `questions[q3].answer`. */
  field: string;
  /** What was expected and what was found. */
  message: string;
  severity: 'error' | 'warning';
}

/** `file:line  field: message`, the one format every validator prints. */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  const tag = p.severity === 'warning' ? 'warning' : 'error';
  return `${where}  ${tag}  ${p.field || '(file)'}: ${p.message}`;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

/**
 * Warnings as the build prints them: each kind of warning (its message) shown in full `perKind` times, then one line
 * counting the rest of that kind, so a large course with one habit (say, no feedback on wrong options) prints a
 * summary instead of thousands of lines that bury everything else.
 */
export function warningLines(warnings: readonly Problem[], perKind = 5): string[] {
  const byMessage = new Map<string, Problem[]>();
  for (const w of warnings) byMessage.set(w.message, [...(byMessage.get(w.message) ?? []), w]);
  const lines: string[] = [];
  for (const [message, all] of byMessage) {
    lines.push(...all.slice(0, perKind).map(formatProblem));
    const rest = all.slice(perKind);
    if (rest.length === 0) continue;
    const files = new Set(rest.map((w) => w.file)).size;
    lines.push(`… and ${rest.length} more warning${rest.length === 1 ? '' : 's'} "${message}" in ${files} file${files === 1 ? '' : 's'}`);
  }
  return lines;
}

/** Thrown by the build when content is invalid; its message lists every problem. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `${errors.length} content problem${errors.length === 1 ? '' : 's'} stop the build:\n${formatProblems(errors)}`,
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}

export type FieldPath = readonly (string | number)[];

/** A YAML document that remembers where each field was written. */
export interface PositionedYaml {
  data: unknown;
  /**
   * 1-based line of the field at `path` inside the whole file, falling back to the nearest
   * ancestor that exists (a missing field is reported at its parent's line).
   */
  lineOf(path: FieldPath): number;
  /** YAML syntax errors, already located. */
  syntaxErrors: { line: number; message: string }[];
}

/**
 * Parse YAML keeping positions. `firstLine` is the file line the YAML text starts on
 * (2 for front matter that follows a `---` line), so lines point into the real file.
 */
export function parseYamlWithPositions(text: string, firstLine = 1): PositionedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const syntaxErrors = doc.errors.map((e) => ({
    line: toFileLine(e.pos[0]),
    message: e.message.split('\n')[0] ?? e.message,
  }));
  // In double quotes YAML reads "\nabla" as a line break and "abla", "\theta" as a tab and "heta":
  // LaTeX there is silently garbled, so it is refused with the fix.
  if (syntaxErrors.length === 0) {
    visit(doc, {
      Scalar(_key, node) {
        if (!isScalar(node) || node.type !== 'QUOTE_DOUBLE' || !node.range) return;
        // Only where there is math (a "$"): "first\nsecond" on its own is a deliberate line break.
        const written = text.slice(node.range[0], node.range[1]);
        const command = written.includes('$') ? /(?<!\\)(?:\\\\)*(\\[a-zA-Z]{2,})/.exec(written) : null;
        if (command) {
          syntaxErrors.push({
            line: toFileLine(node.range[0] + command.index + command[0].length - command[1]!.length),
            message: `"${command[1]}" in double quotes: YAML reads a backslash there as an escape (\\n is a line break); put text with LaTeX in single quotes ('…') or write \\\\ for each backslash`,
          });
        }
      },
    });
  }
  return {
    data: syntaxErrors.length ? undefined : doc.toJS(),
    syntaxErrors,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const parentPath = path.slice(0, n);
        if (n > 0) {
          // Point at the key of a mapping entry when there is one: that is where a reader looks.
          const parent = parentPath.length > 1 ? doc.getIn(parentPath.slice(0, -1), true) : doc.contents;
          const key = parentPath[parentPath.length - 1];
          const pair = isNode(parent) && 'items' in parent
            ? (parent.items as unknown[]).find(
                (item) =>
                  typeof item === 'object' && item !== null && 'key' in item &&
                  isNode((item as { key: unknown }).key) &&
                  ((item as { key: { value?: unknown } }).key.value === key),
              )
            : undefined;
          const keyNode = pair ? (pair as { key: { range?: [number, number, number] } }).key : undefined;
          if (keyNode?.range) return toFileLine(keyNode.range[0]);
        }
        const node = n === 0 ? doc.contents : doc.getIn(parentPath, true);
        if (isNode(node) && node.range) return toFileLine(node.range[0]);
      }
      return firstLine;
    },
  };
}

/**
 * Split an MDX/Markdown file into its front matter YAML (with its first line number) and body.
 * The front matter ends at the first line that is exactly `---`, so a `---` inside a YAML string
 * does not end it; a byte-order mark and CRLF line ends are accepted.
 */
export function splitFrontMatter(source: string): { yaml: string; yamlFirstLine: number; body: string; bodyFirstLine: number } | undefined {
  const match = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return undefined;
  const yaml = match[1] ?? '';
  return { yaml, yamlFirstLine: 2, body: source.slice(match[0].length), bodyFirstLine: match[0].split('\n').length + (match[0].endsWith('\n') ? 0 : 1) };
}

/** Render a zod-style issue path as a dotted field name: `objectives.1.id`. */
export function fieldName(path: FieldPath): string {
  return path.map(String).join('.');
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
  expected?: string;
}

/** Turn schema issues (zod's) into located problems, with the line of each offending field. */
export function schemaProblems(
  issues: readonly IssueLike[],
  doc: PositionedYaml,
  file: string,
  fieldPrefix: FieldPath = [],
): Problem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    // An unknown key is reported at that key, named: "dificulty", not the object around it.
    const located = issue.code === 'unrecognized_keys' && issue.keys?.length ? issue.keys.map((k) => [...path, k]) : [path];
    // zod says "Invalid input: expected string, received undefined" for a field left out: say it is missing.
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return located.map((at) => ({
      file,
      line: doc.lineOf(at),
      field: fieldName([...fieldPrefix, ...at]),
      message: missing ? `${String(at[at.length - 1] ?? 'a field')} is missing; expected ${issue.expected ?? 'a value'}` : issue.message,
      severity: 'error' as const,
    }));
  });
}
