import { progressStore } from '../../progress/local';
import { describeStatus, startLmsSession, type LmsSession } from '../../lms/session';

/**
 * The lesson page as a SCO: start the LMS session (src/lms/session.ts) before the quiz shows
 * saved answers, tell the learner when the LMS refuses a commit, and send the state when the page
 * is hidden or left. On the plain site (no LMS API, or a page not launched as a SCO) it does nothing.
 */
export function connectLms(): LmsSession | undefined {
  const lessonId = document.querySelector<HTMLElement>('article.lesson[data-lesson]')?.dataset.lesson;
  if (!lessonId) return undefined;
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
}
