import type { QuestionType } from '../schema';
import type { ClientKind } from './client-kind';
import { codeClient } from './code/client';
import { diagnoseClient } from './diagnose/client';
import { expressionClient } from './expression/client';
import { multipartClient } from './multipart/client';
import { multipleClient } from './multiple/client';
import { numericClient } from './numeric/client';
import { openClient } from './open/client';
import { orderingClient } from './ordering/client';
import { parametrizedClient } from './parametrized/client';
import { singleClient } from './single/client';
import { textClient } from './text/client';
import { trueFalseClient } from './true-false/client';

/**
 * The registry of question types, client half: the quiz script (src/client/quiz/quiz.ts) reads,
 * writes and wires each form through it. Browser only (DOM).
 */
export const clientKinds: { [T in QuestionType]: ClientKind<T> } = {
  'true-false': trueFalseClient,
  single: singleClient,
  multiple: multipleClient,
  numeric: numericClient,
  text: textClient,
  ordering: orderingClient,
  open: openClient,
  parametrized: parametrizedClient,
  diagnose: diagnoseClient,
  code: codeClient,
  expression: expressionClient,
  multipart: multipartClient,
};

export const clientKindOf = (type: QuestionType) => clientKinds[type] as ClientKind;
