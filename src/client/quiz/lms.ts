import { launchedAsSco } from '../../lms/api';
import type { LmsSession } from '../../lms/session';
import { progressStore } from '../../progress/local';

/**
 * The lesson page as a SCO: start the LMS session (src/lms/session.ts) before the quiz shows
 * saved answers, tell the learner when the LMS refuses a commit, and send the state when the page
 * is hidden or left. On the plain site (no LMS API, or a page not launched as a SCO) it returns
 * undefined at once and loads nothing: the session and its codec are fetched only inside an LMS.
 */
export function connectLms(): Promise<LmsSession | undefined> | undefined {
  const lessonId = document.querySelector<HTMLElement>('article.lesson[data-lesson]')?.dataset.lesson;
  if (!lessonId || !launchedAsSco(window, lessonId)) return undefined;
  return import('../../lms/session').then(
    ({ describeStatus, startLmsSession }) => {
      let line: HTMLParagraphElement | undefined;
      const session = startLmsSession({
        window,
        lessonId,
        store: progressStore(),
        onStatus: (status) => {
          const area = document.querySelector<HTMLElement>('[data-progress-notice]');
          if (!area) return;
          line ??= document.createElement('p');
          line.className = 'progress-notice';
          line.dataset.lmsStatus = status.kind;
          // A failure interrupts (alert); the all-clear after it is announced politely.
          line.setAttribute('role', status.kind === 'saved' ? 'status' : 'alert');
          line.textContent = describeStatus(status);
          if (!line.isConnected) area.append(line);
        },
      });
      if (!session) return undefined;
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') session.report();
      });
      window.addEventListener('pagehide', () => session.finish());
      return session;
    },
    // The layer could not load (offline, say): the quiz works as on the plain site, saving locally.
    () => undefined,
  );
}
