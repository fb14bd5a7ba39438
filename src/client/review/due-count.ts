import { checkDocument, type ProgressDocument } from '../../progress/document';
import { currentVersion, migrations } from '../../progress/migrations';
import { dueReviews, nextDue, type ReviewItem } from '../../progress/review';
import { storageKey } from '../../progress/store';

/**
 * The header's "3 reviews due" (Base.astro's Review link): loaded by site.ts only when this browser
 * holds saved progress, since it brings the scheduler. It reads the site's reviewable questions
 * from items.json beside the Review page (precached, so it works offline) and counts what is due now, again when
 * another tab or the Review page changes progress, and when the next question falls due.
 */

const changed = 'course-reviews-changed';
const version = currentVersion(migrations);

/**
 * The saved progress, read only: the count never writes, upgrades or sets aside anything (the
 * page's own scripts do, and tell the learner). Unreadable or not yet upgraded progress: no count.
 */
function savedProgress(): ProgressDocument | undefined {
  try {
    const raw = localStorage.getItem(storageKey(version));
    const checked = raw === null ? undefined : checkDocument(JSON.parse(raw), version);
    return checked?.ok ? checked.value : undefined;
  } catch {
    return undefined;
  }
}

/** Tell the header (this tab) that reviews were rated; other tabs hear of it through `storage`. */
export function reviewsChanged(): void {
  window.dispatchEvent(new Event(changed));
}


export async function showDueCount(link: HTMLElement): Promise<void> {
  // Beside the Review page, wherever the site is served from (a SCORM package rewrites the link, not this).
  const response = await fetch(new URL('items.json', (link as HTMLAnchorElement).href));
  if (!response.ok) return;
  const { items } = (await response.json()) as { items: ReviewItem[] };
  const badge = link.querySelector<HTMLElement>('[data-review-due-count]');
  const words = link.querySelector<HTMLElement>('[data-review-due-words]');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    const progress = savedProgress() ?? { version, lessons: {} };
    const now = new Date();
    const count = dueReviews(progress, items, now).length;
    // The link reads "Review 3 reviews due": the visible number, then words for screen readers; nothing when none is due.
    link.dataset.due = String(count);
    if (badge) badge.textContent = count === 0 ? '' : count > 99 ? '99+' : String(count);
    if (words) words.textContent = count === 0 ? '' : ` ${count === 1 ? 'review' : 'reviews'} due`;
    clearTimeout(timer);
    const upcoming = nextDue(progress, items, now);
    // Timers are capped (a day is far beyond setTimeout's reliable range on sleeping laptops anyway).
    if (upcoming) timer = setTimeout(update, Math.min(upcoming.getTime() - now.getTime() + 1000, 6 * 60 * 60 * 1000));
  };
  update();
  window.addEventListener(changed, update);
  window.addEventListener('storage', update);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') update();
  });
}
