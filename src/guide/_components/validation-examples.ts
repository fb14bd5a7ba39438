import { ContentError, formatProblem, type Problem } from '../../content/problems';
import { validateContent, type SourceFile } from '../../content/validate';
import { validateQuizFile } from '../../quiz/validate';

/**
 * Real validator messages for the guide: each example is a small broken course run through the
 * build's own validator when the guide is built, so the messages shown are exactly what an author
 * will see (and change when the validator's wording does). test/unit/authoring/guide.test.ts
 * checks that each example still produces a problem.
 */

const dir = 'content/demo/1.1-basics';
const lessonPath = `${dir}/1.1.1-adding-up.mdx`;
const quizPath = `${dir}/1.1.1-adding-up.quiz.yaml`;

const course: SourceFile = {
  path: 'content/demo/course.yaml',
  text: 'title: Demo\nsummary: A course to show mistakes in.\nmodules:\n  - id: "1.1"\n    title: Basics\n    folder: 1.1-basics\n',
};

const lesson = `---
id: "1.1.1"
title: Adding up
summary: How to add two numbers.
topic: Basics
difficulty: starter
estimatedTime: 30 min
objectives:
  - id: add-numbers
    text: Add two whole numbers.
---

<Exercise id="1.1.1.1" level="starter" objectives={["add-numbers"]}>

What is 2 + 3?

</Exercise>
`;

const quiz = `questions:
  - id: q-sum
    type: single
    objectives: [add-numbers]
    prompt: What is 2 + 3?
    choices:
      - id: four
        text: "4"
        feedback: One short of it.
      - id: five
        text: "5"
    answer: five
    explanation: Count on three from two.
`;

export interface ValidationExample {
  title: string;
  /** Which file is shown, and its broken text. */
  file: string;
  text: string;
  lang: 'mdx' | 'yaml';
  problems: Problem[];
  output: string;
}

function example(title: string, change: { lesson?: (s: string) => string; quiz?: (s: string) => string }, show: 'lesson' | 'quiz' = change.quiz ? 'quiz' : 'lesson'): ValidationExample {
  const lessonText = change.lesson ? change.lesson(lesson) : lesson;
  const quizText = change.quiz ? change.quiz(quiz) : quiz;
  const problems = validateContent(
    [course, { path: lessonPath, text: lessonText }, { path: quizPath, text: quizText }],
    validateQuizFile,
  );
  const showQuiz = show === 'quiz';
  return {
    title,
    file: showQuiz ? quizPath : lessonPath,
    text: showQuiz ? quizText : lessonText.slice(0, lessonText.indexOf('\n---\n') + 5),
    lang: showQuiz ? 'yaml' : 'mdx',
    problems,
    output: problems.map(formatProblem).join('\n'),
  };
}

/** Problems of the unbroken example course: none while the examples mean what they say (unit-tested). */
export const baseProblems: Problem[] = validateContent([course, { path: lessonPath, text: lesson }, { path: quizPath, text: quiz }], validateQuizFile);

export const validationExamples: ValidationExample[] = [
  example('A value the field does not allow', { lesson: (s) => s.replace('difficulty: starter', 'difficulty: easy') }),
  example('A required field left out', { lesson: (s) => s.replace('summary: How to add two numbers.\n', '') }),
  example('A misspelt field name', { lesson: (s) => s.replace('difficulty: starter', 'dificulty: starter') }),
  example('A duration the build cannot read', { lesson: (s) => s.replace('estimatedTime: 30 min', 'estimatedTime: half an hour') }),
  example('A prerequisite that is not a lesson', { lesson: (s) => s.replace('estimatedTime: 30 min\n', 'estimatedTime: 30 min\nprerequisites: ["1.1.0"]\n') }),
  example('An exercise for an objective the lesson does not have', { lesson: (s) => s.replace('objectives={["add-numbers"]}', 'objectives={["subtract-numbers"]}') }),
  example('YAML that does not parse', { lesson: (s) => s.replace('title: Adding up', 'title: "Adding up') }),
  example('A quiz answer that is not one of the choices', { quiz: (s) => s.replace('answer: five', 'answer: 5') }),
  example('An objective nothing assesses (a warning)', {
    lesson: (s) => s.replace('    text: Add two whole numbers.\n', '    text: Add two whole numbers.\n  - id: carry-digits\n    text: Carry a digit to the next column.\n'),
  }),
];

/** What `npm run build` prints when content is invalid (the first two examples together). */
export const buildFailureMessage: string = new ContentError([
  ...validationExamples[0]!.problems,
  ...validationExamples[4]!.problems,
]).message;
