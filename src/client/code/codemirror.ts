/**
 * What the browser takes of CodeMirror, in one module: the client build bundles this file and everything it imports
 * once, with esbuild, instead of running CodeMirror's modules through the site's bundler plugins on every build
 * (src/integrations/prebuilt-libraries.ts, `prebundledModules`). Import CodeMirror in client code from here only,
 * so the page gets one copy of it (two copies of @codemirror/state break every editor).
 */
export { indentWithTab } from '@codemirror/commands';
export { javascript } from '@codemirror/lang-javascript';
export { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
export { Compartment, EditorState, Transaction } from '@codemirror/state';
export { EditorView, keymap } from '@codemirror/view';
export { tags } from '@lezer/highlight';
export { basicSetup } from 'codemirror';
