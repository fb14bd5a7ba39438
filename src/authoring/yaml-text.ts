import { Document, isPair, isScalar, isSeq, Scalar, visit } from 'yaml';

/**
 * YAML text for the files the authoring tools write, in the house style of the hand-written
 * lessons: lesson ids in double quotes (an unquoted 1.2 would be read as a number), short id lists
 * on one line, and no folding of long lines.
 */

const lessonIdKeys = new Set(['id', 'next']);
const inlineListKeys = new Set(['prerequisites', 'objectives']);

function styled(data: unknown): Document {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (inlineListKeys.has(key) && isSeq(pair.value) && pair.value.items.every(isScalar)) {
        pair.value.flow = true;
        if (key === 'prerequisites') for (const item of pair.value.items) (item as Scalar).type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc;
}

/** Front matter YAML (without the `---` lines) for a lesson's data, keys in the given order. */
export function frontMatterYaml(data: Record<string, unknown>): string {
  // Only top-level `id`/`next` are lesson ids; nested `id`s (objectives) are short ids, left plain.
  const doc = styled(data);
  for (const key of lessonIdKeys) {
    const node = doc.get(key, true);
    if (isScalar(node)) node.type = Scalar.QUOTE_DOUBLE;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A quiz file's YAML, with comment lines (a schema modeline, a pointer to the guide) on top. */
export function quizYaml(quiz: Record<string, unknown>, headerComments: readonly string[] = []): string {
  const body = styled(quiz).toString({ lineWidth: 0, flowCollectionPadding: false });
  return headerComments.map((line) => `# ${line}\n`).join('') + body;
}

/** A YAML scalar as it would be written as a value (quoted only when it must be). */
export function yamlScalar(value: string): string {
  return new Document(value).toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}
