import { renderMarkdown } from '../../../markdown/render';
import { encodeValue, type CodeTestCase } from '../../code';
import type { CodeGradable } from '../../grade';
import { defaultGenerators, type GeneratorRegistry } from '../../generators/index';
import { mapMarkdown } from '../../markdown';
import type { QuestionOf } from '../../schema';

/** What the build computes for a code question: its tests' expected values (given or the oracle's). Server only. */

/** The tests of a code question with their expected values: given, or computed by the oracle. */
export function codeTests(question: QuestionOf<'code'>, registry: GeneratorRegistry = defaultGenerators): CodeTestCase[] {
  const oracle = question.oracle === undefined ? undefined : registry.oracles[question.oracle];
  if (question.oracle !== undefined && !oracle) throw new Error(`question ${question.id}: there is no oracle "${question.oracle}"`);
  return question.tests.map((test) => {
    const expected = test.expected !== undefined ? test.expected : oracle?.expected(test.args);
    const tolerance = test.tolerance ?? question.tolerance;
    const relativeTolerance = test.relativeTolerance ?? question.relativeTolerance;
    return {
      name: test.name,
      args: encodeValue(test.args) as unknown[],
      expected: encodeValue(expected),
      ...(tolerance === undefined ? {} : { tolerance }),
      ...(relativeTolerance === undefined ? {} : { relativeTolerance }),
    };
  });
}

export function buildCode(question: QuestionOf<'code'>, registry: GeneratorRegistry): CodeGradable {
  const rendered = mapMarkdown(question, (source) => renderMarkdown(source));
  return {
    type: 'code',
    id: question.id,
    points: question.points,
    ...(rendered.feedback ? { feedback: rendered.feedback } : {}),
    function: question.function,
    language: question.language,
    tests: codeTests(question, registry),
    solution: question.solution,
    ...(question.alternatives
      ? {
          alternatives: Object.fromEntries(
            Object.entries(question.alternatives).map(([language, alternative]) => [
              language,
              { function: alternative!.function ?? question.function, solution: alternative!.solution },
            ]),
          ),
        }
      : {}),
  };
}

