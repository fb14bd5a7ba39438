import type { Gradable } from './grade';
import { kinds } from './types/index';
import type { QuestionKind } from './types/kind';

export { assemble, variantOf } from './types/parametrized/index';

/**
 * The learner's response in words, for the review: HTML, with choice texts as rendered and
 * anything the learner typed escaped. Undefined when there is no response. Each type says it
 * (src/quiz/types/<type>/index.ts).
 */
export function describeResponse(question: Gradable, response: unknown): string | undefined {
  if (response === undefined || response === null) return undefined;
  return (kinds[question.type] as QuestionKind).describeResponse(question as never, response);
}
