import { variantSeed } from '../../session';
import { answerField, checkedValues, defineClientKind, find, findAll, type Widget } from '../client-kind';
import { assemble, variantOf } from './index';

/**
 * A question whose numbers change with every attempt: the response is `{ seed, answer }`. The page
 * shows the build-rendered first variant; the quiz script brings every variant with the question's
 * data (the lesson's quiz data file), and this shows the one the learner is on.
 */
type ParametrizedWidget = Widget<'parametrized'>;

/** Show variant `seed`: its prompt, choices and explanation, rendered at build. */
function showVariant(widget: ParametrizedWidget, seed: number) {
  const { question, form } = widget;
  const variant = variantOf(question, seed);
  if (!variant || widget.seed === seed) return;
  widget.seed = seed;
  const html = (target: Element | null, indices: number[] | undefined) => {
    if (target) target.innerHTML = assemble(question, indices);
  };
  html(find(form, '.quiz-prompt'), variant.prompt);
  html(find(form, '[data-explanation-body]'), variant.explanation);
  const list = find(form, '[data-variant-choices]');
  const name = find<HTMLInputElement>(form, 'input[data-answer]')?.name ?? '';
  list?.replaceChildren(
    ...(variant.choices ?? []).map((choice) => {
      const label = document.createElement('label');
      label.className = 'quiz-choice';
      label.innerHTML = `<input type="radio" data-answer><span>${assemble(question, choice.text)}</span>`;
      const input = label.firstElementChild as HTMLInputElement;
      input.name = name;
      input.value = choice.id;
      if (choice.label) input.setAttribute('aria-label', choice.label);
      return label;
    }),
  );
  const field = answerField(form);
  if (field) field.value = '';
}

export const parametrizedClient = defineClientKind({
  type: 'parametrized',
  read: ({ form, question, seed }) => ({ seed, answer: question.kind === 'choice' ? checkedValues(form)[0] : (answerField(form)?.value ?? '') }),
  write({ form }, response) {
    const field = answerField(form);
    const answer = (response as { answer?: unknown } | undefined)?.answer;
    if (field) field.value = String(answer ?? '');
    for (const input of findAll<HTMLInputElement>(form, 'input[data-answer]')) input.checked = input.value === String(answer);
  },
  // Until the learner's own variant is shown, the one on show is the first (the page's).
  loaded(widget) {
    widget.seed ??= widget.question.variants[0]?.seed;
  },
  prepare(widget, record) {
    // A review starts empty on the variant the review chose.
    const seed = !record && widget.review?.seed !== undefined ? widget.review.seed : variantSeed(widget.question, record, widget.limit);
    showVariant(widget, seed);
    return true;
  },
  // A response belongs to its variant: after a wrong answer the new variant starts empty.
  showsResponse: (widget, record) => record.seed === widget.seed,
  async afterCheck(widget, record) {
    const next = variantSeed(widget.question, record, widget.limit);
    if (next === widget.seed || !variantOf(widget.question, next)) return;
    showVariant(widget, next);
    const line = document.createElement('p');
    line.textContent = 'The numbers have changed: answer the new variant above.';
    find(widget.form, '[data-feedback]')?.append(line);
  },
});
