/**
 * Writes schemas/*.schema.json from the zod schemas (npm run schemas). The files are committed so
 * editors find them without a build; test/unit/authoring/json-schemas.test.ts fails when they are stale.
 *
 *   node scripts/json-schema.ts [--check]
 *
 * --check writes nothing and exits 1 when a committed file differs from what would be generated.
 */
import '../src/lib/resolve-ts.ts';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const { generateJsonSchemas, jsonSchemaText } = await import('../src/authoring/json-schemas.ts');

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'schemas');
const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const { file, schema, undocumented } of generateJsonSchemas()) {
  const path = join(dir, file);
  const text = jsonSchemaText(schema);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (undocumented.length > 0) {
    console.warn(`${file}: no description in src/authoring/field-docs.ts for ${undocumented.join(', ')}`);
  }
  if (current === text) {
    console.log(`schemas/${file} is up to date`);
  } else if (check) {
    stale += 1;
    console.error(`schemas/${file} is out of date; run npm run schemas`);
  } else {
    writeFileSync(path, text);
    console.log(`wrote schemas/${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
