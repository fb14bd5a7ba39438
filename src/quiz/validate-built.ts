import { refusedCode } from './code-check';
import { transform } from 'sucrase';
import { createContext, runInContext } from 'node:vm';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FieldPath, Problem } from '../content/problems';
import { renderMarkdown } from '../markdown/render';
import { diagnoseLoss } from '../sim/index';
import { codeTests, diagnoseLosses, variantSource, type VariantSource } from './build';
import { decodeValue, describeCall, describeValue, gradeResult, runTestCases, withHint, type CodeLanguage, type CodeTestCase, type TestOutcome } from './code';
import type { GeneratorRegistry } from './generators/index';
import { formatParam } from './params';
import type { QuestionOf } from './schema';
import { defaultRelativeTolerance } from './numbers';

/**
 * The validator's checks of what the build computes: parametrized questions (200 variants
 * sampled), diagnose questions (the curve against src/sim's diagnoseLoss) and code questions (the
 * reference solution run against its tests in Node). Each reports through `report` with a field
 * path, so problems carry the file, line, question id and field like every other quiz problem.
 */

type Report = (path: FieldPath, message: string, severity?: Problem['severity']) => void;
type At = (...path: (string | number)[]) => FieldPath;

/** How many variants the build samples per parametrized question, whatever the page carries. */
export const sampledVariants = 200;

/** Time a reference solution may take per call, in Node, before the build calls it stuck. */
const solutionTimeoutMs = 2000;

const names = (registry: Readonly<Record<string, unknown>>) => Object.keys(registry).join(', ') || '(none)';

/** "variant 17 (a = 2, x0 = 3)": which variant, in words an author can reproduce. */
function variantName(source: Pick<VariantSource, 'seed' | 'params'>): string {
  const params = Object.entries(source.params)
    .map(([name, value]) => `${name} = ${formatParam(value, { math: false })}`)
    .join(', ');
  return `variant ${source.seed}${params ? ` (${params})` : ''}`;
}

/** The tolerance the grader allows around `answer` (numbers.ts: the larger of the two, or ~9 digits). */
function allowedAround(answer: number, tolerance: { tolerance?: number; relativeTolerance?: number }): number {
  if (tolerance.tolerance === undefined && tolerance.relativeTolerance === undefined) {
    return defaultRelativeTolerance * Math.abs(answer);
  }
  return Math.max(tolerance.tolerance ?? 0, (tolerance.relativeTolerance ?? 0) * Math.abs(answer));
}

export function checkParametrized(
  question: QuestionOf<'parametrized'>,
  at: At,
  report: Report,
  registry: GeneratorRegistry,
): void {
  const generator = registry.variants[question.generator];
  if (!generator) {
    report(at('generator'), `there is no generator "${question.generator}"; expected one of ${names(registry.variants)}`);
    return;
  }
  const missing = generator.params.filter((name) => !Object.hasOwn(question.params, name));
  if (missing.length > 0) {
    report(at('params'), `the generator "${question.generator}" needs the parameters ${generator.params.join(', ')}; missing ${missing.join(', ')}`);
    return;
  }
  if (generator.kind === 'choice' && (question.tolerance !== undefined || question.unit !== undefined)) {
    report(at(question.tolerance !== undefined ? 'tolerance' : 'unit'), `"${question.generator}" makes a choice question, which takes no tolerance or unit`);
  }
  if (generator.kind === 'numeric' && (question.choiceText !== undefined || question.choiceFeedback !== undefined)) {
    report(at(question.choiceText !== undefined ? 'choiceText' : 'choiceFeedback'), `"${question.generator}" makes a numeric question, which has no choices`);
  }

  // One problem per kind, at the first variant that shows it: 200 copies of the same message help no one.
  const seen = new Set<string>();
  const once = (kind: string, path: FieldPath, message: string) => {
    if (seen.has(kind)) return;
    seen.add(kind);
    report(path, message);
  };
  const toleranceField = at(question.tolerance !== undefined ? 'tolerance' : question.relativeTolerance !== undefined ? 'relativeTolerance' : 'generator');

  for (let seed = 0; seed < Math.max(sampledVariants, question.variants); seed++) {
    let source: VariantSource;
    try {
      source = variantSource(question, seed, registry);
    } catch (error) {
      once('throws', at('generator'), `variant ${seed}: the generator "${question.generator}" failed: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const name = variantName(source);
    const badParam = Object.entries(source.params).find(([, v]) => typeof v === 'number' && !Number.isFinite(v));
    if (badParam) once('param', at('params', badParam[0]), `${name}: the parameter ${badParam[0]} has no value`);
    for (const field of ['prompt', 'explanation'] as const) {
      const template = field === 'prompt' ? source.prompt : source.explanation;
      const unknown = source.unknownNames.filter((n) => (field === 'prompt' ? question.prompt : question.explanation).includes(`{${n}`));
      if (unknown.length > 0 && template) {
        once(`unknown-${field}`, at(field), `{${unknown[0]}} names no parameter and no value of the generator; known: ${Object.keys(source.values).join(', ')}`);
      }
    }
    const { generated } = source;
    if (generated.kind === 'numeric') {
      if (!Number.isFinite(generated.answer)) {
        once('finite', at('generator'), `${name}: the answer is ${generated.answer}, not a finite number`);
        continue;
      }
      const allowed = allowedAround(generated.answer, question);
      if (generated.answer !== 0 && allowed >= Math.abs(generated.answer)) {
        once('zero', toleranceField, `${name}: the tolerance ±${formatParam(allowed, { math: false })} is at least the answer ${formatParam(generated.answer, { math: false })} itself, so 0 would be accepted; use a relative tolerance or a smaller one`);
      }
      for (const distractor of generated.distractors) {
        if (!Number.isFinite(distractor.value)) continue;
        const distance = Math.abs(distractor.value - generated.answer);
        if (allowed >= distance / 2) {
          once('separation', toleranceField, `${name}: the tolerance ±${formatParam(allowed, { math: false })} cannot separate the answer ${formatParam(generated.answer, { math: false })} from ${formatParam(distractor.value, { math: false })} (${distractor.why}): it must be less than half their distance, ${formatParam(distance / 2, { math: false })}`);
        }
      }
    } else {
      const ids = generated.choices.map((c) => c.id);
      if (!ids.includes(generated.answer)) {
        once('answer', at('generator'), `${name}: the answer "${generated.answer}" is not among the choices ${ids.join(', ')}`);
      }
      const infinite = generated.choices.find((c) => !Number.isFinite(c.value));
      if (infinite) {
        once('finite', at('generator'), `${name}: the choice "${infinite.id}" is ${infinite.value}, not a finite number`);
        continue;
      }
      for (let i = 0; i < generated.choices.length; i++) {
        for (let j = i + 1; j < generated.choices.length; j++) {
          const a = generated.choices[i]!;
          const b = generated.choices[j]!;
          const tolerance = Math.max(question.tolerance ?? 0, (question.relativeTolerance ?? 1e-9) * Math.max(Math.abs(a.value), Math.abs(b.value)));
          const sameText = source.choiceText[a.id] === source.choiceText[b.id];
          if (Math.abs(a.value - b.value) <= tolerance || sameText) {
            once('collision', at('generator'), `${name}: the choices "${a.id}" and "${b.id}" collide (${formatParam(a.value, { math: false })} and ${formatParam(b.value, { math: false })}${sameText ? ', shown as the same text' : ''})`);
          }
        }
      }
    }
    // The page's variants are rendered at build: their Markdown must compile.
    if (seed < question.variants) {
      const fields: [FieldPath, string, boolean][] = [
        [at('prompt'), source.prompt, true],
        [at('explanation'), source.explanation, false],
        ...Object.values(source.choiceText).map((text): [FieldPath, string, boolean] => [at('choiceText'), text, true]),
        ...Object.entries(source.choiceFeedback).map(([id, text]): [FieldPath, string, boolean] => [at('choiceFeedback', id), text, false]),
      ];
      for (const [path, markdown, inline] of fields) {
        try {
          renderMarkdown(markdown, { inline });
        } catch (error) {
          once(`markdown-${path.join('.')}`, path, `${name}: the Markdown does not compile: ${error instanceof Error ? error.message.replace(/\n/g, '; ') : String(error)}`);
        }
      }
    }
  }
}

export function checkDiagnose(question: QuestionOf<'diagnose'>, at: At, report: Report, registry: GeneratorRegistry): void {
  if (question.curve) {
    const generator = registry.curves[question.curve.generator];
    if (!generator) {
      report(at('curve', 'generator'), `there is no curve generator "${question.curve.generator}"; expected one of ${names(registry.curves)}`);
      return;
    }
    const missing = generator.params.filter((name) => !Object.hasOwn(question.curve!.params, name));
    if (missing.length > 0) {
      report(at('curve', 'params'), `the curve "${question.curve.generator}" needs ${generator.params.join(', ')}; missing ${missing.join(', ')}`);
      return;
    }
  }
  let losses: number[];
  try {
    losses = diagnoseLosses(question, registry);
  } catch (error) {
    report(at('curve'), `the curve could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (losses.filter(Number.isFinite).length < 2) {
    report(at(question.curve ? 'curve' : 'losses'), 'expected at least two finite losses to draw a curve');
    return;
  }
  const right = question.verdict.choices.find((c) => c.id === question.verdict.answer);
  const index = question.verdict.choices.findIndex((c) => c.id === question.verdict.answer);
  const simulation = diagnoseLoss(losses);
  if (!right?.diagnosis) {
    report(
      at('verdict', 'choices', index, 'diagnosis'),
      `question ${question.id}: say which diagnosis the right verdict means (diagnosis: ${simulation.verdict}, as the simulation reads this curve) so the build can compare`,
      'warning',
    );
  } else if (right.diagnosis !== simulation.verdict) {
    report(
      at('verdict', 'choices', index, 'diagnosis'),
      `question ${question.id}: the right verdict means "${right.diagnosis}", but src/sim's diagnoseLoss reads the curve as "${simulation.verdict}" (${simulation.reasons[0] ?? ''})`,
      'warning',
    );
  }
}

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

/**
 * Run each Python `code` against the tests with Pyodide in a child process (python-check.mjs,
 * one Pyodide load for all of them); each result graded by the page's grader. A run that has not
 * finished within the time limit (an infinite loop) fails every code given.
 */
export function runPythonInNode(codes: readonly string[], functionName: string, tests: readonly CodeTestCase[]): SolutionRun[] {
  const calls = tests.map((test) => decodeValue(test.args));
  const everyTest = (message: string): SolutionRun => ({ outcomes: tests.map(() => ({ passed: false, error: message })), compileError: message });
  let output: string;
  try {
    output = execFileSync(process.execPath, [fileURLToPath(new URL('./python-check.mjs', import.meta.url))], {
      input: JSON.stringify({ runs: codes.map((code) => ({ code, name: functionName, calls })) }),
      encoding: 'utf8',
      timeout: pythonRunTimeoutMs,
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const timedOut = (error as { signal?: string }).signal === 'SIGTERM';
    const message = timedOut
      ? `did not finish within ${pythonRunTimeoutMs / 1000} s (an infinite loop?)`
      : `Pyodide failed: ${String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').slice(-3).join(' ')}`;
    return codes.map(() => everyTest(message));
  }
  const runs = JSON.parse(output) as PythonRunResult[];
  return runs.map((run) => {
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
