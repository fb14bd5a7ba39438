import {
  checkDocument,
  emptyDocument,
  emptyLesson,
  type Checked,
  type LessonProgress,
  type ProgressDocument,
  type QuestionRecord,
} from './document';
import type { ReviewEntry } from './review';
import { currentVersion, migrate, migrations as defaultMigrations, type Migration } from './migrations';

/**
 * The learner's progress in one JSON document in `localStorage`, written so that nothing is lost:
 * a damaged value is copied aside before anything replaces it, a failed save is reported rather
 * than swallowed, and every change re-reads the stored value first so two open tabs merge their
 * changes instead of overwriting each other. Pure over the storage it is given.
 */

/** The part of the Web Storage API the store uses; `localStorage` is one, tests pass a fake. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export const storagePrefix = 'course-progress';
export const storageKey = (version: number): string => `${storagePrefix}:v${version}`;
export const backupPrefix = `${storagePrefix}:backup:`;
const versionedKey = new RegExp(`^${storagePrefix}:v(\\d+)$`);

/** Something the learner should be told about their saved progress. */
export type ProgressNotice =
  /** The stored value could not be read; it was copied to `backupKey` and the page started afresh. */
  | { kind: 'set-aside'; backupKey: string; reason: string }
  /** Progress saved by a newer version of the site exists under `key`; it is left alone. */
  | { kind: 'newer-version'; key: string }
  /** Saving failed (usually a full storage quota); the change lives only in this page. */
  | { kind: 'save-failed'; reason: string }
  /** The browser refuses storage altogether (privacy settings); progress lasts as long as the page. */
  | { kind: 'unavailable'; reason: string };

export function describeNotice(notice: ProgressNotice): string {
  switch (notice.kind) {
    case 'set-aside':
      return `Your saved progress could not be read (${notice.reason}), so it has been set aside and this page starts afresh. The damaged copy is kept in this browser and included when you export your progress from the My progress page.`;
    case 'newer-version':
      return 'Progress saved by a newer version of this site was found. It is left untouched; this page keeps its own record.';
    case 'save-failed':
      return `Your progress could not be saved: ${notice.reason}. Your answers stay on this page until you leave it. Export your progress from the My progress page to keep a copy.`;
    case 'unavailable':
      return `This browser does not let the site store data (${notice.reason}), so your progress lasts only until you leave the page.`;
  }
}

/** The file written by "Export progress"; `backups` are set-aside values, kept verbatim. */
export interface ProgressExport {
  format: 'course-progress';
  exportedAt: string;
  progress: ProgressDocument;
  backups: { key: string; value: string }[];
}

export interface ProgressStore {
  /** The whole document (a copy). */
  read(): ProgressDocument;
  /** One lesson's progress (a copy; empty when there is none). */
  lesson(lessonId: string): LessonProgress;
  markVisited(lessonId: string): boolean;
  getHomework(lessonId: string): Record<string, boolean>;
  setHomework(lessonId: string, itemId: string, done: boolean): boolean;
  recordAnswer(lessonId: string, questionId: string, record: QuestionRecord): boolean;
  resetQuiz(lessonId: string): boolean;
  /** Save a question's place in the review schedule (review.ts `scheduleReview`). */
  recordReview(lessonId: string, questionId: string, entry: ReviewEntry): boolean;
  /** Record that an explorer task was solved (the first time counts; later solves change nothing). */
  solveExplorerTask(lessonId: string, task: string): boolean;
  /** Names of the lesson's solved explorer tasks. */
  solvedExplorerTasks(lessonId: string): string[];
  /** Remember the quiz's size so badges can show "4 of 9" without the quiz's data. */
  setQuizSize(lessonId: string, size: { points: number; questions: number }): boolean;
  /** The export file's text: the progress and any set-aside values. */
  exportProgress(): string;
  /** Replace the progress with an export's. A bad file changes nothing and says why. */
  importProgress(text: string): { ok: true } | { ok: false; reason: string };
  /** Set-aside values, oldest first. */
  backups(): { key: string; value: string }[];
  /** Listen for notices; those already raised are replayed at once. Returns an unsubscribe function. */
  onNotice(listener: (notice: ProgressNotice) => void): () => void;
  /** Raise a notice found outside the store (the browser binding reports unavailable storage). */
  report(notice: ProgressNotice): void;
}

/** Mutating methods return whether the change reached storage; a failure has raised a notice. */
export function createProgressStore(
  storage: StorageLike,
  options: { now?: () => Date; migrations?: readonly Migration[] } = {},
): ProgressStore {
  const steps = options.migrations ?? defaultMigrations;
  const version = currentVersion(steps);
  const key = storageKey(version);
  const now = options.now ?? (() => new Date());
  const notices: ProgressNotice[] = [];
  const listeners = new Set<(notice: ProgressNotice) => void>();
  /** The document last read or written, and the stored text it came from. */
  let cache: { raw: string | null; document: ProgressDocument } | undefined;
  let checkedForNewer = false;
  /** A damaged stored value that could not be copied aside: never write over it. */
  let protectedRaw: string | null = null;

  function report(notice: ProgressNotice) {
    notices.push(notice);
    for (const listener of listeners) listener(notice);
  }

  function keys(): string[] {
    const found: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k !== null) found.push(k);
    }
    return found;
  }

  /** Copy a value that cannot be read to a fresh backup key. False if even that failed. */
  function setAside(raw: string, reason: string): boolean {
    const stamp = now().toISOString();
    let backupKey = `${backupPrefix}${stamp}`;
    for (let n = 2; storage.getItem(backupKey) !== null; n++) backupKey = `${backupPrefix}${stamp}-${n}`;
    try {
      storage.setItem(backupKey, raw);
    } catch (error) {
      report({
        kind: 'save-failed',
        reason: `the unreadable saved progress could not be copied aside (${describeError(error)}), so it is left in place and nothing new will be saved over it`,
      });
      return false;
    }
    report({ kind: 'set-aside', backupKey, reason });
    return true;
  }

  /** Read a document of an older version and bring it up to date. */
  function upgrade(raw: string, from: number): Checked<ProgressDocument> {
    const parsed = parseJson(raw);
    if (!parsed.ok) return parsed;
    const found = (parsed.value as { version?: unknown } | null)?.version;
    if (found !== from) return { ok: false, reason: `expected version ${from}, found ${JSON.stringify(found)}` };
    try {
      return checkDocument(migrate(parsed.value, from, steps), version);
    } catch (error) {
      return { ok: false, reason: `it could not be upgraded from version ${from}: ${describeError(error)}` };
    }
  }

  /** The newest older version's document, upgraded; a fresh one if it could not be read; undefined if none. */
  function fromOlderVersion(): { document: ProgressDocument } | undefined {
    for (let old = version - 1; old >= 1; old--) {
      const raw = storage.getItem(storageKey(old));
      if (raw === null) continue;
      const upgraded = upgrade(raw, old);
      if (upgraded.ok) return { document: upgraded.value };
      // The old key stays where it is either way; the copy makes it part of the export.
      setAside(raw, `version ${old}: ${upgraded.reason}`);
      return { document: emptyDocument(version) };
    }
    return undefined;
  }

  function load(): ProgressDocument {
    if (!checkedForNewer) {
      checkedForNewer = true;
      for (const k of keys()) {
        const match = versionedKey.exec(k);
        if (match && Number(match[1]) > version) report({ kind: 'newer-version', key: k });
      }
    }
    const raw = storage.getItem(key);
    if (cache && cache.raw === raw) return cache.document;
    if (raw === null) {
      const older = fromOlderVersion();
      cache = { raw, document: older?.document ?? emptyDocument(version) };
      // Writing the current key now means an old key is read (and, if unreadable, set aside) once only.
      if (older) save(cache.document);
      return cache.document;
    }
    const parsed = parseJson(raw);
    const checked = parsed.ok ? checkDocument(parsed.value, version) : parsed;
    if (checked.ok) {
      cache = { raw, document: checked.value };
    } else if (setAside(raw, checked.reason)) {
      storage.removeItem(key);
      cache = { raw: null, document: emptyDocument(version) };
    } else {
      // Keep working in memory; `raw` stays cached so this page never writes over the damaged value.
      protectedRaw = raw;
      cache = { raw, document: emptyDocument(version) };
    }
    return cache.document;
  }

  function save(document: ProgressDocument): boolean {
    const current = storage.getItem(key);
    if (protectedRaw !== null && current === protectedRaw) {
      cache = { raw: current, document };
      return false;
    }
    const raw = JSON.stringify(document);
    try {
      storage.setItem(key, raw);
      cache = { raw, document };
      return true;
    } catch (error) {
      // Keep the change for this page: the cache still matches what storage holds.
      cache = { raw: current, document };
      report({ kind: 'save-failed', reason: describeError(error) });
      return false;
    }
  }

  /** Read the stored document afresh (another tab may have written), change a copy, save it. */
  function update(change: (document: ProgressDocument) => void): boolean {
    const document = clone(load());
    change(document);
    return save(document);
  }

  const lessonIn = (document: ProgressDocument, lessonId: string): LessonProgress =>
    (document.lessons[lessonId] ??= emptyLesson());

  return {
    read: () => clone(load()),
    lesson: (lessonId) => clone(load().lessons[lessonId] ?? emptyLesson()),
    markVisited: (lessonId) =>
      update((d) => {
        lessonIn(d, lessonId).lastVisited = now().toISOString();
      }),
    getHomework: (lessonId) => ({ ...(load().lessons[lessonId]?.homework ?? {}) }),
    setHomework: (lessonId, itemId, done) =>
      update((d) => {
        lessonIn(d, lessonId).homework[itemId] = done;
      }),
    recordAnswer: (lessonId, questionId, record) =>
      update((d) => {
        lessonIn(d, lessonId).quiz[questionId] = record;
      }),
    recordReview: (lessonId, questionId, entry) =>
      update((d) => {
        (lessonIn(d, lessonId).reviews ??= {})[questionId] = entry;
      }),
    solveExplorerTask: (lessonId, task) => {
      if (load().lessons[lessonId]?.explorerTasks?.[task]) return true;
      return update((d) => {
        (lessonIn(d, lessonId).explorerTasks ??= {})[task] = { solvedAt: now().toISOString() };
      });
    },
    solvedExplorerTasks: (lessonId) => Object.keys(load().lessons[lessonId]?.explorerTasks ?? {}),
    resetQuiz: (lessonId) =>
      update((d) => {
        lessonIn(d, lessonId).quiz = {};
      }),
    setQuizSize: (lessonId, size) => {
      const known = load().lessons[lessonId]?.quizSize;
      if (known && known.points === size.points && known.questions === size.questions) return true;
      return update((d) => {
        lessonIn(d, lessonId).quizSize = { ...size };
      });
    },
    exportProgress: () => {
      const file: ProgressExport = {
        format: 'course-progress',
        exportedAt: now().toISOString(),
        progress: clone(load()),
        backups: backups(),
      };
      return JSON.stringify(file, null, 2);
    },
    importProgress: (text) => {
      const checked = readExport(text);
      if (!checked.ok) return checked;
      if (!save(checked.value)) {
        return {
          ok: false,
          reason: 'it could not be saved in this browser (see the notice above); nothing was changed',
        };
      }
      return { ok: true };
    },
    backups,
    onNotice: (listener) => {
      for (const notice of notices) listener(notice);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    report,
  };

  function backups(): { key: string; value: string }[] {
    return keys()
      .filter((k) => k.startsWith(backupPrefix))
      .sort()
      .map((k) => ({ key: k, value: storage.getItem(k) ?? '' }));
  }

  /** Check an export file and bring its progress to the current version. */
  function readExport(text: string): Checked<ProgressDocument> {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'the file is not JSON' };
    }
    const file = data as Partial<ProgressExport> | null;
    if (typeof file !== 'object' || file === null || file.format !== 'course-progress') {
      return {
        ok: false,
        reason: 'the file is not a progress export of this site (it has no "format": "course-progress")',
      };
    }
    const from = (file.progress as { version?: unknown } | undefined)?.version;
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
      return { ok: false, reason: 'the file has no progress version' };
    }
    if (from > version) {
      return {
        ok: false,
        reason: `the file was exported by a newer version of this site (format ${from}; this page reads up to ${version})`,
      };
    }
    let progress: unknown;
    try {
      progress = migrate(file.progress, from, steps);
    } catch (error) {
      return { ok: false, reason: `its progress could not be upgraded: ${describeError(error)}` };
    }
    const checked = checkDocument(progress, version);
    return checked.ok ? checked : { ok: false, reason: `its progress is damaged: ${checked.reason}` };
  }
}

/** Storage that lives as long as the page, for browsers that refuse `localStorage`. */
export function memoryStorage(): StorageLike {
  const values = new Map<string, string>();
  return {
    getItem: (k) => values.get(k) ?? null,
    setItem: (k, v) => void values.set(k, String(v)),
    removeItem: (k) => void values.delete(k),
    get length() {
      return values.size;
    },
    key: (i) => [...values.keys()][i] ?? null,
  };
}

export function describeError(error: unknown): string {
  if (isQuotaError(error)) return "the browser's storage for this site is full";
  return error instanceof Error ? error.message : String(error);
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

function parseJson(raw: string): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, reason: 'the stored text is not valid JSON' };
  }
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
