import type { APIRoute, GetStaticPaths } from 'astro';
import { loadQuizzes } from '../../lib/course';
import { lessonQuizFile } from '../../quiz/page';

/**
 * `/quiz-data/<lesson id>.<hash>.json`: the data of a lesson's quiz that its page does not carry
 * (grading data, feedback, explanations, model answers, every variant; src/quiz/page.ts). The hash
 * of the content is in the name, so a page always fetches the file of its own build, and the
 * service worker precaches it with the rest of the course.
 */
export const getStaticPaths = (async () => {
  const quizzes = await loadQuizzes();
  return [...quizzes].flatMap(([lessonId, quiz]) => {
    const file = lessonQuizFile(lessonId, quiz);
    return [{ params: { file: file.name }, props: { body: file.body } }];
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { body: string }).body, { headers: { 'content-type': 'application/json' } });
