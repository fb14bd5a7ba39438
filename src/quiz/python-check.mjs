/*
 * The build's runner of Python reference solutions: a worker thread that loads Pyodide once and then answers
 * every question of a validation pass (types/code/check-built.ts posts each request and blocks on `signal`
 * until the answer is on `port`, so the build's validation stays synchronous, and stops the worker when the
 * time limit passes: a solution that never returns). A request is `{ runs: [{ code, name, calls }] }`; the
 * answer is per run `{ failed }`, `{ missing: true }` or `{ results }`, each result `{ value }` (JSON text, as
 * the page's sandbox sends it) or `{ error }`, or `{ crashed }` if Pyodide itself failed. The page's grader
 * (gradeResult in code.ts) then compares, so build and page agree.
 *
 * Between requests the interpreter is put back as it was after loading (modules imported since dropped, every
 * module's and the built-ins' names restored), so one question's code cannot change what another's sees, as
 * in the page, where each run has a fresh worker.
 */
import { readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';

const { port, signal } = workerData;
const done = new Int32Array(signal);
// The same runner the page's worker pastes in (python-run.js), evaluated the same way: as text.
const runnerSource = readFileSync(new URL('./python-run.js', import.meta.url), 'utf8');
const pythonRunner = new Function(`${runnerSource}\nreturn pythonRunner;`)();

/** JSON text of a value the way encodeValue (code.ts) writes it: non-finite numbers and undefined as tagged objects. */
function encode(value) {
  return JSON.stringify(value, (_key, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    if (v === undefined) return { $undefined: true };
    if (typeof v === 'bigint') throw new TypeError('returned an integer too large to compare');
    return v;
  }) ?? '{"$undefined":true}';
}

/**
 * Records the interpreter's modules and their names once; `_course_restore()` puts them back (shallowly: a module's
 * own names; an object a module holds keeps what was done to it). `__main__` is left alone: it holds these two
 * names, and the runs have namespaces of their own (python-run.js).
 */
const snapshotSource = `
import sys as _sys
_course_saved = {name: (module, dict(module.__dict__)) for name, module in list(_sys.modules.items()) if name != '__main__' and isinstance(getattr(module, '__dict__', None), dict)}
def _course_restore():
    modules = _sys.modules
    for name in [n for n in modules if n not in _course_saved]:
        del modules[name]
    for name, (module, names) in _course_saved.items():
        modules[name] = module
        own = module.__dict__
        for key in [k for k in own if k not in names]:
            del own[key]
        for key, value in names.items():
            if own.get(key, _course_saved) is not value:
                own[key] = value
`;

let ready;
/** Pyodide, loaded on the first request: no `js` module into this process, and learner output kept out of the build's log. */
function pyodide() {
  ready ??= loadPyodide({ jsglobals: {}, stdout: () => {}, stderr: () => {} }).then((py) => {
    py.runPython(snapshotSource);
    return { py, runner: pythonRunner(py), restore: py.globals.get('_course_restore') };
  });
  return ready;
}

function answer(message) {
  port.postMessage(message);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

port.on('message', async ({ runs }) => {
  let loaded;
  try {
    loaded = await pyodide();
  } catch (error) {
    answer({ crashed: String(error?.stack ?? error) });
    return;
  }
  const { runner, restore } = loaded;
  try {
    answer({
      runs: runs.map(({ code, name, calls }) => {
        const defined = runner.define(code, name);
        if (defined.failed) return { failed: `Your code does not run: ${defined.failed}` };
        if (defined.missing) return { missing: true };
        return {
          results: calls.map((args) => {
            try {
              return { value: encode(runner.call(defined.fn, args)) };
            } catch (error) {
              return { error: error instanceof Error ? error.message : String(error) };
            }
          }),
        };
      }),
    });
  } catch (error) {
    answer({ crashed: String(error?.stack ?? error) });
  } finally {
    restore();
  }
});
