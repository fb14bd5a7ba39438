import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * The code editor as a learner meets it: scrolled to, it turns from the page's <textarea> into
 * CodeMirror (src/client/code/editor.ts). Playwright's CSS selectors reach into its open shadow root.
 */
export function codeEditor(page: Page, question: string): Locator {
  return page.locator(`${question} .cm-content`);
}

/** Scroll to the question and wait for an editable editor (not read-only, not disabled while loading). */
export async function openEditor(page: Page, question: string): Promise<Locator> {
  await page.locator(question).scrollIntoViewIfNeeded();
  const editor = codeEditor(page, question);
  await expect.poll(() => editor.getAttribute('contenteditable'), { timeout: 15_000 }).toBe('true');
  return editor;
}

/**
 * Replace the code as a learner who selects all and pastes would: Ctrl+A, then the text inserted in
 * one input (typed key by key, CodeMirror would close brackets and indent new lines). Resolves once
 * the form's textarea, which Check reads, holds the code.
 */
export async function replaceCode(page: Page, question: string, code: string): Promise<void> {
  const editor = await openEditor(page, question);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
  await expect.poll(() => page.locator(`${question} textarea[data-answer-text]`).inputValue()).toBe(code);
}
