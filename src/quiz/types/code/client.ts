import type { CodeApi } from '../../../client/code/code-question';
import { answerField, defineClientKind, find } from '../client-kind';

/**
 * An editor and a table of tests: the response is `{ code }` with each test's outcome, which the
 * code module (src/client/code/, its own script on pages that have a code question) runs.
 */
const codeModule = () => customElements.whenDefined('quiz-code') as Promise<unknown> as Promise<CodeApi>;

export const codeClient = defineClientKind({
  type: 'code',
  read: ({ form }) => ({ code: answerField(form)?.value ?? '' }),
  write({ form }, response) {
    const field = answerField(form);
    if (field) field.value = String((response as { code?: unknown } | undefined)?.code ?? '');
    void codeModule().then((code) => code.show(form, response));
  },
  async run({ form, question }, response) {
    const button = find<HTMLButtonElement>(form, '[data-check]');
    if (button) button.disabled = true;
    const outcome = await (await codeModule()).run(form, question, String((response as { code: string }).code));
    if (button) button.disabled = false;
    return outcome;
  },
  reset: ({ form }) => void codeModule().then((code) => code.show(form, undefined)),
  // A settled code question stays readable and scrollable: read-only, not disabled.
  lock(control, settled) {
    if (!control.matches('[data-answer-text]')) return false;
    (control as HTMLTextAreaElement).readOnly = settled;
    return true;
  },
});
