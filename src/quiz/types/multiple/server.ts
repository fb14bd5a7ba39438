import { checkChoices, defineServerKind, renderChoices } from '../server-kind';

export const multipleServer = defineServerKind({
  type: 'multiple',
  markdown: (q, fields) => ({ ...q, ...fields.common, explanation: fields.common.explanation!, choices: renderChoices(q.choices, fields, 'choices') }),
  check(q, context) {
    checkChoices(q.choices, q.answers, (k) => ['answers', k], ['choices'], context);
    context.unique(q.answers, (k) => context.at('answers', k), 'answer');
  },
  answerField: 'answers',
  wrongOptions: (q) =>
    q.choices.flatMap((c, i) => (q.answers.includes(c.id) ? [] : [{ path: ['choices', i, 'feedback'], feedback: c.feedback }])),
});
