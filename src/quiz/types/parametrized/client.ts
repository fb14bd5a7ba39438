import type { VariantsFileData } from '../../page';
import { variantSeed } from '../../session';
import { answerField, checkedValues, defineClientKind, find, findAll, type QuizPage, type Widget } from '../client-kind';
import { assemble, variantOf } from './index';

/**
 * A question whose numbers change with every attempt: the response is `{ seed, answer }`. The page
 * shows the build-rendered variant the learner is on; when it carries only the first (page.ts),
 * the others come from the lesson's variants file, fetched once, when a learner starts on the question.
 */
type ParametrizedWidget = Widget<'parametrized'>;

/** Variants files by URL, each fetched once per page (from the service worker's precache when there is one). */
const variantFiles = new Map<string, Promise<VariantsFileData>>();
function variantsFile(url: string): Promise<VariantsFileData> {
  let file = variantFiles.get(url);
  if (!file) {
    file = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json() as Promise<VariantsFileData>;
    });
    // A failed fetch (offline without the service worker, say) is tried again next time.
    file.catch(() => variantFiles.delete(url));
    variantFiles.set(url, file);
  }
  return file;
}

/** Whether the page has variant `seed` of the widget's question. */
const hasVariant = (widget: ParametrizedWidget, seed: number | undefined) => variantOf(widget.question, seed) !== undefined;

/**
 * Every variant of the widget's question: from the variants file, into this widget and its twins
 * (the same question inline and in the quiz). Resolves at once when the page has them.
 */
async function allVariants(widget: ParametrizedWidget, page: QuizPage): Promise<void> {
  const { question, variantsUrl } = widget;
  if (!variantsUrl || !question.seeds) return;
  const full = (await variantsFile(variantsUrl)).questions[question.id];
  if (!full) throw new Error(`${variantsUrl} has no question ${question.id}`);
  for (const w of page.widgets) if (w.lessonId === widget.lessonId && w.question.id === question.id) w.question = full;
}

/** While the variant a learner is on loads, the question takes no answer. */
function setLoading(widget: ParametrizedWidget, loading: boolean) {
  if (loading) widget.form.setAttribute('aria-busy', 'true');
  else widget.form.removeAttribute('aria-busy');
  for (const control of findAll<HTMLInputElement | HTMLButtonElement>(widget.form, 'input[data-answer], [data-answer-text], [data-check]')) {
    control.disabled = loading;
  }
}

/** The variant a learner is on could not be loaded: say so, and leave the question closed. */
function variantUnavailable(widget: ParametrizedWidget) {
  setLoading(widget, true);
  widget.form.removeAttribute('aria-busy');
  const line = document.createElement('p');
  line.className = 'quiz-verdict quiz-invalid';
  line.textContent = 'The numbers for your next attempt could not be loaded. Check your connection, then reload the page.';
  find(widget.form, '[data-feedback]')?.replaceChildren(line);
}

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

/** Bring in the variant `seed` when the page lacks it; then `then`, or the question stays closed. */
function loadVariant(widget: ParametrizedWidget, page: QuizPage, then: () => void) {
  setLoading(widget, true);
  allVariants(widget, page).then(
    () => {
      setLoading(widget, false);
      then();
    },
    () => variantUnavailable(widget),
  );
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
  mount(widget, page) {
    widget.seed = widget.question.variants[0]?.seed;
    // A learner who starts on a question is likely to need its next variant: fetch the file early.
    if (widget.variantsUrl) widget.form.addEventListener('focusin', () => void allVariants(widget, page).catch(() => undefined), { once: true });
  },
  prepare(widget, record, page) {
    const seed = variantSeed(widget.question, record, widget.limit);
    if (!hasVariant(widget, seed)) {
      // The learner is on a variant the page does not carry: closed until it has loaded.
      loadVariant(widget, page, () => page.restore(widget, page.record(widget)));
      return false;
    }
    showVariant(widget, seed);
    return true;
  },
  // A response belongs to its variant: after a wrong answer the new variant starts empty.
  showsResponse: (widget, record) => record.seed === widget.seed,
  async afterCheck(widget, record, page) {
    const next = variantSeed(widget.question, record, widget.limit);
    if (next === widget.seed) return;
    if (!hasVariant(widget, next)) {
      setLoading(widget, true);
      try {
        await allVariants(widget, page);
        setLoading(widget, false);
      } catch {
        variantUnavailable(widget);
      }
    }
    if (hasVariant(widget, next)) {
      showVariant(widget, next);
      const line = document.createElement('p');
      line.textContent = 'The numbers have changed: answer the new variant above.';
      find(widget.form, '[data-feedback]')?.append(line);
    }
  },
  // A parametrized question is reviewed in the variant answered, which the page may not carry.
  async beforeReview(widget, record, page) {
    if (!hasVariant(widget, record?.seed ?? widget.seed)) await allVariants(widget, page).catch(() => undefined);
  },
});
