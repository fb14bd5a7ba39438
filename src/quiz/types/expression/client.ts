import { defineClientKind, typed, writeText } from '../client-kind';

/** A formula field: the response is what was typed; the quiz script keeps its preview (formula.ts). */
export const expressionClient = defineClientKind({ type: 'expression', read: ({ form }) => typed(form), write: ({ form }, response) => writeText(form, response) });
