import { codeQuestion } from './code/schema';
import { expressionQuestion } from './expression/schema';
import { multipartQuestion } from './multipart/schema';
import { diagnoseQuestion } from './diagnose/schema';
import { multipleChoiceQuestion } from './multiple/schema';
import { numericQuestion } from './numeric/schema';
import { openQuestion } from './open/schema';
import { orderingQuestion } from './ordering/schema';
import { parametrizedQuestion } from './parametrized/schema';
import { singleChoiceQuestion } from './single/schema';
import { textQuestion } from './text/schema';
import { trueFalseQuestion } from './true-false/schema';

/**
 * The registry of question types, schema half: each type's zod schema, joined by src/quiz/schema.ts.
 * Kept apart from the hooks (server.ts) because the hooks' types are derived from these schemas.
 */
export const typeSchemas = [
  trueFalseQuestion,
  singleChoiceQuestion,
  multipleChoiceQuestion,
  numericQuestion,
  textQuestion,
  orderingQuestion,
  openQuestion,
  parametrizedQuestion,
  diagnoseQuestion,
  codeQuestion,
  expressionQuestion,
  multipartQuestion,
] as const;
