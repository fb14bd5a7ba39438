import { choiceText, defineKind, invalid, result } from '../kind';

/** `choices` and `answer: <choice id>`; the response is the chosen id. */
export const single = defineKind({
  type: 'single',
  grade(question, response) {
    const choice = question.choices.find((c) => c.id === response);
    if (!choice) return invalid(question, 'Choose one of the options first.');
    return result(question, choice.id === question.answer ? 1 : 0, [choice.feedback]);
  },
  testResponses: (question) => [
    { right: question.answer, wrong: question.choices.find((c) => c.id !== question.answer)?.id, invalid: '' },
  ],
  describeAnswer(question) {
    const choice = question.choices.find((c) => c.id === question.answer);
    return choice && `The answer: ${choice.text}`;
  },
  describeResponse: (question, response) => choiceText(question.choices, response),
});
