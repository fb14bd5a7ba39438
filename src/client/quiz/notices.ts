import { onProgressNotice } from '../../progress/local';
import { describeNotice } from '../../progress/store';

/**
 * Show what went wrong with saved progress (set aside, not saved, storage refused) in
 * `container`, each message once, as an alert so screen readers announce it.
 */
export function showProgressNotices(container: HTMLElement, progressPage = '/progress/'): void {
  const shown = new Set<string>();
  onProgressNotice((notice) => {
    const text = describeNotice(notice);
    if (shown.has(text)) return;
    shown.add(text);
    const message = document.createElement('p');
    message.className = 'progress-notice';
    message.setAttribute('role', 'alert');
    message.textContent = `${text} `;
    if ((notice.kind === 'set-aside' || notice.kind === 'save-failed') && location.pathname !== progressPage) {
      const link = document.createElement('a');
      link.href = progressPage;
      link.textContent = 'Open My progress';
      message.append(link);
    }
    container.append(message);
  });
}
