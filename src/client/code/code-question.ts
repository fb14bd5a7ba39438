import type { CodeGradable, CodeResponse } from '../../quiz/grade';
import { codeLimit, decodeValue, excerpt, gradeResult, readSandboxMessage, unexpectedResult, withHint, type TestOutcome } from '../../quiz/code';
import { attachEditor, type EditedTextarea } from './editor';
import { choiceOf, currentLanguage, restoreLanguage, wireLanguages } from './languages';
import harness from './sandbox-harness.js?raw';

/**
 * The page side of a code question, loaded only on pages that have one: the editor, running the
 * tests in a fresh worker with a 2-second limit, and the results table. src/client/quiz/quiz.ts
 * grades and saves what `runCode` returns.
 */

/** How long the tests may run, all together, before the worker is stopped. */
export const timeLimitMs = 2000;

const find = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);

function enhance(form: HTMLFormElement, element: HTMLElement): void {
  const textarea = find<HTMLTextAreaElement>(form, 'textarea[data-answer-text]');
  if (textarea) {
    const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
    // Read when the editor mounts (and again when the learner switches language): the label names the language.
    attachEditor(textarea, {
      get language() {
        return ({ typescript: 'typescript', python: 'python' } as const)[element.dataset.language as 'typescript' | 'python'] ?? 'javascript';
      },
      get label() {
        return clean([textarea.labels[0]?.textContent, find(form, '.quiz-label')?.textContent].filter(Boolean).join(', '));
      },
      get description() {
        return clean(document.getElementById(textarea.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
      },
    });
  }
  wireLanguages(form, () => watchPython(form));
  if (element.dataset.language === 'python') {
    watchPython(form);
    return;
  }
  // The source check's parser is loaded (and compiled) while the learner reads, not on the first Check.
  requestIdleCallback(() => void import('../../quiz/code-check'), { timeout: 5000 });
}

const watched = new WeakSet<HTMLFormElement>();

/** Pyodide (megabytes) only for a Python question about to be read: near the viewport, not on page load (once per form). */
function watchPython(form: HTMLFormElement) {
  if (watched.has(form) || !find(form, '[data-python-base]')) return;
  watched.add(form);
  const near = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    near.disconnect();
    // bench/python.bench.ts measures from here (the moment the question nears the viewport).
    performance.mark('python-near');
    void import('./python').then(({ preparePython }) => preparePython(form));
  }, { rootMargin: '800px 0px' });
  near.observe(form);
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
    // Saved progress may come from an older release: what is shown is cut like what is saved now.
    const received = typeof outcome?.received === 'string' ? excerpt(outcome.received) : undefined;
    const error = typeof outcome?.error === 'string' ? excerpt(outcome.error) : undefined;
    row.dataset.result = outcome ? (outcome.passed ? 'passed' : 'failed') : '';
    cell.textContent = !outcome
      ? 'Not run yet'
      : outcome.passed
        ? `Passed${received ? `: returned ${received}` : ''}`
        : `Failed${received !== undefined ? `: returned ${received}` : ''}${error ? `. ${error}` : ''}`;
  });
  restoreLanguage(form, given, () => watchPython(form));
  const textarea = find<EditedTextarea>(form, 'textarea[data-answer-text]');
  textarea?.syncEditor?.();
  status(form, typeof given.stopped === 'string' ? excerpt(given.stopped) : '');
}

/** The script of one run's worker: the harness, then the learner's code as the body of the function it runs. */
function sandboxScript(code: string, functionName: string): string {
  return `${harness}(function () {"use strict";\n${code}\n;return typeof ${functionName} === "function" ? ${functionName} : undefined;});\n`;
}

/** TypeScript as the JavaScript the sandbox runs: types stripped by sucrase (loaded on the first TypeScript run), lines kept. */
async function toJavaScript(code: string, language: string): Promise<string> {
  if (language !== 'typescript') return code;
  const { transform } = await import('sucrase');
  return transform(code, { transforms: ['typescript'], disableESTransforms: true }).code;
}

/**
 * Run the tests on `code` in a new worker and resolve with every test's outcome. The worker gets
 * only the calls' arguments; each result is graded here (gradeResult). Whatever the worker sends
 * that is not exactly one well-formed message per test, then `done`, stops the run as unexpected.
 * A run that has not finished after `timeLimitMs` is terminated and reported as stopped.
 */
export async function runCode(form: HTMLFormElement, question: CodeGradable, code: string): Promise<CodeResponse> {
  const tests = question.tests;
  const count = tests.length;
  const saved = excerpt(code, codeLimit);
  // A question with a choice of languages runs the chosen one, under that language's function name.
  // Only a question with alternatives asks the page; a chosen language it does not offer falls back to its own.
  const chosen = question.alternatives ? currentLanguage(form, question.language ?? 'javascript') : undefined;
  const language = chosen && (chosen === question.language || question.alternatives?.[chosen]) ? chosen : (question.language ?? 'javascript');
  const functionName = question.alternatives?.[language]?.function ?? question.function;
  const choice = choiceOf(form, code);
  const refuse = (message: string): CodeResponse => {
    const response: CodeResponse = { code: saved, ...choice, outcomes: tests.map(() => ({ passed: false, error: message })), stopped: message };
    showOutcomes(form, response);
    return response;
  };
  if (code.length > codeLimit) return refuse(`Your code is over ${codeLimit.toLocaleString('en')} characters; the tests take at most that much.`);
  const python = language === 'python';
  let worker: Worker;
  if (python) {
    // Python: a fresh worker that has loaded Pyodide (and nothing else yet); the learner's code goes in by message.
    status(form, 'Starting Python…');
    const { pythonWorker } = await import('./python');
    try {
      worker = await pythonWorker(form);
    } catch (error) {
      return refuse(excerpt(error instanceof Error ? error.message : String(error)));
    }
  } else {
    let source: string;
    try {
      source = await toJavaScript(code, language);
    } catch (error) {
      return refuse(excerpt(`Your code does not run: ${error instanceof Error ? error.message : String(error)}`));
    }
    const { refusedCode } = await import('../../quiz/code-check');
    const refused = refusedCode(source);
    if (refused) return refuse(excerpt(refused));
    const url = URL.createObjectURL(new Blob([sandboxScript(source, functionName)], { type: 'text/javascript' }));
    worker = new Worker(url, { name: 'code-tests' });
    URL.revokeObjectURL(url);
  }
  status(form, 'Running the tests…');
  return new Promise((resolve) => {
    const outcomes: (TestOutcome | undefined)[] = tests.map(() => undefined);
    const started = performance.now();
    let finished = false;
    const finish = (fill: TestOutcome, stopped?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      worker.terminate();
      const response: CodeResponse = {
        code: saved,
        ...choice,
        outcomes: outcomes.map((o, i) => o ?? (i === outcomes.indexOf(undefined) ? fill : { passed: false, error: 'Not run.' })),
        ...(stopped ? { stopped } : {}),
      };
      showOutcomes(form, response);
      if (!stopped) status(form, `Ran ${count} tests in ${Math.round(performance.now() - started)} ms.`);
      // The next Python run's worker loads while the learner reads these results.
      if (python) void import('./python').then(({ warmPython }) => warmPython(form));
      resolve(response);
    };
    const unexpected = () => {
      // A forged message makes the whole run suspect: no test of it counts as passed.
      outcomes.fill({ passed: false, error: unexpectedResult });
      finish({ passed: false, error: unexpectedResult }, unexpectedResult);
    };
    const timer = setTimeout(() => {
      worker.terminate();
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const stopped = `Stopped: took longer than 2 s (infinite loop?). The run was stopped after ${seconds} s.`;
      finish({ passed: false, error: 'stopped: took longer than 2 s (infinite loop?)' }, stopped);
    }, timeLimitMs);
    let shown = 0;
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (finished) return;
      const message = readSandboxMessage(event.data, count);
      if (!message) return unexpected();
      if (message.type === 'result' || message.type === 'error') {
        if (outcomes[message.id]) return unexpected();
        outcomes[message.id] = message.type === 'result' ? gradeResult(tests[message.id]!, message.value) : { passed: false, error: excerpt(withHint(message.message)) };
        // One table update per frame at most, whatever the worker's pace.
        if (shown++ === 0) requestAnimationFrame(() => { shown = 0; if (!finished) showOutcomes(form, { outcomes }); });
      } else if (message.type === 'done') {
        if (outcomes.some((o) => !o)) return unexpected();
        finish({ passed: false, error: 'Not run.' });
      } else {
        const error = message.type === 'missing' ? `Define a function named ${functionName}.` : message.message;
        outcomes.fill({ passed: false, error });
        finish({ passed: false, error }, error);
      }
    });
    worker.addEventListener('messageerror', unexpected);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const error = excerpt(event.message || 'The test runner failed.');
      outcomes.fill({ passed: false, error });
      finish({ passed: false, error }, error);
    });
    if (python) worker.postMessage({ code, name: functionName });
    worker.postMessage(tests.map((test) => decodeValue(test.args)));
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
      if (form) enhance(form, this);
    }
  },
);
