import { z } from 'astro/zod';
import { shortId } from '../../../content/schema';
import { fields, questionBase, markdown } from '../fields';

export const orderingItem = fields({ id: shortId, text: markdown('the text of the item') }, 'an item');

export const orderingQuestion = fields(
  {
    type: z.literal('ordering'),
    ...questionBase,
    items: z
      .array(orderingItem, { error: 'expected items as a list, in the correct order' })
      .min(2, 'expected at least two items to put in order'),
  },
  'an ordering question',
);

