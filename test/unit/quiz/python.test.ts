import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { codeTests } from '../../../src/quiz/types/code/build';
import { quizSchema, type QuestionOf } from '../../../src/quiz/schema';
import { runPythonInNode } from '../../../src/quiz/types/code/check-built';

/**
 * Python code questions at build: reference solutions run with Pyodide in Node (a worker thread,
 * one Pyodide load for every question of a validation pass), graded by the page's grader. The classic
 * slips of the lesson's Python challenge and mini-project fail; the counterparts of the JavaScript
 * sandbox's attacks earn no pass, and what one question's code changes does not reach the next's. The
 * runs below are made while the file is collected, in one turn of the event loop: one Pyodide load.
 */

const quiz = quizSchema.parse(
  parse(readFileSync('content/math-for-ml/1.2-calculus-for-ml/1.2.38-learning-rate-and-convergence.quiz.yaml', 'utf8')),
);
const question = (id: string) => quiz.questions.find((q) => q.id === id) as QuestionOf<'code'>;
const passedAll = (run: { outcomes: { passed: boolean }[] }) => run.outcomes.every((o) => o.passed);

describe('the 1.2.38 sweep in Python', () => {
  const sweep = question('code-rate-sweep-python');
  const tests = codeTests(sweep);
  const solution = sweep.solution;
  // The classic slips, each a small edit of the reference solution.
  const reusedModel = solution
    .replace('def train(rate, epochs):\n    w, b = 0.0, 0.0', 'w, b = 0.0, 0.0\n\ndef train(rate, epochs):\n    global w, b');
  const startNotReset = solution.replace('def train(rate, epochs):\n    w, b = 0.0, 0.0', 'b = 0.0\n\ndef train(rate, epochs):\n    global b\n    w = 0.0');
  const attacks = {
    // Builtins patched so every comparison "agrees": grading is in the page, with its own built-ins.
    patchedBuiltins: `import builtins, math\nbuiltins.abs = lambda x: 0\nmath.isfinite = lambda x: True\n${sweep.starter}`,
    // Reaching for the page through Pyodide's js module: the runner gives it an empty object.
    readExpected: 'import js\ndef sweep(rates, epochs):\n    return js.expected\n',
    forgedResult: 'import js\ndef sweep(rates, epochs):\n    js.postMessage({"type": "done"})\n    return {"best": 0.1, "losses": []}\n',
    hugeOutput: 'def sweep(rates, epochs):\n    print("x" * 10_000_000)\n    return {"best": 0.1, "losses": ["x" * 100_000]}\n',
    notAValue: 'class Loss(float):\n    def __eq__(self, other): return True\ndef sweep(rates, epochs):\n    return {"best": Loss(0.1), "losses": [object() for r in rates]}\n',
  };
  const codes = [solution, sweep.starter, reusedModel, startNotReset, ...Object.values(attacks)];
  const runs = runPythonInNode(codes, 'sweep', tests);
  const [right, starter, reused, notReset, ...hostile] = runs;

  test('the reference solution passes every test; the starter does not', () => {
    expect(right!.outcomes).toEqual(tests.map(() => expect.objectContaining({ passed: true })));
    expect(passedAll(starter!)).toBe(false);
  });

  test('reusing one model across the rates fails', () => {
    expect(reusedModel).not.toBe(solution);
    expect(passedAll(reused!)).toBe(false);
    expect(reused!.outcomes[0]!.error).toMatch(/losses\[\d\] is off|best/);
  });

  test('resetting the weight but not the bias between rates fails', () => {
    expect(startNotReset).not.toBe(solution);
    expect(passedAll(notReset!)).toBe(false);
  });

  test.each(Object.keys(attacks).map((name, i) => [name, i] as const))('%s earns no pass', (_name, i) => {
    expect(hostile[i]!.outcomes.some((o) => o.passed)).toBe(false);
  });

  test('what a wrong run says is readable: the Python error and its line', () => {
    expect(hostile[1]!.outcomes[0]!.error).toMatch(/AttributeError/);
    expect(hostile[4]!.outcomes[0]!.error).toMatch(/cannot compare/);
  });
});

describe('the 1.2.38 coding challenge in Python, and what the build reports', () => {
  const compare = question('code-compare-rates-python');
  const tests = codeTests(compare);
  const forgotReset = compare.solution.replace('    def final_distance(rate):\n        x = x0', '    x = x0\n    def final_distance(rate):\n        nonlocal x');
  const runs = runPythonInNode(
    [
      compare.solution,
      forgotReset,
      'def compare_rates(x0, a, b, steps):\n    return 1 / 0\n',
      'def compare_rates(x0, a, b, steps)\n    return 1\n',
      'def compareRates(x0, a, b, steps):\n    return 1\n',
      'def compare_rates(x0, a, b, steps):\n    rates = [a, b]\n    return rates.x\n',
    ],
    'compare_rates',
    tests,
  );

  test('the reference solution passes; the second run starting where the first ended fails', () => {
    expect(passedAll(runs[0]!)).toBe(true);
    expect(forgotReset).not.toBe(compare.solution);
    expect(passedAll(runs[1]!)).toBe(false);
  });

  test('a Python exception, a syntax error and a missing function each say so', () => {
    expect(runs[2]!.outcomes[0]!.error).toMatch(/ZeroDivisionError: division by zero \(line 2\)/);
    expect(runs[3]!.compileError).toMatch(/SyntaxError/);
    expect(runs[4]!.compileError).toBe('the code defines no function compare_rates');
  });

  test('a Python error reads as Python prints it, with the line: not "Error: AttributeError: …"', () => {
    expect(runs[5]!.outcomes[0]!.error).toBe("AttributeError: 'list' object has no attribute 'x' (line 3)");
  });
});

describe('one Pyodide for the questions of a pass, each question as in a fresh one', () => {
  // After the 1.2.38 sweep's attacks above (builtins.abs and math.isfinite patched) in the same worker.
  const patch = runPythonInNode(['import builtins, math, statistics\nbuiltins.abs = lambda x: 0\nmath.isfinite = lambda x: True\nkept = 1\ndef f(x):\n    return abs(x)\n'], 'f', [{ name: 'patched', args: [-3], expected: 0 }]);
  const next = runPythonInNode(['import math, sys\ndef f(x):\n    return [abs(x), math.isfinite(float("inf")), "statistics" in sys.modules, "kept" in globals()]\n'], 'f', [{ name: 'clean', args: [-3], expected: [3, false, false, false] }]);

  test('a built-in or a module patched by one question is back as it was for the next', () => {
    expect(patch[0]!.outcomes[0]!.passed).toBe(true);
    expect(next[0]!.outcomes[0], JSON.stringify(next)).toEqual(expect.objectContaining({ passed: true }));
  });
});
