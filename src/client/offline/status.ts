/**
 * What the offline indicator says, as a pure function of the service worker's progress and the network.
 */

/**
 * - `unsupported`: no service worker (an old browser, or a private window that refuses one): nothing is shown.
 * - `saving`: the first service worker is installing, downloading the course into its precache.
 * - `ready`: a service worker is active, which means its install, and so the whole precache, completed.
 * - `failed`: the install gave up (storage full, a file missing): the course is not saved.
 */
export type OfflineState = 'unsupported' | 'saving' | 'ready' | 'failed';

/**
 * `policy` (src/lib/offline-policy.ts, rendered into the page): a course precached whole is "available offline";
 * a big course precaches its shell and keeps the lessons the learner opens, and says so.
 */
export function offlineStatusText(state: OfflineState, online: boolean, policy: 'whole-course' | 'shell' = 'whole-course'): string {
  const whole = policy === 'whole-course';
  switch (state) {
    case 'unsupported':
      return '';
    case 'saving':
      if (!online) return 'You are offline; the course was not saved yet.';
      return whole ? 'Saving the course for offline use…' : 'Saving the course site for offline use…';
    case 'ready':
      if (whole) return online ? 'Available offline' : 'Offline: reading the saved course';
      return online ? 'Available offline: the lessons you open' : 'Offline: reading the lessons saved on this device';
    case 'failed':
      return 'Could not save the course for offline use';
  }
}

/** Once the course is ready it stays ready: a later update that fails leaves the current precache in place. */
export function nextOfflineState(current: OfflineState, event: 'active' | 'failed'): OfflineState {
  if (current === 'ready' || event === 'active') return 'ready';
  return 'failed';
}
