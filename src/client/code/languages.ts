import { codeLimit, excerpt, type CodeLanguage } from '../../quiz/code';
import type { EditedTextarea } from './editor';

/**
 * A code question that offers more than one language (`alternatives` in its YAML): the learner picks
 * one with the radio group the page renders; the editor, the function name in the help and the tests'
 * calls follow, and each language keeps its own draft. The choice and the drafts travel in the checked
 * response (`language`, `drafts`), so progress brings them back on reload. Pages without a choice never
 * reach any of this (each function returns early).
 */

interface Variant {
  language: CodeLanguage;
  function: string;
  starter: string;
}

export const languageNames: Record<CodeLanguage, string> = { javascript: 'JavaScript', typescript: 'TypeScript', python: 'Python' };

const find = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);
const codeElement = (form: HTMLFormElement) => find(form, 'quiz-code');
const drafts = new WeakMap<HTMLFormElement, Partial<Record<CodeLanguage, string>>>();

function variantsOf(form: HTMLFormElement): Variant[] {
  const text = codeElement(form)?.dataset.codeVariants;
  if (!text) return [];
  try {
    return JSON.parse(text) as Variant[];
  } catch {
    return [];
  }
}

/** The language the learner's code is in now: the chosen one, else the question's. */
export function currentLanguage(form: HTMLFormElement, fallback: CodeLanguage): CodeLanguage {
  return (codeElement(form)?.dataset.language as CodeLanguage | undefined) ?? fallback;
}

/** What a checked response carries for a question with a choice: its language and every language's code. */
export function choiceOf(form: HTMLFormElement, code: string): { language: CodeLanguage; drafts: Partial<Record<CodeLanguage, string>> } | undefined {
  const variants = variantsOf(form);
  if (variants.length < 2) return undefined;
  const language = currentLanguage(form, variants[0]!.language);
  const all: Partial<Record<CodeLanguage, string>> = { ...drafts.get(form), [language]: code };
  // Each draft is cut like the checked code: never more than a question takes reaches storage.
  for (const key of Object.keys(all) as CodeLanguage[]) all[key] = excerpt(all[key]!, codeLimit);
  return { language, drafts: all };
}

/**
 * Show `language`: its name, its function in the help and the tests' calls, the editor's mode. With
 * `code` (a switch by the learner) the textarea gets that language's draft or starter; without it (a
 * restored response) the textarea already holds the code quiz.ts wrote.
 */
function show(form: HTMLFormElement, language: CodeLanguage, onPython: () => void, switching: boolean): void {
  const element = codeElement(form);
  const variant = variantsOf(form).find((v) => v.language === language);
  const textarea = find<EditedTextarea>(form, 'textarea[data-answer-text]');
  if (!element || !variant || !textarea) return;
  const previous = element.dataset.language as CodeLanguage;
  const saved = drafts.get(form) ?? {};
  if (switching && previous !== language) {
    saved[previous] = textarea.value;
    textarea.value = saved[language] ?? variant.starter;
  }
  drafts.set(form, saved);
  element.dataset.language = language;
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[data-code-language]')) radio.checked = radio.value === language;
  for (const name of form.querySelectorAll('[data-function-name]')) name.textContent = variant.function;
  const label = find(form, '[data-language-name]');
  if (label) label.textContent = languageNames[language];
  textarea.setEditorLanguage?.(language);
  textarea.syncEditor?.();
  if (language === 'python') onPython();
}

/** Wire the radio group of a question with a choice of languages (nothing to do for one language). */
export function wireLanguages(form: HTMLFormElement, onPython: () => void): void {
  const variants = variantsOf(form);
  if (variants.length < 2) return;
  drafts.set(form, {});
  form.addEventListener('change', (event) => {
    const radio = (event.target as Element).closest<HTMLInputElement>('input[data-code-language]');
    if (radio?.checked) show(form, radio.value as CodeLanguage, onPython, true);
  });
  // form.reset() (the quiz's reset) puts the radios and the starter back: the default language with no drafts.
  form.addEventListener('reset', () =>
    setTimeout(() => {
      drafts.set(form, {});
      show(form, variants[0]!.language, onPython, false);
    }),
  );
}

/** A restored (or just checked) response: its language chosen again, its drafts kept for a switch. */
export function restoreLanguage(form: HTMLFormElement, response: { language?: unknown; drafts?: unknown }, onPython: () => void): void {
  const variants = variantsOf(form);
  if (variants.length < 2) return;
  const language = variants.find((v) => v.language === response.language)?.language;
  if (!language) return;
  const given = typeof response.drafts === 'object' && response.drafts !== null ? (response.drafts as Record<string, unknown>) : {};
  const kept: Partial<Record<CodeLanguage, string>> = {};
  for (const variant of variants) {
    const text = given[variant.language];
    if (typeof text === 'string') kept[variant.language] = text;
  }
  drafts.set(form, kept);
  show(form, language, onPython, false);
}
