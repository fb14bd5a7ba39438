/**
 * The build half of the two formula types (expression, multipart): their checks and page data read
 * formulas with mathjs, and loading mathjs costs a build ~0.5 CPU s, which a course with no such
 * question should not pay (issue 23). So their server kinds (src/quiz/types/{expression,multipart}/server.ts)
 * reach that half through this slot, and whoever validates or renders quizzes loads it first, only
 * when a quiz has such a question: the config, for the validation pass (`loadFormulaValidation` in
 * src/integrations/course-validation.ts), the quiz loaders of the pages (src/lib/course.ts,
 * src/quiz/collection.ts) and the shells in scripts/. Validating and building a question stay synchronous. Loading it also fills the grader's engine slot (install.ts), as the page
 * does for the learner.
 */
import { formulaEngine, formulaTypes, installFormulaEngine } from './engine';

type FormulaBuild = typeof import('./formula-build-halves');

let loaded: FormulaBuild | undefined;

export async function loadFormulaBuild(): Promise<void> {
  loaded ??= await import('./formula-build-halves');
}

/** Whether the half is loaded (a dev server loads it only once a quiz may need it). */
export const formulaBuildLoaded = (): boolean => loaded !== undefined;

/**
 * Fills the slot with a half loaded by another module runner: the dev server's watcher validates with the
 * config's modules, whose runner (if Node could not load the config itself) Astro has closed by then, so it loads
 * the half through the server's (src/authoring/content-watch.ts). The half's functions use their own runner's
 * modules, so either copy works.
 */
export function useFormulaBuild(half: FormulaBuild): void {
  loaded ??= half;
  // The grader the checks call is this runner's copy, whose engine slot the other runner's import did not fill.
  if (!formulaEngine()) installFormulaEngine(half.engine);
}

/** Load the formula build half when one of `questions` needs it. */
export async function loadFormulaBuildFor(questions: readonly { type: string }[]): Promise<void> {
  if (questions.some((q) => formulaTypes.has(q.type))) await loadFormulaBuild();
}

/**
 * Whether a quiz file, not yet parsed, may have a formula question: any mention of a formula type's
 * name. Errs towards yes (a prompt that says "expression" loads the half for nothing), never towards no.
 */
export const mayHaveFormulaQuestion = (source: string): boolean => /\b(?:expression|multipart)\b/.test(source);

/** The half, once loaded; a build that forgot to load it stops here rather than mis-grading. */
export function formulaBuild(): FormulaBuild {
  if (!loaded) throw new Error('The formula question types need their build half: await loadFormulaBuild() (src/quiz/expression/formula-build.ts) before validating or building such a question.');
  return loaded;
}
