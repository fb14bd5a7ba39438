/*
 * The start of a Python run's worker (a module Blob worker; src/client/code/python.ts writes
 * the script: `indexURL`, then src/quiz/python-run.js, then this, then sandbox-harness.js).
 * Messages in: `{ snapshot? }` (how to start), then `{ code, name }`, then the tests' calls.
 *
 * Order is the point, as in the JavaScript sandbox. First Pyodide loads from the site itself
 * (indexURL, never a CDN) with an empty object as its `js` module, so Python has no way to the
 * worker's globals; output to stdout and stderr goes nowhere. The worker then says `loaded`, and
 * waits for the learner's code. Only when it comes does the JavaScript sandbox's harness run: it
 * takes postMessage into its own scope, removes every way out of the worker (fetch, postMessage,
 * eval, Function…), and only then runs the factory below, which runs the learner's Python. From
 * there on the protocol is the JavaScript sandbox's: calls in, JSON text of each result out,
 * graded by the page. The page's timer starts with the code, not with Pyodide's load.
 */
var nextMessage = function () {
  return new Promise(function (resolve) {
    self.addEventListener('message', function (event) { resolve(event.data); }, { once: true });
  });
};
// Listening before the first await: a message that arrives with no listener is lost.
var start = nextMessage();
var pyodideModule = await import(indexURL + 'pyodide.mjs');
/*
 * The page's first message: a memory snapshot of an interpreter that has just started (made by an
 * earlier worker of this site, before any learner code ran in it), or none. Starting from it skips
 * the interpreter's start-up, most of Pyodide's load time; without one this worker makes it, once
 * started and still clean, and hands it to the page for the next workers.
 */
start = await start;
var snapshot = start && start.snapshot instanceof ArrayBuffer ? new Uint8Array(start.snapshot) : undefined;
var options = { indexURL: indexURL, jsglobals: {}, stdout: function () {}, stderr: function () {}, checkAPIVersion: true };
if (snapshot) options._loadSnapshot = snapshot;
else options._makeSnapshot = true;
var py = await pyodideModule.loadPyodide(options);
var made = snapshot ? undefined : py.makeMemorySnapshot().slice().buffer;
var runner = pythonRunner(py);
var slice = Array.prototype.slice;
var applyFn = Reflect.apply;
var learnerCode = nextMessage();
self.postMessage(made ? { type: 'loaded', snapshot: made } : { type: 'loaded' }, made ? [made] : []);
learnerCode = await learnerCode;
/* The factory the sandbox's harness calls after its lockdown: the learner's Python as a JavaScript function, or a throw the harness reports as `failed`. */
var pythonFactory = function () {
  var defined = runner.define(String(learnerCode.code), String(learnerCode.name));
  if (defined.failed) throw pythonError(defined.failed);
  if (defined.missing) return undefined;
  return function () {
    return runner.call(defined.fn, applyFn(slice, arguments, []));
  };
};
/* Python's `SyntaxError: …` as the harness reports a thrown error (`name: message`). */
function pythonError(text) {
  var at = text.indexOf(': ');
  return at > 0 ? { name: text.slice(0, at), message: text.slice(at + 2) } : { name: 'Error', message: text };
}
