import type { CodeGradable, CodeResponse } from '../../quiz/grade';
import type { TestOutcome } from '../../quiz/code';
import { attachEditor } from './editor';
import type { RunRequest } from './code-worker';

/**
 * The page side of a code question, loaded only on pages that have one: the editor, running the
 * tests in a fresh worker with a 2-second limit, and the results table. src/client/quiz/quiz.ts
 * grades and saves what `runCode` returns.
 */

/** How long the tests may run, all together, before the worker is stopped. */
export const timeLimitMs = 2000;

const find = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);

function enhance(form: HTMLFormElement): void {
  const textarea = find<HTMLTextAreaElement>(form, 'textarea[data-answer-text]');
  if (textarea) attachEditor(textarea);
}

function status(form: HTMLFormElement, text: string) {
  const line = find(form, '[data-code-status]');
  if (line) line.textContent = text;
}

/** Fill the results column: passed, or what came back and why it is wrong. */
export function showOutcomes(form: HTMLFormElement, response: unknown): void {
  const given = (response ?? {}) as Partial<CodeResponse>;
  const outcomes = Array.isArray(given.outcomes) ? given.outcomes : [];
  form.querySelectorAll<HTMLElement>('tr[data-test]').forEach((row, i) => {
    const cell = find(row, '[data-test-result]');
    if (!cell) return;
    const outcome = outcomes[i] as TestOutcome | undefined;
    row.dataset.result = outcome ? (outcome.passed ? 'passed' : 'failed') : '';
    cell.textContent = !outcome
      ? 'Not run yet'
      : outcome.passed
        ? `Passed${outcome.received ? `: returned ${outcome.received}` : ''}`
        : `Failed${outcome.received !== undefined ? `: returned ${outcome.received}` : ''}${outcome.error ? `. ${outcome.error}` : ''}`;
  });
  const textarea = find<HTMLTextAreaElement & { syncEditor?: () => void }>(form, 'textarea[data-answer-text]');
  textarea?.syncEditor?.();
  status(form, given.stopped ?? '');
}

/**
 * Run the tests on `code` in a new worker and resolve with every test's outcome. A run that has
 * not finished after `timeLimitMs` is terminated: the test that was running is marked as stopped
 * and the time it really took to stop is measured and reported.
 */
export function runCode(form: HTMLFormElement, question: CodeGradable, code: string): Promise<CodeResponse> {
  return new Promise((resolve) => {
    const outcomes: (TestOutcome | undefined)[] = question.tests.map(() => undefined);
    const started = performance.now();
    status(form, 'Running the tests…');
    const worker = new Worker(new URL('./code-worker.ts', import.meta.url), { name: 'code-tests' });
    const finish = (fill: TestOutcome, stopped?: string) => {
      clearTimeout(timer);
      worker.terminate();
      const response: CodeResponse = {
        code,
        outcomes: outcomes.map((o, i) => o ?? (i === outcomes.indexOf(undefined) ? fill : { passed: false, error: 'Not run.' })),
        ...(stopped ? { stopped } : {}),
      };
      showOutcomes(form, response);
      if (!stopped) status(form, `Ran ${question.tests.length} tests in ${Math.round(performance.now() - started)} ms.`);
      resolve(response);
    };
    const timer = setTimeout(() => {
      worker.terminate();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const stopped = `Stopped: took longer than 2 s (infinite loop?). The run was stopped after ${seconds} s.`;
      finish({ passed: false, error: 'stopped: took longer than 2 s (infinite loop?)' }, stopped);
    }, timeLimitMs);
    worker.addEventListener('message', (event: MessageEvent<{ type: string; index?: number; outcome?: TestOutcome; message?: string }>) => {
      const message = event.data;
      if (message.type === 'outcome' && message.index !== undefined && message.outcome) {
        outcomes[message.index] = message.outcome;
        showOutcomes(form, { outcomes });
      } else if (message.type === 'compile-error') {
        const error = message.message ?? 'Your code does not run.';
        outcomes.fill({ passed: false, error });
        finish({ passed: false, error }, error);
      } else if (message.type === 'done') {
        finish({ passed: false, error: 'Not run.' });
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      outcomes.fill({ passed: false, error: event.message || 'The test runner failed.' });
      finish({ passed: false, error: 'The test runner failed.' }, event.message);
    });
    const request: RunRequest = { code, functionName: question.function, tests: question.tests };
    worker.postMessage(request);
  });
}

/** What quiz.ts calls; it reaches it through the `quiz-code` element's class, once defined. */
export interface CodeApi {
  run: typeof runCode;
  show: typeof showOutcomes;
}

// The page's code questions sit in <quiz-code> elements: defining it enhances each one and hands
// quiz.ts this module's functions, without a dynamic import (and its loader) in the quiz script.
customElements.define(
  'quiz-code',
  class extends HTMLElement {
    static run = runCode;
    static show = showOutcomes;
    connectedCallback() {
      const form = this.closest('form');
      if (form) enhance(form);
    }
  },
);
