/**
 * CodeMirror 6 in place of a code question's <textarea> (see editor.ts for when). The textarea
 * stays the source of truth for the quiz: every edit is copied into it, and whatever quiz.ts writes
 * into it (a restored answer, a reset) or sets on it (readonly when settled, disabled while loading,
 * aria-invalid) is copied back into the editor.
 *
 * The editor lives in a shadow root because of the site's CSP (style-src-elem 'self', no inline
 * <style>): CodeMirror injects its styles as a <style> element into a document, but as a
 * constructed stylesheet (adoptedStyleSheets, which CSP does not govern) into a shadow root. The
 * site's colours reach it through inherited CSS variables, so it follows light and dark.
 */
import { indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Transaction } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import type { EditedTextarea, EditorOptions } from './editor';

/** Token colours as CSS variables, set for light and dark in src/components/quiz/quiz.css. */
const highlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--code-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--code-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className], color: 'var(--code-type)' },
  { tag: tags.invalid, color: 'var(--fg)', textDecoration: 'underline wavy' },
]);

const selection = 'color-mix(in srgb, var(--accent) 30%, transparent)';

const theme = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'var(--bg-soft, var(--bg))',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    fontSize: '0.9rem',
  },
  '&.cm-focused': { outline: '2px solid var(--focus, var(--accent))', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace)', lineHeight: '1.45', minHeight: '12rem' },
  '.cm-content': { caretColor: 'var(--fg)', tabSize: '2' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: selection },
  '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--fg-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 7%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 12%, var(--bg))', color: 'var(--fg)' },
  '.cm-selectionMatch': { backgroundColor: 'color-mix(in srgb, var(--accent) 15%, transparent)' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'color-mix(in srgb, var(--accent) 25%, transparent)', outline: '1px solid var(--accent)' },
  '&.cm-focused .cm-nonmatchingBracket': { color: 'var(--fg)', outline: '1px dashed var(--fg)' },
  '.cm-panels': { backgroundColor: 'var(--bg)', color: 'var(--fg)', borderColor: 'var(--border)' },
  '.cm-panel input, .cm-panel button, .cm-panel label': { color: 'var(--fg)', fontSize: '0.9rem' },
  '.cm-textfield, .cm-button': { backgroundColor: 'var(--bg)', backgroundImage: 'none', border: '1px solid var(--border)' },
  '.cm-searchMatch': { backgroundColor: 'color-mix(in srgb, var(--accent) 20%, transparent)', outline: '1px solid var(--accent)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--bg)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-soft, var(--bg))', color: 'var(--fg)', border: '1px solid var(--border)' },
});

/** What the textarea's state says about the editor: read-only when settled or loading, invalid after a refused Check. */
function locks(textarea: HTMLTextAreaElement, options: EditorOptions) {
  const readOnly = textarea.readOnly || textarea.disabled;
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({
      'aria-label': options.label,
      'aria-description': options.description,
      ...(readOnly ? { 'aria-readonly': 'true' } : {}),
      ...(textarea.getAttribute('aria-invalid') === 'true' ? { 'aria-invalid': 'true' } : {}),
    }),
  ];
}

/** Python has no CodeMirror mode here: plain text, no JavaScript indentation rules. */
const languageSupport = (language: EditorOptions['language']) => (language === 'python' ? [] : javascript({ typescript: language === 'typescript' }));

export function mountEditor(textarea: EditedTextarea, options: EditorOptions): EditorView {
  const host = document.createElement('div');
  host.className = 'quiz-editor';
  const root = host.attachShadow({ mode: 'open' });
  const lock = new Compartment();
  const mode = new Compartment();
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        basicSetup,
        // Tab indents; Escape then Tab (CodeMirror's tab-focus mode) moves on, so focus is never trapped.
        keymap.of([indentWithTab]),
        mode.of(languageSupport(options.language)),
        syntaxHighlighting(highlightStyle),
        theme,
        // Long lines wrap and the editor grows with the code: nothing scrolls inside it (legible at 320 px, and
        // no scrollable region for a keyboard to reach apart from the code itself).
        EditorView.lineWrapping,
        lock.of(locks(textarea, options)),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          textarea.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      ],
    }),
  });
  // quiz.ts writes answers into the textarea's value (no event): it calls this afterwards, through showOutcomes.
  textarea.syncEditor = () => {
    const text = textarea.value;
    if (text === view.state.doc.toString()) return;
    // Not an edit of the learner's: undo must not bring back what was there before a restore or reset.
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: Transaction.addToHistory.of(false) });
  };
  // A question with a choice of languages (languages.ts): the mode follows, and the name the editor is known by.
  // (The options' getters are read at mount, so a language restored before the editor mounted is the one it starts in.)
  textarea.setEditorLanguage = (language) => {
    // The options' getters (code-question.ts) read the page again: the label already names the new language.
    options = { ...options, language };
    view.dispatch({ effects: [mode.reconfigure(languageSupport(language)), lock.reconfigure(locks(textarea, options))] });
  };
  new MutationObserver(() => view.dispatch({ effects: lock.reconfigure(locks(textarea, options)) })).observe(textarea, {
    attributes: true,
    attributeFilter: ['readonly', 'disabled', 'aria-invalid'],
  });
  // form.reset() puts the starter back after its reset event.
  textarea.form?.addEventListener('reset', () => setTimeout(() => textarea.syncEditor?.()));
  // The label and any textarea.focus() lead to the editor that now stands for the textarea.
  textarea.labels.forEach((label) => label.addEventListener('click', () => view.focus()));
  textarea.focus = () => view.focus();
  textarea.before(host);
  textarea.hidden = true;
  textarea.dataset.editor = 'on';
  return view;
}
