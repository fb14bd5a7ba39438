import { createProgressStore, memoryStorage, type ProgressNotice, type ProgressStore, type StorageLike } from './store';

/**
 * The progress store of this browser tab, over `localStorage`. Every script on a page that imports
 * this module shares one store, so notices are raised once. This is the API lesson pages call.
 */

let store: ProgressStore | undefined;

export function progressStore(): ProgressStore {
  if (store) return store;
  let storage: StorageLike;
  let refusal: string | undefined;
  try {
    // Reading the property itself throws in some browsers when site data is blocked.
    storage = window.localStorage;
    storage.getItem('course-progress:probe');
  } catch (error) {
    storage = memoryStorage();
    refusal = error instanceof Error ? error.message : String(error);
  }
  store = createProgressStore(storage);
  if (refusal !== undefined) store.report({ kind: 'unavailable', reason: refusal });
  return store;
}

/** Record that the learner opened a lesson (call once per lesson page view). */
export function markVisited(lessonId: string): boolean {
  return progressStore().markVisited(lessonId);
}

/** The lesson's homework ticks: item id → done. Items never ticked are absent. */
export function getHomework(lessonId: string): Record<string, boolean> {
  return progressStore().getHomework(lessonId);
}

/** Tick or untick a homework item. False when it could not be saved (a notice says why). */
export function setHomework(lessonId: string, itemId: string, done: boolean): boolean {
  return progressStore().setHomework(lessonId, itemId, done);
}

/** Hear about unreadable, unsaveable or unavailable progress; earlier notices are replayed. */
export function onProgressNotice(listener: (notice: ProgressNotice) => void): () => void {
  return progressStore().onNotice(listener);
}
