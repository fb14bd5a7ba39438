/**
 * The test runner of code questions, apart from how the learner's code is evaluated: comparing a
 * returned value with the expected one, describing both, and running a list of tests against a
 * function. The page (src/client/code/code-question.ts, grading what its sandbox returns) and the build's check of reference
 * solutions (validate.ts, in Node) both use it, so a solution that passes at build passes in the
 * page. Pure: no DOM, no Node APIs, no imports (the source check, with its parser, is code-check.ts).
 */

/** A test as the page carries it: arguments and the expected value, both JSON-safe (see `encodeValue`). */
export interface CodeTestCase {
  name: string;
  args: unknown[];
  expected: unknown;
  /** Absolute tolerance for numbers. */
  tolerance?: number;
  /** Relative tolerance for numbers (default 1e-9). */
  relativeTolerance?: number;
}

export interface TestOutcome {
  passed: boolean;
  /** The value returned, described (absent when the call threw or never ran). */
  received?: string;
  /** Why it failed: an exception, a timeout, where the values differ. */
  error?: string;
}

export const defaultRelativeTolerance = 1e-9;

/**
 * The languages a code question may take. Each has a runner on the page (src/client/code,
 * chosen by this name); TypeScript becomes JavaScript first and shares its sandbox; Python runs
 * on Pyodide, served by the site itself, in a worker of the same protocol.
 */
export const codeLanguages = ['javascript', 'typescript', 'python'] as const;
export type CodeLanguage = (typeof codeLanguages)[number];

/**
 * JSON has no NaN or ±Infinity, and the page's data is JSON: such numbers travel as
 * `{ "$number": "NaN" }`. `decodeValue` turns them back.
 */
export function encodeValue(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]));
  }
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$number' && typeof entries[0]![1] === 'string') {
      return Number(entries[0]![1]);
    }
    if (entries.length === 1 && entries[0]![0] === '$undefined') return undefined;
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeValue(v)]));
  }
  return value;
}

/** A value as a learner would write it in JavaScript, shortened past `limit` characters. */
export function describeValue(value: unknown, limit = 300): string {
  const seen = new Set<unknown>();
  const write = (v: unknown): string => {
    // Twelve significant digits: enough to see a difference that matters, short enough to read.
    if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(Number(v.toPrecision(12)));
    if (typeof v === 'string') return JSON.stringify(v);
    if (v === undefined) return 'undefined';
    if (v === null || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    if (typeof v === 'function') return 'a function';
    if (typeof v === 'symbol') return v.toString();
    if (seen.has(v)) return '(circular)';
    seen.add(v);
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      return `[${Array.from(v as ArrayLike<unknown>, write).join(', ')}]`;
    }
    const entries = Object.entries(v as object).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${write(x)}`);
    return `{ ${entries.join(', ')} }`.replace('{  }', '{}');
  };
  const text = write(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

interface Tolerance {
  absolute?: number;
  relative: number;
}

/**
 * Where `received` differs from `expected`, or undefined when they agree. Numbers agree within
 * the tolerance (NaN only with NaN); arrays element by element; objects on the expected keys, and
 * a key the learner added is not a failure. Array.isArray and plain property reads, not
 * `instanceof`, so values from another realm (Node's vm) compare too.
 */
export function difference(received: unknown, expected: unknown, tolerance: Tolerance, at = 'the result'): string | undefined {
  if (typeof expected === 'number') {
    if (typeof received !== 'number') return `${at} should be a number, not ${describeValue(received, 60)}`;
    if (Number.isNaN(expected)) return Number.isNaN(received) ? undefined : `${at} should be NaN`;
    if (!Number.isFinite(expected)) return received === expected ? undefined : `${at} should be ${expected}`;
    const allowed = Math.max(tolerance.absolute ?? 0, tolerance.relative * Math.abs(expected));
    const slack = 4 * Number.EPSILON * Math.max(Math.abs(received), Math.abs(expected));
    return Math.abs(received - expected) <= allowed + slack ? undefined : `${at} is off`;
  }
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(received) ? Array.from(received as unknown as ArrayLike<unknown>) : received;
    if (!Array.isArray(list)) return `${at} should be a list (an array)`;
    if (list.length !== expected.length) return `${at} should have ${expected.length} entries, not ${list.length}`;
    for (let i = 0; i < expected.length; i++) {
      const found = difference(list[i], expected[i], tolerance, `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof received !== 'object' || received === null || Array.isArray(received)) {
      return `${at} should be an object with ${Object.keys(expected).join(', ')}`;
    }
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.hasOwn(received, key)) return `${at} has no ${key}`;
      const found = difference((received as Record<string, unknown>)[key], value, tolerance, `${at}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(received, expected) ? undefined : `${at} should be ${describeValue(expected, 60)}`;
}

/** A thrown value as a sentence; the two mistakes a worker makes likely get a word of explanation. */
export function describeError(error: unknown): string {
  const message = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
    ? `${(error as Error).name ?? 'Error'}: ${(error as Error).message}`
    : `threw ${describeValue(error, 100)}`;
  return withHint(message);
}

/** An error's message with a word of explanation for the mistakes code in a worker makes likely. */
export function withHint(message: string): string {
  if (/\b(document|window|localStorage|alert)\b.*\bnot defined\b/.test(message)) {
    return `${message} (your code runs in a worker, apart from the page: there is no page, window or storage to touch)`;
  }
  if (/\b(fetch|XMLHttpRequest|WebSocket|WebSocketStream|importScripts|indexedDB|caches|FontFace|fonts)\b/.test(message)) {
    return `${message} (the network and storage are switched off while your code runs)`;
  }
  if (/\b(eval|Function|setTimeout|setInterval)\b.*\bnot a (function|constructor)\b/.test(message)) {
    return `${message} (eval, Function and timers are switched off: the tests call your function and read what it returns)`;
  }
  return message;
}

/** The most characters of learner code a question takes (and saves). */
export const codeLimit = 20_000;
/** The most characters of one result, as the sandbox encodes it (JSON), the page reads. */
export const resultLimit = 65_536;
/** The most characters of any learner-produced text the page shows or saves. */
export const excerptLimit = 300;

/** A learner-produced text cut to `excerptLimit` characters: never more reaches the page or storage. */
export function excerpt(text: string, limit = excerptLimit): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/**
 * What the sandbox may send, one message at a time: each call's value (JSON text, see
 * `encodeValue`) or the error it threw, `done` after the last call, or `failed` when the code
 * never produced the function. The sandbox is learner-controlled, so the page reads its messages
 * with `readSandboxMessage` and nothing else.
 */
export type SandboxMessage =
  | { type: 'result'; id: number; value: string }
  | { type: 'error'; id: number; message: string }
  | { type: 'failed'; message: string }
  | { type: 'missing' }
  | { type: 'done' };

/** The message as the page may use it, or undefined for anything else (any other shape, an id outside 0…count−1, a result too long). */
export function readSandboxMessage(data: unknown, count: number): SandboxMessage | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const own = (key: string): unknown => (Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined);
  const type = own('type');
  const id = own('id');
  const validId = typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < count;
  if (type === 'result') {
    const value = own('value');
    return validId && typeof value === 'string' && value.length <= resultLimit ? { type, id: id as number, value } : undefined;
  }
  if (type === 'error' || type === 'failed') {
    const message = own('message');
    if (typeof message !== 'string' || (type === 'error' && !validId)) return undefined;
    return type === 'error' ? { type, id: id as number, message: excerpt(message) } : { type, message: excerpt(message) };
  }
  if (type === 'done' || type === 'missing') return { type };
  return undefined;
}

/**
 * Grade one result where learner code never ran: the page, with its own built-ins. `value` is the
 * sandbox's JSON text of what the function returned (at most `resultLimit` characters).
 */
export function gradeResult(test: CodeTestCase, value: string): TestOutcome {
  try {
    const received = decodeValue(JSON.parse(value));
    const tolerance = { absolute: test.tolerance, relative: test.relativeTolerance ?? defaultRelativeTolerance };
    const found = difference(received, decodeValue(test.expected), tolerance);
    return { passed: found === undefined, received: describeValue(received), ...(found ? { error: excerpt(found) } : {}) };
  } catch {
    // Nesting too deep for the page's stack, or text that is not JSON: not a value a test expects.
    return { passed: false, error: unexpectedResult };
  }
}

export const unexpectedResult = 'The sandbox returned something unexpected, so this test is not passed.';

/**
 * Run each test against `call` (which invokes the learner's function with the arguments) and
 * report as each finishes, so a page can show the tests that ran before one that never returns.
 */
export function runTestCases(
  tests: readonly CodeTestCase[],
  call: (args: unknown[]) => unknown,
  onOutcome: (index: number, outcome: TestOutcome) => void = () => {},
): TestOutcome[] {
  return tests.map((test, index) => {
    let outcome: TestOutcome;
    try {
      const expected = decodeValue(test.expected);
      // Each test gets its own copy of the arguments: a function that changes its input cannot spoil the next test.
      const received = call(decodeValue(structuredCloneJson(test.args)) as unknown[]);
      const tolerance = { absolute: test.tolerance, relative: test.relativeTolerance ?? defaultRelativeTolerance };
      const found = difference(received, expected, tolerance);
      outcome = { passed: found === undefined, received: describeValue(received), ...(found ? { error: found } : {}) };
    } catch (error) {
      outcome = { passed: false, error: describeError(error) };
    }
    onOutcome(index, outcome);
    return outcome;
  });
}

function structuredCloneJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The test's call as a learner would write it: `compareRates(10, 0.1, 0.3, 5)`. */
export function describeCall(functionName: string, args: readonly unknown[]): string {
  return `${functionName}(${args.map((a) => describeValue(decodeValue(a), 120)).join(', ')})`;
}
