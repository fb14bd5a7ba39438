import type { QuestionType } from '../schema';
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
type Component = typeof TrueFalseRender;

export const renderers: { [T in QuestionType]: { Render: Component; Actions?: Component } } = {
  'true-false': { Render: TrueFalseRender },
  single: { Render: SingleRender },
  multiple: { Render: MultipleRender },
  numeric: { Render: NumericRender },
  text: { Render: TextRender },
  ordering: { Render: OrderingRender },
  open: { Render: OpenRender, Actions: OpenActions },
  parametrized: { Render: ParametrizedRender },
  diagnose: { Render: DiagnoseRender },
  code: { Render: CodeRender },
  expression: { Render: ExpressionRender },
  multipart: { Render: MultipartRender },
};
