/**
 * `<course-predict>` (Predict.astro): shows the reveal once the prediction question holds a
 * checked answer, at start-up (an answer saved on an earlier visit) or when the learner
 * checks one; hides it again when the quiz is reset. The quiz marks a question's form with
 * `data-recorded` while it holds an answer (src/client/quiz/quiz.ts), so this element needs no
 * knowledge of grading.
 */
class CoursePredict extends HTMLElement {
  #observer: MutationObserver | undefined;

  connectedCallback() {
    const form = this.querySelector<HTMLFormElement>('form[data-question]');
    if (!form) return;
    this.#show(form.hasAttribute('data-recorded'), false);
    this.#observer = new MutationObserver(() => this.#show(form.hasAttribute('data-recorded'), true));
    this.#observer.observe(form, { attributes: true, attributeFilter: ['data-recorded'] });
    // A link to a figure inside the reveal (a cross-reference, a shared URL) shows it: the reader
    // asked for that figure, and an anchor must land on its target.
    this.#showLinkedTarget();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  #onHashChange = () => this.#showLinkedTarget();

  #showLinkedTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target || this.hasAttribute('data-revealed') || !this.querySelector(':scope > [data-reveal]')?.contains(target)) return;
    this.#show(true, false);
    target.scrollIntoView();
  }

  #show(revealed: boolean, announce: boolean) {
    if (revealed === this.hasAttribute('data-revealed')) return;
    this.toggleAttribute('data-revealed', revealed);
    const status = this.querySelector('[data-predict-status]');
    // Announced only for the learner's own check, not for an answer restored at start-up.
    if (status) status.textContent = announce && revealed ? 'Your prediction is checked: the run is now shown below it.' : '';
  }
}

if (!customElements.get('course-predict')) customElements.define('course-predict', CoursePredict);
