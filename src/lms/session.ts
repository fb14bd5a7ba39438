import type { LessonProgress } from '../progress/document';
import type { ProgressStore } from '../progress/store';
import { elements, lessonReport, passingScaled, reportValues, sessionTime } from './cmi';
import { findApi, type LmsApi } from './api';
import { decodeSuspendData, encodeSuspendData, suspendLimits, type ScormVersion } from './suspend';

export { findApi, type LmsApi };

/**
 * The lesson page's link to an LMS, when it runs as a SCO of a SCORM package. The browser's
 * progress store stays the page's own record (so the plain site works exactly as without an LMS,
 * and nothing depends on the LMS answering); this layer mirrors one lesson's progress into the
 * LMS after every check and when the page is hidden, and on start takes back what the LMS kept.
 *
 * A page is a SCO only when it was launched as one: the manifest's launch URL carries
 * `?sco=<lesson id>`, so a page reached by a link inside the frame never reports into another
 * lesson's record. A refused or failed commit is told to the learner and tried again with the next
 * check and when the page is hidden; the answers stay in the browser's store meanwhile.
 */

/** Merge what the LMS kept into the browser's record: for each question the later check wins. */
export function mergeInto(store: ProgressStore, lessonId: string, kept: LessonProgress): void {
  const local = store.lesson(lessonId);
  for (const [id, record] of Object.entries(kept.quiz)) {
    const mine = local.quiz[id];
    if (!mine || Date.parse(mine.answeredAt) < Date.parse(record.answeredAt)) store.recordAnswer(lessonId, id, record);
  }
  for (const [id, done] of Object.entries(kept.homework)) if (done && !local.homework[id]) store.setHomework(lessonId, id, true);
}

export type LmsStatus =
  | { kind: 'saved' }
  /** A commit failed: the answers are in the browser and will be sent again. */
  | { kind: 'failed'; reason: string }
  /** The LMS's resume state could not be read; the browser's record was used. */
  | { kind: 'unreadable'; reason: string };

export function describeStatus(status: LmsStatus): string {
  switch (status.kind) {
    case 'saved':
      return 'Your answers have been sent to your course.';
    case 'failed':
      return `Your course (LMS) did not save your latest answers (${status.reason}). They are kept in this browser and will be sent again with your next check and when you leave the page.`;
    case 'unreadable':
      return `Your course (LMS) returned saved answers this page could not read (${status.reason}); the answers saved in this browser are shown instead.`;
  }
}

export interface LmsSession {
  version: ScormVersion;
  /** Send the lesson's state; false when the LMS refused it (the status listener has been told). */
  report(location?: string): boolean;
  /** The learner is leaving: send the state and the session time, and end the session. */
  finish(): void;
}

/** Start the SCO session for `lessonId`, resuming what the LMS kept; undefined when this page is not a SCO. */
export function startLmsSession(options: {
  window: Window;
  lessonId: string;
  store: ProgressStore;
  onStatus: (status: LmsStatus) => void;
  now?: () => number;
}): LmsSession | undefined {
  const { window: win, lessonId, store, onStatus } = options;
  const now = options.now ?? (() => Date.now());
  if (new URLSearchParams(win.location.search).get('sco') !== lessonId) return undefined;
  const api = findApi(win);
  if (!api) return undefined;
  const names = elements[api.version];
  const started = now();
  if (!api.initialize()) {
    onStatus({ kind: 'failed', reason: api.lastError() || 'it did not start the session' });
  }
  const kept = decodeSuspendData(api.get(names.suspendData));
  if (!kept.ok) onStatus({ kind: 'unreadable', reason: kept.reason });
  else if (kept.lesson) mergeInto(store, lessonId, kept.lesson);
  const passing = passingScaled(api.version, api.get(names.passingScore));
  let location = api.get(names.location);
  let failing = false;
  let finished = false;

  function report(at?: string): boolean {
    if (finished) return false;
    if (at) location = at;
    const lesson = store.lesson(lessonId);
    const values: [string, string][] = [
      ...reportValues(api!.version, lessonReport(lesson, passing)),
      [names.suspendData, encodeSuspendData(lesson, suspendLimits[api!.version]).text],
    ];
    if (location) values.push([names.location, location]);
    let sent = values.every(([element, value]) => api!.set(element, value));
    sent = sent && api!.commit();
    if (!sent) {
      failing = true;
      onStatus({ kind: 'failed', reason: api!.lastError() || 'the LMS did not answer' });
    } else if (failing) {
      failing = false;
      onStatus({ kind: 'saved' });
    }
    return sent;
  }

  // What the browser had and the LMS did not (its first launch, or the LMS lost it) goes to the LMS now.
  report();
  return {
    version: api.version,
    report,
    finish() {
      if (finished) return;
      api.set(names.sessionTime, sessionTime(api.version, now() - started));
      report();
      finished = api.finish();
    },
  };
}
