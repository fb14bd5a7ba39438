import type { QuestionRecord } from '../../progress/document';
import { progressStore } from '../../progress/local';
import { dueInWords, dueReviews, entryOf, nextDue, reviewSeed, scheduleReview, type DueReview, type ReviewItem } from '../../progress/review';
import { mountReview, type ReviewSitting } from '../quiz/quiz';
import { reviewsChanged } from './due-count';
import { parseOwnPage } from '../own-page';

/**
 * The Review page (src/pages/review/index.astro): what is due, one question at a time. The page
 * reads the reviewable questions from items.json and fetches, for each lesson with a question due,
 * that lesson's review file (src/pages/review/questions/[lesson].astro): the build-rendered
 * templates of its questions. Each question shown is a fresh copy of its template, brought to life
 * by the quiz script's review hook, so it is answered and graded exactly as in its lesson, but the
 * sitting is kept apart from the lesson's saved answer. When it is settled (right, or out of
 * checks) the sitting is rated through review.ts (correctness, attempts, confidence) and the next
 * due date is shown.
 */

const store = progressStore();
const find = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
const keyOf = (item: ReviewItem) => `${item.lessonId}/${item.questionId}`;

/** The templates of the lessons fetched so far, by question. */
const templates = new Map<string, HTMLTemplateElement>();
/** Each lesson's review file, fetched once a visit: whether its templates are here. */
const lessonFiles = new Map<string, Promise<boolean>>();
const templateShelf = find('[data-review-questions]')!;
let items: ReviewItem[] = [];

/** The reviewable questions of the site (the header's due count reads the same file; precached, so offline too). */
async function loadItems(): Promise<ReviewItem[]> {
  const response = await fetch(new URL('items.json', location.href));
  if (!response.ok) throw new Error(`items.json: ${response.status}`);
  return ((await response.json()) as { items: ReviewItem[] }).items;
}

/**
 * A lesson's review file: our own build's HTML, parsed inert (parseOwnPage) and only its
 * `template[data-review-question]` elements kept. False when it cannot be had (offline, and that lesson's
 * file never saved on this device).
 */
function loadLesson(lessonId: string): Promise<boolean> {
  let loaded = lessonFiles.get(lessonId);
  if (!loaded) {
    // index.html named: a SCORM package's LMS serves no directory index (src/lms/package.ts).
    loaded = fetch(new URL(`questions/${lessonId}/index.html`, location.href))
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`${response.status}`))))
      .then((html) => {
        const file = parseOwnPage(html);
        for (const template of file.querySelectorAll<HTMLTemplateElement>('template[data-review-question]')) {
          const own = document.importNode(template, true);
          templateShelf.append(own);
          templates.set(keyOf({ lessonId: own.dataset.lesson ?? '', questionId: own.dataset.question ?? '', contentHash: '' }), own);
        }
        return true;
      })
      .catch(() => false);
    lessonFiles.set(lessonId, loaded);
  }
  return loaded;
}

const session = find('[data-review-session]')!;
const stage = find('[data-review-stage]')!;
const after = find('[data-review-after]')!;
const nextDueLine = find('[data-review-next-due]')!;
const continueButton = find<HTMLButtonElement>('[data-review-continue]')!;
const empty = find('[data-review-empty]')!;

/** Questions passed over with "Skip for now": not asked again on this visit. */
const skipped = new Set<string>();
let current: { item: DueReview; sitting: ReviewSitting; rated: boolean } | undefined;
/** Reviews rated on this visit, for "Question 2 of 5" and "Well done". */
let ratedHere = 0;

const when = (due: Date) =>
  `${dueInWords(due, new Date())} (${due.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' })})`;

/** Due questions whose lesson's review file could not be fetched (offline, never saved here): left out this visit. */
const unavailable = new Set<string>();
const unavailableNote = () => {
  const away = unavailable.size;
  return away === 0 ? '' : ` ${away} due from lessons not saved on this device ${away === 1 ? 'is' : 'are'} left out: open those lessons online to review them.`;
};

/** What is due now, without the questions passed over and those whose lesson's file could not be had. */
function due(): DueReview[] {
  return dueReviews(store.read(), items, new Date()).filter((d) => !skipped.has(keyOf(d)) && !unavailable.has(keyOf(d)));
}

/** The due questions' lessons' review files, fetched (in parallel) before the queue is shown. */
async function loadDue(): Promise<DueReview[]> {
  const queue = due();
  const lessons = [...new Set(queue.map((d) => d.lessonId))];
  const loaded = await Promise.all(lessons.map(loadLesson));
  const missing = new Set(lessons.filter((_, i) => !loaded[i]));
  for (const d of queue) if (missing.has(d.lessonId) || !templates.has(keyOf(d))) unavailable.add(keyOf(d));
  return due();
}

function showQueue(queue: DueReview[]) {
  const summary = find('[data-review-summary]')!;
  const count = queue.length;
  summary.textContent =
    (count === 0 ? 'Nothing is due now.' : `${count} ${count === 1 ? 'question is' : 'questions are'} due for review.`) + unavailableNote();
  const byLesson = new Map<string, number>();
  for (const d of queue) byLesson.set(d.lessonId, (byLesson.get(d.lessonId) ?? 0) + 1);
  find('[data-review-queue]')!.replaceChildren(
    ...[...byLesson].map(([lessonId, n]) => {
      const li = document.createElement('li');
      const title = templates.get(keyOf(queue.find((d) => d.lessonId === lessonId)!))?.dataset.lessonTitle ?? '';
      li.textContent = `Lesson ${lessonId} ${title}: ${n} ${n === 1 ? 'question' : 'questions'}`;
      return li;
    }),
  );
}

/** The variant seeds of a question that comes in variants (the build lists them on its template; none for others). */
function seedsOf(template: HTMLTemplateElement): number[] {
  return (template.dataset.seeds ?? '').split(' ').filter(Boolean).map(Number);
}

function present(item: DueReview) {
  const template = templates.get(keyOf(item))!;
  const copy = template.content.cloneNode(true) as DocumentFragment;
  const root = copy.querySelector<HTMLElement>('.review-question')!;
  const progress = store.read();
  const entry = entryOf(progress, item);
  const record = progress.lessons[item.lessonId]?.quiz[item.questionId];
  // A fresh variant: not the one last answered, stepping through the seeds with each review.
  const seed = reviewSeed(seedsOf(template), entry?.last?.seed ?? record?.seed, entry?.card.reps ?? 0);
  const sitting: ReviewSitting = {
    ...(seed !== undefined ? { seed } : {}),
    checked: (checkedRecord, settled) => {
      if (settled) rate(checkedRecord);
      else continueButton.textContent = 'Give up and go on';
    },
  };
  current = { item, sitting, rated: false };
  stage.replaceChildren(copy);
  const source = find('[data-review-source]')!;
  const link = document.createElement('a');
  link.href = template.dataset.lessonUrl ?? '#';
  link.textContent = `Lesson ${item.lessonId} ${template.dataset.lessonTitle ?? ''}`;
  source.replaceChildren(
    item.reason === 'changed' ? 'This question changed since you last answered it, so it starts afresh. From ' : 'From ',
    link,
  );
  after.hidden = true;
  continueButton.textContent = 'Skip for now';
  session.hidden = false;
  empty.hidden = true;
  mountReview(root, sitting);
}

/** Rate the sitting (review.ts turns correctness, attempts and confidence into an FSRS rating) and save it. */
function rate(record: Pick<QuestionRecord, 'correct' | 'attempts' | 'confidence' | 'seed'>) {
  if (!current || current.rated) return;
  current.rated = true;
  ratedHere += 1;
  const { item, sitting } = current;
  const now = new Date();
  const entry = scheduleReview(
    entryOf(store.read(), item),
    { correct: record.correct, attempts: record.attempts, ...(record.confidence ? { confidence: record.confidence } : {}) },
    now,
    item.contentHash,
    record.seed ?? sitting.seed,
  );
  store.recordReview(item.lessonId, item.questionId, entry);
  reviewsChanged();
  nextDueLine.textContent = `${record.correct ? 'Reviewed.' : 'Not this time: it comes back soon.'} Next review of this question: ${when(new Date(entry.card.due))}.`;
  after.hidden = false;
  const queue = due();
  continueButton.textContent = queue.length > 0 ? 'Next question' : 'Finish';
  showQueue(queue);
}

async function showNext() {
  const queue = await loadDue();
  showQueue(queue);
  const next = queue[0];
  if (next) {
    present(next);
    find('[data-review-heading]')!.textContent = `Question ${ratedHere + 1} of ${ratedHere + queue.length}`;
    find('[data-review-today]')!.hidden = false;
    return;
  }
  current = undefined;
  stage.replaceChildren();
  session.hidden = true;
  empty.hidden = false;
  // "Nothing due" says it all: the empty "Due today" list would only repeat it.
  find('[data-review-today]')!.hidden = true;
  const upcoming = nextDue(store.read(), items, new Date());
  const done = ratedHere > 0 ? `Well done: ${ratedHere} ${ratedHere === 1 ? 'review' : 'reviews'} finished. ` : '';
  find('[data-review-empty-text]')!.textContent = upcoming
    ? `${done}Nothing is due now.${unavailableNote()} The next review is due ${when(upcoming)}.`
    : unavailable.size > 0
      ? `${done}Nothing is due now.${unavailableNote()}`
      : 'Nothing to review yet: answer questions in the lessons and they will come back here when they are due.';
}

continueButton.addEventListener('click', async () => {
  if (current && !current.rated) {
    // Checked but not settled: going on counts as not knowing it. Not checked at all: skipped, still due.
    if (current.sitting.record) rate({ ...current.sitting.record, correct: false });
    else skipped.add(keyOf(current.item));
  }
  await showNext();
  // Keyboard users land on what is new: the next question's heading, or "Nothing due".
  (session.hidden ? find('#review-empty-title') : find('[data-review-heading]'))?.focus();
});

loadItems()
  .then((list) => {
    items = list;
    return showNext();
  })
  .catch(() => {
    find('[data-review-summary]')!.textContent = 'The list of questions to review could not be loaded: reload the page to try again.';
  });
