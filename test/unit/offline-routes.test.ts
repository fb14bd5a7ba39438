import { expect, test } from 'vitest';
import type { RuntimeCaching } from 'workbox-build';
import { isRuntimeCached, lessonCacheName, serviceWorkerOptions } from '../../src/integrations/offline';

/**
 * What the shell policy (a course over the lesson threshold) leaves out of the precache and how the worker keeps it:
 * a lesson's review file (the Review page's templates of its questions) goes with its lesson page.
 */

/** The shell worker's route for a same-origin fetch of `path` (the first that matches, as Workbox picks it). */
function routeFor(path: string, mode: RequestMode): RuntimeCaching | undefined {
  const url = new URL(path, 'https://course.example.org');
  const request = { mode } as Request;
  return serviceWorkerOptions('/dist', 'shell').runtimeCaching?.find((route) =>
    typeof route.urlPattern === 'function' ? route.urlPattern({ url, request, event: {} as never, sameOrigin: true }) : false,
  );
}

test('the shell leaves lesson pages and their review files to runtime caching, not the Review page or items.json', () => {
  expect(isRuntimeCached('math-for-ml/1.2.37/index.html')).toBe(true);
  expect(isRuntimeCached('review/questions/1.2.37/index.html')).toBe(true);
  expect(isRuntimeCached('review/index.html')).toBe(false);
  expect(isRuntimeCached('review/items.json')).toBe(false);
});

test("a lesson's review file, fetched, is kept in the lessons' cache network first (no fallback page: the Review page leaves it out)", () => {
  const route = routeFor('/review/questions/1.2.37/index.html', 'cors');
  expect(routeFor('/review/questions/1.2.37/', 'cors')?.options?.cacheName).toBe(lessonCacheName);
  expect(route?.handler).toBe('NetworkFirst');
  expect(route?.options?.cacheName).toBe(lessonCacheName);
  expect(route?.options?.precacheFallback).toBeUndefined();
  // The Review page itself is precached: no runtime route takes its fetches.
  expect(routeFor('/review/', 'cors')).toBeUndefined();
  expect(routeFor('/math-for-ml/1.2.37/', 'navigate')?.options?.cacheName).toBe(lessonCacheName);
});
