import {
  describeMultipartAnswer,
  describeMultipartResponse,
  gradeMultipartQuestion,
  unansweredMultipart,
  wrongMultipart,
} from '../../multipart/question';
import { defineKind, escapeHtml, fromOutcome } from '../kind';

/**
 * Parts sharing one prompt, graded with error carried forward (src/quiz/multipart/). The response
 * maps part ids to the text typed or the choice id.
 */
export const multipart = defineKind({
  type: 'multipart',
  grade: (question, response) => fromOutcome(question, gradeMultipartQuestion(question, response)),
  testResponses: (question) => [{ right: question.reference, wrong: wrongMultipart(question), invalid: unansweredMultipart(question) }],
  describeAnswer: (question) => describeMultipartAnswer(question),
  describeResponse: (question, response) => describeMultipartResponse(question, response, escapeHtml),
});
