import { refusedCode } from '../../code-check';
import { transform } from 'sucrase';
import { createContext, runInContext } from 'node:vm';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { decodeValue, describeCall, describeValue, gradeResult, runTestCases, withHint, type CodeLanguage, type CodeTestCase, type TestOutcome } from '../../code';
import type { GeneratorRegistry } from '../../generators/index';
import type { QuestionOf } from '../../schema';
import { registryNames as names, type At, type Report } from '../server-kind';
import { codeTests } from './build';

/** The build's check of a code question: the reference solution (and the starter) run against the tests in Node, as the page runs them. */

/** Time a reference solution may take per call, in Node, before the build calls it stuck. */
const solutionTimeoutMs = 2000;

/** Describe an outcome for a build message: the call, what came back, what was expected. */
function outcomeText(functionName: string, test: CodeTestCase, outcome: TestOutcome): string {
  const received = outcome.received === undefined ? '' : `, returned ${outcome.received}`;
  return `test "${test.name}": ${describeCall(functionName, test.args)}${received}, expected ${describeValue(decodeValue(test.expected))}${outcome.error ? ` (${outcome.error})` : ''}`;
}

/**
 * The page's worker runs code in strict mode with no eval, no Function and no `constructor` on
 * functions (src/client/code/sandbox-harness.js, under the page's policy); the build's context matches, so a reference solution
 * that leans on any of them fails here rather than in the learner's page.
 */
const nodeLockDown = `
  for (const name of ['eval', 'Function']) Object.defineProperty(globalThis, name, { value: undefined });
  for (const f of [function () {}, async function () {}, function* () {}, async function* () {}]) {
    Object.defineProperty(Object.getPrototypeOf(f), 'constructor', { value: undefined });
  }
`;

/**
 * Run `code` in a fresh V8 context (no require, no process, no network) against the tests, each
 * call with a time limit. The same test core as the page's worker, so the verdicts agree.
 */
export function runInNode(code: string, functionName: string, tests: readonly CodeTestCase[], language: CodeLanguage = 'javascript'): { outcomes: TestOutcome[]; compileError?: string } {
  // What the page's worker refuses, the build refuses too: a solution that passes here passes there.
  if (language === 'typescript') {
    try {
      code = transform(code, { transforms: ['typescript'], disableESTransforms: true }).code;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { outcomes: tests.map(() => ({ passed: false, error: message })), compileError: message };
    }
  }
  const refused = refusedCode(code);
  if (refused) return { outcomes: tests.map(() => ({ passed: false, error: refused })), compileError: refused };
  const context = createContext({});
  try {
    runInContext(nodeLockDown, context);
    runInContext(`"use strict";\n${code}\n;globalThis.__learnerFunction = typeof ${functionName} === 'function' ? ${functionName} : undefined;`, context, {
      timeout: solutionTimeoutMs,
    });
  } catch (error) {
    const message = error instanceof Error || (typeof error === 'object' && error !== null) ? String((error as Error).message) : String(error);
    return { outcomes: tests.map(() => ({ passed: false, error: message })), compileError: message };
  }
  if (typeof (context as { __learnerFunction?: unknown }).__learnerFunction !== 'function') {
    const message = `the code defines no function ${functionName}`;
    return { outcomes: tests.map(() => ({ passed: false, error: message })), compileError: message };
  }
  const outcomes = runTestCases(tests, (args) => {
    (context as { __args?: string }).__args = JSON.stringify(args);
    return runInContext('__learnerFunction(...JSON.parse(__args))', context, { timeout: solutionTimeoutMs });
  });
  return { outcomes };
}

/** How long the build gives Pyodide to start and run every Python solution of a question (Pyodide alone takes seconds to load on a busy machine). */
const pythonRunTimeoutMs = 120_000;

type SolutionRun = { outcomes: TestOutcome[]; compileError?: string };
type PythonRunResult = { failed: string } | { missing: true } | { results: ({ value: string } | { error: string })[] };
type PythonAnswer = { runs: PythonRunResult[] } | { crashed: string };

/** The worker of this validation pass (python-check.mjs): Pyodide loaded once for every Python question of the pass. */
let python: { worker: Worker; port: MessagePort; done: Int32Array } | undefined;

function pythonWorker(): NonNullable<typeof python> {
  if (python) return python;
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('../../python-check.mjs', import.meta.url), { workerData: { port: port2, signal }, transferList: [port2], stdout: true, stderr: true });
  // Neither keeps the build alive; stopPythonWorker ends the thread.
  worker.unref();
  port1.unref();
  const started = { worker, port: port1, done: new Int32Array(signal) };
  python = started;
  // Validation is synchronous: the pass is over when the event loop next turns, and Pyodide's memory goes with
  // the worker (a later pass, a dev edit, loads it again).
  setImmediate(stopPythonWorker).unref();
  return started;
}

function stopPythonWorker(): void {
  void python?.worker.terminate();
  python = undefined;
}

/**
 * Run each Python `code` against the tests with Pyodide (python-check.mjs, in a worker thread loaded once per
 * validation pass); each result graded by the page's grader. A run that has not finished within the time limit
 * (an infinite loop) fails every code given, and the worker is stopped (the next question starts another).
 */
export function runPythonInNode(codes: readonly string[], functionName: string, tests: readonly CodeTestCase[]): SolutionRun[] {
  const calls = tests.map((test) => decodeValue(test.args));
  const everyTest = (message: string): SolutionRun => ({ outcomes: tests.map(() => ({ passed: false, error: message })), compileError: message });
  const { port, done } = pythonWorker();
  Atomics.store(done, 0, 0);
  port.postMessage({ runs: codes.map((code) => ({ code, name: functionName, calls })) });
  // Blocks this thread only; the worker runs on its own (the build's validation stays synchronous).
  const waited = Atomics.wait(done, 0, 0, pythonRunTimeoutMs);
  const reply = receiveMessageOnPort(port)?.message as PythonAnswer | undefined;
  if (waited === 'timed-out' || !reply) {
    stopPythonWorker();
    return codes.map(() => everyTest(`did not finish within ${pythonRunTimeoutMs / 1000} s (an infinite loop?)`));
  }
  if ('crashed' in reply) {
    stopPythonWorker();
    return codes.map(() => everyTest(`Pyodide failed: ${reply.crashed.trim().split('\n').slice(-3).join(' ')}`));
  }
  return reply.runs.map((run) => {
    if ('failed' in run) return everyTest(run.failed);
    if ('missing' in run) return everyTest(`the code defines no function ${functionName}`);
    return {
      outcomes: run.results.map((result, i) => ('value' in result ? gradeResult(tests[i]!, result.value) : { passed: false, error: withHint(result.error) })),
    };
  });
}

/** A reference solution and a starter of a code question, run as the page runs them (Python together, one Pyodide load). */
function runSolutions(language: CodeLanguage, functionName: string, tests: CodeTestCase[], codes: string[]): SolutionRun[] {
  if (language === 'python') return runPythonInNode(codes, functionName, tests);
  return codes.map((code) => runInNode(code, functionName, tests, language));
}

/** Run one language's reference solution (it must pass every test) and starter (it should not) and report at their fields. */
function checkSolution(
  variant: { language: CodeLanguage; function: string; starter: string; solution: string },
  tests: CodeTestCase[],
  at: At,
  report: Report,
): void {
  const hasStarter = variant.starter.trim() !== '';
  const codes = hasStarter ? [variant.solution, variant.starter] : [variant.solution];
  const [solution, starter] = runSolutions(variant.language, variant.function, tests, codes) as [SolutionRun, SolutionRun?];
  if (solution.compileError) {
    report(at('solution'), `the reference solution does not run: ${solution.compileError}`);
    return;
  }
  solution.outcomes.forEach((outcome, i) => {
    if (!outcome.passed) {
      report(at('tests', i), `the reference solution fails its own ${outcomeText(variant.function, tests[i]!, outcome)}`);
    }
  });
  if (starter?.outcomes.every((o) => o.passed)) {
    report(at('starter'), 'the starter code already passes every test: there is nothing left to write', 'warning');
  }
}

export function checkCode(question: QuestionOf<'code'>, at: At, report: Report, registry: GeneratorRegistry): void {
  if (question.oracle !== undefined && !registry.oracles[question.oracle]) {
    report(at('oracle'), `there is no oracle "${question.oracle}"; expected one of ${names(registry.oracles)}`);
    return;
  }
  const withoutExpected = question.tests.findIndex((t) => t.expected === undefined);
  if (question.oracle === undefined && withoutExpected >= 0) {
    report(at('tests', withoutExpected, 'expected'), 'expected an expected value, or an oracle on the question that computes it');
    return;
  }
  let tests: CodeTestCase[];
  try {
    tests = codeTests(question, registry);
  } catch (error) {
    report(at('oracle'), `the oracle "${question.oracle}" failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  checkSolution(question, tests, at, report);
  for (const [language, alternative] of Object.entries(question.alternatives ?? {}) as [CodeLanguage, NonNullable<QuestionOf<'code'>['alternatives']>[CodeLanguage]][]) {
    if (!alternative) continue;
    const variant = { language, function: alternative.function ?? question.function, starter: alternative.starter, solution: alternative.solution };
    // A failing test is reported at the alternative's solution (the tests are shared: their lines say nothing of the language).
    checkSolution(variant, tests, (field, ...rest) => (field === 'tests' ? at('alternatives', language, 'solution') : at('alternatives', language, field!, ...rest)), report);
  }
}

