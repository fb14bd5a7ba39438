import { markVisited } from '../progress/local';

// "Last visited" on the progress page and the course home comes from here.
const lesson = document.querySelector<HTMLElement>('article.lesson[data-lesson]');
if (lesson) markVisited(lesson.dataset.lesson!);
