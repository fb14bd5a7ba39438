/**
 * `<course-explorer-task>` (ExplorerTask.astro): on Check, reads the explorer's controls and
 * grades them with the shared grader, so the verdict is about the run on screen. The
 * explanation opens once the task is solved, or after three tries (a learner stuck on it
 * should still get the idea).
 */
import { EXPLORER_TASKS, gradeExplorerTask } from '../../charts/explorerTasks';
import type { ExplorerTaskName } from '../../charts/explorerTasks';
import { readSettings } from '../charts/explorer-settings';

/** Tries after which the explanation is shown even without a right answer. */
const TRIES_BEFORE_REVEAL = 3;

class CourseExplorerTask extends HTMLElement {
  #tries = 0;

  connectedCallback() {
    this.querySelector('[data-task-check]')?.addEventListener('click', this.#check);
  }

  disconnectedCallback() {
    this.querySelector('[data-task-check]')?.removeEventListener('click', this.#check);
  }

  #check = () => {
    const task = this.dataset.task ?? '';
    const feedback = this.querySelector<HTMLElement>('[data-task-feedback]');
    const controls = document.querySelector<HTMLFieldSetElement>(`course-live-chart[data-chart="${this.dataset.chart ?? ''}"] [data-controls]`);
    if (!feedback || !Object.hasOwn(EXPLORER_TASKS, task)) return;
    if (!controls) {
      feedback.textContent = 'The explorer is not on this page, so there is nothing to check.';
      return;
    }
    const grade = gradeExplorerTask(task as ExplorerTaskName, readSettings(controls));
    this.#tries += 1;
    this.dataset.result = grade.correct ? 'correct' : 'wrong';
    feedback.textContent = `${grade.correct ? '' : 'Not yet. '}${grade.feedback}`;
    if (grade.correct || this.#tries >= TRIES_BEFORE_REVEAL) {
      if (!grade.correct && !this.hasAttribute('data-revealed')) feedback.textContent += ' The explanation is now shown below.';
      this.toggleAttribute('data-revealed', true);
    }
  };
}

if (!customElements.get('course-explorer-task')) customElements.define('course-explorer-task', CourseExplorerTask);
