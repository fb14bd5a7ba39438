import { choiceText, defineKind, invalid, isStringList, plural, points, result } from '../kind';

/**
 * `choices` and `answers: [<choice id>, …]`; the response is the chosen ids. Partial credit is
 * (right chosen − wrong chosen) ÷ right choices, never below 0.
 */
export const multiple = defineKind({
  type: 'multiple',
  grade(question, response) {
    if (!isStringList(response) || response.length === 0) return invalid(question, 'Choose at least one option first.');
    const chosen = new Set(response);
    if ([...chosen].some((id) => !question.choices.some((c) => c.id === id))) {
      return invalid(question, 'Choose among the options shown.');
    }
    const answers = new Set(question.answers);
    const right = [...answers].filter((id) => chosen.has(id)).length;
    const wrong = chosen.size - right;
    const total = answers.size;
    const fraction = Math.max(0, (right - wrong) / total);
    const picked = question.choices.filter((c) => chosen.has(c.id)).map((c) => c.feedback);
    const summary =
      fraction === 1
        ? undefined
        : `You chose ${right} of the ${plural(total, 'right option', 'right options')} and ${plural(wrong, 'wrong one', 'wrong ones')}. ` +
          `Partial credit is (right − wrong) ÷ ${total}, never below zero: ${points(fraction * question.points)} of ${points(question.points)} ${question.points === 1 ? 'point' : 'points'}.`;
    return result(question, fraction, [...picked, summary]);
  },
  testResponses(question) {
    const wrongChoices = question.choices.filter((c) => !question.answers.includes(c.id)).map((c) => c.id);
    // With no wrong option to pick, leaving a right one out is the wrong answer.
    const wrong = wrongChoices.length > 0 ? wrongChoices : question.answers.slice(1);
    return [{ right: question.answers, wrong: wrong.length > 0 ? wrong : undefined, invalid: [] }];
  },
  describeAnswer: (question) =>
    `The right options: ${question.choices
      .filter((c) => question.answers.includes(c.id))
      .map((c) => c.text)
      .join('; ')}`,
  describeResponse: (question, response) =>
    isStringList(response) ? response.map((id) => choiceText(question.choices, id)).join('; ') : undefined,
});
