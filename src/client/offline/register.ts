/**
 * Registers the service worker (dist/sw.js, written by src/integrations/offline.ts) and drives the two pieces of UI
 * around it: the offline indicator and the "new version" prompt.
 *
 * A new release never replaces the running one behind the learner's back: its worker waits (no skipWaiting) until
 * the learner accepts the reload, so a page always has the HTML and the scripts of the same release.
 */
import { Workbox } from 'workbox-window';
import { nextOfflineState, offlineStatusText, type OfflineState } from './status';

const serviceWorkerUrl = '/sw.js';
/** How often a tab that stays open looks for a new release, at most, when it comes back into view. */
const updateCheckIntervalMs = 60 * 60 * 1000;
/** If the new worker has not taken over this long after the learner accepted, reload anyway. */
const takeoverTimeoutMs = 5000;

function showOfflineState(element: HTMLElement | null, state: OfflineState) {
  if (!element) return;
  element.dataset.state = state;
  element.textContent = offlineStatusText(state, navigator.onLine, element.dataset.offlinePolicy === 'shell' ? 'shell' : 'whole-course');
}

interface UpdatePrompt {
  open(): void;
  close(): void;
  onAccept(handler: () => void): void;
}

function updatePrompt(root: HTMLElement | null): UpdatePrompt {
  const text = root?.querySelector<HTMLElement>('[data-update-text]');
  const actions = root?.querySelector<HTMLElement>('[data-update-actions]');
  const accept = root?.querySelector<HTMLButtonElement>('[data-update-accept]');
  const dismiss = root?.querySelector<HTMLButtonElement>('[data-update-dismiss]');
  const close = () => {
    if (!root || !text || !actions) return;
    delete root.dataset.open;
    text.textContent = '';
    actions.hidden = true;
  };
  dismiss?.addEventListener('click', close);
  return {
    open() {
      if (!root || !text || !actions) return;
      root.dataset.open = '';
      // Set after the region is in the accessibility tree, so screen readers announce it.
      text.textContent = 'A new version of the course is available.';
      actions.hidden = false;
    },
    close,
    onAccept(handler) {
      accept?.addEventListener('click', () => {
        accept.disabled = true;
        if (text) text.textContent = 'Updating…';
        handler();
      });
    },
  };
}

/** A lesson page: `/<course>/<lesson id>/`, its lesson id. */
const lessonPath = /^\/[^/]+\/(\d+\.\d+\.\d+)\/(?:index\.html)?$/;

/**
 * Shell policy: the worker keeps a lesson page the learner opens, not the Review page's templates of its questions
 * (src/pages/review/questions/[lesson].astro), which the Review page fetches only when one is due. Fetched here,
 * through the worker once it controls the page, they are kept with the lesson, so its questions come up for review
 * offline too. (The whole course's precache holds them already.) The same URL as the Review page asks for: the cache
 * is keyed by it.
 */
function keepReviewFile(container: ServiceWorkerContainer): void {
  const lessonId = lessonPath.exec(location.pathname)?.[1];
  if (!lessonId) return;
  const fetchOnce = () => void fetch(`/review/questions/${lessonId}/index.html`).catch(() => undefined);
  if (container.controller) fetchOnce();
  else container.addEventListener('controllerchange', fetchOnce, { once: true });
}

export function startOffline(): void {
  const status = document.querySelector<HTMLElement>('[data-offline-status]');
  // A page of a SCORM package (src/lms/package.ts marks it) is served by an LMS under a path of its own:
  // /sw.js would be the LMS's, and offline copies are the LMS's business there.
  if (document.querySelector('meta[name="course-package"]')) {
    if (status) status.hidden = true;
    return;
  }
  if (!('serviceWorker' in navigator)) {
    showOfflineState(status, 'unsupported');
    return;
  }
  const container = navigator.serviceWorker;
  let state: OfflineState = container.controller ? 'ready' : 'saving';
  const advance = (event: 'active' | 'failed') => {
    state = nextOfflineState(state, event);
    showOfflineState(status, state);
  };
  showOfflineState(status, state);
  window.addEventListener('online', () => showOfflineState(status, state));
  window.addEventListener('offline', () => showOfflineState(status, state));

  const wb = new Workbox(serviceWorkerUrl);
  const prompt = updatePrompt(document.querySelector<HTMLElement>('[data-update-prompt]'));

  // Reload when a new release's worker takes over a page that an older one controlled: this page's HTML and
  // scripts belong to the old release, whose files the new precache no longer holds. This also reloads other
  // open tabs of the course when the learner accepts the update in one of them. The very first worker claiming
  // an uncontrolled page is not a release change (the page came from the network, like the precache) and does not.
  let controlled = container.controller !== null;
  let accepted = false;
  let reloading = false;
  const reloadOnce = () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };
  container.addEventListener('controllerchange', () => {
    if (controlled || accepted) reloadOnce();
    controlled = true;
  });

  // A worker of a newer release installed (its precache is complete) and waits for this page to let it take over.
  wb.addEventListener('waiting', () => prompt.open());
  prompt.onAccept(() => {
    accepted = true;
    wb.messageSkipWaiting();
    setTimeout(reloadOnce, takeoverTimeoutMs);
  });

  wb.addEventListener('activated', (event) => {
    if (!event.isExternal) advance('active');
  });
  wb.addEventListener('redundant', (event) => {
    // The worker this page registered gave up before ever being active: its install (the precache) failed.
    if (!event.isExternal && state === 'saving') advance('failed');
  });
  if (status?.dataset.offlinePolicy === 'shell') keepReviewFile(container);
  wb.register()
    .then((registration) => {
      if (registration?.active) advance('active');
    })
    .catch(() => advance('failed'));

  let lastCheck = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastCheck < updateCheckIntervalMs) return;
    lastCheck = Date.now();
    wb.update().catch(() => undefined);
  });
}

startOffline();
