import type { QuestionRecord } from '../../progress/document';
import { describeResponse } from '../../quiz/describe';
import { assemble, describeAnswer, isSelfAssessed, variantOf, type Gradable } from '../../quiz/grade';
import { isSettled } from '../../quiz/session';

/**
 * The review of a quiz: every question with the learner's answer, the right one, the explanation
 * and, for a parametrized question, the numbers they were given. Loaded when the learner asks for
 * it. A question that is not settled yet shows the learner's answer but not the right one: the
 * review is a way to look back, not a way round the checks.
 */

export interface ReviewItem {
  question: Gradable;
  form: HTMLFormElement;
  record: QuestionRecord | undefined;
  limit: number;
}

const html = (tag: string, className: string, inner: string) => `<${tag} class="${className}">${inner}</${tag}>`;

function reviewOf({ question, form, record, limit }: ReviewItem, index: number): string {
  const label = form.querySelector('.quiz-label')?.textContent ?? `Question ${index + 1}`;
  const settled = isSettled(question, record, limit);
  const variant = question.type === 'parametrized' ? variantOf(question, record?.seed) : undefined;
  // A parametrized question is reviewed in the variant the learner answered, not the one now on show.
  const prompt = question.type === 'parametrized' && variant ? assemble(question, variant.prompt) : (form.querySelector('.quiz-prompt')?.innerHTML ?? '');
  const explanation =
    question.type === 'parametrized' && variant
      ? assemble(question, variant.explanation)
      : (form.querySelector('[data-explanation-body]')?.innerHTML ?? '');
  const parts = [`<h3>${label}</h3>`, html('div', 'quiz-review-prompt', prompt)];
  if (variant) {
    const numbers = Object.entries(variant.params).map(([name, value]) => `${name} = ${value}`).join(', ');
    parts.push(html('p', 'quiz-review-params', `<strong>Your numbers:</strong> ${numbers}`));
  }
  const given = record ? describeResponse(question, record.response) : undefined;
  parts.push(html('p', 'quiz-review-yours', `<strong>Your answer:</strong> ${given ?? 'not answered yet'}`));
  if (record) {
    const score = Math.round(record.score * 100) / 100;
    parts.push(html('p', 'quiz-review-score', `${score} of ${record.max} ${record.max === 1 ? 'point' : 'points'}${isSelfAssessed(question) ? ', self-assessed' : ''}.`));
  }
  if (settled) {
    const answer = describeAnswer(question, record?.response);
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
