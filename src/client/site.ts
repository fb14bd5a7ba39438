/**
 * What every page needs once it is interactive: the theme toggle and copy buttons on code.
 * The stored theme is applied before paint by /theme-init.js; this only wires the button.
 */

const THEME_KEY = 'course-theme';

function currentTheme(): 'light' | 'dark' {
  const set = document.documentElement.dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function wireThemeToggle(button: HTMLButtonElement) {
  const sync = () => {
    const dark = currentTheme() === 'dark';
    button.setAttribute('aria-pressed', String(dark));
  };
  button.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Private mode or a full store: the theme still applies to this page.
    }
    sync();
  });
  sync();
}

function addCopyButtons() {
  for (const pre of document.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy code to clipboard');
    button.addEventListener('click', async () => {
      const code = pre.querySelector('code')?.innerText ?? pre.innerText;
      try {
        await navigator.clipboard.writeText(code);
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Copy failed';
      }
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.replaceWith(wrapper);
    wrapper.append(pre, button);
  }
}

const toggle = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
if (toggle) wireThemeToggle(toggle);
addCopyButtons();

/** Whether this browser holds saved progress (any version): only then can a review be due. */
function hasSavedProgress(): boolean {
  try {
    for (let i = 0; i < localStorage.length; i++) if (/^course-progress:v\d+$/.test(localStorage.key(i) ?? '')) return true;
  } catch {
    // Storage refused: nothing saved, nothing due.
  }
  return false;
}

// The due count brings the scheduler, so a learner with no saved answers never loads it.
const reviewLink = document.querySelector<HTMLElement>('[data-review-link]');
if (reviewLink && hasSavedProgress()) void import('./review/due-count').then((m) => m.showDueCount(reviewLink));
