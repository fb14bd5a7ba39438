import { defineServerKind } from '../server-kind';

export const openServer = defineServerKind({
  type: 'open',
  markdown: (q, { common, block, inline }) => ({
    ...q,
    ...common,
    modelAnswer: block(q.modelAnswer, 'modelAnswer'),
    checklist: q.checklist.map((point, i) => inline(point, 'checklist', i)),
  }),
  answerField: 'modelAnswer',
  // The grader needs only the rating: the model answer and checklist travel as `reveal`.
  pageOnly: ['modelAnswer', 'checklist'],
  // In the quiz data file, not the page: the open question's client shows it once the learner has written something.
  reveal: (q) =>
    `<div>${q.modelAnswer}</div>` + (q.checklist.length > 0 ? `<p>A good answer:</p><ul>${q.checklist.map((point) => `<li>${point}</li>`).join('')}</ul>` : ''),
});
