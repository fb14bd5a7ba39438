import type { Gradable } from '../grade';
import type { Question, QuestionType } from '../schema';
import CodeRender from './code/Render.astro';
import DiagnoseRender from './diagnose/Render.astro';
import ExpressionRender from './expression/Render.astro';
import MultipartRender from './multipart/Render.astro';
import MultipleRender from './multiple/Render.astro';
import NumericRender from './numeric/Render.astro';
import OpenActions from './open/Actions.astro';
import OpenRender from './open/Render.astro';
import OrderingRender from './ordering/Render.astro';
import ParametrizedRender from './parametrized/Render.astro';
import SingleRender from './single/Render.astro';
import TextRender from './text/Render.astro';
import TrueFalseRender from './true-false/Render.astro';

/**
 * The registry of question types, server rendering: Question.astro renders each question's
 * inputs with its type's `Render` (inside the question's fieldset, props `{ question, built,
 * idPrefix }`: the question with its Markdown rendered, its page data, the id prefix), and its
 * actions with the type's `Actions` when it has its own (else Check). Server only.
 */
/** What Question.astro passes every type's component; each narrows `question` and `built` to its own type. */
export interface RenderProps {
  question: Question;
  built: Gradable;
  idPrefix: string;
}
type Component = (props: RenderProps) => unknown;
/** A type's component, under the registry key that guarantees its props are of its type. */
const ofType = <P>(component: (props: P) => unknown) => component as unknown as Component;

export const renderers: { [T in QuestionType]: { Render: Component; Actions?: Component } } = {
  'true-false': { Render: ofType(TrueFalseRender) },
  single: { Render: ofType(SingleRender) },
  multiple: { Render: ofType(MultipleRender) },
  numeric: { Render: ofType(NumericRender) },
  text: { Render: ofType(TextRender) },
  ordering: { Render: ofType(OrderingRender) },
  open: { Render: ofType(OpenRender), Actions: ofType(OpenActions) },
  parametrized: { Render: ofType(ParametrizedRender) },
  diagnose: { Render: ofType(DiagnoseRender) },
  code: { Render: ofType(CodeRender) },
  expression: { Render: ofType(ExpressionRender) },
  multipart: { Render: ofType(MultipartRender) },
};
