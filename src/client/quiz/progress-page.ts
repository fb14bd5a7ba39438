import { progressStore } from '../../progress/local';
import { summariseLesson } from '../../progress/summary';
import { calibration } from '../../progress/calibration';
import { confidenceLabels } from '../../progress/confidence';
import { showProgressNotices } from './notices';
import { fillMastery } from '../review/mastery';

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
  fillCalibration();
  fillMastery();
  const backups = store.backups();
  const note = find(document, '[data-backups]');
  if (note) {
    note.hidden = backups.length === 0;
    note.textContent = `${backups.length} ${backups.length === 1 ? 'copy' : 'copies'} of saved progress that could not be read ${backups.length === 1 ? 'is' : 'are'} kept in this browser and included in the export.`;
  }
}

/** Calibration: how often the learner is right at each confidence, and confident misses to review. */
function fillCalibration() {
  const section = find(document, '[data-calibration]');
  if (!section) return;
  const { levels, misses } = calibration(store.read());
  for (const level of levels) {
    const row = find(section, `[data-calibration-row="${level.confidence}"]`);
    if (!row) continue;
    find(row, '[data-calibration-answered]')!.textContent = String(level.answered);
    find(row, '[data-calibration-right]')!.textContent =
      level.answered === 0 ? 'No answers yet' : `${Math.round((100 * level.right) / level.answered)} % (${round(level.right)} of ${level.answered})`;
  }
  const urls = JSON.parse(section.dataset.lessonUrls ?? '{}') as Record<string, string>;
  const list = find(section, '[data-misses]')!;
  list.replaceChildren(
    ...misses.map((miss) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `${urls[miss.lessonId] ?? '#'}#quiz-${miss.lessonId.replace(/\./g, '-')}-${miss.questionId}`;
      link.textContent = `Lesson ${miss.lessonId}, question ${miss.questionId}`;
      item.append(link, ` — you said ${confidenceLabels[miss.confidence].toLowerCase()}; first attempt ${round(miss.record.firstScore)} of ${miss.record.max}`);
      return item;
    }),
  );
  find(section, '[data-misses-empty]')!.hidden = misses.length > 0;
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
