import type { QuestionType } from '../schema';
import type { QuestionKind } from './kind';
import { code } from './code/index';
import { expression } from './expression/index';
import { multipart } from './multipart/index';
import { diagnose } from './diagnose/index';
import { multiple } from './multiple/index';
import { numeric } from './numeric/index';
import { open } from './open/index';
import { ordering } from './ordering/index';
import { parametrized } from './parametrized/index';
import { single } from './single/index';
import { text } from './text/index';
import { trueFalse } from './true-false/index';

/**
 * The registry of question types, browser half: the grader, the review and the page dispatch
 * through it. A new type is a folder beside these (index.ts + server.ts + tests) and one line here
 * and in server.ts. Pure: the page's grader bundle carries it.
 */
export const kinds: { [T in QuestionType]: QuestionKind<T> } = {
  'true-false': trueFalse,
  single,
  multiple,
  numeric,
  text,
  ordering,
  open,
  parametrized,
  diagnose,
  code,
  expression,
  multipart,
};

export function kindOf<T extends QuestionType>(type: T): QuestionKind<T> {
  return kinds[type];
}
