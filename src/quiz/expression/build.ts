/**
 * The `expression` question type, build half: the page data (the answer rendered with KaTeX) and
 * the build's checks: declared domains non-empty, the answer readable, equivalent to a generated
 * other form of itself and in its own required forms, every `accept` graded right and every
 * `reject` graded wrong.
 */
import './install';
import { renderMarkdown } from '../../markdown/render';
import { mapMarkdown } from '../markdown';
import type { QuestionOf } from '../schema';
import type { FieldPath, Problem } from '../../content/problems';
import { domainProblem, equivalent } from './equivalence';
import { formProblem } from './form';
import { canonicalDomains, gradeFormula, otherForm, parseFor } from './grade';
import { isFormulaError } from './parse';
import type { ExpressionGradable } from './question';

type Report = (path: FieldPath, message: string, severity?: Problem['severity']) => void;
type At = (...path: (string | number)[]) => FieldPath;

export function buildExpression(question: QuestionOf<'expression'>): ExpressionGradable {
  const rendered = mapMarkdown(question, (source) => renderMarkdown(source));
  const parsed = parseFor(question, question.answer);
  const tex = isFormulaError(parsed) ? question.answer : parsed.tex;
  return {
    type: 'expression',
    id: question.id,
    points: question.points,
    ...(rendered.feedback ? { feedback: rendered.feedback } : {}),
    answer: question.answer,
    variables: question.variables,
    forms: question.forms,
    ...(question.formCredit === undefined ? {} : { formCredit: question.formCredit }),
    ...(question.relativeTolerance === undefined ? {} : { relativeTolerance: question.relativeTolerance }),
    answerHtml: renderMarkdown(`$${tex}$`, { inline: true }),
    accept: question.accept,
    reject: question.reject,
  };
}

export function checkExpression(question: QuestionOf<'expression'>, at: At, report: Report): void {
  const names = Object.keys(question.variables);
  let sound = true;
  for (const name of names) {
    const problem = domainProblem(name, question.variables[name]!);
    if (problem) {
      report(at('variables', name), problem);
      sound = false;
    }
  }
  if (names.length === 0) {
    report(at('variables'), 'expected at least one variable with its domain, e.g. x: { min: -5, max: 5 }');
    sound = false;
  }
  const answer = parseFor(question, question.answer);
  if (isFormulaError(answer)) {
    report(at('answer'), `the answer cannot be read: ${answer.error}`);
    return;
  }
  if (!sound) return;
  const domains = canonicalDomains(question.variables);
  const other = otherForm(answer);
  const rewritten = parseFor(question, other);
  const verdict = isFormulaError(rewritten) ? undefined : equivalent(answer, rewritten, domains, { relativeTolerance: question.relativeTolerance });
  if (!verdict || verdict.equivalent !== true) {
    report(
      at('answer'),
      verdict?.equivalent === 'undecided'
        ? `the answer is undefined at most sample points of the declared domains (${verdict.points} of 40 defined): widen or move the domains`
        : `the answer is not equivalent to ${other}, the same formula written another way: check the tolerance and the domains`,
    );
    return;
  }
  for (const form of question.forms) {
    const problem = formProblem(form, answer.node, answer.text);
    if (problem) report(at('forms'), `the answer itself is not ${form}: ${problem}`);
  }
  question.accept.forEach((formula, i) => {
    const graded = gradeFormula(question, formula, answer);
    if (graded.kind !== 'right') {
      report(at('accept', i), `"${formula}" should be graded right but is ${graded.kind === 'invalid' ? `refused: ${graded.message}` : graded.kind === 'form' ? `not in the required form: ${graded.problem}` : 'not equivalent to the answer'}`);
    }
  });
  question.reject.forEach((formula, i) => {
    const graded = gradeFormula(question, formula, answer);
    if (graded.kind === 'right') report(at('reject', i), `"${formula}" should be graded wrong but is equivalent to the answer`);
    if (graded.kind === 'invalid') report(at('reject', i), `"${formula}" cannot be read: ${graded.message}`);
  });
}
