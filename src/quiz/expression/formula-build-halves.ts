/** What formula-build.ts loads on demand: the formula types' checks and page data, with mathjs. */
export { buildExpression, checkExpression } from './build';
export { buildMultipart, checkMultipart } from '../multipart/build';
