import { defineServerKind } from '../server-kind';

export const orderingServer = defineServerKind({
  type: 'ordering',
  markdown: (q, { common, inline }) => ({
    ...q,
    ...common,
    explanation: common.explanation!,
    items: q.items.map((item, i) => ({ ...item, text: inline(item.text, 'items', i, 'text') })),
  }),
  check(q, { at, unique, sameText }) {
    unique(q.items.map((item) => item.id), (j) => at('items', j, 'id'), 'item id');
    unique(q.items.map((item) => item.text), (j) => at('items', j, 'text'), 'item', sameText);
  },
  answerField: 'items',
});
