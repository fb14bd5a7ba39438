/** What formula-build.ts loads on demand: the formula types' checks and page data, with mathjs. */
export { buildExpression, checkExpression } from './build';
export { buildMultipart, checkMultipart } from '../multipart/build';
// The engine the half's import installs, for a caller whose grader asks another copy of the slot (useFormulaBuild).
export { engine } from './install';
