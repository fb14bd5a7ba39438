import { parseYamlWithPositions, schemaProblems, type FieldPath, type Problem } from '../content/problems';
import { renderMarkdown } from '../markdown/render';
import { buildGradable } from './build';
import { checkCode, checkDiagnose, checkParametrized } from './validate-built';
import { checkExpression } from './expression/build';
import { checkMultipart } from './multipart/build';
import { defaultGenerators, type GeneratorRegistry } from './generators/index';
import { expectedResponse, grade, type Gradable } from './grade';
import { mapMarkdown } from './markdown';
import { quizSchema, type Question, type QuizData } from './schema';

/** What the quiz validator needs to know about the lesson a quiz belongs to. */
export interface QuizLesson {
  id: string;
  objectiveIds: string[];
  /** Objectives named by the lesson's exercises: they count as assessed too. */
  exerciseObjectiveIds: string[];
  /** The lesson's own `strict`: unassessed objectives become errors. */
  strict: boolean;
}

/**
 * Every problem with one quiz file, each with its file, line and a field path that names the
 * question by id (`questions[q-thresholds].tolerance`): YAML syntax, the schema, ids, answers that
 * are not among the choices, objectives the lesson does not have, objectives nothing assesses,
 * Markdown and math that do not compile, and questions whose own answer the grader would not give
 * full marks (the build's self-check).
 */
export function validateQuizFile({
  file,
  source,
  lesson,
  generators = defaultGenerators,
}: {
  file: string;
  source: string;
  lesson: QuizLesson;
  /** The generators quiz files may name; tests pass their own (broken ones included). */
  generators?: GeneratorRegistry;
}): Problem[] {
  const doc = parseYamlWithPositions(source);
  if (doc.syntaxErrors.length > 0) {
    return doc.syntaxErrors.map((e) => ({
      file,
      line: e.line,
      field: '(quiz)',
      message: `YAML syntax: ${e.message}`,
      severity: 'error',
    }));
  }
  const raw = doc.data ?? {};
  const parsed = quizSchema.safeParse(raw);
  if (!parsed.success) {
    // One issue per unknown field, so each is reported at its own line.
    const issues = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => ({ path: [...issue.path, k], message: `unknown field "${k}": ${issue.message}` }))
        : [issue],
    );
    return schemaProblems(issues, doc, file).map((problem, i) => ({
      ...problem,
      field: fieldName(
        issues[i]!.path.filter((k): k is string | number => typeof k !== 'symbol'),
        raw,
      ),
    }));
  }
  const problems: Problem[] = [];
  const report = (path: FieldPath, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, line: doc.lineOf(path), field: fieldName(path, raw), message, severity });
  checkQuiz(parsed.data, lesson, report, generators);
  return problems;
}

export type Report = (path: FieldPath, message: string, severity?: Problem['severity']) => void;

function checkQuiz(quiz: QuizData, lesson: QuizLesson, report: Report, generators: GeneratorRegistry) {
  const firstIndex = new Map<string, number>();
  quiz.questions.forEach((question, i) => {
    const at = (...path: (string | number)[]) => ['questions', i, ...path];
    let problemsInQuestion = 0;
    const local: Report = (path, message, severity) => {
      if (severity !== 'warning') problemsInQuestion += 1;
      report(path, message, severity);
    };
    const first = firstIndex.get(question.id);
    if (first !== undefined) {
      local(
        at('id'),
        `question id "${question.id}" is already used by question ${first + 1}; ids must be unique in a quiz`,
      );
    } else {
      firstIndex.set(question.id, i);
    }
    question.objectives.forEach((objective, k) => {
      if (!lesson.objectiveIds.includes(objective)) {
        local(
          at('objectives', k),
          `"${objective}" is not an objective of lesson ${lesson.id}; expected one of ${lesson.objectiveIds.join(', ')}`,
        );
      }
    });
    checkAnswers(question, at, local);
    mapMarkdown(question, (markdown, place) => {
      try {
        renderMarkdown(markdown, { inline: place.inline });
      } catch (error) {
        local(at(...place.path), `the Markdown does not compile: ${mathMessage(error)}`);
      }
      return markdown;
    });
    // Generated variants, simulated curves and reference solutions: only once the question is otherwise sound.
    if (problemsInQuestion === 0) {
      if (question.type === 'parametrized') checkParametrized(question, at, local, generators);
      if (question.type === 'diagnose') checkDiagnose(question, at, local, generators);
      if (question.type === 'code') checkCode(question, at, local, generators);
      if (question.type === 'expression') checkExpression(question, at, local);
      if (question.type === 'multipart') checkMultipart(question, at, local, generators);
    }
    // The self-check only means something once the question is otherwise sound.
    const failure = problemsInQuestion === 0 ? selfCheck(buildGradable(question, generators)) : undefined;
    if (failure) report(at(answerField(question)), failure);
  });

  const assessed = new Set([...quiz.questions.flatMap((q) => q.objectives), ...lesson.exerciseObjectiveIds]);
  const unassessed = lesson.objectiveIds.filter((id) => !assessed.has(id));
  if (unassessed.length > 0) {
    const strict = quiz.strict || lesson.strict;
    report(
      ['questions'],
      `no question or exercise assesses ${unassessed.length === 1 ? 'the objective' : 'the objectives'} ${unassessed.join(', ')} of lesson ${lesson.id}` +
        (strict ? ' (strict: every objective must be assessed)' : ''),
      strict ? 'error' : 'warning',
    );
  }
}

/**
 * The build's self-check: the question's stated answer must earn full marks from the grader (for
 * a parametrized question, the answer of every variant the page carries).
 */
export function selfCheck(question: Gradable): string | undefined {
  const responses =
    question.type === 'parametrized'
      ? question.variants.map((variant) => ({ variant, response: expectedResponse({ ...question, variants: [variant] }) }))
      : [{ variant: undefined, response: expectedResponse(question) }];
  for (const { variant, response } of responses) {
    const result = grade(question, response);
    if (result.correct && result.score === result.max) continue;
    return `${variant ? `variant ${variant.seed}: ` : ''}the stated answer does not earn full marks from the grader (${result.invalid ?? `score ${result.score} of ${result.max}`}); check the answer and its tolerance`;
  }
  return undefined;
}

function checkAnswers(question: Question, at: (...path: (string | number)[]) => FieldPath, report: Report) {
  const unique = (values: string[], path: (j: number) => FieldPath, what: string, normalise = (s: string) => s) => {
    const seen = new Map<string, number>();
    values.forEach((value, j) => {
      const key = normalise(value);
      const first = seen.get(key);
      if (first !== undefined) {
        report(path(j), `${what} "${value}" repeats ${what} ${first + 1}; expected each to be different`);
      } else {
        seen.set(key, j);
      }
    });
  };
  const sameText = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

  switch (question.type) {
    case 'single':
    case 'multiple': {
      const ids = question.choices.map((c) => c.id);
      unique(ids, (j) => at('choices', j, 'id'), 'choice id');
      unique(
        question.choices.map((c) => c.text),
        (j) => at('choices', j, 'text'),
        'choice',
        sameText,
      );
      const answers = question.type === 'single' ? [question.answer] : question.answers;
      answers.forEach((answer, k) => {
        const path = question.type === 'single' ? at('answer') : at('answers', k);
        if (!ids.includes(answer)) {
          report(path, `"${answer}" is not one of the choice ids; expected one of ${ids.join(', ')}`);
        }
      });
      if (question.type === 'multiple') unique(question.answers, (k) => at('answers', k), 'answer');
      break;
    }
    case 'ordering':
      unique(
        question.items.map((item) => item.id),
        (j) => at('items', j, 'id'),
        'item id',
      );
      unique(
        question.items.map((item) => item.text),
        (j) => at('items', j, 'text'),
        'item',
        sameText,
      );
      break;
    case 'diagnose':
      for (const part of ['verdict', 'fix'] as const) {
        const ids = question[part].choices.map((c) => c.id);
        unique(ids, (j) => at(part, 'choices', j, 'id'), 'choice id');
        unique(
          question[part].choices.map((c) => c.text),
          (j) => at(part, 'choices', j, 'text'),
          'choice',
          sameText,
        );
        if (!ids.includes(question[part].answer)) {
          report(at(part, 'answer'), `"${question[part].answer}" is not one of the choice ids; expected one of ${ids.join(', ')}`);
        }
      }
      if ((question.losses === undefined) === (question.curve === undefined)) {
        report(at('losses'), 'expected the curve either as losses: [...] or as curve: { generator, params }, not both or neither');
      }
      break;
    case 'code':
      unique(
        question.tests.map((t) => t.name),
        (j) => at('tests', j, 'name'),
        'test name',
        sameText,
      );
      break;
    case 'parametrized':
      for (const [name, spec] of Object.entries(question.params)) {
        if ('min' in spec && spec.max < spec.min) {
          report(at('params', name, 'max'), `expected max (${spec.max}) to be no smaller than min (${spec.min})`);
        }
      }
      break;
    case 'true-false':
    case 'numeric':
    case 'text':
    case 'open':
    case 'expression':
    case 'multipart':
      break;
  }
}

function answerField(question: Pick<Question, 'type'>): string {
  switch (question.type) {
    case 'multiple':
    case 'text':
      return 'answers';
    case 'ordering':
      return 'items';
    case 'open':
      return 'modelAnswer';
    case 'parametrized':
      return 'generator';
    case 'diagnose':
      return 'verdict';
    case 'code':
      return 'solution';
    case 'multipart':
      return 'parts';
    case 'true-false':
    case 'single':
    case 'numeric':
    case 'expression':
      return 'answer';
  }
}

/**
 * `questions[q-rate].choices[b].text`: array elements are named by their `id` when they have one
 * (questions, choices, items), by their index otherwise (`hints[0]`), so the field survives reordering.
 */
export function fieldName(path: FieldPath, data: unknown): string {
  let name = '';
  let node: unknown = data;
  for (const segment of path) {
    const child: unknown =
      typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      const id = typeof child === 'object' && child !== null ? (child as { id?: unknown }).id : undefined;
      name += `[${typeof id === 'string' && id !== '' ? id : segment}]`;
    } else {
      name += name === '' ? segment : `.${segment}`;
    }
    node = child;
  }
  return name || '(quiz)';
}

/** The renderer's message names a placeholder file and line; the problem already has the real ones. */
function mathMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^.*?\berror\s+math:\s*/gm, '').replace(/\n/g, '; ');
}
