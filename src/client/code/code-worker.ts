import { describeError, refusedCode, runTestCases, type CodeTestCase } from '../../quiz/code';

/**
 * The worker that runs a learner's code against a code question's tests. One worker per run: the
 * page terminates it after 2 s, which is the only way to stop a loop that never returns.
 *
 * Sandbox. The code is compiled with `new Function` here and nowhere else on the site. A dedicated
 * worker has no DOM, and before the code runs every way out is removed from the worker's global
 * scope (deleted along the prototype chain, then pinned to undefined): the network (fetch,
 * XMLHttpRequest, WebSocket, WebSocketStream, EventSource, WebTransport, FontFace), script loading
 * (importScripts), storage (indexedDB, caches, the old file-system API), other contexts
 * (BroadcastChannel, Worker), postMessage itself, so the code cannot report results of its own, and
 * close, so it cannot end the run early. The same names are also parameters of the compiled function.
 * Then whatever turns a string into code goes too (eval, Function and the `constructor` of every
 * kind of function, string timers): `import(…)` is syntax that no global controls, and refusing the
 * word in the source (refusedCode) only holds if no string can become code later.
 *
 * CSP (docs/code-challenges.md). The site's policy has no 'unsafe-eval', and it arrives in
 * a <meta> element, which governs the document only: a dedicated worker loaded from a same-origin
 * URL takes the policy of its own response (Chromium and Firefox follow the spec here), so on a
 * static host that sends no header the worker has none and `new Function` works. A host that sends
 * the site's CSP as a header for every file must give this file its own policy, for example
 * `default-src 'none'; script-src 'self' 'unsafe-eval'`, which also takes the network away from
 * the worker; otherwise the page reports that the host forbids running code.
 */

/** The worker's global scope, as far as this file uses it (the DOM typings describe a window). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RunRequest>) => void, options: { once: boolean }): void;
}
const scope = self as unknown as WorkerScope;
const send = scope.postMessage.bind(scope);
// Taken before lockDown pins the global: the one compiler of learner code.
const CompileFunction = Function;

/** What learner code must not reach. */
const blocked = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'postMessage',
  'navigator',
  'WebSocketStream',
  'FontFace',
  'fonts',
  'webkitRequestFileSystem',
  'webkitRequestFileSystemSync',
  'webkitResolveLocalFileSystemURL',
  'webkitResolveLocalFileSystemSyncURL',
  'close',
  'eval',
  'Function',
  'setTimeout',
  'setInterval',
] as const;

/** Function.prototype and its async and generator kin: each `constructor` compiles strings. */
const functionPrototypes = [
  function () {},
  async function () {},
  function* () {},
  async function* () {},
].map((f) => Object.getPrototypeOf(f) as object);

function lockDown() {
  for (const name of blocked) {
    for (let o: object | null = scope; o; o = Object.getPrototypeOf(o)) {
      try {
        if (Object.hasOwn(o, name)) delete (o as Record<string, unknown>)[name];
      } catch {
        // A non-configurable property: pinned below.
      }
    }
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
    } catch {
      // Already pinned.
    }
  }
  for (const prototype of functionPrototypes) {
    Object.defineProperty(prototype, 'constructor', { value: undefined, writable: false, configurable: false });
  }
}

export interface RunRequest {
  code: string;
  functionName: string;
  tests: CodeTestCase[];
}

scope.addEventListener(
  'message',
  (event: MessageEvent<RunRequest>) => {
    const { code, functionName, tests } = event.data;
    const refused = refusedCode(code);
    if (refused) {
      send({ type: 'compile-error', message: refused });
      return;
    }
    lockDown();
    let learnerFunction: unknown;
    try {
      // The one place the site evaluates a string as code: the learner's, in this worker.
      const compile = new CompileFunction(
        // `eval` cannot name a parameter in strict code; it is pinned on the scope like the rest.
        ...blocked.filter((name) => name !== 'eval'),
        'self',
        'globalThis',
        `"use strict";\n${code}\n;return typeof ${functionName} === "function" ? ${functionName} : undefined;`,
      );
      learnerFunction = compile();
    } catch (error) {
      const csp = error instanceof EvalError || /unsafe-eval|Content Security Policy/i.test(String(error));
      send({
        type: 'compile-error',
        message: csp
          ? 'This site is served with a security policy that forbids running code in the page, so the tests cannot run here.'
          : `Your code does not run: ${describeError(error)}`,
      });
      return;
    }
    if (typeof learnerFunction !== 'function') {
      send({ type: 'compile-error', message: `Define a function named ${functionName}.` });
      return;
    }
    const call = learnerFunction as (...args: unknown[]) => unknown;
    runTestCases(tests, (args) => call(...args), (index, outcome) => send({ type: 'outcome', index, outcome }));
    send({ type: 'done' });
  },
  { once: true },
);
