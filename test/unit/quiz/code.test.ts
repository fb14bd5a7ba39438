import { refusedCode } from '../../../src/quiz/code-check';
import { describe, expect, test } from 'vitest';
import {
  decodeValue,
  describeCall,
  describeError,
  describeValue,
  difference,
  encodeValue,
  gradeResult,
  readSandboxMessage,
  resultLimit,
  runTestCases,
  unexpectedResult,
  type CodeTestCase,
} from '../../../src/quiz/code';
import { runInNode } from '../../../src/quiz/types/code/check-built';

/**
 * The test runner of code questions (src/quiz/code.ts), which the page's worker and the build's
 * check of reference solutions share, and the build's Node side of it (runInNode).
 */

const square: CodeTestCase[] = [
  { name: 'two', args: [2], expected: 4 },
  { name: 'minus three', args: [-3], expected: 9 },
  { name: 'a half', args: [0.5], expected: 0.25 },
];

describe('runTestCases', () => {
  test('a right function passes every test and says what it returned', () => {
    const outcomes = runTestCases(square, ([x]) => (x as number) ** 2);
    expect(outcomes).toEqual([
      { passed: true, received: '4' },
      { passed: true, received: '9' },
      { passed: true, received: '0.25' },
    ]);
  });

  test('a wrong function fails with what it returned, beside where it is off', () => {
    const outcomes = runTestCases(square, ([x]) => 2 * (x as number));
    expect(outcomes.map((o) => o.passed)).toEqual([true, false, false]);
    expect(outcomes[1]).toEqual({ passed: false, received: '-6', error: 'the result is off' });
    expect(outcomes[2]).toEqual({ passed: false, received: '1', error: 'the result is off' });
  });

  test('a thrown error fails that test only, in words, and the next tests still run', () => {
    const reported: number[] = [];
    const outcomes = runTestCases(
      square,
      ([x]) => {
        if ((x as number) < 0) throw new RangeError('no negatives');
        return (x as number) ** 2;
      },
      (index) => reported.push(index),
    );
    expect(outcomes[1]).toEqual({ passed: false, error: 'RangeError: no negatives' });
    expect(outcomes[2]?.passed).toBe(true);
    expect(reported).toEqual([0, 1, 2]);
  });

  test('numbers agree within the relative tolerance (default 1e-9) or the absolute one, not beyond', () => {
    const one = (tolerance: Partial<CodeTestCase>) => [{ name: 't', args: [], expected: 100, ...tolerance }];
    expect(runTestCases(one({}), () => 100 + 5e-8)[0]?.passed).toBe(true);
    expect(runTestCases(one({}), () => 100 + 2e-7)[0]?.passed).toBe(false);
    expect(runTestCases(one({ relativeTolerance: 0.01 }), () => 100.9)[0]?.passed).toBe(true);
    expect(runTestCases(one({ relativeTolerance: 0.01 }), () => 101.1)[0]?.passed).toBe(false);
    expect(runTestCases(one({ tolerance: 2 }), () => 98)[0]?.passed).toBe(true);
    expect(runTestCases(one({ tolerance: 2 }), () => 97.9)[0]?.passed).toBe(false);
  });

  test('each test gets its own copy of the arguments', () => {
    const tests: CodeTestCase[] = [
      { name: 'a', args: [[3, 1, 2]], expected: [1, 2, 3] },
      { name: 'b', args: [[3, 1, 2]], expected: [1, 2, 3] },
    ];
    const calls: unknown[] = [];
    const outcomes = runTestCases(tests, ([list]) => {
      calls.push([...(list as number[])]);
      return (list as number[]).sort();
    });
    expect(outcomes.every((o) => o.passed)).toBe(true);
    expect(calls).toEqual([
      [3, 1, 2],
      [3, 1, 2],
    ]);
    expect(tests[0]!.args).toEqual([[3, 1, 2]]);
  });

  test('NaN and infinities travel through JSON and compare as themselves', () => {
    const encoded = encodeValue({ losses: [1, Number.NaN, Infinity], best: -Infinity });
    expect(JSON.parse(JSON.stringify(encoded))).toEqual({
      losses: [1, { $number: 'NaN' }, { $number: 'Infinity' }],
      best: { $number: '-Infinity' },
    });
    const expected = JSON.parse(JSON.stringify(encoded)) as unknown;
    const test1 = [{ name: 'nan', args: [], expected }];
    expect(runTestCases(test1, () => ({ losses: [1, Number.NaN, Infinity], best: -Infinity }))[0]?.passed).toBe(true);
    expect(runTestCases(test1, () => ({ losses: [1, 0, Infinity], best: -Infinity }))[0]).toMatchObject({
      passed: false,
      error: 'the result.losses[1] should be NaN',
    });
    expect(decodeValue(expected)).toEqual({ losses: [1, Number.NaN, Infinity], best: -Infinity });
  });
});

describe('difference', () => {
  const tolerance = { relative: 1e-9 };
  test('says where the values part: type, length, key, element', () => {
    expect(difference('4', 4, tolerance)).toBe('the result should be a number, not "4"');
    expect(difference([1, 2], [1, 2, 3], tolerance)).toBe('the result should have 3 entries, not 2');
    expect(difference({ finalA: 1 }, { finalA: 1, better: 'A' }, tolerance)).toBe('the result has no better');
    expect(difference({ finalA: 1, better: 'B' }, { finalA: 1, better: 'A' }, tolerance)).toBe('the result.better should be "A"');
    expect(difference(7, { finalA: 1 }, tolerance)).toBe('the result should be an object with finalA');
    expect(difference(Float64Array.from([1, 2]), [1, 2], tolerance)).toBeUndefined();
    // A key the learner added is not a mistake.
    expect(difference({ finalA: 1, note: 'x' }, { finalA: 1 }, tolerance)).toBeUndefined();
  });
});

describe('describing values, calls and errors', () => {
  test('values as JavaScript, twelve significant digits, shortened past the limit', () => {
    expect(describeValue({ finalA: 0.1 + 0.2, better: 'A', list: [1, -0] })).toBe('{ finalA: 0.3, better: "A", list: [1, 0] }');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(Array.from({ length: 200 }, (_, i) => i), 20)).toHaveLength(20);
    expect(describeCall('compareRates', [10, 0.1, 0.3, 5])).toBe('compareRates(10, 0.1, 0.3, 5)');
  });

  test('touching the page, storage, the network or eval gets a word of explanation', () => {
    expect(describeError(new ReferenceError('document is not defined'))).toMatch(/runs in a worker, apart from the page/);
    expect(describeError(new ReferenceError('localStorage is not defined'))).toMatch(/no page, window or storage/);
    expect(describeError(new TypeError('fetch is not a function'))).toMatch(/network and storage are switched off/);
    expect(describeError(new TypeError('eval is not a function'))).toMatch(/eval, Function and timers are switched off/);
    expect(describeError('plain')).toBe('threw "plain"');
  });

  test('import is refused wherever it stands; words that merely contain it are not', () => {
    expect(refusedCode("function f() { return import('/x.js'); }")).toMatch(/import.*without the network/);
    expect(refusedCode('const m = import.meta;')).toBeDefined();
    expect(refusedCode('function f() { const important = 1; const $import = 2; return reimport(); }')).toBeUndefined();
  });

  test('the check is a tokenizer: import in a comment, a string, a template or as a property name is fine', () => {
    expect(refusedCode('// import this idea\nfunction f(o) { /* import */ return ["import", `import ${1}`, o.import]; }')).toBeUndefined();
    expect(refusedCode('const re = /import/; function f() { return re; }')).toBeUndefined();
    expect(refusedCode('function f() {\n  return import("/x.js");\n}')).toMatch(/import \(line 2\)/);
  });

  test('code that would close the wrapper the sandbox puts around it is a syntax error, with its line and column', () => {
    expect(refusedCode('}); fetch("/"); (function () {')).toMatch(/SyntaxError: .*\(line 1, column 1\)/);
    expect(refusedCode('function f() {\n  return x +;\n}')).toMatch(/line 2/);
    expect(refusedCode('return 1;')).toBeUndefined();
  });
});

describe('readSandboxMessage (the page reads the worker as possibly forged)', () => {
  test('well-formed messages are read; ids only from 0…count−1', () => {
    expect(readSandboxMessage({ type: 'result', id: 1, value: '3' }, 2)).toEqual({ type: 'result', id: 1, value: '3' });
    expect(readSandboxMessage({ type: 'done' }, 2)).toEqual({ type: 'done' });
    for (const id of [2, -1, 0.5, 2 ** 32 - 2, '__proto__', '0', NaN, undefined]) {
      expect(readSandboxMessage({ type: 'result', id, value: '3' }, 2), String(id)).toBeUndefined();
    }
  });

  test('anything else is refused: other shapes, results over the limit, inherited fields', () => {
    expect(readSandboxMessage(null, 2)).toBeUndefined();
    expect(readSandboxMessage([{ type: 'done' }], 2)).toBeUndefined();
    expect(readSandboxMessage({ type: 'passed', id: 0 }, 2)).toBeUndefined();
    expect(readSandboxMessage({ type: 'result', id: 0, value: 3 }, 2)).toBeUndefined();
    expect(readSandboxMessage({ type: 'result', id: 0, value: 'x'.repeat(resultLimit + 1) }, 2)).toBeUndefined();
    expect(readSandboxMessage(Object.create({ type: 'done' }), 2)).toBeUndefined();
  });

  test('a learner-produced message is cut to a bounded excerpt', () => {
    const read = readSandboxMessage({ type: 'error', id: 0, message: 'e'.repeat(8_000_000) }, 1);
    expect(read?.type === 'error' && read.message.length).toBeLessThanOrEqual(300);
  });
});

describe('gradeResult (the page compares, with its own built-ins)', () => {
  const test1: CodeTestCase = { name: 't', args: [], expected: [1, { $number: 'NaN' }], tolerance: 1e-6 };
  test('the JSON the sandbox sends is compared with the expected value', () => {
    expect(gradeResult(test1, '[1.0000001,{"$number":"NaN"}]').passed).toBe(true);
    expect(gradeResult(test1, '[1.1,{"$number":"NaN"}]')).toMatchObject({ passed: false, error: 'the result[0] is off' });
    expect(gradeResult({ name: 'u', args: [], expected: null }, '{"$undefined":true}').passed).toBe(false);
  });

  test('text that is not JSON, or nested too deep to compare, is unexpected, never a pass or a crash', () => {
    expect(gradeResult(test1, 'not json')).toEqual({ passed: false, error: unexpectedResult });
    expect(gradeResult(test1, `${'['.repeat(30_000)}${']'.repeat(30_000)}`).passed).toBe(false);
  });
});

describe('TypeScript', () => {
  test('a TypeScript solution has its types stripped and runs like JavaScript', () => {
    const tests: CodeTestCase[] = [{ name: 'a', args: [3], expected: 9 }];
    const ts = 'interface Box { n: number }\nfunction square(x: number): number { const b: Box = { n: x }; return b.n * b.n; }';
    expect(runInNode(ts, 'square', tests, 'typescript').outcomes[0]!.passed).toBe(true);
    expect(runInNode(ts, 'square', tests).compileError).toBeDefined();
  });
});

describe('runInNode (the build runs reference solutions here)', () => {
  test('a right solution passes; a wrong one fails with the value it returned', () => {
    expect(runInNode('function square(x) { return x * x; }', 'square', square).outcomes.every((o) => o.passed)).toBe(true);
    const wrong = runInNode('function square(x) { return x + x; }', 'square', square);
    expect(wrong.compileError).toBeUndefined();
    expect(wrong.outcomes[1]).toEqual({ passed: false, received: '-6', error: 'the result is off' });
  });

  test('code that does not compile, or defines no such function, is a compile error', () => {
    expect(runInNode('function square(x) { return x * ; }', 'square', square).compileError).toMatch(/Unexpected token/);
    expect(runInNode('function sqr(x) { return x * x; }', 'square', square).compileError).toBe('the code defines no function square');
  });

  test('it runs as strictly as the page: no implicit globals, no eval, no Function, no import', () => {
    const implicit = runInNode('function square(x) { y = x * x; return y; }', 'square', square);
    expect(implicit.compileError).toBeUndefined();
    expect(implicit.outcomes[0]?.error).toMatch(/ReferenceError: y is not defined/);
    expect(runInNode('function square(x) { return eval("x * x"); }', 'square', square).outcomes[0]?.error).toMatch(/eval is not a function/);
    expect(runInNode('function square(x) { return (() => 0).constructor("return 4")(); }', 'square', square).outcomes[0]?.passed).toBe(false);
    expect(runInNode('function square(x) { import("node:fs"); return x * x; }', 'square', square).compileError).toMatch(/import/);
    expect(runInNode('function square(x) { return typeof process; }', 'square', square).outcomes[0]?.received).toBe('"undefined"');
  });

  test('a solution that never returns is stopped after 2 s a call, and reported as such', () => {
    const started = performance.now();
    const stuck = runInNode('function square(x) { while (true) {} }', 'square', square.slice(0, 1));
    const seconds = (performance.now() - started) / 1000;
    console.info(`runInNode: an infinite loop was stopped after ${seconds.toFixed(2)} s`);
    expect(stuck.outcomes[0]).toMatchObject({ passed: false, error: expect.stringMatching(/timed out after 2000ms/) });
    expect(seconds).toBeGreaterThanOrEqual(1.9);
    expect(seconds).toBeLessThan(4);
  });
});
