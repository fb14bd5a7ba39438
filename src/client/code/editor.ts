/**
 * A small code editor over a <textarea>: the textarea keeps doing the editing (keyboard, screen
 * readers, undo, selection) with its text made invisible, and a highlighted copy sits exactly under
 * it. Tab indents by two spaces; Escape then Tab leaves the editor, so focus is never trapped.
 * Enter keeps the indentation of the line. (A full editor such as CodeMirror would need packages
 * the site does not have; see docs/code-challenges.md.)
 */

const keywords = new Set(
  'break case catch class const continue default do else export false for function if in instanceof let new null of return switch this throw true try typeof undefined var void while yield async await'.split(' '),
);

/** One token: comments, strings, numbers, words; anything else passes through. */
const token = /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|`(?:\\.|[^`\\])*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b|\.\d+\b)|([A-Za-z_$][\w$]*)/g;

const escape = (text: string) => text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** JavaScript as HTML with a class per kind of token. Pure, so it is easy to test. */
export function highlight(code: string): string {
  let html = '';
  let from = 0;
  for (const match of code.matchAll(token)) {
    html += escape(code.slice(from, match.index));
    const [text, comment, string, number, word] = match;
    const kind = comment ? 'comment' : string ? 'string' : number ? 'number' : word && keywords.has(word) ? 'keyword' : '';
    html += kind ? `<span class="tok-${kind}">${escape(text)}</span>` : escape(text);
    from = match.index + text.length;
  }
  // A trailing newline needs a character after it, or the copy is one line short of the textarea.
  return `${html + escape(code.slice(from))} `;
}

export function attachEditor(textarea: HTMLTextAreaElement): void {
  if (textarea.dataset.editor) return;
  textarea.dataset.editor = 'on';
  const frame = document.createElement('div');
  frame.className = 'quiz-editor';
  const mirror = document.createElement('pre');
  mirror.className = 'quiz-editor-mirror';
  mirror.setAttribute('aria-hidden', 'true');
  const code = document.createElement('code');
  mirror.append(code);
  textarea.before(frame);
  frame.append(mirror, textarea);
  textarea.classList.add('quiz-editor-input');
  const scroll = () => {
    mirror.scrollTop = textarea.scrollTop;
    mirror.scrollLeft = textarea.scrollLeft;
  };
  const paint = () => {
    code.innerHTML = highlight(textarea.value);
  };
  // The copy follows the textarea's scroll position through its scroll events (typing that moves the
  // caret out of view scrolls it too). Reading the position needs layout, so nothing reads it while
  // the page starts (the first paint, a restored answer): it is 0 then.
  const sync = () => {
    paint();
    requestAnimationFrame(scroll);
  };
  let escaped = false;
  textarea.addEventListener('input', sync);
  textarea.addEventListener('scroll', scroll);
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      escaped = true;
      return;
    }
    const wasEscaped = escaped;
    escaped = false;
    if (textarea.readOnly || event.ctrlKey || event.metaKey || event.altKey) return;
    const { selectionStart: start, selectionEnd: end, value } = textarea;
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    let insert: string | undefined;
    if (event.key === 'Tab' && !event.shiftKey && !wasEscaped) insert = '  ';
    if (event.key === 'Enter') insert = `\n${/^[ \t]*/.exec(value.slice(lineStart, start))?.[0] ?? ''}`;
    if (insert === undefined) return;
    event.preventDefault();
    // setRangeText keeps the change in the textarea's own undo history in Chromium and Firefox.
    textarea.setRangeText(insert, start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // form.reset() and restored answers change the value without an input event.
  new MutationObserver(paint).observe(textarea, { attributes: true });
  textarea.form?.addEventListener('reset', () => setTimeout(sync));
  (textarea as HTMLTextAreaElement & { syncEditor?: () => void }).syncEditor = paint;
  paint();
}
