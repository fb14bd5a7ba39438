import { asRecord, defineKind, escapeHtml, invalid, result } from '../kind';

/** How the learner rates their own answer to an `open` question, and the share of points each is worth. */
export const selfRatings = { 'got-it': 1, partly: 0.5, 'not-yet': 0 } as const;
export type SelfRating = keyof typeof selfRatings;

/** A self-assessed question: the learner writes, compares with `modelAnswer` and rates themself. */
export const open = defineKind({
  type: 'open',
  selfAssessed: true,
  // Re-rating is reflection, not guessing.
  scoring: { credit: [1] },
  grade(question, response) {
    const { text, rating } = asRecord(response);
    if (typeof text !== 'string' || text.trim() === '') return invalid(question, 'Write your answer first.');
    if (typeof rating !== 'string' || !Object.hasOwn(selfRatings, rating)) {
      return invalid(question, 'Rate your answer first.');
    }
    return result(question, selfRatings[rating as SelfRating], []);
  },
  testResponses: () => [
    {
      right: { text: 'model answer', rating: 'got-it' },
      wrong: { text: 'a guess', rating: 'not-yet' },
      invalid: { text: 'model answer' },
    },
  ],
  describeAnswer: () => undefined,
  describeResponse: (_question, response) => {
    const { text } = asRecord(response);
    return typeof text === 'string' ? escapeHtml(text) : undefined;
  },
});
