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
  // The page shows these in its HTML once the learner asks; the grader needs only the rating.
  pageOnly: ['modelAnswer', 'checklist'],
});
