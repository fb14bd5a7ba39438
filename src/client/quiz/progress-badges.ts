import { progressStore } from '../../progress/local';
import { badgeText, summariseLesson } from '../../progress/summary';

/**
 * Fills `<span data-lesson-progress="1.2.38"></span>` placeholders (the course home) with the
 * learner's progress in that lesson: quiz points, homework ticked, or "Not started".
 */
const lessons = progressStore().read().lessons;
for (const badge of document.querySelectorAll<HTMLElement>('[data-lesson-progress]')) {
  const lessonId = badge.dataset.lessonProgress ?? '';
  badge.textContent = badgeText(summariseLesson(lessons[lessonId]));
}
