import type { QuestionRecord } from '../../progress/document';
import { progressStore } from '../../progress/local';
import { dueInWords, dueReviews, entryOf, nextDue, reviewSeed, scheduleReview, type DueReview, type ReviewItem } from '../../progress/review';
import { mountReview, type ReviewSitting } from '../quiz/quiz';
import { reviewsChanged } from './due-count';

/**
 * The Review page (src/pages/review/index.astro): what is due, one question at a time. Each
 * question is a fresh copy of its build-rendered template, brought to life by the quiz script's
 * review hook, so it is answered and graded exactly as in its lesson, but the sitting is kept
 * apart from the lesson's saved answer. When it is settled (right, or out of checks) the sitting is
 * rated through review.ts (correctness, attempts, confidence) and the next due date is shown.
 */

const store = progressStore();
const find = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
const keyOf = (item: ReviewItem) => `${item.lessonId}/${item.questionId}`;

const templates = new Map<string, HTMLTemplateElement>();
const items: ReviewItem[] = [];
for (const template of document.querySelectorAll<HTMLTemplateElement>('template[data-review-question]')) {
  const { lesson = '', question = '', contentHash = '' } = template.dataset;
  const item = { lessonId: lesson, questionId: question, contentHash };
  items.push(item);
  templates.set(keyOf(item), template);
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

function due(): DueReview[] {
  return dueReviews(store.read(), items, new Date()).filter((d) => !skipped.has(keyOf(d)));
}

function showQueue(queue: DueReview[]) {
  const summary = find('[data-review-summary]')!;
  const count = queue.length;
  summary.textContent =
    count === 0 ? 'Nothing is due now.' : `${count} ${count === 1 ? 'question is' : 'questions are'} due for review.`;
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

function showNext() {
  const queue = due();
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
    ? `${done}Nothing is due now. The next review is due ${when(upcoming)}.`
    : 'Nothing to review yet: answer questions in the lessons and they will come back here when they are due.';
}

continueButton.addEventListener('click', () => {
  if (current && !current.rated) {
    // Checked but not settled: going on counts as not knowing it. Not checked at all: skipped, still due.
    if (current.sitting.record) rate({ ...current.sitting.record, correct: false });
    else skipped.add(keyOf(current.item));
  }
  showNext();
  // Keyboard users land on what is new: the next question's heading, or "Nothing due".
  (session.hidden ? find('#review-empty-title') : find('[data-review-heading]'))?.focus();
});

showNext();
