import { defineKind, invalid, result } from '../kind';

/** `answer: true | false`; the response is a boolean. */
export const trueFalse = defineKind({
  type: 'true-false',
  // With two options a second try is no test at all.
  attempts: 1,
  grade(question, response) {
    if (typeof response !== 'boolean') return invalid(question, 'Choose true or false first.');
    return result(question, response === question.answer ? 1 : 0, []);
  },
  testResponses: (question) => [{ right: question.answer, wrong: !question.answer, invalid: 'maybe' }],
  describeAnswer: (question) => `The statement is ${question.answer ? 'true' : 'false'}.`,
  describeResponse: (_question, response) => (response ? 'True' : 'False'),
});
