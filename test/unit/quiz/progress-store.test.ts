import { describe, expect, test } from 'vitest';
import {
  createProgressStore,
  describeNotice,
  memoryStorage,
  storageKey,
  type ProgressNotice,
  type StorageLike,
} from '../../../src/progress/store';
import { migrate, currentVersion, type Migration } from '../../../src/progress/migrations';
import { checkDocument, type QuestionRecord } from '../../../src/progress/document';
import { badgeText, summariseLesson } from '../../../src/progress/summary';

/** Web Storage over a Map that throws like a browser once `quota` characters are used. */
function fakeStorage(
  initial: Record<string, string> = {},
  quota = Infinity,
): StorageLike & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  const used = () => [...values].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    values,
    getItem: (k) => values.get(k) ?? null,
    setItem: (k, v) => {
      const before = values.get(k);
      const after = used() - (before === undefined ? 0 : k.length + before.length) + k.length + v.length;
      if (after > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      values.set(k, v);
    },
    removeItem: (k) => void values.delete(k),
    get length() {
      return values.size;
    },
    key: (i) => [...values.keys()][i] ?? null,
  };
}

const clock = () => new Date('2026-03-01T10:00:00.000Z');
const record = (score = 1): QuestionRecord => ({
  response: '6.4',
  attempts: 1,
  score,
  firstScore: score,
  max: 1,
  correct: score === 1,
  selfAssessed: false,
  answeredAt: '2026-03-01T09:59:00.000Z',
});
const KEY = storageKey(2);

function open(storage: StorageLike, migrations?: readonly Migration[]) {
  const store = createProgressStore(storage, { now: clock, migrations });
  const notices: ProgressNotice[] = [];
  store.onNotice((n) => notices.push(n));
  return { store, notices };
}

describe('saving and restoring', () => {
  test('answers, homework and visits survive a reload under a versioned key', () => {
    const storage = fakeStorage();
    const { store } = open(storage);
    expect(store.markVisited('1.2.38')).toBe(true);
    store.recordAnswer('1.2.38', 'q-two-steps', record());
    store.setHomework('1.2.38', 'run-sweep', true);
    store.setHomework('1.2.38', 'do-exercises', false);
    store.setQuizSize('1.2.38', { points: 12, questions: 10 });

    const { store: reloaded, notices } = open(storage);
    expect(reloaded.lesson('1.2.38')).toEqual({
      lastVisited: '2026-03-01T10:00:00.000Z',
      homework: { 'run-sweep': true, 'do-exercises': false },
      quiz: { 'q-two-steps': record() },
      quizSize: { points: 12, questions: 10 },
    });
    expect(reloaded.getHomework('1.2.38')).toEqual({ 'run-sweep': true, 'do-exercises': false });
    expect(JSON.parse(storage.getItem('course-progress:v2')!).version).toBe(2);
    expect(notices).toEqual([]);
  });

  test('reset clears one lesson’s quiz and nothing else', () => {
    const { store } = open(fakeStorage());
    store.recordAnswer('1.2.38', 'a', record());
    store.recordAnswer('1.2.37', 'b', record());
    store.setHomework('1.2.38', 'h', true);
    store.resetQuiz('1.2.38');
    expect(store.lesson('1.2.38').quiz).toEqual({});
    expect(store.lesson('1.2.38').homework).toEqual({ h: true });
    expect(store.lesson('1.2.37').quiz).toHaveProperty('b');
  });

  test('a solved explorer task survives a reload, keeps its first time, and outlives a quiz reset', () => {
    const storage = fakeStorage();
    let time = new Date('2026-03-01T10:00:00.000Z');
    const store = createProgressStore(storage, { now: () => time });
    expect(store.solvedExplorerTasks('1.2.38')).toEqual([]);
    expect(store.solveExplorerTask('1.2.38', 'bowl-no-zigzag')).toBe(true);
    time = new Date('2026-03-02T10:00:00.000Z');
    store.solveExplorerTask('1.2.38', 'bowl-no-zigzag');
    store.resetQuiz('1.2.38');
    const reloaded = createProgressStore(storage);
    expect(reloaded.solvedExplorerTasks('1.2.38')).toEqual(['bowl-no-zigzag']);
    expect(reloaded.solvedExplorerTasks('1.2.37')).toEqual([]);
    expect(reloaded.lesson('1.2.38').explorerTasks).toEqual({ 'bowl-no-zigzag': { solvedAt: '2026-03-01T10:00:00.000Z' } });
  });

  test('a stored explorer task without a time is refused, naming the field', () => {
    const document = { version: 2, lessons: { '1.2.38': { homework: {}, quiz: {}, explorerTasks: { 'fewest-steps': { solvedAt: 'yesterday' } } } } };
    expect(checkDocument(document, 2)).toEqual({ ok: false, reason: expect.stringContaining('explorerTasks.fewest-steps: expected { solvedAt') });
  });

  test('two tabs writing different things keep both (each change re-reads storage)', () => {
    const storage = fakeStorage();
    const a = open(storage).store;
    const b = open(storage).store;
    a.lesson('1.2.38');
    b.lesson('1.2.38');
    a.setHomework('1.2.38', 'h', true);
    b.recordAnswer('1.2.38', 'q', record());
    expect(open(storage).store.lesson('1.2.38')).toMatchObject({ homework: { h: true }, quiz: { q: record() } });
  });

  test('copies handed out cannot change the store behind its back', () => {
    const { store } = open(fakeStorage());
    store.recordAnswer('1.2.38', 'q', record());
    store.lesson('1.2.38').quiz.q!.score = 99;
    store.read().lessons['1.2.38']!.homework.x = true;
    expect(store.lesson('1.2.38')).toMatchObject({ quiz: { q: { score: 1 } }, homework: {} });
  });

  test('the summary a badge shows counts graded and self-assessed points apart', () => {
    const { store } = open(fakeStorage());
    store.recordAnswer('1.2.38', 'a', record(1));
    store.recordAnswer('1.2.38', 'b', record(0));
    store.recordAnswer('1.2.38', 'c', { ...record(0.5), max: 1, correct: false, selfAssessed: true });
    store.setHomework('1.2.38', 'h1', true);
    store.setHomework('1.2.38', 'h2', false);
    store.setQuizSize('1.2.38', { points: 5, questions: 4 });
    expect(summariseLesson(store.lesson('1.2.38'))).toEqual({
      score: 1,
      maxScore: 5,
      firstScore: 1,
      mastered: 1,
      answered: 2,
      questions: 4,
      selfRated: 1,
      selfScore: 0.5,
      homeworkDone: 1,
      lastVisited: undefined,
    });
    expect(summariseLesson(undefined)).toMatchObject({ score: 0, answered: 0, homeworkDone: 0 });
  });
});

describe('a damaged store is set aside, never lost and never a crash', () => {
  test.each([
    ['corrupted JSON', '{"version":2,"lessons":{', /not valid JSON/],
    [
      'the wrong shape',
      '{"version":2,"lessons":{"1.2.38":{"homework":[],"quiz":{}}}}',
      /lessons\.1\.2\.38\.homework: expected an object/,
    ],
    [
      'a bad record',
      '{"version":2,"lessons":{"1.2.38":{"homework":{},"quiz":{"q":{"response":1,"attempts":-1}}}}}',
      /attempts: expected a whole number/,
    ],
    ['a future version under this key', '{"version":3,"lessons":{}}', /expected version 2, found 3/],
    ['not an object', '"hello"', /expected an object/],
    ['a hostile key', '{"version":2,"lessons":{"__proto__":{"homework":{},"quiz":{}}}}', /is not a lesson id/],
  ])('%s', (_what, raw, reason) => {
    const storage = fakeStorage({ [KEY]: raw });
    const { store, notices } = open(storage);
    expect(store.read()).toEqual({ version: 2, lessons: {} });
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.kind).toBe('set-aside');
    if (notice.kind !== 'set-aside') return;
    expect(notice.reason).toMatch(reason);
    expect(notice.backupKey).toBe('course-progress:backup:2026-03-01T10:00:00.000Z');
    expect(storage.getItem(notice.backupKey)).toBe(raw);
    expect(storage.getItem(KEY)).toBeNull();
    expect(describeNotice(notice)).toContain('set aside');

    // The quiz keeps working, and the damaged copy travels with an export.
    expect(store.recordAnswer('1.2.38', 'q', record())).toBe(true);
    expect(open(storage).store.lesson('1.2.38').quiz).toHaveProperty('q');
    expect(JSON.parse(store.exportProgress()).backups).toEqual([{ key: notice.backupKey, value: raw }]);
  });

  test('a second damaged value gets its own backup key', () => {
    const storage = fakeStorage({ [KEY]: 'x', 'course-progress:backup:2026-03-01T10:00:00.000Z': 'older' });
    const { store, notices: seen } = open(storage);
    store.read();
    expect(seen[0]).toMatchObject({ backupKey: 'course-progress:backup:2026-03-01T10:00:00.000Z-2' });
    expect(store.backups().map((b) => b.value)).toEqual(['older', 'x']);
  });

  test('if even the backup cannot be written, the damaged value stays and nothing overwrites it', () => {
    const raw = '{broken';
    const storage = fakeStorage({ [KEY]: raw }, KEY.length + raw.length + 10);
    const { store, notices } = open(storage);
    expect(store.read().lessons).toEqual({});
    expect(notices[0]).toMatchObject({ kind: 'save-failed' });
    expect(store.recordAnswer('1.2.38', 'q', record())).toBe(false);
    expect(store.lesson('1.2.38').quiz).toHaveProperty('q'); // kept in this page
    expect(storage.getItem(KEY)).toBe(raw);
  });

  test('progress from a newer version of the site is reported and left untouched', () => {
    const newer = '{"version":3,"lessons":{"9.9.9":{}}}';
    const storage = fakeStorage({ 'course-progress:v3': newer });
    const { store, notices } = open(storage);
    store.markVisited('1.2.38');
    expect(notices).toEqual([{ kind: 'newer-version', key: 'course-progress:v3' }]);
    expect(storage.getItem('course-progress:v3')).toBe(newer);
    expect(store.lesson('1.2.38').lastVisited).toBeDefined();
  });
});

describe('a full storage quota is reported, not swallowed', () => {
  test('the save fails with a notice; the page keeps the answer; storage keeps the last good value', () => {
    const storage = fakeStorage({}, 400);
    const { store, notices } = open(storage);
    expect(store.recordAnswer('1.2.38', 'q1', record())).toBe(true);
    const saved = storage.getItem(KEY);
    expect(store.recordAnswer('1.2.38', 'q2', { ...record(), response: 'x'.repeat(300) })).toBe(false);
    expect(notices).toEqual([{ kind: 'save-failed', reason: "the browser's storage for this site is full" }]);
    expect(describeNotice(notices[0]!)).toMatch(/could not be saved: the browser's storage for this site is full/);
    expect(store.lesson('1.2.38').quiz).toHaveProperty('q2');
    expect(storage.getItem(KEY)).toBe(saved);
  });

  test('other storage errors are reported with their message', () => {
    const storage = fakeStorage();
    storage.setItem = () => {
      throw new Error('disk on fire');
    };
    const { store, notices } = open(storage);
    expect(store.markVisited('1.2.38')).toBe(false);
    expect(notices).toEqual([{ kind: 'save-failed', reason: 'disk on fire' }]);
  });
});

describe('migrations', () => {
  const addSeen: Migration = (v1) => ({
    ...v1,
    lessons: Object.fromEntries(Object.entries(v1.lessons as object).map(([id, l]) => [id, { ...l, seen: true }])),
  });
  const dropSeen: Migration = (v2) => ({
    ...v2,
    lessons: Object.fromEntries(Object.entries(v2.lessons as object).map(([id, { seen: _seen, ...l }]) => [id, l])),
  });

  test('one function per version step, applied in order from the stored version', () => {
    const v1 = { version: 1, lessons: { '1.2.38': { homework: {}, quiz: {} } } };
    expect(currentVersion([addSeen, dropSeen])).toBe(3);
    expect(migrate(v1, 1, [addSeen])).toEqual({
      version: 2,
      lessons: { '1.2.38': { homework: {}, quiz: {}, seen: true } },
    });
    expect(migrate(v1, 1, [addSeen, dropSeen])).toEqual({
      version: 3,
      lessons: { '1.2.38': { homework: {}, quiz: {} } },
    });
    expect(migrate(v1, 1, [])).toBe(v1);
    expect(() => migrate('junk', 1, [addSeen])).toThrow(/expected an object/);
    expect(currentVersion()).toBe(2);
  });

  test('the store upgrades an older key, saves the new one and leaves the old one as it was', () => {
    const old = JSON.stringify({ version: 1, lessons: { '1.2.38': { homework: { h: true }, quiz: { q: record() } } } });
    const storage = fakeStorage({ 'course-progress:v1': old });
    // Version 2 of this imagined future stores the same shape; the step only has to carry it over.
    const { store, notices } = open(storage, [(v1) => v1]);
    expect(store.lesson('1.2.38')).toMatchObject({ homework: { h: true }, quiz: { q: record() } });
    expect(JSON.parse(storage.getItem('course-progress:v2')!).version).toBe(2);
    expect(storage.getItem('course-progress:v1')).toBe(old);
    expect(notices).toEqual([]);
  });

  test('an older key that cannot be upgraded is set aside and the store starts afresh', () => {
    const storage = fakeStorage({ 'course-progress:v1': '{"version":1,"lessons":[]}' });
    const { store, notices } = open(storage, [(v1) => v1]);
    expect(store.read()).toEqual({ version: 2, lessons: {} });
    expect(notices[0]).toMatchObject({
      kind: 'set-aside',
      reason: expect.stringMatching(/^version 1: lessons: expected an object/),
    });
    expect(storage.getItem('course-progress:v1')).toBe('{"version":1,"lessons":[]}');
    // The next page load reads the new key and does not set the old one aside again.
    const { store: next, notices: later } = open(storage, [(v1) => v1]);
    next.read();
    expect(later).toEqual([]);
    expect(storage.values.size).toBe(3);
  });
});

describe('export and import', () => {
  function filled() {
    const storage = fakeStorage();
    const { store } = open(storage);
    store.markVisited('1.2.38');
    store.recordAnswer('1.2.38', 'q', record());
    store.setHomework('1.2.37', 'h', true);
    return { storage, store };
  }

  test('export, reset, import restores the same progress', () => {
    const { store } = filled();
    const before = store.read();
    const file = store.exportProgress();
    expect(JSON.parse(file)).toMatchObject({
      format: 'course-progress',
      exportedAt: '2026-03-01T10:00:00.000Z',
      backups: [],
    });
    store.resetQuiz('1.2.38');
    expect(store.importProgress(file)).toEqual({ ok: true });
    expect(store.read()).toEqual(before);
  });

  test.each([
    ['not JSON', 'hello', /not JSON/],
    ['another JSON file', '{"name":"package"}', /not a progress export/],
    ['no version', '{"format":"course-progress","progress":{}}', /no progress version/],
    [
      'a newer format',
      '{"format":"course-progress","progress":{"version":7,"lessons":{}}}',
      /newer version of this site \(format 7; this page reads up to 2\)/,
    ],
    [
      'damaged progress',
      '{"format":"course-progress","progress":{"version":2,"lessons":{"1.2.38":{"quiz":{}}}}}',
      /damaged: lessons\.1\.2\.38\.homework/,
    ],
  ])('a bad file (%s) is refused with a reason and nothing is overwritten', (_what, text, reason) => {
    const { store, storage } = filled();
    const stored = storage.getItem(KEY);
    const result = store.importProgress(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
    expect(storage.getItem(KEY)).toBe(stored);
  });

  test('an export of an older version is upgraded on import', () => {
    const { store } = open(fakeStorage(), [(v1) => v1]);
    const file = JSON.stringify({
      format: 'course-progress',
      progress: { version: 1, lessons: { '1.2.38': { homework: { h: true }, quiz: {} } } },
    });
    expect(store.importProgress(file)).toEqual({ ok: true });
    expect(store.read()).toEqual({ version: 2, lessons: { '1.2.38': { homework: { h: true }, quiz: {} } } });
  });

  test('an import that cannot be saved says so and changes nothing', () => {
    const storage = fakeStorage({}, 10);
    const { store } = open(storage);
    const file = JSON.stringify({
      format: 'course-progress',
      progress: { version: 1, lessons: { '1.2.38': { homework: { h: true }, quiz: {} } } },
    });
    const result = store.importProgress(file);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/could not be saved/) });
    expect(storage.getItem(KEY)).toBeNull();
  });
});

describe('notices and fallbacks', () => {
  test('listeners hear earlier notices too, and can unsubscribe', () => {
    const store = createProgressStore(fakeStorage({ [KEY]: 'junk' }), { now: clock });
    store.read();
    const heard: string[] = [];
    const stop = store.onNotice((n) => heard.push(n.kind));
    store.report({ kind: 'unavailable', reason: 'blocked' });
    stop();
    store.report({ kind: 'unavailable', reason: 'again' });
    expect(heard).toEqual(['set-aside', 'unavailable']);
    expect(describeNotice({ kind: 'unavailable', reason: 'blocked' })).toContain('only until you leave the page');
  });

  test('memory storage behaves like Web Storage', () => {
    const storage = memoryStorage();
    storage.setItem('a', '1');
    expect([storage.length, storage.key(0), storage.getItem('a'), storage.getItem('b')]).toEqual([1, 'a', '1', null]);
    storage.removeItem('a');
    expect(storage.length).toBe(0);
  });

  test('the document check accepts what the store writes', () => {
    const { store } = open(fakeStorage());
    store.markVisited('1.2.38');
    store.recordAnswer('1.2.38', 'q', record());
    store.setQuizSize('1.2.38', { points: 3, questions: 3 });
    expect(checkDocument(store.read(), 2).ok).toBe(true);
  });
});

describe('course-home badges', () => {
  test('say what the learner has done in a few words', () => {
    const empty = summariseLesson(undefined);
    expect(badgeText(empty)).toBe('Not started');
    expect(badgeText({ ...empty, lastVisited: '2026-03-01T10:00:00.000Z' })).toBe('Visited');
    expect(badgeText({ ...empty, answered: 2, score: 1.5, maxScore: 9, homeworkDone: 2 })).toBe(
      'Quiz 1.5 of 9 points · 2 homework done',
    );
    expect(badgeText({ ...empty, answered: 1, score: 1 })).toBe('Quiz 1 point');
  });
});

describe('progress saved by the site before scoring policies (version 1) survives the upgrade', () => {
  // Exactly what today's release writes: a question right at the first try, one right at the
  // second (then worth full marks), one still wrong, and a self-rated open answer.
  const savedByV1 = JSON.stringify({
    version: 1,
    lessons: {
      '1.2.38': {
        lastVisited: '2026-11-30T09:00:00.000Z',
        homework: { 'ex-1': true },
        quiz: {
          'q-first': { response: true, attempts: 1, score: 1, max: 1, correct: true, selfAssessed: false, answeredAt: '2026-11-30T09:01:00.000Z' },
          'q-second': { response: '6.4', attempts: 2, score: 2, max: 2, correct: true, selfAssessed: false, answeredAt: '2026-11-30T09:02:00.000Z' },
          'q-variant': { response: { seed: 4, answer: '3' }, attempts: 3, score: 0, max: 1, correct: false, selfAssessed: false, answeredAt: '2026-11-30T09:03:00.000Z', seed: 4 },
          'q-open': { response: { text: 'It diverges.', rating: 'partly' }, attempts: 1, score: 0.5, max: 1, correct: false, selfAssessed: true, answeredAt: '2026-11-30T09:04:00.000Z' },
        },
      },
    },
  });

  test('every answer, attempt count and score is kept; the first-attempt score is added', () => {
    const storage = fakeStorage({ 'course-progress:v1': savedByV1 });
    const { store, notices } = open(storage);
    expect(notices).toEqual([]);
    const old = JSON.parse(savedByV1).lessons['1.2.38'];
    const lesson = store.lesson('1.2.38');
    expect(lesson.homework).toEqual(old.homework);
    expect(lesson.lastVisited).toBe(old.lastVisited);
    for (const [id, record] of Object.entries(old.quiz as Record<string, QuestionRecord>)) {
      expect(lesson.quiz[id]).toEqual({ ...record, firstScore: record.attempts === 1 ? record.score : 0 });
    }
    expect(summariseLesson(lesson)).toMatchObject({ score: 3, firstScore: 1, mastered: 2, answered: 3 });
    // Saved under the new key; the old copy stays for an older tab or a rolled-back site.
    expect(JSON.parse(storage.getItem('course-progress:v2')!).version).toBe(2);
    expect(storage.getItem('course-progress:v1')).toBe(savedByV1);
  });

  test('an export made by version 1 imports the same way', () => {
    const { store } = open(fakeStorage());
    expect(store.importProgress(JSON.stringify({ format: 'course-progress', progress: JSON.parse(savedByV1) }))).toEqual({ ok: true });
    expect(store.lesson('1.2.38').quiz['q-second']).toMatchObject({ response: '6.4', attempts: 2, score: 2, firstScore: 0 });
  });
});
