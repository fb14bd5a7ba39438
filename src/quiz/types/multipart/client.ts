import { checkedIn, defineClientKind, find, findAll, writeChoices } from '../client-kind';

/** Parts of radios or number fields: the response is `{ <part id>: choice id or what was typed }`. */
export const multipartClient = defineClientKind({
  type: 'multipart',
  read: ({ form, question }) =>
    Object.fromEntries(
      question.parts.map((part) => [
        part.id,
        part.kind === 'choice' ? checkedIn(form, part.id) : (find<HTMLInputElement>(form, `[data-part-text="${part.id}"]`)?.value ?? ''),
      ]),
    ),
  write({ form }, response) {
    writeChoices(form, response);
    const given = (response ?? {}) as Record<string, unknown>;
    for (const input of findAll<HTMLInputElement>(form, '[data-part-text]')) {
      const value = given[input.dataset.partText ?? ''];
      input.value = typeof value === 'string' ? value : '';
    }
  },
});
