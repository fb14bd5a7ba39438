import { progressStore } from '../../progress/local';
import { masteryText, objectiveMastery } from '../../progress/mastery';

/**
 * Fills ObjectiveMastery.astro's lists (the course home, My progress) with each objective's mastery
 * from saved progress. Exported so the progress page can refill after an import.
 */
export function fillMastery(root: ParentNode = document): void {
  const lessons = progressStore().read().lessons;
  for (const section of root.querySelectorAll<HTMLElement>('[data-mastery-lesson]')) {
    const rows = [...section.querySelectorAll<HTMLElement>('li[data-objective]')];
    const questions = rows.flatMap((row) =>
      (row.dataset.questions ?? '').split(' ').filter(Boolean).map((id) => ({ id, objectives: [row.dataset.objective ?? ''] })),
    );
    const mastery = objectiveMastery(
      rows.map((row) => row.dataset.objective ?? ''),
      questions,
      lessons[section.dataset.masteryLesson ?? ''],
    );
    rows.forEach((row, i) => {
      const m = mastery[i]!;
      row.dataset.level = m.level;
      const text = row.querySelector('[data-mastery-text]');
      if (text) text.textContent = masteryText(m);
      const bar = row.querySelector<HTMLProgressElement>('[data-mastery-bar]');
      if (bar) bar.value = Math.round(m.share * 100);
    });
  }
}
