/*
 * The build's runner of Python reference solutions: a child process (types/code/check-built.ts starts it
 * with execFileSync, so the build's validation stays synchronous and a solution that never returns
 * is killed at the time limit). Reads `{ runs: [{ code, name, calls }] }` on stdin, loads Pyodide
 * once, and writes one line of JSON: per run `{ failed }`, `{ missing: true }` or `{ results }`,
 * each result `{ value }` (JSON text, as the page's sandbox sends it) or `{ error }`. The page's
 * grader (gradeResult in code.ts) then compares, so build and page agree.
 */
import { readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';

const input = JSON.parse(readFileSync(0, 'utf8'));
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

// No `js` module into this process, and learner output kept out of the build's log.
const py = await loadPyodide({ jsglobals: {}, stdout: () => {}, stderr: () => {} });
const runner = pythonRunner(py);
const out = input.runs.map(({ code, name, calls }) => {
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
});
process.stdout.write(`${JSON.stringify(out)}\n`);
