import { defineKind, invalid, isStringList, plural, result } from '../kind';

/** `items` in the correct order, shown shuffled; the response is the item ids in the learner's order. */
export const ordering = defineKind({
  type: 'ordering',
  grade(question, response) {
    const ids = question.items.map((i) => i.id);
    if (!isStringList(response) || response.length !== ids.length || !ids.every((id) => response.includes(id))) {
      return invalid(question, 'Put every item in order first.');
    }
    const inPlace = ids.filter((id, i) => response[i] === id).length;
    const correct = inPlace === ids.length;
    return result(question, correct ? 1 : 0, [
      correct ? undefined : `${plural(inPlace, 'item is', 'items are')} in the right place out of ${ids.length}.`,
    ]);
  },
  testResponses(question) {
    const ids = question.items.map((i) => i.id);
    return [{ right: ids, wrong: [...ids].reverse(), invalid: ids.slice(1) }];
  },
  describeAnswer: (question) => `The order: ${question.items.map((item, i) => `${i + 1}. ${item.text}`).join(' ')}`,
  describeResponse: (question, response) =>
    isStringList(response)
      ? response.map((id, i) => `${i + 1}. ${question.items.find((item) => item.id === id)?.text ?? ''}`).join(' ')
      : undefined,
});
