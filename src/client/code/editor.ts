/**
 * The code editor's loader. The server-rendered <textarea> holds the starter code, works without
 * JavaScript and stays the form's value (quiz.ts reads, restores, resets and locks it). When the
 * question comes near the viewport, CodeMirror (src/client/code/editor-view.ts, a chunk of its own)
 * replaces it on screen and keeps it in sync, so pages whose code question is never scrolled to
 * never download the editor.
 */

/** How far outside the viewport a code question starts loading its editor: about a screen ahead. */
export const nearMargin = '800px 0px';

/** The textarea, as quiz.ts and code-question.ts see it once an editor shows it. */
export type EditedTextarea = HTMLTextAreaElement & { syncEditor?: () => void; setEditorLanguage?: (language: EditorOptions['language']) => void };

export interface EditorOptions {
  /** Python has no CodeMirror mode here: its questions get the editor without highlighting or JS indentation rules. */
  language: 'javascript' | 'typescript' | 'python';
  /** The editor's accessible name; it names the question (the <label> cannot reach into the editor). */
  label: string;
  /** What the textarea's description said: how to leave the editor, where the tests run. */
  description: string;
}

export function attachEditor(textarea: EditedTextarea, options: EditorOptions): void {
  if (textarea.dataset.editor) return;
  textarea.dataset.editor = 'waiting';
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      textarea.dataset.editor = 'loading';
      void import('./editor-view').then(({ mountEditor }) => mountEditor(textarea, options));
    },
    { rootMargin: nearMargin },
  );
  observer.observe(textarea);
}
