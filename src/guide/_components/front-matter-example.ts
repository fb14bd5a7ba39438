import { formatProblems } from '../../content/problems';
import { validateLessonFile } from '../../content/validate';

/**
 * A complete lesson front matter. test/unit/authoring/guide.test.ts runs the lesson validator over
 * it, so an example the format no longer accepts fails the tests instead of misleading authors.
 */
export const frontMatterExample = `---
id: "1.2.40"
title: Jacobians and the chain rule
summary: The Jacobian collects every partial derivative of a vector function. You will compute Jacobians by hand and chain them to differentiate compositions.
topic: Calculus for ML
difficulty: intermediate
estimatedTime: 2 h
prerequisites: ["1.2.39"]
objectives:
  - id: compute-jacobians
    text: Compute the Jacobian of a small vector function by hand.
  - id: chain-jacobians
    text: Differentiate a composition by multiplying Jacobians in the right order.
resources:
  - title: Jacobian matrix and determinant (Wikipedia)
    url: https://en.wikipedia.org/wiki/Jacobian_matrix_and_determinant
    note: Definitions and worked examples.
next: "1.2.41"
nextPreview: The next lesson turns the chain rule into backpropagation.
homework:
  expectedTime: 1 h
  items:
    - id: do-exercises
      text: Work through exercises 1.2.40.1 to 1.2.40.3.
strict: false
---`;

/** The example's problems as the validator reports them (none while the example is valid). */
export function frontMatterExampleProblems(): string {
  return formatProblems(validateLessonFile({ path: 'content/course/1.2-module/1.2.40-jacobians.mdx', text: `${frontMatterExample}\n\nBody.\n` }).problems);
}
