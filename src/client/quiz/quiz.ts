import type { QuestionRecord } from '../../progress/document';
import { progressStore } from '../../progress/local';
import { describeAnswer, grade, isSelfAssessed, type Grade } from '../../quiz/grade';
import type { QuizDataFileBody, QuizPageData } from '../../quiz/page';
import { attemptLimit, attemptsLeft, check, isSettled, quizTotals, standing } from '../../quiz/session';
import { clientKindOf } from '../../quiz/types/client';
import { kinds } from '../../quiz/types/index';
import type { QuestionKind } from '../../quiz/types/kind';
import { find, findAll, writeChoices, type QuizPage, type Widget } from '../../quiz/types/client-kind';
import { showProgressNotices } from './notices';
import { connectLms } from './lms';
import type { LmsSession } from '../../lms/session';
import { confidenceLabels, confidenceMark, isConfidence, type Confidence } from '../../progress/confidence';
import type { openReview as OpenReview } from './review';
import { formulaEngine, formulaTypes } from '../../quiz/expression/engine';

/**
 * The quiz in the page: reads the learner's response through its type's client half
 * (src/quiz/types/<type>/client.ts, registry client.ts), grades it with the shared grader, saves
 * it, and shows feedback. Everything else (questions, math, hints) is server-rendered. Code
 * questions (editor, worker) and the review load on demand, so pages pay for them only when they
 * are used. Markup contract: Question.astro, each type's Render.astro, Quiz.astro and CheckYourself.astro.
 */

import type { ReviewSitting } from '../../quiz/types/client-kind';
export type { ReviewSitting };

const store = progressStore();
/** The LMS session when the page runs as a SCO (set before the quiz mounts), else undefined. */
let lms: LmsSession | undefined;
const widgets: Widget[] = [];
/** What the types' client halves may call back (restore, say, once a variant has loaded). */
const page: QuizPage = {
  widgets,
  // A type's widget is a widget: the casts only widen its question to every type's.
  record: (widget) => recordOf(widget as unknown as Widget),
  restore: (widget, record) => restore(widget as unknown as Widget, record),
  showInvalid: (widget, reason) => showInvalid(widget as unknown as Widget, reason),
  load: (widget) => load(widget as unknown as Widget),
};
const quizzes: { root: HTMLElement; data: QuizPageData }[] = [];

const recordOf = (w: Widget): QuestionRecord | undefined => (w.review ? w.review.record : store.lesson(w.lessonId).quiz[w.question.id]);
const points = (n: number) => `${Math.round(n * 100) / 100} ${n === 1 ? 'point' : 'points'}`;
/** The review, loaded when asked for. */
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

const kindOf = (widget: Widget) => clientKindOf(widget.question.type);

/** Quiz data files by URL, each fetched once per page (from the service worker's precache when there is one). */
const dataFiles = new Map<string, Promise<QuizDataFileBody>>();
function dataFile(url: string): Promise<QuizDataFileBody> {
  let file = dataFiles.get(url);
  if (!file) {
    file = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json() as Promise<QuizDataFileBody>;
    });
    // A failed fetch (offline without the service worker, say) is tried again next time.
    file.catch(() => dataFiles.delete(url));
    dataFiles.set(url, file);
  }
  return file;
}

/**
 * The widget's complete question, from the lesson's quiz data file, into every widget of the page
 * that waits on the same file (the quiz and the inline questions). Resolves at once when it has it.
 */
async function load(widget: Widget): Promise<void> {
  const url = widget.dataUrl;
  if (!url) return;
  const file = await dataFile(url);
  for (const w of widgets) {
    if (w.dataUrl !== url) continue;
    const full = file.questions[w.question.id];
    if (!full) throw new Error(`${url} has no question ${w.question.id}`);
    w.question = full;
    w.dataUrl = undefined;
    kindOf(w).loaded?.(w);
  }
}

/** While the question's data loads, the question takes no answer. */
function setLoading(widget: Widget, loading: boolean) {
  if (loading) widget.form.setAttribute('aria-busy', 'true');
  else widget.form.removeAttribute('aria-busy');
  for (const control of findAll<HTMLInputElement | HTMLButtonElement>(widget.form, 'input[data-answer], [data-answer-text], [data-check]')) {
    control.disabled = loading;
  }
}

/** The question's data could not be had: say so, and leave the question closed. */
function dataUnavailable(widget: Widget) {
  setLoading(widget, true);
  widget.form.removeAttribute('aria-busy');
  const line = document.createElement('p');
  line.className = 'quiz-verdict quiz-invalid';
  line.textContent = 'The answers to this question could not be loaded. Check your connection, then reload the page.';
  find(widget.form, '[data-feedback]')?.replaceChildren(line);
}

/** Run `then` once the widget has its data; meanwhile the question is busy, and closed if the data cannot be had. */
function withData(widget: Widget, then: () => void) {
  if (!widget.dataUrl) return then();
  setLoading(widget, true);
  load(widget).then(
    () => {
      setLoading(widget, false);
      then();
    },
    () => dataUnavailable(widget),
  );
}

/** The explanation of the question as now shown (a parametrized question's: the variant's). */
const explanationOf = (widget: Widget) =>
  (kinds[widget.question.type] as QuestionKind).reviewed?.(widget.question as never, { seed: widget.seed })?.explanation ?? widget.question.explanation;

/** The explanation box, made when first needed: the page does not carry explanations. */
function explanationBox(form: HTMLFormElement, html: string | undefined): HTMLElement | null {
  let box = find(form, '[data-explanation]');
  if (!box && html) {
    box = document.createElement('div');
    box.className = 'quiz-explanation';
    box.dataset.explanation = '';
    box.innerHTML = '<p class="quiz-explanation-title"><strong>Explanation</strong></p><div data-explanation-body></div>';
    find(form, '[data-result]')?.append(box);
  }
  const body = box && find(box, '[data-explanation-body]');
  if (body && html !== undefined) body.innerHTML = html;
  return box;
}

function writeResponse(widget: Widget, response: unknown) {
  const kind = kindOf(widget);
  if (kind.write) kind.write(widget, response, page);
  else writeChoices(widget.form, response);
  if (needsFormulas(widget)) previewAll(widget.form);
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
  const explanation = explanationBox(form, settled ? explanationOf(widget) : undefined);
  if (explanation) explanation.hidden = !settled;
  const model = find(form, '[data-model]');
  if (model && record) model.hidden = false;
  if (!self) {
    const controls = 'input[data-answer], [data-answer-text], [data-move], [data-check]';
    const { lock } = kindOf(widget);
    for (const control of findAll<HTMLInputElement | HTMLButtonElement>(form, controls)) {
      if (!lock?.(control, settled)) control.disabled = settled;
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
  // A learner who checks before the question's data or the engine has arrived waits for it rather than getting "loading".
  if (widget.dataUrl) {
    try {
      await load(widget);
    } catch {
      dataUnavailable(widget);
      return;
    }
  }
  if (needsFormulas(widget) && !formulaEngine()) await formulaModule();
  const previous = recordOf(widget);
  const kind = kindOf(widget);
  let response = kind.read(widget);
  if (kind.run) response = await kind.run(widget, response);
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
  await kind.afterCheck?.(widget, outcome.record, page);
  updateScores(widget.lessonId);
  widget.review?.checked(outcome.record, isSettled(widget.question, outcome.record, widget.limit));
  if (!isSelfAssessed(widget.question) && isSettled(widget.question, outcome.record, widget.limit)) {
    // The Check button is now disabled; take focus to the result instead of losing it.
    find(widget.form, '[data-result]')?.focus();
  }
}

/** Show a question as its record says: the variant, the response, the feedback. */
function restore(widget: Widget, record: QuestionRecord | undefined, built = false) {
  // The page as built shows an unanswered question: on load, only the attempts line changes.
  if (built && !record) return showAttempts(widget, undefined);
  // Anything else is shown from the question's data. That the question holds an answer is known at once
  // (what waits on one, a prediction's reveal, shows without announcing a change).
  if (widget.dataUrl) {
    widget.form.toggleAttribute('data-recorded', record !== undefined);
    return withData(widget, () => restore(widget, recordOf(widget)));
  }
  // Feedback on a saved formula is the grader's: bring the engine first.
  if (record && needsFormulas(widget) && !formulaEngine()) {
    void formulaModule().then(() => restore(widget, recordOf(widget)));
    return;
  }
  const kind = kindOf(widget);
  kind.prepare?.(widget, record, page);
  if (record && (kind.showsResponse?.(widget, record) ?? true)) writeResponse(widget, record.response);
  showConfidence(widget, record);
  render(widget, record);
}

/** Run `then` once when an element comes within `margin` of the viewport (at once without IntersectionObserver). */
function whenNear(element: Element, margin: string, then: () => void) {
  if (typeof IntersectionObserver === 'undefined') return then();
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      then();
    },
    { rootMargin: margin },
  );
  observer.observe(element);
}
/** Whether the formula engine is on its way (one near-viewport watch is enough). */
let formulaWatched = false;

/** The "how sure are you?" control, from the page's one template into the form's slot (Question.astro). */
function confidenceControl(form: HTMLFormElement) {
  const slot = find(form, '[data-confidence-slot]');
  const control = find<HTMLTemplateElement>(document, 'template[data-confidence-template]')?.content.firstElementChild?.cloneNode(true) as HTMLElement | undefined;
  if (!slot || !control) return;
  for (const input of findAll<HTMLInputElement>(control, 'input')) input.name = `${form.id}-confidence`;
  if (slot.dataset.confidenceSlot === 'weighted') find(control, '[data-weighted]')!.hidden = false;
  slot.replaceWith(control);
}

function wire(widget: Widget) {
  confidenceControl(widget.form);
  // The question's data: when the question nears the viewport or a learner starts on it, before the first check.
  if (widget.dataUrl) {
    const prefetch = () => void load(widget).catch(() => undefined);
    whenNear(widget.form, '50% 0px', prefetch);
    widget.form.addEventListener('focusin', prefetch, { once: true });
    widget.form.addEventListener('pointerdown', prefetch, { once: true });
  }
  // The formula engine: when a question that needs it comes within a screen of the viewport, or is reached by keyboard.
  if (needsFormulas(widget)) {
    if (!formulaWatched) whenNear(widget.form, '100% 0px', () => void formulaModule());
    formulaWatched = true;
    widget.form.addEventListener('focusin', () => void formulaModule(), { once: true });
    widget.form.addEventListener('input', (event) => {
      const field = (event.target as Element).closest<HTMLElement>('[data-formula]');
      if (field) void formulaModule().then((formula) => formula.preview(field));
    });
  }
  widget.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(widget);
  });
  kindOf(widget).mount?.(widget, page);
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
    // A question a section asked stands in the quiz as a link to it, with where it stands.
    const records = store.lesson(lessonId).quiz;
    for (const row of findAll(root, '[data-asked]')) {
      const question = data.questions.find((q) => q.id === row.dataset.asked);
      const state = find(row, '[data-asked-state]');
      if (question && state) state.textContent = standing(question, records[question.id], attemptLimit(question, data.attempts));
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
    withData(widget, () => {
      kindOf(widget).reset?.(widget, page);
      restore(widget, undefined);
    });
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
      dataUrl: data.dataUrl,
      confidence: data.confidence ?? 'ask',
      ...(review ? { review } : {}),
    };
    widgets.push(widget);
    if (!widget.dataUrl) kindOf(widget).loaded?.(widget);
    wire(widget);
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
      // Every question of the quiz, in its order: its own form, or for one a section asked, that section's.
      const lessonWidgets = widgets.filter((w) => w.lessonId === data.lessonId && !w.review);
      const mine = data.questions.flatMap((q) => {
        const forms = lessonWidgets.filter((w) => w.question.id === q.id);
        const widget = forms.find((w) => w.form.closest('[data-quiz]') === root) ?? forms[0];
        return widget ? [widget] : [];
      });
      // The review shows the right answers and explanations: it needs the questions' data.
      const loaded = Promise.all(mine.map((w) => load(w)));
      loaded.catch(() => {
        const status = find(root, '[data-quiz-status]');
        if (status) status.textContent = 'The review could not be loaded. Check your connection, then try again.';
      });
      void Promise.all([reviewModule(), loaded]).then(([review]) =>
        review.open(
          root,
          mine.map((w) => {
            const record = recordOf(w);
            // Labelled as the quiz numbers it ("Question 5"), also when the form is a section's ("Check yourself").
            const label = find(root, `[data-asked="${w.question.id}"] .quiz-label`)?.textContent ?? undefined;
            return { ...w, label, record, settled: isSettled(w.question, record, w.limit), answer: describeAnswer(w.question, record?.response) };
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
