import { buildMultipart, checkMultipart } from '../../multipart/build';
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
  checkBuilt: (q, { at, report, generators }) => checkMultipart(q, at, report, generators),
  answerField: 'parts',
  build: (q) => buildMultipart(q),
});
