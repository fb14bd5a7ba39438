import { checkedValues, defineClientKind } from '../client-kind';

/** Checkboxes: the response is the list of chosen ids. */
export const multipleClient = defineClientKind({ type: 'multiple', read: ({ form }) => checkedValues(form) });
