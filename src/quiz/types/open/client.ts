import { answerField, defineClientKind, find, findAll } from '../client-kind';

/**
 * A written answer, then the model answer and a self-rating: the response is `{ text, rating }`.
 * The model answer shows once something is written (Compare), and stays shown once rated.
 */
/** Show the model answer and checklist (the question's `reveal`, from the quiz data). */
function showModel(form: HTMLFormElement, reveal: string | undefined): HTMLElement | null {
  const model = find(form, '[data-model]');
  const body = model && find(model, '[data-model-body]');
  if (body && !body.hasChildNodes()) body.innerHTML = reveal ?? '';
  if (model) model.hidden = false;
  return model;
}

export const openClient = defineClientKind({
  type: 'open',
  read: ({ form }) => ({ text: answerField(form)?.value ?? '', rating: find<HTMLInputElement>(form, 'input[data-rating]:checked')?.value }),
  write({ form, question }, response) {
    if (response !== undefined) showModel(form, question.reveal);
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
      // The model answer comes with the question's data.
      void page.load(widget).then(
        () => showModel(widget.form, widget.question.reveal)?.focus(),
        () => page.showInvalid(widget, 'The model answer could not be loaded. Check your connection, then try again.'),
      );
    });
  },
  reset({ form }) {
    const model = find(form, '[data-model]');
    if (model) model.hidden = true;
  },
});
