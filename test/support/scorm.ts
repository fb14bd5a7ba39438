import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonProgress } from '../../src/progress/document';
import { testResponses, type Gradable } from '../../src/quiz/grade';
import type { QuizDataFileBody, QuizPageData } from '../../src/quiz/page';

/**
 * The largest resume state a lesson of the built site can have: every question answered with the
 * longest of its test responses (the model code of a code question, the longest text), the most
 * attempts, a variant seed on every parametrized question. What suspend_data is measured with.
 */
export function largestLessonProgress(dist: string, lessonId: string): LessonProgress {
  const html = readFileSync(join(dist, 'math-for-ml', lessonId, 'index.html'), 'utf8');
  const data = [...html.matchAll(/<script[^>]*data-quiz-data[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => JSON.parse(m[1]!) as QuizPageData)
    .find((d) => d.complete);
  if (!data) throw new Error(`${lessonId}: no quiz data`);
  const variants: QuizDataFileBody | undefined = data.dataUrl
    ? (JSON.parse(readFileSync(join(dist, data.dataUrl), 'utf8')) as QuizDataFileBody)
    : undefined;
  const lesson: LessonProgress = { homework: {}, quiz: {}, quizSize: { points: 0, questions: 0 } };
  for (const shown of data.questions) {
    const question: Gradable = variants?.questions[shown.id] ?? shown;
    const responses = testResponses(question).flatMap((c) => [c.right, c.wrong]).filter((r) => r !== undefined);
    const longest = responses.sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0] ?? null;
    const seed = question.type === 'parametrized' ? Math.max(...question.variants.map((v) => v.seed)) : undefined;
    const max = 'points' in question && typeof question.points === 'number' ? question.points : 1;
    lesson.quiz[shown.id] = {
      response: longest,
      attempts: 9,
      score: max / 3,
      firstScore: 0,
      max,
      correct: true,
      selfAssessed: false,
      answeredAt: '2026-12-02T06:00:00.000Z',
      ...(seed === undefined ? {} : { seed }),
    };
    lesson.quizSize!.points += max;
    lesson.quizSize!.questions += 1;
  }
  // quizSize is not part of suspend_data (the page knows it); the round trip compares the rest.
  delete lesson.quizSize;
  return lesson;
}
