import { getHomework, setHomework } from '../progress/local';

/**
 * Homework ticks live in the learner's progress store, so they survive reloads, show on the
 * progress page and travel with an export. Without JS the boxes still tick; they just are not kept.
 */
for (const section of document.querySelectorAll<HTMLElement>('[data-homework]')) {
  const lessonId = section.dataset.homework!;
  const status = section.querySelector<HTMLElement>('.homework-status');
  const boxes = [...section.querySelectorAll<HTMLInputElement>('input[data-homework-item]')];
  const saved = getHomework(lessonId);
  const describe = () => {
    const done = boxes.filter((b) => b.checked).length;
    if (status) status.textContent = `${done} of ${boxes.length} done.`;
  };
  for (const box of boxes) {
    box.checked = saved[box.dataset.homeworkItem!] === true;
    box.addEventListener('change', () => {
      const kept = setHomework(lessonId, box.dataset.homeworkItem!, box.checked);
      if (!kept && status) status.textContent = 'This tick could not be saved in this browser.';
      else describe();
    });
  }
  describe();
}
