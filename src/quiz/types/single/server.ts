import { checkChoices, defineServerKind, renderChoices } from '../server-kind';

export const singleServer = defineServerKind({
  type: 'single',
  markdown: (q, fields) => ({ ...q, ...fields.common, explanation: fields.common.explanation!, choices: renderChoices(q.choices, fields, 'choices') }),
  check: (q, context) => checkChoices(q.choices, [q.answer], () => ['answer'], ['choices'], context),
  answerField: 'answer',
  wrongOptions: (q) =>
    q.choices.flatMap((c, i) => (c.id === q.answer ? [] : [{ path: ['choices', i, 'feedback'], feedback: c.feedback }])),
});
