/**
 * `<course-explorer-task>` (ExplorerTask.astro): on Check, reads the explorer's controls and
 * grades them with the shared grader, so the verdict is about the run on screen. The
 * explanation opens once the task is solved, or after three tries (a learner stuck on it
 * should still get the idea). A solved task is saved in the lesson's progress, as a checked
 * prediction is, so it is still solved (explanation open) on the next visit.
 */
import { BOWL_TASKS, gradeBowlTask, isBowlTask } from '../../charts/bowlExplorerTasks';
import { isBowlExplorer } from '../../charts/bowlExplorer';
import { EXPLORER_TASKS, gradeExplorerTask } from '../../charts/explorerTasks';
import type { ExplorerTaskGrade, ExplorerTaskName } from '../../charts/explorerTasks';
import { progressStore } from '../../progress/local';
import { readBowlSettings } from '../charts/bowl-settings';
import { readSettings } from '../charts/explorer-settings';

/** Tries after which the explanation is shown even without a right answer. */
const TRIES_BEFORE_REVEAL = 3;

/** The grade of the task for the controls of its explorer, or undefined for a task or explorer this page does not know. */
function grade(task: string, chart: string, controls: HTMLFieldSetElement): ExplorerTaskGrade | undefined {
  if (isBowlTask(task)) return isBowlExplorer(chart) ? gradeBowlTask(task, readBowlSettings(controls, chart)) : undefined;
  if (Object.hasOwn(EXPLORER_TASKS, task)) return gradeExplorerTask(task as ExplorerTaskName, readSettings(controls));
  return undefined;
}

class CourseExplorerTask extends HTMLElement {
  #tries = 0;

  connectedCallback() {
    this.querySelector('[data-task-check]')?.addEventListener('click', this.#check);
    this.#restore();
  }

  disconnectedCallback() {
    this.querySelector('[data-task-check]')?.removeEventListener('click', this.#check);
  }

  /** A task solved on an earlier visit shows as solved, its explanation open. */
  #restore() {
    const lesson = this.dataset.lesson;
    const task = this.dataset.task ?? '';
    if (!lesson || !progressStore().solvedExplorerTasks(lesson).includes(task)) return;
    this.dataset.result = 'correct';
    this.toggleAttribute('data-revealed', true);
    const feedback = this.querySelector<HTMLElement>('[data-task-feedback]');
    if (feedback) feedback.textContent = 'Solved on an earlier visit. The explanation is below; the explorer is yours to try again.';
  }

  #check = () => {
    const task = this.dataset.task ?? '';
    const chart = this.dataset.chart ?? '';
    const feedback = this.querySelector<HTMLElement>('[data-task-feedback]');
    if (!feedback || !(Object.hasOwn(EXPLORER_TASKS, task) || Object.hasOwn(BOWL_TASKS, task))) return;
    const controls = document.querySelector<HTMLFieldSetElement>(`course-live-chart[data-chart="${chart}"] [data-controls]`);
    if (!controls) {
      feedback.textContent = 'The explorer is not on this page, so there is nothing to check.';
      return;
    }
    const result = grade(task, chart, controls);
    if (!result) return;
    this.#tries += 1;
    this.dataset.result = result.correct ? 'correct' : 'wrong';
    feedback.textContent = `${result.correct ? '' : 'Not yet. '}${result.feedback}`;
    if (result.correct && this.dataset.lesson) progressStore().solveExplorerTask(this.dataset.lesson, task);
    if (result.correct || this.#tries >= TRIES_BEFORE_REVEAL) {
      if (!result.correct && !this.hasAttribute('data-revealed')) feedback.textContent += ' The explanation is now shown below.';
      this.toggleAttribute('data-revealed', true);
    }
  };
}

if (!customElements.get('course-explorer-task')) customElements.define('course-explorer-task', CourseExplorerTask);
