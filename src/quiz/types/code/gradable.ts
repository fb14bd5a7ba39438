import type { GradableBase } from '../../grade';
import type { CodeLanguage, CodeTestCase, TestOutcome } from '../../code';

export interface CodeGradable extends GradableBase {
  type: 'code';
  /** The name of the function the learner defines. */
  function: string;
  /** Which runner the page uses (src/client/code); absent in pages built before there was a choice. */
  language?: CodeLanguage;
  /** Tests with expected values computed at build (non-finite numbers encoded, see code.ts). */
  tests: CodeTestCase[];
  /** The reference solution, shown once the question is settled. */
  solution: string;
}

export interface CodeResponse {
  code: string;
  outcomes: TestOutcome[];
  /** Set when the run was stopped (the time limit): says why. */
  stopped?: string;
}

