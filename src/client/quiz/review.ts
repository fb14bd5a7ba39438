import type { QuestionRecord } from '../../progress/document';
import { describeResponse } from '../../quiz/describe';
import type { Gradable } from '../../quiz/grade';
import { kinds } from '../../quiz/types/index';
import type { QuestionKind } from '../../quiz/types/kind';

/**
 * The review of a quiz: every question with the learner's answer, the right one, the explanation
 * and, for a parametrized question, the numbers they were given. Loaded when the learner asks for
 * it. A question that is not settled yet shows the learner's answer but not the right one: the
 * review is a way to look back, not a way round the checks.
 */

export interface ReviewItem {
  question: Gradable;
  form: HTMLFormElement;
  /** The question's label in the quiz, when its form is elsewhere (a section's check); else its form's. */
  label?: string;
  record: QuestionRecord | undefined;
  /** Right, out of checks or rated: the right answer may be shown. */
  settled: boolean;
  /** The right answer in words (grade.ts's describeAnswer), passed in so this module needs no grader. */
  answer: string | undefined;
}

const html = (tag: string, className: string, inner: string) => `<${tag} class="${className}">${inner}</${tag}>`;

function reviewOf({ question, form, label: quizLabel, record, settled, answer }: ReviewItem, index: number): string {
  const label = quizLabel ?? form.querySelector('.quiz-label')?.textContent ?? `Question ${index + 1}`;
  // The type may review the question as answered rather than as the page shows it now (a parametrized question's variant).
  const reviewed = (kinds[question.type] as QuestionKind).reviewed?.(question as never, record);
  const prompt = reviewed?.prompt ?? form.querySelector('.quiz-prompt')?.innerHTML ?? '';
  const explanation = reviewed?.explanation ?? question.explanation ?? '';
  const parts = [`<h3>${label}</h3>`, html('div', 'quiz-review-prompt', prompt)];
  if (reviewed?.numbers) parts.push(html('p', 'quiz-review-params', `<strong>Your numbers:</strong> ${reviewed.numbers}`));
  const given = record ? describeResponse(question, record.response) : undefined;
  parts.push(html('p', 'quiz-review-yours', `<strong>Your answer:</strong> ${given ?? 'not answered yet'}`));
  if (record) {
    const score = Math.round(record.score * 100) / 100;
    parts.push(html('p', 'quiz-review-score', `${score} of ${record.max} ${record.max === 1 ? 'point' : 'points'}${record.selfAssessed ? ', self-assessed' : ''}.`));
  }
  if (settled) {
    if (answer) parts.push(answer.startsWith('<') ? answer : html('p', 'quiz-review-answer', answer));
    if (explanation) parts.push(html('div', 'quiz-review-explanation', `<p><strong>Explanation</strong></p>${explanation}`));
  } else {
    parts.push(html('p', 'quiz-review-pending', 'The right answer and the explanation appear here once you have the question right or have used your checks.'));
  }
  return html('li', 'quiz-review-item', parts.join(''));
}

export function openReview(root: HTMLElement, items: readonly ReviewItem[]): void {
  const panel = root.querySelector<HTMLElement>('[data-review-panel]');
  const list = panel?.querySelector('[data-review-list]');
  if (!panel || !list) return;
  // Build-rendered HTML (prompts, choices, explanations) and escaped learner text only.
  list.innerHTML = items.map(reviewOf).join('');
  panel.hidden = false;
  panel.focus();
}

/** quiz.ts loads this module on demand (Quiz.astro) and calls `open` through the element's class. */
customElements.define(
  'quiz-review',
  class extends HTMLElement {
    static open = openReview;
  },
);
