import { checkedValues, defineClientKind } from '../client-kind';

/** Two radios, True and False: the response is a boolean. */
export const trueFalseClient = defineClientKind({
  type: 'true-false',
  read: ({ form }) => {
    const [chosen] = checkedValues(form);
    return chosen === undefined ? undefined : chosen === 'true';
  },
});
