import { z } from 'astro/zod';
import { courseSchema, durationPattern, lessonSchema } from '../content/schema';
import { quizSchema } from '../quiz/schema';
import { courseFieldDocs, lessonFieldDocs, quizFieldDocs } from './field-docs';

/**
 * JSON Schemas for editors, generated from the zod schemas the build validates with, so an editor
 * never disagrees with the build about what is valid. Each property gets its sentence from
 * field-docs.ts as `description`, which editors show on hover.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  required?: string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  default?: unknown;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  [key: string]: unknown;
};

export interface GeneratedSchema {
  /** File name under schemas/. */
  file: string;
  schema: JsonSchema;
  /** Field paths that have no sentence in field-docs.ts. */
  undocumented: string[];
}

/** Calls `visit` for every property and array item below `node`, with its path (`objectives[].id`). */
export function walkFields(node: JsonSchema, visit: (path: string, node: JsonSchema) => void, path = ''): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    visit(childPath, child);
    walkFields(child, visit, childPath);
  }
  if (node.items) {
    visit(`${path}[]`, node.items);
    walkFields(node.items, visit, `${path}[]`);
  }
  // The variants of a union (question types) share their parent's path.
  for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) walkFields(variant, visit, path);
}

function generate(file: string, title: string, schema: z.ZodType, docs: Readonly<Record<string, string>>): GeneratedSchema {
  // Editors check what authors write, which is the input side: fields with defaults are optional.
  // Draft 7 is the newest draft every YAML language server understands.
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }) as JsonSchema;
  const undocumented = new Set<string>();
  walkFields(json, (path, node) => {
    const doc = docs[path];
    if (doc) node.description = doc;
    else undocumented.add(path);
  });
  return { file, schema: { $schema: json.$schema, title, ...json }, undocumented: [...undocumented] };
}

export function generateJsonSchemas(): GeneratedSchema[] {
  const lesson = generate('lesson-frontmatter.schema.json', 'Lesson front matter', lessonSchema, lessonFieldDocs);
  // A refinement has no JSON Schema form; the duration's pattern gives editors the same check.
  for (const field of [lesson.schema.properties?.estimatedTime, lesson.schema.properties?.homework?.properties?.expectedTime]) {
    if (field) field.pattern = durationPattern.source;
  }
  return [
    lesson,
    generate('quiz.schema.json', 'Lesson quiz (<lesson>.quiz.yaml)', quizSchema, quizFieldDocs),
    generate('course.schema.json', 'Course (course.yaml)', courseSchema, courseFieldDocs),
  ];
}

/** The text written to schemas/<file>: stable, two-space JSON with a final newline. */
export function jsonSchemaText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** One row of a field table in the author guide. */
export interface FieldRow {
  field: string;
  type: string;
  required: boolean;
  /** Allowed values, pattern, minimum sizes and defaults, in words. */
  rules: string[];
  description: string;
}

function typeName(node: JsonSchema): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.type === 'array') return `list of ${node.items ? typeName(node.items) : 'values'}`;
  if (node.type === 'object') return 'mapping';
  if (node.oneOf || node.anyOf) return 'one of several forms';
  return Array.isArray(node.type) ? node.type.join(' | ') : (node.type ?? 'any');
}

function rulesOf(node: JsonSchema): string[] {
  const rules: string[] = [];
  if (node.pattern) rules.push(`matches /${node.pattern}/`);
  if (node.format) rules.push(`format ${node.format}`);
  if (node.minLength !== undefined && node.minLength > 0) rules.push('not empty');
  if (node.minItems !== undefined) rules.push(`at least ${node.minItems}`);
  if (node.minimum !== undefined) rules.push(`≥ ${node.minimum}`);
  if (node.exclusiveMinimum !== undefined) rules.push(`> ${node.exclusiveMinimum}`);
  if (node.default !== undefined) rules.push(`default ${JSON.stringify(node.default)}`);
  if (node.items && node.items.type !== 'object') rules.push(...rulesOf(node.items).map((rule) => `each ${rule}`));
  return rules;
}

/**
 * The fields of an object schema as table rows, nested fields flattened (`homework.items[].id`);
 * list items of scalars are folded into their list's row.
 */
export function fieldRows(node: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const field = prefix ? `${prefix}.${key}` : key;
    rows.push({ field, type: typeName(child), required: required.has(key), rules: rulesOf(child), description: child.description ?? '' });
    if (child.type === 'object') rows.push(...fieldRows(child, field));
    if (child.items?.type === 'object') rows.push(...fieldRows(child.items, `${field}[]`));
  }
  return rows;
}
