import { checkedValues, defineClientKind } from '../client-kind';

/** Radios: the response is the chosen id. */
export const singleClient = defineClientKind({ type: 'single', read: ({ form }) => checkedValues(form)[0] });
