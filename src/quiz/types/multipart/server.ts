import { formulaBuild } from '../../expression/formula-build';
import { defineServerKind, renderChoices } from '../server-kind';

export const multipartServer = defineServerKind({
  type: 'multipart',
  markdown: (q, fields) => ({
    ...q,
    ...fields.common,
    explanation: fields.common.explanation!,
    parts: q.parts.map((part, i) => ({
      ...part,
      prompt: fields.inline(part.prompt, 'parts', i, 'prompt'),
      choices: part.choices && renderChoices(part.choices, fields, 'parts', i, 'choices'),
    })),
  }),
  checkBuilt: (q, { at, report, generators }) => formulaBuild().checkMultipart(q, at, report, generators),
  answerField: 'parts',
  build: (q) => formulaBuild().buildMultipart(q),
});
