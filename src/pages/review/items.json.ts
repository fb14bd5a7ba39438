import type { APIRoute } from 'astro';
import { loadCourses, loadQuizzes } from '../../lib/course';
import { reviewCatalog, reviewItems } from '../../lib/review-catalog';

/**
 * `/review/items.json`: every reviewable question (lesson, id, content hash), all the header's due
 * count needs to tell which saved answers are due (src/client/review/due-count.ts). Precached by
 * the service worker with the rest of the build, so the count works offline.
 */
export const GET: APIRoute = async () => {
  const quizzes = await loadQuizzes();
  const items = reviewItems(reviewCatalog(await loadCourses(), (id) => quizzes.get(id)));
  return new Response(JSON.stringify({ items }), { headers: { 'content-type': 'application/json' } });
};
