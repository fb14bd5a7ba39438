import type { APIRoute, GetStaticPaths } from 'astro';
import { loadQuizzes } from '../../lib/course';
import { lessonQuizFile } from '../../quiz/page';
import { pathsToRender } from '../../lib/incremental-pages';

/**
 * `/quiz-data/<lesson id>.<hash>.json`: the data of a lesson's quiz that its page does not carry
 * (grading data, feedback, explanations, model answers, every variant; src/quiz/page.ts). The hash
 * of the content is in the name, so a page always fetches the file of its own build, and the
 * service worker precaches it with the rest of the course.
 */
export const getStaticPaths = (async () => {
  const quizzes = await loadQuizzes();
  const paths = [...quizzes].flatMap(([lessonId, quiz]) => {
    const file = lessonQuizFile(lessonId, quiz);
    // The name holds the hash of the body: it is the key (an incremental build writes only new files).
    return [{ params: { file: file.name }, props: { body: file.body }, cacheKey: file.name }];
  });
  return pathsToRender('quiz-data', paths, { outputOf: (name) => `quiz-data/${name}.json` });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { body: string }).body, { headers: { 'content-type': 'application/json' } });
