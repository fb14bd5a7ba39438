import { progressStore } from '../../progress/local';
import { summariseLesson } from '../../progress/summary';
import { showProgressNotices } from './notices';

/** The My progress page: fill each lesson's row from saved progress; export and import. */

const store = progressStore();
const find = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string) =>
  root.querySelector<T>(selector);
const round = (n: number) => Math.round(n * 100) / 100;

function fill() {
  const lessons = store.read().lessons;
  for (const row of document.querySelectorAll<HTMLElement>('[data-progress-row]')) {
    const summary = summariseLesson(lessons[row.dataset.progressRow ?? '']);
    const points = Number(row.dataset.quizPoints ?? 0);
    const quizText = find(row, '[data-quiz-text]');
    if (quizText) {
      quizText.textContent =
        `${round(summary.score)} of ${points} points (${summary.answered} of ${row.dataset.quizQuestions} answered); ` +
        `first attempts ${round(summary.firstScore)} of ${points}, ${summary.mastered} of ${row.dataset.quizQuestions} mastered`;
    }
    const quizBar = find<HTMLProgressElement>(row, '[data-quiz-bar]');
    if (quizBar) quizBar.value = Math.min(summary.score, points);
    const self = find(row, '[data-self-text]');
    if (self && summary.selfRated > 0) {
      self.textContent = `Self-assessed, apart: ${round(summary.selfScore)} of ${row.dataset.selfPoints} (${summary.selfRated} of ${row.dataset.selfQuestions} rated)`;
    } else if (self) {
      self.textContent = '';
    }
    const homeworkTotal = Number(row.dataset.homeworkTotal ?? 0);
    const homeworkText = find(row, '[data-homework-text]');
    if (homeworkText) {
      homeworkText.textContent = `${Math.min(summary.homeworkDone, homeworkTotal)} of ${homeworkTotal} done`;
    }
    const homeworkBar = find<HTMLProgressElement>(row, '[data-homework-bar]');
    if (homeworkBar) homeworkBar.value = Math.min(summary.homeworkDone, homeworkTotal);
    const visited = find(row, '[data-visited-text]');
    if (visited) {
      visited.textContent = summary.lastVisited
        ? new Date(summary.lastVisited).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
        : 'Not yet';
    }
  }
  const backups = store.backups();
  const note = find(document, '[data-backups]');
  if (note) {
    note.hidden = backups.length === 0;
    note.textContent = `${backups.length} ${backups.length === 1 ? 'copy' : 'copies'} of saved progress that could not be read ${backups.length === 1 ? 'is' : 'are'} kept in this browser and included in the export.`;
  }
}

function say(text: string) {
  const status = find(document, '[data-transfer-status]');
  if (status) status.textContent = text;
}

find(document, '[data-export]')?.addEventListener('click', () => {
  const blob = new Blob([store.exportProgress()], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `course-progress-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  say('Your progress was exported to a file.');
});

find<HTMLInputElement>(document, '[data-import]')?.addEventListener('change', async (event) => {
  const input = event.currentTarget as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  const result = store.importProgress(await file.text());
  input.value = '';
  if (result.ok) {
    fill();
    say(`Imported ${file.name}: your progress has been restored.`);
  } else {
    say(`${file.name} was not imported: ${result.reason}. Nothing was changed.`);
  }
});

const notices = find(document, '[data-progress-notice]');
if (notices) showProgressNotices(notices);
fill();
