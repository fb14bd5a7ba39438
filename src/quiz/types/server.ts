import type { QuestionType } from '../schema';
import type { ServerKind } from './server-kind';
import { codeServer } from './code/server';
import { expressionServer } from './expression/server';
import { multipartServer } from './multipart/server';
import { diagnoseServer } from './diagnose/server';
import { multipleServer } from './multiple/server';
import { numericServer } from './numeric/server';
import { openServer } from './open/server';
import { orderingServer } from './ordering/server';
import { parametrizedServer } from './parametrized/server';
import { singleServer } from './single/server';
import { textServer } from './text/server';
import { trueFalseServer } from './true-false/server';

/**
 * The registry of question types, server half: the schema (schema.ts), the Markdown renderer
 * (markdown.ts), the validator (validate.ts) and the page data (build.ts) dispatch through it. The
 * order is the order types are listed in messages and the guide. Browser half: index.ts.
 */
export const serverKinds: { [T in QuestionType]: ServerKind<T> } = {
  'true-false': trueFalseServer,
  single: singleServer,
  multiple: multipleServer,
  numeric: numericServer,
  text: textServer,
  ordering: orderingServer,
  open: openServer,
  parametrized: parametrizedServer,
  diagnose: diagnoseServer,
  code: codeServer,
  expression: expressionServer,
  multipart: multipartServer,
};
