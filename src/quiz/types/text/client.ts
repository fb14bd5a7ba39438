import { defineClientKind, typed, writeText } from '../client-kind';

/** A text field: the response is what was typed. */
export const textClient = defineClientKind({ type: 'text', read: ({ form }) => typed(form), write: ({ form }, response) => writeText(form, response) });
