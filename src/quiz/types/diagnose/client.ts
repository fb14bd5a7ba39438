import { checkedIn, defineClientKind } from '../client-kind';

/** Two parts of radios, the verdict and the fix: the response is `{ verdict, fix }`. */
export const diagnoseClient = defineClientKind({
  type: 'diagnose',
  read: ({ form }) => ({ verdict: checkedIn(form, 'verdict'), fix: checkedIn(form, 'fix') }),
});
