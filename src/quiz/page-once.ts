/**
 * What a page's render has already emitted once (a shared <template>, say): keyed by the page's
 * request, which every component of one render shares, and forgotten with it. Server only.
 */
const emitted = new WeakMap<Request, Set<string>>();

/** True the first time `what` is asked for in this page's render, false after. */
export function firstInPage(request: Request, what: string): boolean {
  let seen = emitted.get(request);
  if (!seen) emitted.set(request, (seen = new Set()));
  if (seen.has(what)) return false;
  seen.add(what);
  return true;
}
