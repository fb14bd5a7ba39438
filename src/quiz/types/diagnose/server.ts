import { buildDiagnose } from './build';
import { checkDiagnose } from './check-built';
import { checkChoices, defineServerKind, renderChoices } from '../server-kind';

const parts = ['verdict', 'fix'] as const;

export const diagnoseServer = defineServerKind({
  type: 'diagnose',
  markdown(q, fields) {
    const part = (name: (typeof parts)[number]) => ({
      ...q[name],
      prompt: q[name].prompt === undefined ? undefined : fields.inline(q[name].prompt, name, 'prompt'),
      choices: renderChoices(q[name].choices, fields, name, 'choices'),
    });
    return { ...q, ...fields.common, explanation: fields.common.explanation!, verdict: part('verdict'), fix: part('fix') } as typeof q;
  },
  check(q, context) {
    for (const part of parts) checkChoices(q[part].choices, [q[part].answer], () => [part, 'answer'], [part, 'choices'], context);
    if ((q.losses === undefined) === (q.curve === undefined)) {
      context.report(context.at('losses'), 'expected the curve either as losses: [...] or as curve: { generator, params }, not both or neither');
    }
  },
  checkBuilt: (q, { at, report, generators }) => checkDiagnose(q, at, report, generators),
  answerField: 'verdict',
  build: (q) => buildDiagnose(q),
  wrongOptions: (q) =>
    parts.flatMap((part) =>
      q[part].choices.flatMap((c, i) => (c.id === q[part].answer ? [] : [{ path: [part, 'choices', i, 'feedback'], feedback: c.feedback }])),
    ),
});
