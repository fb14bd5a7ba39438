import { asRecord, choiceText, defineKind, invalid, result } from '../kind';
import type { DiagnosePart } from './gradable';

/** A loss curve to read: a verdict and a fix, half the points each. The response is `{ verdict, fix }`. */
export const diagnose = defineKind({
  type: 'diagnose',
  grade(question, response) {
    const given = asRecord(response);
    const verdict = question.verdict.choices.find((c) => c.id === given.verdict);
    const fix = question.fix.choices.find((c) => c.id === given.fix);
    if (!verdict || !fix) return invalid(question, 'Choose a verdict and a fix first.');
    const verdictRight = verdict.id === question.verdict.answer;
    const fixRight = fix.id === question.fix.answer;
    const fraction = (Number(verdictRight) + Number(fixRight)) / 2;
    const summary =
      fraction === 0.5
        ? `The ${verdictRight ? 'verdict' : 'fix'} is right and the ${verdictRight ? 'fix' : 'verdict'} is not: half the points.`
        : undefined;
    return result(question, fraction, [verdict.feedback, fix.feedback, summary]);
  },
  testResponses: (question) => [
    {
      right: { verdict: question.verdict.answer, fix: question.fix.answer },
      wrong: { verdict: question.verdict.choices.find((c) => c.id !== question.verdict.answer)?.id, fix: question.fix.answer },
      invalid: { verdict: question.verdict.answer },
    },
  ],
  describeAnswer(question) {
    const text = (part: DiagnosePart) => part.choices.find((c) => c.id === part.answer)?.text ?? '';
    return `The verdict: ${text(question.verdict)} The fix: ${text(question.fix)}`;
  },
  describeResponse(question, response) {
    const given = asRecord(response);
    return `Verdict: ${choiceText(question.verdict.choices, given.verdict)} Fix: ${choiceText(question.fix.choices, given.fix)}`;
  },
});
