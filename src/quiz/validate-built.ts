/**
 * The validator's checks of what the build computes, by type: each lives with its type
 * (src/quiz/types/<type>/check-built.ts) and runs through its `checkBuilt` hook. Kept here for the
 * callers that knew them by this module.
 */
export { sampledVariants } from './types/parametrized/check-built';
export { runInNode, runPythonInNode } from './types/code/check-built';
