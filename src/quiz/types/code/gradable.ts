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
  /** Other languages the learner may choose instead of `language` (same tests): each one's function name and reference solution. */
  alternatives?: Partial<Record<CodeLanguage, { function: string; solution: string }>>;
}

export interface CodeResponse {
  code: string;
  outcomes: TestOutcome[];
  /** Set when the run was stopped (the time limit): says why. */
  stopped?: string;
  /** The language `code` is in, when the question offers a choice (absent: the question's `language`). */
  language?: CodeLanguage;
  /** A question with a choice of languages: the learner's code in each language, as it stood at this check (a reload brings each back). */
  drafts?: Partial<Record<CodeLanguage, string>>;
}

