import { fieldRows, generateJsonSchemas, type FieldRow, type JsonSchema } from '../../authoring/json-schemas';

/**
 * Field tables for the guide, generated from the same JSON Schemas editors use (and those from the
 * zod schemas the build validates with), so the guide cannot list a field the build rejects.
 */
const schemas = new Map(generateJsonSchemas().map((g) => [g.file, g.schema]));
const schema = (file: string): JsonSchema => {
  const found = schemas.get(file);
  if (!found) throw new Error(`no generated schema ${file}`);
  return found;
};

export const lessonRows: FieldRow[] = fieldRows(schema('lesson-frontmatter.schema.json'));
export const courseRows: FieldRow[] = fieldRows(schema('course.schema.json'));
export const quizRows: FieldRow[] = fieldRows(schema('quiz.schema.json'));

const variants: JsonSchema[] = (() => {
  const items = schema('quiz.schema.json').properties?.questions?.items;
  return items?.oneOf ?? items?.anyOf ?? [];
})();

/** The question types, in the order the schema lists them. */
export const questionTypeNames: string[] = variants.map((v) => String(v.properties?.type?.const));

/** The fields one question type takes (its `type` row left out: the heading says it). */
export function questionRows(type: string): FieldRow[] {
  const variant = variants.find((v) => v.properties?.type?.const === type);
  if (!variant) throw new Error(`no question type "${type}" in the quiz schema; known: ${questionTypeNames.join(', ')}`);
  return fieldRows(variant).filter((row) => row.field !== 'type');
}
