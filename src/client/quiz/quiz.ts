import type { QuestionRecord } from '../../progress/document';
import { progressStore } from '../../progress/local';
import {
  assemble,
  describeAnswer,
  grade,
  isSelfAssessed,
  variantOf,
  type Gradable,
  type Grade,
  type ParametrizedGradable,
} from '../../quiz/grade';
import type { QuizPageData, VariantsFileData } from '../../quiz/page';
import { attemptLimit, attemptsLeft, check, isSettled, quizTotals, variantSeed } from '../../quiz/session';
import { showProgressNotices } from './notices';
import { connectLms } from './lms';
import type { LmsSession } from '../../lms/session';
import { confidenceLabels, confidenceMark, isConfidence, type Confidence } from '../../progress/confidence';
import type { CodeApi } from '../code/code-question';
import type { openReview as OpenReview } from './review';
import { formulaEngine, formulaTypes } from '../../quiz/expression/engine';

/**
 * The quiz in the page: reads the learner's response from native inputs, grades it with the shared
 * grader, saves it, and shows feedback. Everything else (questions, math, hints) is server-rendered;
 * a parametrized question swaps in the build-rendered variant the learner is on, fetched from the
 * lesson's variants file when the page carries only the first (src/quiz/page.ts). Code questions
 * (editor, worker) and the review load on demand, so pages pay for them only when they are used.
 * Markup contract: Question.astro, Quiz.astro and CheckYourself.astro.
 */

interface Widget {
  lessonId: string;
  question: Gradable;
  /** Checks allowed; 0 = unlimited. */
  limit: number;
  form: HTMLFormElement;
  /** Item ids of an ordering question in the order the page first showed them. */
  initialOrder: string[];
  /** Parametrized: the seed of the variant on show. */
  seed?: number;
  /** The lesson's variants file, when the page carries only the first variant of parametrized questions. */
  variantsUrl?: string;
  /** The quiz's `confidence`: whether the form asks how sure the learner is, and marks by it. */
  confidence: QuizPageData['confidence'];
  /** On the Review page: the sitting's record lives here, not in the lesson's saved answers. */
  review?: ReviewSitting;
}

/**
 * The Review page's hook (src/client/review/review-page.ts): a question reviewed there starts
 * empty on the variant the review chose, keeps its checks in the page (the lesson's own answer is
 * left as it was) and reports each counted check, so the page can rate the review.
 */
export interface ReviewSitting {
  seed?: number;
  record?: QuestionRecord;
  checked(record: QuestionRecord, settled: boolean): void;
}

const store = progressStore();
/** The LMS session when the page runs as a SCO (set before the quiz mounts), else undefined. */
let lms: LmsSession | undefined;
const widgets: Widget[] = [];
const quizzes: { root: HTMLElement; data: QuizPageData }[] = [];

const find = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);
const findAll = <T extends Element = HTMLElement>(root: ParentNode, selector: string) =>
  Array.from(root.querySelectorAll<T>(selector));
const recordOf = (w: Widget): QuestionRecord | undefined => (w.review ? w.review.record : store.lesson(w.lessonId).quiz[w.question.id]);
const items = (form: HTMLFormElement) => findAll<HTMLLIElement>(form, 'li[data-item]');
const points = (n: number) => `${Math.round(n * 100) / 100} ${n === 1 ? 'point' : 'points'}`;
/** The code questions' module (its own script, on pages that have one) and the review (loaded when asked for). */
const codeModule = () => customElements.whenDefined('quiz-code') as Promise<unknown> as Promise<CodeApi>;
const reviewModule = () => {
  const loader = find<HTMLTemplateElement>(document, 'template[data-review-loader]');
  // Its <script> runs once it is in the document: the review costs nothing until then.
  if (loader) document.body.append(loader.content.cloneNode(true));
  loader?.remove();
  return customElements.whenDefined('quiz-review') as Promise<unknown> as Promise<{ open: typeof OpenReview }>;
};
/** The formula engine and preview (formula.ts), loaded once, when a question that needs it is near. */
let formulaLoading: Promise<{ preview(field: HTMLElement): void }> | undefined;
const formulaModule = () =>
  (formulaLoading ??= (() => {
    // Its <script> runs once it is in the document (FormulaScript.astro); one copy serves every question.
    const loaders = findAll<HTMLTemplateElement>(document, 'template[data-formula-loader]');
    if (loaders[0]) document.body.append(loaders[0].content.cloneNode(true));
    for (const loader of loaders) loader.remove();
    return customElements.whenDefined('quiz-formula-engine') as Promise<unknown> as Promise<{ preview(field: HTMLElement): void }>;
  })());
const needsFormulas = (widget: Widget) => formulaTypes.has(widget.question.type);
/** Every formula preview of a form, once the engine is there. */
const previewAll = (form: HTMLFormElement) =>
  void formulaModule().then((formula) => findAll(form, '[data-formula]').forEach((field) => formula.preview(field)));

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

/** Whether the page has variant `seed` of a parametrized widget's question. */
const hasVariant = (widget: Widget, seed: number | undefined) =>
  widget.question.type === 'parametrized' && variantOf(widget.question, seed) !== undefined;

/**
 * Every variant of a parametrized widget's question: from the variants file, into this widget and
 * its twins (the same question inline and in the quiz). Resolves at once when the page has them.
 */
async function allVariants(widget: Widget): Promise<void> {
  const { question, variantsUrl } = widget;
  if (question.type !== 'parametrized' || !variantsUrl || !question.seeds) return;
  const full = (await variantsFile(variantsUrl)).questions[question.id];
  if (!full) throw new Error(`${variantsUrl} has no question ${question.id}`);
  for (const w of widgets) if (w.lessonId === widget.lessonId && w.question.id === question.id) w.question = full;
}

/** While the variant a learner is on loads, the question takes no answer. */
function setLoading(widget: Widget, loading: boolean) {
  if (loading) widget.form.setAttribute('aria-busy', 'true');
  else widget.form.removeAttribute('aria-busy');
  for (const control of findAll<HTMLInputElement | HTMLButtonElement>(widget.form, 'input[data-answer], [data-answer-text], [data-check]')) {
    control.disabled = loading;
  }
}

/** The variant a learner is on could not be loaded: say so, and leave the question closed. */
function variantUnavailable(widget: Widget) {
  setLoading(widget, true);
  widget.form.removeAttribute('aria-busy');
  const line = document.createElement('p');
  line.className = 'quiz-verdict quiz-invalid';
  line.textContent = 'The numbers for your next attempt could not be loaded. Check your connection, then reload the page.';
  find(widget.form, '[data-feedback]')?.replaceChildren(line);
}

/** The chosen value among the radios of a diagnose part (or of the whole form). */
const checkedIn = (root: ParentNode, part?: string) =>
  find<HTMLInputElement>(root, `${part ? `[data-part="${part}"] ` : ''}input[data-answer]:checked`)?.value;

/** Text of server-rendered HTML as a screen reader would say it (KaTeX's visual copy is aria-hidden). */
function spokenText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of findAll(copy, '[aria-hidden="true"], annotation')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function readResponse({ form, question, seed }: Widget): unknown {
  const chosen = findAll<HTMLInputElement>(form, 'input[data-answer]:checked').map((input) => input.value);
  const field = find<HTMLInputElement | HTMLTextAreaElement>(form, '[data-answer-text]');
  switch (question.type) {
    case 'parametrized':
      return { seed, answer: question.kind === 'choice' ? chosen[0] : (field?.value ?? '') };
    case 'diagnose':
      return { verdict: checkedIn(form, 'verdict'), fix: checkedIn(form, 'fix') };
    case 'code':
      return { code: field?.value ?? '' };
    case 'true-false':
      return chosen[0] === undefined ? undefined : chosen[0] === 'true';
    case 'single':
      return chosen[0];
    case 'multiple':
      return chosen;
    case 'numeric':
    case 'text':
    case 'expression':
      return field?.value ?? '';
    case 'multipart':
      return Object.fromEntries(
        question.parts.map((part) => [
          part.id,
          part.kind === 'choice'
            ? checkedIn(form, part.id)
            : (find<HTMLInputElement>(form, `[data-part-text="${part.id}"]`)?.value ?? ''),
        ]),
      );
    case 'ordering':
      return items(form).map((li) => li.dataset.item);
    case 'open':
      return { text: field?.value ?? '', rating: find<HTMLInputElement>(form, 'input[data-rating]:checked')?.value };
  }
}

function writeResponse(widget: Widget, response: unknown) {
  const { form, question } = widget;
  const given = (response ?? {}) as Record<string, unknown>;
  const values = Array.isArray(response) ? response.map(String) : [String(given.answer ?? response)];
  for (const input of findAll<HTMLInputElement>(form, 'input[data-answer]')) {
    const part = input.closest<HTMLElement>('[data-part]')?.dataset.part;
    input.checked = part ? given[part] === input.value : values.includes(input.value);
  }
  const field = find<HTMLInputElement | HTMLTextAreaElement>(form, '[data-answer-text]');
  if (question.type === 'parametrized' || question.type === 'code') {
    if (field) field.value = String(given[question.type === 'code' ? 'code' : 'answer'] ?? '');
    if (question.type === 'code') void codeModule().then((code) => code.show(form, response));
  } else if (question.type === 'multipart') {
    for (const input of findAll<HTMLInputElement>(form, '[data-part-text]')) {
      const value = given[input.dataset.partText ?? ''];
      input.value = typeof value === 'string' ? value : '';
    }
  } else if (question.type === 'ordering') {
    reorder(form, Array.isArray(response) ? response.map(String) : widget.initialOrder);
  } else if (question.type === 'open') {
    const { text, rating } = (response ?? {}) as { text?: unknown; rating?: unknown };
    if (field) field.value = typeof text === 'string' ? text : '';
    for (const input of findAll<HTMLInputElement>(form, 'input[data-rating]')) input.checked = input.value === rating;
  } else if (field) {
    field.value = typeof response === 'string' ? response : '';
    if (question.type === 'expression') previewAll(form);
  }
}

function reorder(form: HTMLFormElement, order: string[]) {
  const list = find(form, '[data-order]');
  if (!list) return;
  const byId = new Map(items(form).map((li) => [li.dataset.item, li]));
  for (const id of order) {
    const li = byId.get(id);
    if (li) list.append(li);
  }
  syncMoveButtons(list);
}

/** Show variant `seed` of a parametrized question: its prompt, choices and explanation, rendered at build. */
function showVariant(widget: Widget, seed: number) {
  const question = widget.question as ParametrizedGradable;
  const variant = variantOf(question, seed);
  if (!variant || widget.seed === seed) return;
  widget.seed = seed;
  const { form } = widget;
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
  const field = find<HTMLInputElement>(form, '[data-answer-text]');
  if (field) field.value = '';
}

function syncMoveButtons(list: HTMLElement) {
  const all = findAll<HTMLLIElement>(list, 'li[data-item]');
  all.forEach((li, i) => {
    find(li, '[data-move="up"]')?.setAttribute('aria-disabled', String(i === 0));
    find(li, '[data-move="down"]')?.setAttribute('aria-disabled', String(i === all.length - 1));
  });
}

function verdict(widget: Widget, record: QuestionRecord, result: Grade): { text: string; tone: string } {
  const { question, limit } = widget;
  if (isSelfAssessed(question)) {
    return {
      text: `Rating saved: ${points(result.score)} of ${result.max}, counted apart from the quiz score.`,
      tone: 'self',
    };
  }
  const left = attemptsLeft(record, limit);
  const next = isSettled(question, record, limit)
    ? result.correct
      ? ''
      : ' No attempts left: the answer and an explanation follow.'
    : left === Infinity
      ? ' Try again.'
      : ` Try again: ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`;
  // The record holds the grade times this attempt's credit: say what the attempt earned, not the raw grade.
  const earned = Math.min(record.score, result.score);
  const credited = earned < result.score ? ` (attempt ${record.attempts} earns part of the credit)` : '';
  const chosen = widget.confidence === 'weighted' ? record.confidence : undefined;
  const weighted = chosen
    ? ` Confidence-weighted mark (${confidenceLabels[chosen].toLowerCase()}): ${Math.round(confidenceMark(result.score / (result.max || 1), result.max, chosen) * 100) / 100}.`
    : '';
  const base = verdictText(result, record, earned, credited, next);
  return { text: base.text + weighted, tone: base.tone };
}

function verdictText(result: Grade, record: QuestionRecord, earned: number, credited: string, next: string): { text: string; tone: string } {
  if (result.correct) {
    const text = credited ? `Correct: ${points(earned)} of ${result.max}${credited}.${next}` : `Correct: ${points(earned)}.${next}`;
    return { text, tone: 'correct' };
  }
  if (result.score > 0) {
    return { text: `Partly right: ${points(earned)} of ${result.max}${credited}.${next}`, tone: 'partial' };
  }
  return { text: `Not quite.${next}`, tone: 'wrong' };
}

function showAttempts({ form, question, limit }: Widget, record: QuestionRecord | undefined) {
  const attempts = find(form, '[data-attempts]');
  if (!attempts) return;
  const left = attemptsLeft(record, limit);
  attempts.textContent =
    isSelfAssessed(question) || isSettled(question, record, limit) || left === Infinity ? '' : `${left} of ${limit} ${limit === 1 ? 'attempt' : 'attempts'} left`;
}

/** Show a question's state: its last record (or none), feedback, attempts, answer and explanation. */
function render(widget: Widget, record: QuestionRecord | undefined, fresh?: Grade) {
  const { form, question, limit } = widget;
  const self = isSelfAssessed(question);
  const settled = isSettled(question, record, limit);
  // Markup contract for what waits on an answer (a prediction's reveal, Predict.astro).
  form.toggleAttribute('data-recorded', record !== undefined);
  const feedback = find(form, '[data-feedback]')!;
  const result = record && (fresh ?? grade(question, record.response));
  feedback.replaceChildren();
  if (record && result) {
    const { text, tone } = verdict(widget, record, result);
    const line = document.createElement('p');
    line.className = `quiz-verdict quiz-${tone}`;
    line.textContent = text;
    feedback.append(line);
    // Author feedback is build-rendered HTML; the grader's own sentences contain no markup characters.
    feedback.insertAdjacentHTML(
      'beforeend',
      result.feedback.map((f) => (f.startsWith('<') ? f : `<p>${f}</p>`)).join(''),
    );
  }
  showAttempts(widget, record);
  const answer = find(form, '[data-answer-reveal]');
  if (answer) {
    const show = settled && !self && !record?.correct;
    const text = (show && describeAnswer(question, record?.response)) || '';
    answer.hidden = !show;
    answer.innerHTML = text.startsWith('<') ? text : `<p>${text}</p>`;
  }
  const explanation = find(form, '[data-explanation]');
  if (explanation) explanation.hidden = !settled;
  const model = find(form, '[data-model]');
  if (model && record) model.hidden = false;
  if (!self) {
    const controls = 'input[data-answer], [data-answer-text], [data-move], [data-check]';
    for (const control of findAll<HTMLInputElement | HTMLButtonElement>(form, controls)) {
      // A settled code question stays readable and scrollable: read-only, not disabled.
      if (question.type === 'code' && control.matches('[data-answer-text]')) (control as HTMLInputElement).readOnly = settled;
      else control.disabled = settled;
    }
  }
  find(form, '[data-answer-text]')?.removeAttribute('aria-invalid');
}

/** The learner's "how sure are you?" choice, when the form asks and one is chosen. */
function chosenConfidence({ form }: Widget): Confidence | undefined {
  const value = find<HTMLInputElement>(form, 'input[data-confidence]:checked')?.value;
  return isConfidence(value) ? value : undefined;
}

function showConfidence({ form }: Widget, record: QuestionRecord | undefined) {
  for (const input of findAll<HTMLInputElement>(form, 'input[data-confidence]')) input.checked = input.value === record?.confidence;
}

function showInvalid({ form }: Widget, reason: string) {
  const feedback = find(form, '[data-feedback]')!;
  const line = document.createElement('p');
  line.className = 'quiz-verdict quiz-invalid';
  line.textContent = `${reason} This did not use an attempt.`;
  feedback.replaceChildren(line);
  find(form, '[data-answer-text]')?.setAttribute('aria-invalid', 'true');
}

async function submit(widget: Widget) {
  // A learner who checks before the engine has arrived waits for it rather than getting "loading".
  if (needsFormulas(widget) && !formulaEngine()) await formulaModule();
  const previous = recordOf(widget);
  let response = readResponse(widget);
  if (widget.question.type === 'code') {
    const button = find<HTMLButtonElement>(widget.form, '[data-check]');
    if (button) button.disabled = true;
    response = await (await codeModule()).run(widget.form, widget.question, String((response as { code: string }).code));
    if (button) button.disabled = false;
  }
  // A hint opened before this check may cost credit (the quiz's scoring policy says how much).
  const hintsUsed = findAll<HTMLDetailsElement>(widget.form, 'details.quiz-hint[open]').length;
  const outcome = check(widget.question, previous, response, widget.limit, new Date(), hintsUsed);
  if (outcome.grade.invalid !== undefined) {
    showInvalid(widget, outcome.grade.invalid);
    return;
  }
  if (!outcome.record) {
    render(widget, previous);
    return;
  }
  // Calibration compares confidence with the first attempt, so the first counted check's is kept.
  const confidence = previous ? previous.confidence : chosenConfidence(widget);
  if (confidence) outcome.record.confidence = confidence;
  if (widget.review) {
    widget.review.record = outcome.record;
  } else {
    // A failed save raises a visible notice; the record still holds for this page.
    store.recordAnswer(widget.lessonId, widget.question.id, outcome.record);
    // Commit after every check; a refusal is told to the learner and the answer stays in the store.
    lms?.report(widget.question.id);
  }
  render(widget, outcome.record, outcome.grade);
  for (const twin of widgets) {
    if (twin !== widget && !twin.review && !widget.review && twin.lessonId === widget.lessonId && twin.question.id === widget.question.id) {
      restore(twin, outcome.record);
    }
  }
  if (widget.question.type === 'parametrized') {
    const next = variantSeed(widget.question, outcome.record, widget.limit);
    if (next !== widget.seed && !hasVariant(widget, next)) {
      setLoading(widget, true);
      try {
        await allVariants(widget);
        setLoading(widget, false);
      } catch {
        variantUnavailable(widget);
      }
    }
    if (next !== widget.seed && hasVariant(widget, next)) {
      showVariant(widget, next);
      const line = document.createElement('p');
      line.textContent = 'The numbers have changed: answer the new variant above.';
      find(widget.form, '[data-feedback]')?.append(line);
    }
  }
  updateScores(widget.lessonId);
  widget.review?.checked(outcome.record, isSettled(widget.question, outcome.record, widget.limit));
  if (!isSelfAssessed(widget.question) && isSettled(widget.question, outcome.record, widget.limit)) {
    // The Check button is now disabled; take focus to the result instead of losing it.
    find(widget.form, '[data-result]')?.focus();
  }
}

function move(button: HTMLButtonElement) {
  const li = button.closest<HTMLLIElement>('li[data-item]');
  const list = li?.parentElement;
  if (!li || !list || button.getAttribute('aria-disabled') === 'true' || button.disabled) return;
  if (button.dataset.move === 'up') list.insertBefore(li, li.previousElementSibling);
  else list.insertBefore(li, li.nextElementSibling?.nextElementSibling ?? null);
  syncMoveButtons(list);
  button.focus();
  const all = findAll(list, 'li[data-item]');
  const status = find(list.closest('form')!, '[data-order-status]');
  const text = find(li, '.quiz-order-text');
  if (status) status.textContent = `${text ? spokenText(text) : 'Item'}: now ${all.indexOf(li) + 1} of ${all.length}.`;
}

function reveal(widget: Widget) {
  const text = find<HTMLTextAreaElement>(widget.form, '[data-answer-text]');
  if (!text || text.value.trim() === '') {
    showInvalid(widget, 'Write your answer first, then compare it with the model answer.');
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
}

/** Show a question as its record says: the variant, the response, the feedback. */
function restore(widget: Widget, record: QuestionRecord | undefined, built = false) {
  // The page as built shows an unanswered question: on load, only the attempts line changes.
  if (built && !record) return showAttempts(widget, undefined);
  // Feedback on a saved formula is the grader's: bring the engine first.
  if (record && needsFormulas(widget) && !formulaEngine()) {
    void formulaModule().then(() => restore(widget, recordOf(widget)));
    return;
  }
  if (widget.question.type === 'parametrized') {
    const seed = !record && widget.review?.seed !== undefined ? widget.review.seed : variantSeed(widget.question, record, widget.limit);
    if (!hasVariant(widget, seed)) {
      // The learner is on a variant the page does not carry: closed until it has loaded.
      setLoading(widget, true);
      allVariants(widget).then(
        () => {
          setLoading(widget, false);
          restore(widget, recordOf(widget));
        },
        () => variantUnavailable(widget),
      );
      return;
    }
    showVariant(widget, seed);
  }
  // A response belongs to its variant: after a wrong answer the new variant starts empty.
  if (record && (widget.question.type !== 'parametrized' || record.seed === widget.seed)) writeResponse(widget, record.response);
  showConfidence(widget, record);
  render(widget, record);
}

/** Load the formula engine when the question comes within a screen of the viewport, or is reached by keyboard. */
const nearViewport =
  typeof IntersectionObserver === 'undefined'
    ? undefined
    : new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          nearViewport?.disconnect();
          void formulaModule();
        },
        { rootMargin: '100% 0px' },
      );

function wire(widget: Widget) {
  if (needsFormulas(widget)) {
    nearViewport?.observe(widget.form);
    widget.form.addEventListener('focusin', () => void formulaModule(), { once: true });
    widget.form.addEventListener('input', (event) => {
      const field = (event.target as Element).closest<HTMLElement>('[data-formula]');
      if (field) void formulaModule().then((formula) => formula.preview(field));
    });
  }
  // A learner who starts on a question is likely to need its next variant: fetch the file early.
  if (widget.variantsUrl && widget.question.type === 'parametrized') {
    widget.form.addEventListener('focusin', () => void allVariants(widget).catch(() => undefined), { once: true });
  }
  widget.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(widget);
  });
  widget.form.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-move], button[data-reveal]');
    if (!button) return;
    if (button.dataset.move) move(button);
    else reveal(widget);
  });
}

function updateScores(lessonId: string) {
  for (const { root, data } of quizzes) {
    if (data.lessonId !== lessonId) continue;
    const totals = quizTotals(data.questions, store.lesson(lessonId).quiz);
    const score = String(Math.round(totals.score * 100) / 100);
    for (const output of findAll(root, '[data-score]')) output.textContent = score;
    const bar = find<HTMLProgressElement>(root, '[data-score-bar]');
    if (bar) bar.value = totals.score;
    const answered = find(root, '[data-answered]');
    if (answered) answered.textContent = `${totals.answered} of ${totals.questions} answered`;
    const first = find(root, '[data-first-score]');
    if (first) first.textContent = String(Math.round(totals.firstScore * 100) / 100);
    const mastered = find(root, '[data-mastered]');
    if (mastered) mastered.textContent = `${totals.mastered} of ${totals.questions}`;
    const self = find(root, '[data-self-score]');
    if (self) {
      self.textContent = `${Math.round(totals.selfScore * 100) / 100} of ${totals.selfMax} (${totals.selfRated} of ${totals.selfQuestions} rated)`;
    }
    // Once every question is settled, point at the review.
    const hint = find(root, '[data-review-hint]');
    if (hint) hint.hidden = !widgets.every((w) => w.lessonId !== lessonId || isSettled(w.question, recordOf(w), w.limit));
  }
}

function reset(lessonId: string, root: HTMLElement) {
  const question =
    'Clear every answer and score of this quiz? This cannot be undone (export your progress to keep a copy).';
  if (!window.confirm(question)) return;
  store.resetQuiz(lessonId);
  lms?.report();
  for (const widget of widgets.filter((w) => w.lessonId === lessonId)) {
    widget.form.reset();
    if (needsFormulas(widget)) previewAll(widget.form);
    reorder(widget.form, widget.initialOrder);
    const model = find(widget.form, '[data-model]');
    if (model) model.hidden = true;
    if (widget.question.type === 'code') void codeModule().then((code) => code.show(widget.form, undefined));
    restore(widget, undefined);
  }
  updateScores(lessonId);
  const status = find(root, '[data-quiz-status]');
  if (status) status.textContent = 'The quiz has been reset.';
}

function mount(root: HTMLElement, review?: ReviewSitting) {
  const source = find(root, 'script[data-quiz-data]')?.textContent;
  if (!source) return;
  const data = JSON.parse(source) as QuizPageData;
  const records = store.lesson(data.lessonId).quiz;
  const forms = new Map(findAll<HTMLFormElement>(root, 'form[data-question]').map((f) => [f.dataset.question, f]));
  for (const question of data.questions) {
    const form = forms.get(question.id);
    if (!form) continue;
    const widget: Widget = {
      lessonId: data.lessonId,
      question,
      limit: attemptLimit(question, data.attempts),
      form,
      initialOrder: items(form).map((li) => li.dataset.item ?? ''),
      seed: question.type === 'parametrized' ? question.variants[0]?.seed : undefined,
      variantsUrl: data.variantsUrl,
      confidence: data.confidence ?? 'ask',
      ...(review ? { review } : {}),
    };
    widgets.push(widget);
    wire(widget);
    const list = find(form, '[data-order]');
    if (list) syncMoveButtons(list);
    // A review starts empty, on its own variant (which the page as built may not show).
    if (review) restore(widget, undefined);
    else restore(widget, records[question.id], true);
  }
  if (data.complete) {
    quizzes.push({ root, data });
    const totals = quizTotals(data.questions, {});
    store.setQuizSize(data.lessonId, { points: totals.max, questions: totals.questions });
    find(root, '[data-reset]')?.addEventListener('click', () => reset(data.lessonId, root));
    find(root, '[data-review]')?.addEventListener('click', () => {
      // A parametrized question is reviewed in the variant answered, which the page may not carry.
      const mine = widgets.filter((w) => w.lessonId === data.lessonId && w.form.closest('[data-quiz]') === root);
      const missing = mine.filter((w) => w.question.type === 'parametrized' && !hasVariant(w, recordOf(w)?.seed ?? w.seed));
      const loaded = Promise.all(missing.map((w) => allVariants(w).catch(() => undefined)));
      void Promise.all([reviewModule(), loaded]).then(([review]) =>
        review.open(
          root,
          mine.map((w) => {
            const record = recordOf(w);
            return { ...w, record, settled: isSettled(w.question, record, w.limit), answer: describeAnswer(w.question, record?.response) };
          }),
        ),
      );
    });
    updateScores(data.lessonId);
  }
  // Every Check button answers from here on (the phone benchmark times the page to this point).
  root.dataset.quizReady = '';
  performance.mark('quiz-ready');
}

/** Bring one question of the Review page to life (a root like Quiz.astro's, holding that one question). */
export function mountReview(root: HTMLElement, sitting: ReviewSitting): void {
  mount(root, sitting);
}

function start() {
  for (const root of findAll(document, '[data-quiz]')) mount(root);
  // Now the quiz's size is known: the LMS gets this lesson's score and status from the first visit on.
  lms?.report();
}

// Inside an LMS, what it kept for this lesson is merged into the store before any answer is shown.
const lmsStarting = connectLms();
if (lmsStarting) {
  void lmsStarting.then((session) => {
    lms = session;
    start();
  });
} else {
  start();
}
// One place per page for notices about saved progress: the first the page offers.
const noticeArea = find(document, '[data-progress-notice]');
if (noticeArea) showProgressNotices(noticeArea);
