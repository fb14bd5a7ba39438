import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { focusesSearch } from '../../../src/client/search/keys';
import { projectRoot } from '../../support/project';

/**
 * public/search-shortcut.js runs in <head> before any module (so "/" works from the moment the page
 * shows); it must decide exactly as focusesSearch(), the rule the tests describe. Run here against a
 * stand-in document, for every combination of key, modifiers and target.
 */
const script = readFileSync(join(projectRoot, 'public/search-shortcut.js'), 'utf8');

class FakeElement {
  constructor(readonly editable: boolean) {}
  closest() {
    return this.editable ? this : null;
  }
}

function decide(key: string, mods: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }, editable: boolean) {
  let listener: ((e: unknown) => void) | undefined;
  let focused = false;
  const input = { focus: () => (focused = true), select: () => undefined };
  runInNewContext(script, {
    Element: FakeElement,
    document: { addEventListener: (_: string, l: (e: unknown) => void) => (listener = l), querySelector: () => input },
  });
  let prevented = false;
  listener!({ key, ...mods, target: new FakeElement(editable), defaultPrevented: false, preventDefault: () => (prevented = true) });
  expect(prevented).toBe(focused);
  return focused;
}

describe('the early search shortcut', () => {
  const keys = ['/', 'k', 'K', 'a', 'Enter', '?'];
  const flags = [false, true];
  for (const key of keys)
    for (const ctrlKey of flags)
      for (const metaKey of flags)
        for (const altKey of flags)
          for (const inEditable of flags) {
            const mods = { ctrlKey, metaKey, altKey };
            test(`${JSON.stringify({ key, ...mods, inEditable })}`, () => {
              expect(decide(key, mods, inEditable)).toBe(focusesSearch({ key, ...mods, inEditable }));
            });
          }
});
