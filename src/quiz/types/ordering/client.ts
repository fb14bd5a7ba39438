import { defineClientKind, find, findAll, spokenText } from '../client-kind';

/**
 * A list with Move up / Move down buttons: the response is the item ids in the order shown. The
 * order the page was built with is what a reset goes back to.
 */
const items = (form: HTMLFormElement) => findAll<HTMLLIElement>(form, 'li[data-item]');
const builtOrder = new WeakMap<HTMLFormElement, string[]>();

function syncMoveButtons(list: HTMLElement) {
  const all = findAll<HTMLLIElement>(list, 'li[data-item]');
  all.forEach((li, i) => {
    find(li, '[data-move="up"]')?.setAttribute('aria-disabled', String(i === 0));
    find(li, '[data-move="down"]')?.setAttribute('aria-disabled', String(i === all.length - 1));
  });
}

function reorder(form: HTMLFormElement, order: readonly string[]) {
  const list = find(form, '[data-order]');
  if (!list) return;
  const byId = new Map(items(form).map((li) => [li.dataset.item, li]));
  for (const id of order) {
    const li = byId.get(id);
    if (li) list.append(li);
  }
  syncMoveButtons(list);
}

function move(button: HTMLButtonElement) {
  const li = button.closest<HTMLLIElement>('li[data-item]');
  const list = li?.parentElement;
  if (!li || !list || button.getAttribute('aria-disabled') === 'true' || button.disabled) return;
  if (button.dataset.move === 'up') list.insertBefore(li, li.previousElementSibling);
  else list.insertBefore(li, li.nextElementSibling?.nextElementSibling ?? null);
  syncMoveButtons(list);
  button.focus();
  const all = findAll(list, 'li[data-item]');
  const status = find(list.closest('form')!, '[data-order-status]');
  const text = find(li, '.quiz-order-text');
  if (status) status.textContent = `${text ? spokenText(text) : 'Item'}: now ${all.indexOf(li) + 1} of ${all.length}.`;
}

export const orderingClient = defineClientKind({
  type: 'ordering',
  read: ({ form }) => items(form).map((li) => li.dataset.item),
  write: ({ form }, response) => reorder(form, Array.isArray(response) ? response.map(String) : (builtOrder.get(form) ?? [])),
  mount({ form }) {
    builtOrder.set(form, items(form).map((li) => li.dataset.item ?? ''));
    const list = find(form, '[data-order]');
    if (list) syncMoveButtons(list);
    form.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-move]');
      if (button) move(button);
    });
  },
  reset: ({ form }) => reorder(form, builtOrder.get(form) ?? []),
});
