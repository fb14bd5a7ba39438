/**
 * The header's search box: a combobox over Pagefind's JS API (not its ready-made UI, which needs inline styles).
 * Pagefind loads on the first focus, so a page that is only read downloads none of it.
 */
import { excerptParts, resultTarget } from './excerpt';
import { nextActive } from './keys';
import { loadPagefind, type PagefindResultData } from './pagefind-api';

const maxResults = 8;
const debounceMs = 120;

function resultOption(data: PagefindResultData, index: number, idPrefix: string, query: string): HTMLAnchorElement {
  const target = resultTarget(data, query);
  const option = document.createElement('a');
  option.href = target.url;
  option.id = `${idPrefix}-${index}`;
  option.className = 'site-search-option';
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  // Out of the tab order: the highlight moves with the arrow keys while the focus stays in the text field.
  option.tabIndex = -1;
  const title = document.createElement('span');
  title.className = 'site-search-title';
  const lesson = data.meta.lesson;
  title.textContent = lesson ? `${lesson} ${data.meta.title ?? ''}` : (data.meta.title ?? data.url);
  if (target.section) {
    const section = document.createElement('span');
    section.className = 'site-search-section';
    section.textContent = ` › ${target.section}`;
    title.append(section);
  }
  const excerpt = document.createElement('span');
  excerpt.className = 'site-search-excerpt';
  for (const part of excerptParts(target.excerpt)) {
    if (part.marked) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      excerpt.append(mark);
    } else {
      excerpt.append(part.text);
    }
  }
  option.append(title, excerpt);
  return option;
}

export function wireSearchBox(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('[data-search-input]');
  const popup = root.querySelector<HTMLElement>('[data-search-popup]');
  const listbox = root.querySelector<HTMLElement>('[data-search-results]');
  const message = root.querySelector<HTMLElement>('[data-search-message]');
  const status = root.querySelector<HTMLElement>('[data-search-status]');
  if (!input || !popup || !listbox || !message || !status) return;

  let options: HTMLAnchorElement[] = [];
  let active = -1;
  /** The query whose results are shown, so a slow answer to an older query is dropped. */
  let shownQuery = '';

  const setOpen = (open: boolean) => {
    popup.hidden = !open;
    input.setAttribute('aria-expanded', String(open && options.length > 0));
    if (!open) setActive(-1);
  };

  const setActive = (index: number) => {
    options[active]?.setAttribute('aria-selected', 'false');
    active = index;
    const option = options[active];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const show = (query: string, results: PagefindResultData[]) => {
    shownQuery = query;
    options = results.map((data, i) => resultOption(data, i, listbox.id, query));
    active = -1;
    input.removeAttribute('aria-activedescendant');
    listbox.replaceChildren(...options);
    listbox.hidden = options.length === 0;
    const summary =
      options.length === 0
        ? `No results for “${query}”.`
        : `${options.length === maxResults ? `Top ${maxResults}` : options.length} result${options.length === 1 ? '' : 's'} for “${query}”.`;
    message.textContent = summary;
    status.textContent = options.length === 0 ? summary : `${summary} Up and down arrows choose, Enter opens.`;
    setOpen(document.activeElement === input);
  };

  const showProblem = (text: string) => {
    options = [];
    listbox.replaceChildren();
    listbox.hidden = true;
    message.textContent = text;
    status.textContent = text;
    setOpen(document.activeElement === input);
  };

  const runSearch = async () => {
    const query = input.value.trim();
    if (query === '') {
      shownQuery = '';
      options = [];
      listbox.replaceChildren();
      message.textContent = '';
      status.textContent = '';
      setOpen(false);
      return;
    }
    try {
      const pagefind = await loadPagefind();
      const search = await pagefind.debouncedSearch(query, {}, debounceMs);
      if (search === null) return; // a newer keystroke took over
      const results = await Promise.all(search.results.slice(0, maxResults).map((r) => r.data()));
      if (input.value.trim() !== query) return;
      show(query, results);
    } catch {
      showProblem(navigator.onLine ? 'Search could not load. Try reloading the page.' : 'Search is not available offline yet: open the course once while online.');
    }
  };

  input.addEventListener('focus', () => {
    // Start fetching the index while the learner types the first letters.
    loadPagefind().catch(() => undefined);
    if (input.value.trim() !== '' && shownQuery === input.value.trim()) setOpen(true);
  });
  input.addEventListener('input', () => void runSearch());

  input.addEventListener('keydown', (event) => {
    const moved = nextActive(active, event.key, options.length);
    if (moved !== undefined) {
      event.preventDefault();
      setOpen(true);
      setActive(moved);
      return;
    }
    if (event.key === 'Enter') {
      const target = options[active] ?? options[0];
      if (target) {
        event.preventDefault();
        location.assign(target.href);
      }
    } else if (event.key === 'Escape') {
      if (!popup.hidden) {
        // Close first and keep the query; a second Esc clears it (the browser's own behaviour for type=search).
        event.preventDefault();
        setOpen(false);
      }
    }
  });

  // A click on a result must not blur the field first, or the list closes before the click lands.
  popup.addEventListener('mousedown', (event) => event.preventDefault());
  root.addEventListener('focusout', (event) => {
    if (!(event.relatedTarget instanceof Node && root.contains(event.relatedTarget))) setOpen(false);
  });

  // The "/" and Ctrl+K shortcuts live in public/search-shortcut.js, which runs before the page shows;
  // a learner may already have focused the box and typed before this module runs: catch up.
  if (document.activeElement === input) loadPagefind().catch(() => undefined);
  if (input.value.trim() !== '') void runSearch();
}

for (const root of document.querySelectorAll<HTMLElement>('[data-site-search]')) wireSearchBox(root);
