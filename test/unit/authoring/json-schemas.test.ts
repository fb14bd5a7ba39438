import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldRows, generateJsonSchemas, jsonSchemaText } from '../../../src/authoring/json-schemas';
import { projectRoot } from '../../support/project';

describe('generated JSON Schemas', () => {
  const generated = generateJsonSchemas();

  test.each(generated.map((g) => [g.file, g] as const))('schemas/%s is up to date (run npm run schemas)', (file, { schema }) => {
    const committed = readFileSync(join(projectRoot, 'schemas', file), 'utf8');
    expect(committed).toBe(jsonSchemaText(schema));
  });

  test.each(generated.map((g) => [g.file, g] as const))('every field of %s has a sentence in src/authoring/field-docs.ts', (_file, { undocumented }) => {
    expect(undocumented).toEqual([]);
  });

  test('the lesson schema knows the fields lessons use, with defaults optional', () => {
    const lesson = generated.find((g) => g.file === 'lesson-frontmatter.schema.json')!.schema;
    expect(lesson.required).toEqual(['id', 'title', 'summary', 'topic', 'difficulty', 'estimatedTime', 'objectives']);
    expect(lesson.properties?.estimatedTime?.pattern).toBeTruthy();
    expect(new RegExp(lesson.properties!.estimatedTime!.pattern!).test('1 h 30 min')).toBe(true);
  });

  test('field rows flatten nested fields for the guide', () => {
    const lesson = generated.find((g) => g.file === 'lesson-frontmatter.schema.json')!.schema;
    const rows = fieldRows(lesson);
    const byField = new Map(rows.map((r) => [r.field, r]));
    expect(byField.get('objectives[].id')?.required).toBe(true);
    expect(byField.get('homework.items[].text')?.type).toBe('string');
    expect(byField.get('difficulty')?.type).toBe('"starter" | "intermediate" | "advanced"');
    expect(byField.get('prerequisites')?.rules).toContain('default []');
    expect(byField.get('prerequisites')?.rules.some((r) => r.startsWith('each matches'))).toBe(true);
  });
});
