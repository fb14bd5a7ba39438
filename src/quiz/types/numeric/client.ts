import { defineClientKind, typed, writeText } from '../client-kind';

/** A text field: the response is what was typed (the grader reads the number). */
export const numericClient = defineClientKind({ type: 'numeric', read: ({ form }) => typed(form), write: ({ form }, response) => writeText(form, response) });
