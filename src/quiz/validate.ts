import { parseYamlWithPositions, schemaProblems, type FieldPath, type Problem } from '../content/problems';
import { renderMarkdown } from '../markdown/render';
import { buildGradable } from './build';
import { serverKinds } from './types/server';
import type { CheckContext, ServerKind } from './types/server-kind';
import { defaultGenerators, type GeneratorRegistry } from './generators/index';
import { grade, testResponses, type Gradable } from './grade';
import { mapMarkdown } from './markdown';
import { quizSchema, type QuizData } from './schema';

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
    const kind = serverKinds[question.type] as ServerKind;
    const context: CheckContext = { at, report: local, generators, unique: unique(local), sameText };
    kind.check?.(question as never, context);
    // Feedback that teaches: every wrong option says why it is wrong (strictFeedback: or the build stops).
    for (const option of kind.wrongOptions?.(question as never, generators) ?? []) {
      if (option.feedback !== undefined) continue;
      report(
        at(...option.path),
        'this wrong option has no feedback: say why a learner might pick it and why it is wrong' +
          (quiz.strictFeedback ? ' (strictFeedback: every wrong option needs feedback)' : ''),
        quiz.strictFeedback ? 'error' : 'warning',
      );
    }
    mapMarkdown(question, (markdown, place) => {
      try {
        renderMarkdown(markdown, { inline: place.inline });
      } catch (error) {
        local(at(...place.path), `the Markdown does not compile: ${mathMessage(error)}`);
      }
      return markdown;
    });
    // Generated variants, simulated curves and reference solutions: only once the question is otherwise sound.
    if (problemsInQuestion === 0) kind.checkBuilt?.(question as never, context);
    // The self-check only means something once the question is otherwise sound.
    const failure = problemsInQuestion === 0 ? selfCheck(buildGradable(question, generators)) : undefined;
    if (failure) report(at(kind.answerField), failure);
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
 * The build's self-check, after PrairieLearn's element `test`: for every instance of the question
 * (each variant the page carries), the type's right response must earn full marks, its wrong
 * response less, and its invalid response a message and no mark.
 */
export function selfCheck(question: Gradable): string | undefined {
  for (const { label, right, wrong, invalid } of testResponses(question)) {
    const at = label ? `${label}: ` : '';
    const good = grade(question, right);
    if (!good.correct || good.score !== good.max) {
      return `${at}the stated answer does not earn full marks from the grader (${good.invalid ?? `score ${good.score} of ${good.max}`}); check the answer and its tolerance`;
    }
    if (wrong !== undefined) {
      const bad = grade(question, wrong);
      if (bad.invalid !== undefined || bad.score >= bad.max) {
        return `${at}a wrong answer (${JSON.stringify(wrong)}) earns ${bad.invalid ? `no grade (${bad.invalid})` : 'full marks'} from the grader; check the answer and its tolerance`;
      }
    }
    const refused = grade(question, invalid);
    if (refused.invalid === undefined || refused.score !== 0) {
      return `${at}a response that is no answer (${JSON.stringify(invalid)}) is graded instead of refused with a message`;
    }
  }
  return undefined;
}

const sameText = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

const unique =
  (report: Report): CheckContext['unique'] =>
  (values, path, what, normalise = (s) => s) => {
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
