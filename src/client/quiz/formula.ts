/**
 * The formula engine in the page (mathjs's parser, ~90 KB gzip) and Temml for the live preview (the same MathML the build writes).
 * quiz.ts puts its script (FormulaScript.astro) into the page when an expression or multi-part
 * question nears the viewport or the learner reaches it, so other pages, and these pages until
 * then, never load it.
 */
import '../../quiz/expression/install';
import temml from 'temml';
import { formulaEngine } from '../../quiz/expression/engine';
import { mathOptions } from '../../markdown/math-options';

/** Show in the preview how the formula typed so far is read, or what stops it being read. */
function preview(field: HTMLElement): void {
  const input = field.querySelector<HTMLInputElement>('[data-answer-text]');
  const output = field.querySelector<HTMLElement>('[data-formula-preview]');
  const engine = formulaEngine();
  if (!input || !output || !engine) return;
  const variables = JSON.parse(field.dataset.variables ?? '[]') as string[];
  const typed = input.value;
  if (typed.trim() === '') {
    output.textContent = 'As you type, the formula is shown here as it is read.';
    output.classList.remove('quiz-formula-unreadable');
    return;
  }
  const read = engine.preview(variables, typed);
  if ('error' in read) {
    output.textContent = `Not readable yet: ${read.error}`;
    output.classList.add('quiz-formula-unreadable');
    return;
  }
  output.classList.remove('quiz-formula-unreadable');
  output.innerHTML = `<span class="quiz-formula-read">Read as</span> ${temml.renderToString(read.tex, { ...mathOptions, throwOnError: false })}`;
}

/** quiz.ts reaches this module through the element's class (FormulaScript.astro), as it does the review. */
customElements.define(
  'quiz-formula-engine',
  class extends HTMLElement {
    static preview = preview;
  },
);
