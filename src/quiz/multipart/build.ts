/**
 * The `multipart` question type, build half: the page data (parts with their kind, the numbers
 * written in the question for the stock-answer guard, the right response) and the build's checks:
 * every formula and condition readable and naming only earlier parts, each choice part with
 * exactly one right choice, every right value finite, and each part the oracle knows equal to the
 * oracle's value (src/sim computes it: the question cannot drift from the simulation).
 */
import '../expression/install';
import type { FieldPath, Problem } from '../../content/problems';
import { renderMarkdown } from '../../markdown/render';
import { withinTolerance } from '../numbers';
import { mapMarkdown } from '../markdown';
import type { GeneratorRegistry } from '../generators/index';
import type { QuestionOf } from '../schema';
import { partEvaluator, partFormulaProblem } from './evaluate';
import { dependencies, expectedChoice, referenceValues, type Part } from './grade';
import type { MultipartGradable, MultipartGradablePart } from './question';

type Report = (path: FieldPath, message: string, severity?: Problem['severity']) => void;
type At = (...path: (string | number)[]) => FieldPath;
type Question = QuestionOf<'multipart'>;

/** The parts as the grader reads them. */
export function gradableParts(question: Question): Part[] {
  return question.parts.map((part) =>
    part.choices
      ? { id: part.id, kind: 'choice', choices: part.choices.map((c) => ({ id: c.id, ...(c.when ? { when: c.when } : {}) })), ...(typeof part.answer === 'string' ? { answer: part.answer } : {}), carryForward: part.carryForward, points: part.points }
      : { id: part.id, kind: 'numeric', answer: part.answer ?? Number.NaN, tolerance: part.tolerance, relativeTolerance: part.relativeTolerance, carryForward: part.carryForward, stock: part.stock, points: part.points },
  );
}

/**
 * Numbers written in the question's text: the values a learner can copy without working anything
 * out. Subscripts (`h_{11}`, `x_0`) and LaTeX commands are not numbers a learner is offered.
 */
export function offeredNumbers(texts: readonly string[]): number[] {
  const found = new Set<number>();
  for (const text of texts) {
    const cleaned = text.replace(/_\{[^}]*\}|_\w|\\[A-Za-z]+/g, ' ');
    for (const match of cleaned.matchAll(/(?<![\w.])-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]?\d+)?/gi)) found.add(Number(match[0].replace(/,/g, '')));
  }
  return [...found].filter(Number.isFinite).sort((a, b) => a - b);
}

const shownNumber = (n: number) => String(Number(n.toPrecision(12)));

export function buildMultipart(question: Question): MultipartGradable {
  const rendered = mapMarkdown(question, (source, { inline }) => renderMarkdown(source, { inline }));
  const parts = gradableParts(question);
  const evaluate = partEvaluator(parts.map((p) => p.id));
  const values = referenceValues(parts, evaluate);
  const reference = Object.fromEntries(
    parts.map((part) => [part.id, part.kind === 'numeric' ? shownNumber(values[part.id]!) : (expectedChoice(part, values, evaluate) ?? '')]),
  );
  const texts = [question.prompt, ...question.parts.flatMap((p) => [p.prompt, ...(p.choices ?? []).map((c) => c.text)])];
  return {
    type: 'multipart',
    id: question.id,
    points: question.points,
    ...(rendered.feedback ? { feedback: rendered.feedback } : {}),
    parts: parts.map((part, i): MultipartGradablePart => {
      const source = rendered.parts[i]!;
      return part.kind === 'choice'
        ? { ...part, choices: part.choices.map((c, j) => ({ ...c, text: source.choices?.[j]?.text ?? c.id })) }
        : { ...part, ...(source.unit ? { unit: source.unit } : {}) };
    }),
    offered: offeredNumbers(texts),
    ...(question.carryForwardCredit === undefined ? {} : { carryForwardCredit: question.carryForwardCredit }),
    reference,
  };
}

export function checkMultipart(question: Question, at: At, report: Report, registry: GeneratorRegistry): void {
  const parts = gradableParts(question);
  const ids = parts.map((p) => p.id);
  let sound = true;
  const fail = (path: FieldPath, message: string) => {
    report(path, message);
    sound = false;
  };
  const seen = new Set<string>();
  question.parts.forEach((part, i) => {
    if (seen.has(part.id)) fail(at('parts', i, 'id'), `part id "${part.id}" is used by an earlier part; expected each to be different`);
    seen.add(part.id);
    const earlier = ids.slice(0, i);
    const later = ids.slice(i + 1);
    const readable = (formula: string, path: FieldPath) => {
      const named = later.filter((id) => new RegExp(`(?<![A-Za-z0-9_])${id}(?![A-Za-z0-9_])`).test(formula));
      if (named.length > 0) return fail(path, `"${formula}" refers to ${named.join(', ')}, which come${named.length === 1 ? 's' : ''} later; a part may use only earlier parts`);
      const problem = partFormulaProblem(formula, earlier);
      if (problem) fail(path, `"${formula}" cannot be read: ${problem}${earlier.length ? ` (the earlier parts are ${earlier.join(', ')})` : ' (no part comes before this one)'}`);
    };
    if (part.choices) {
      part.choices.forEach((c, j) => c.when !== undefined && readable(c.when, at('parts', i, 'choices', j, 'when')));
      const conditioned = part.choices.filter((c) => c.when !== undefined).length;
      if (typeof part.answer === 'string') {
        if (!part.choices.some((c) => c.id === part.answer)) fail(at('parts', i, 'answer'), `"${part.answer}" is not one of the choice ids; expected one of ${part.choices.map((c) => c.id).join(', ')}`);
        if (conditioned > 0) fail(at('parts', i, 'answer'), 'expected either answer or a when condition on the choices, not both');
      } else if (conditioned === 0) {
        fail(at('parts', i, 'choices'), 'expected the right choice as answer: <choice id>, or a when condition on each choice (e.g. when: 0.1 < limit)');
      } else if (typeof part.answer === 'number') {
        fail(at('parts', i, 'answer'), 'a part with choices takes answer as a choice id, not a number');
      }
    } else if (part.answer === undefined) {
      fail(at('parts', i, 'answer'), 'expected answer: a number, or a formula of earlier parts such as 2 / lmax');
    } else if (typeof part.answer === 'string') {
      readable(part.answer, at('parts', i, 'answer'));
    }
    const numericPart = parts[i]!;
    if (part.carryForward && dependencies(numericPart, earlier).length === 0 && sound) {
      report(at('parts', i, 'carryForward'), 'carryForward has nothing to carry: the answer does not use an earlier part', 'warning');
    }
  });
  if (!sound) return;

  const evaluate = partEvaluator(ids);
  const values = referenceValues(parts, evaluate);
  parts.forEach((part, i) => {
    if (part.kind === 'numeric' && !Number.isFinite(values[part.id]!)) {
      fail(at('parts', i, 'answer'), `the right value of part ${part.id} is not a finite number (${values[part.id]})`);
    }
    if (part.kind === 'choice' && part.answer === undefined) {
      const holding = part.choices.filter((c) => c.when !== undefined && evaluate(c.when, values) === 1).map((c) => c.id);
      if (holding.length !== 1) {
        fail(at('parts', i, 'choices'), `expected exactly one choice's condition to hold for the right values, found ${holding.length === 0 ? 'none' : holding.join(', ')}`);
      }
    }
  });
  if (!sound || question.oracle === undefined) return;

  const oracle = registry.oracles[question.oracle];
  if (!oracle) return fail(at('oracle'), `there is no oracle "${question.oracle}"; expected one of ${Object.keys(registry.oracles).join(', ')}`);
  const computed = oracle.expected([]) as Record<string, unknown>;
  for (const [id, value] of Object.entries(computed)) {
    const index = ids.indexOf(id);
    const part = parts[index];
    if (!part) {
      report(at('oracle'), `the oracle computes "${id}", which is not a part; expected part ids among ${ids.join(', ')}`, 'warning');
      continue;
    }
    if (part.kind === 'numeric' && typeof value === 'number') {
      const tolerance = { absolute: part.tolerance, relative: part.relativeTolerance ?? (part.tolerance === undefined ? 1e-3 : undefined) };
      if (!withinTolerance(values[id]!, value, tolerance)) {
        fail(at('parts', index, 'answer'), `part ${id} gives ${shownNumber(values[id]!)} but the simulation (oracle ${question.oracle}) computes ${shownNumber(value)}`);
      }
    } else if (part.kind === 'choice' && expectedChoice(part, values, evaluate) !== value) {
      fail(at('parts', index, 'choices'), `part ${id}'s right choice is ${expectedChoice(part, values, evaluate)} but the simulation (oracle ${question.oracle}) says ${String(value)}`);
    }
  }
}
