import { parseNumber, withinTolerance } from '../../numbers';
import type { ParametrizedGradable, QuestionVariant } from './gradable';
import { asRecord, defineKind, describeNumber, escapeHtml, invalid, numberOutside, result } from '../kind';

/** The variant of a parametrized question with this seed, if the page has it. */
export function variantOf(question: ParametrizedGradable, seed: unknown): QuestionVariant | undefined {
  return question.variants.find((v) => v.seed === seed);
}

/** Rendered HTML of a variant's part: its pieces joined. */
export function assemble(question: ParametrizedGradable, indices: readonly number[] | undefined): string {
  return (indices ?? []).map((i) => question.pieces[i] ?? '').join('');
}

/**
 * A numeric or choice question whose numbers change per attempt; the build renders its variants.
 * The response is `{ seed, answer }`: the variant answered and the number typed or the choice id.
 */
export const parametrized = defineKind({
  type: 'parametrized',
  // Reviewed in the variant the learner answered, not the one now on show.
  reviewed(question, record) {
    const variant = variantOf(question, record?.seed);
    if (!variant) return undefined;
    return {
      prompt: assemble(question, variant.prompt),
      explanation: assemble(question, variant.explanation),
      numbers: Object.entries(variant.params).map(([name, value]) => `${name} = ${value}`).join(', '),
    };
  },
  grade(question, response) {
    const given = asRecord(response);
    const variant = variantOf(question, given.seed);
    if (!variant) return invalid(question, 'This variant is not in the quiz any more: answer the one shown.');
    const answer = given.answer;
    if (question.kind === 'choice') {
      const choice = variant.choices?.find((c) => c.id === answer);
      if (!choice) return invalid(question, 'Choose one of the options first.');
      return result(question, choice.id === variant.answer ? 1 : 0, [
        choice.feedback && assemble(question, choice.feedback),
      ]);
    }
    if (typeof answer !== 'string') return invalid(question, 'Enter a number first.');
    const parsed = parseNumber(answer);
    if ('error' in parsed) return invalid(question, parsed.error);
    const ok = withinTolerance(parsed.value, Number(variant.answer), {
      absolute: question.tolerance,
      relative: question.relativeTolerance,
    });
    const misconception = ok ? undefined : misconceptionOf(question, variant, parsed.value);
    return result(question, ok ? 1 : 0, [misconception]);
  },
  testResponses: (question) =>
    question.variants.map((variant) => ({
      label: `variant ${variant.seed}`,
      right: { seed: variant.seed, answer: String(variant.answer) },
      wrong: {
        seed: variant.seed,
        answer:
          question.kind === 'choice'
            ? variant.choices?.find((c) => c.id !== variant.answer)?.id
            : numberOutside(Number(variant.answer), question),
      },
      invalid: { seed: variant.seed, answer: question.kind === 'choice' ? 'no-such-choice' : 'about six' },
    })),
  describeAnswer(question, response) {
    const variant = variantOf(question, asRecord(response).seed) ?? question.variants[0];
    if (!variant) return undefined;
    if (question.kind === 'numeric') return describeNumber(Number(variant.answer), question);
    const choice = variant.choices?.find((c) => c.id === variant.answer);
    return choice && `The answer: ${assemble(question, choice.text)}`;
  },
  describeResponse(question, response) {
    const given = asRecord(response);
    const variant = variantOf(question, given.seed);
    if (question.kind === 'choice') {
      const choice = variant?.choices?.find((c) => c.id === given.answer);
      return choice ? assemble(question, choice.text) : undefined;
    }
    if (typeof given.answer !== 'string') return undefined;
    const parsed = parseNumber(given.answer);
    const misconception = variant && !('error' in parsed) ? misconceptionOf(question, variant, parsed.value) : undefined;
    return escapeHtml(given.answer) + (misconception ? ` <span class="quiz-misconception">(${misconception})</span>` : '');
  },
});

/**
 * The misconception a wrong number reveals: the first of the variant's computed wrong answers it
 * matches within the question's tolerance (rendered HTML), if any.
 */
export function misconceptionOf(question: ParametrizedGradable, variant: QuestionVariant, value: number): string | undefined {
  const match = variant.misconceptions?.find((m) =>
    withinTolerance(value, m.value, { absolute: question.tolerance, relative: question.relativeTolerance }),
  );
  return match && assemble(question, match.why);
}
