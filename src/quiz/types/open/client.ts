import { answerField, defineClientKind, find, findAll } from '../client-kind';

/**
 * A written answer, then the model answer and a self-rating: the response is `{ text, rating }`.
 * The model answer shows once something is written (Compare), and stays shown once rated.
 */
export const openClient = defineClientKind({
  type: 'open',
  read: ({ form }) => ({ text: answerField(form)?.value ?? '', rating: find<HTMLInputElement>(form, 'input[data-rating]:checked')?.value }),
  write({ form }, response) {
    const { text, rating } = (response ?? {}) as { text?: unknown; rating?: unknown };
    const field = answerField(form);
    if (field) field.value = typeof text === 'string' ? text : '';
    for (const input of findAll<HTMLInputElement>(form, 'input[data-rating]')) input.checked = input.value === rating;
  },
  mount(widget, page) {
    widget.form.addEventListener('click', (event) => {
      if (!(event.target as Element).closest('button[data-reveal]')) return;
      const text = answerField(widget.form);
      if (!text || text.value.trim() === '') {
        page.showInvalid(widget, 'Write your answer first, then compare it with the model answer.');
        text?.focus();
        return;
      }
      find(widget.form, '[data-feedback]')!.replaceChildren();
      text.removeAttribute('aria-invalid');
      const model = find(widget.form, '[data-model]');
      if (model) {
        model.hidden = false;
        model.focus();
      }
    });
  },
  reset({ form }) {
    const model = find(form, '[data-model]');
    if (model) model.hidden = true;
  },
});
