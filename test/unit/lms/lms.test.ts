import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeSuspendData, encodeSuspendData, suspendLimits } from '../../../src/lms/suspend';
import { lessonReport, passingScaled, reportValues, sessionTime } from '../../../src/lms/cmi';
import { relativeUrl, relativiseCss, relativiseHtml } from '../../../src/lms/package';
import { createHash } from 'node:crypto';
import { startLmsSession, type LmsStatus } from '../../../src/lms/session';
import { createProgressStore, memoryStorage } from '../../../src/progress/store';
import type { LessonProgress, QuestionRecord } from '../../../src/progress/document';

const record = (over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  response: 'b',
  attempts: 1,
  score: 1,
  firstScore: 1,
  max: 1,
  correct: true,
  selfAssessed: false,
  answeredAt: '2026-12-02T06:00:00.000Z',
  ...over,
});

describe('suspend_data', () => {
  test('a lesson reads back as it was written, seeds and homework included', () => {
    const lesson: LessonProgress = {
      homework: { h1: true },
      quiz: { q1: record(), q2: record({ response: { seed: 3, answer: '0.25' }, seed: 3, correct: false, score: 0.5, firstScore: 0, max: 2, attempts: 2 }) },
    };
    const { text, cut } = encodeSuspendData(lesson, suspendLimits['1.2']);
    expect(cut).toEqual([]);
    expect(decodeSuspendData(text)).toEqual({ ok: true, lesson });
  });

  test('any records round-trip within the limit (property)', () => {
    const rec = fc.record({
      response: fc.oneof(fc.string(), fc.array(fc.string({ maxLength: 5 })), fc.record({ seed: fc.nat(), answer: fc.string() })),
      attempts: fc.nat(20),
      score: fc.nat(5),
      correct: fc.boolean(),
      seed: fc.option(fc.nat(1000), { nil: undefined }),
      confidence: fc.option(fc.constantFrom('sure' as const, 'think' as const, 'guess' as const), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), rec, { maxKeys: 12 }), (records) => {
        const lesson: LessonProgress = { homework: {}, quiz: {} };
        for (const [id, r] of Object.entries(records)) {
          lesson.quiz[id] = record({ ...r, firstScore: r.score, max: r.score + 1, ...(r.seed === undefined ? {} : { seed: r.seed }) });
          if (r.seed === undefined) delete lesson.quiz[id]!.seed;
          if (r.confidence === undefined) delete lesson.quiz[id]!.confidence;
        }
        const { text } = encodeSuspendData(lesson, 64000);
        expect(decodeSuspendData(text)).toEqual({ ok: true, lesson });
      }),
      { numRuns: 50 },
    );
  });

  test('long answers are deflated, and cut (longest first) only when even that is too long; scores and seeds stay', () => {
    const code = Array.from({ length: 400 }, (_, i) => `const v${i} = ${(i * 7919) % 1000} * step; // ${i.toString(36)}`).join('\n');
    const lesson: LessonProgress = {
      homework: {},
      quiz: { code: record({ response: { code } }), p: record({ response: { seed: 7, answer: '1.5' }, seed: 7 }) },
    };
    const roomy = encodeSuspendData(lesson, 64000);
    expect(roomy.text.startsWith('z:')).toBe(true);
    expect(roomy.text.length).toBeLessThan(JSON.stringify(lesson).length);
    expect(roomy.cut).toEqual([]);
    const tight = encodeSuspendData(lesson, 4096);
    expect(tight.text.length).toBeLessThanOrEqual(4096);
    expect(tight.cut).toEqual(['code']);
    const back = decodeSuspendData(tight.text);
    if (!back.ok || !back.lesson) throw new Error('not decoded');
    expect(back.lesson.quiz.p).toEqual(lesson.quiz.p);
    expect(back.lesson.quiz.code!.score).toBe(1);
    expect(code.startsWith((back.lesson.quiz.code!.response as { code: string }).code)).toBe(true);
  });

  test('an empty value is no state; a foreign value is refused with a reason', () => {
    expect(decodeSuspendData('')).toEqual({ ok: true, lesson: undefined });
    const foreign = decodeSuspendData('bookmark=page3');
    expect(foreign.ok).toBe(false);
    expect(decodeSuspendData('{"v":2}').ok).toBe(false);
  });
});

describe('what a lesson reports', () => {
  const lesson = (answered: number): LessonProgress => ({
    homework: {},
    quizSize: { points: 4, questions: 2 },
    quiz: Object.fromEntries(Array.from({ length: answered }, (_, i) => [`q${i}`, record({ score: 1.5, max: 2 })])),
  });

  test('1.2: a percentage on 0..100, incomplete until every question is answered, then passed or failed', () => {
    const values = (n: number, passing?: number) => Object.fromEntries(reportValues('1.2', lessonReport(lesson(n), passing)));
    expect(values(1, 0.7)).toMatchObject({ 'cmi.core.score.raw': '37.5', 'cmi.core.score.max': '100', 'cmi.core.lesson_status': 'incomplete' });
    expect(values(2, 0.7)['cmi.core.lesson_status']).toBe('passed');
    expect(values(2, 0.8)['cmi.core.lesson_status']).toBe('failed');
    expect(values(2)['cmi.core.lesson_status']).toBe('completed');
  });

  test('2004: raw points with min/max, scaled = points / max, completion and success apart', () => {
    const values = Object.fromEntries(reportValues('2004', lessonReport(lesson(2), 0.7)));
    expect(values).toMatchObject({
      'cmi.score.raw': '3',
      'cmi.score.max': '4',
      'cmi.score.scaled': '0.75',
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
    });
    expect(Object.fromEntries(reportValues('2004', lessonReport(lesson(1))))['cmi.success_status']).toBe('unknown');
  });

  test('passing scores and session times in each version\'s form', () => {
    expect(passingScaled('1.2', '70')).toBe(0.7);
    expect(passingScaled('2004', '0.7')).toBe(0.7);
    expect(passingScaled('1.2', '')).toBeUndefined();
    expect(sessionTime('1.2', 3_723_450)).toBe('0001:02:03.45');
    expect(sessionTime('2004', 3_723_450)).toBe('PT1H2M3.45S');
  });
});

describe('package links', () => {
  test('root-relative URLs become relative to the page, directories get index.html', () => {
    expect(relativeUrl('/_astro/a.css', 'math-for-ml/1.2.37/index.html')).toBe('../../_astro/a.css');
    expect(relativeUrl('/math-for-ml/#module-1.2', 'math-for-ml/1.2.37/index.html')).toBe('../../math-for-ml/index.html#module-1.2');
    expect(relativeUrl('/', 'index.html')).toBe('./index.html');
    expect(relativeUrl('https://x.org/a', 'index.html')).toBe('https://x.org/a');
    expect(relativiseCss('@font-face{src:url(/_astro/K.woff2) format("woff2"),url("/_astro/K.woff")}', '_astro/quiz.css')).toBe(
      '@font-face{src:url(../_astro/K.woff2) format("woff2"),url("../_astro/K.woff")}',
    );
    expect(relativiseHtml('<head><title>t</title></head>', 'index.html')).toBe('<head><meta name="course-package" content="scorm"><title>t</title></head>');
    expect(relativiseHtml('<a href="/progress/">p</a><script type="application/json">{"dataUrl":"/quiz-data/x.json"}</script>', 'a/b/index.html')).toBe(
      '<a href="../../progress/index.html">p</a><script type="application/json">{"dataUrl":"../../quiz-data/x.json"}</script>',
    );
  });

  test('a page\'s inline CSS names its fonts relative to the page, and its CSP <meta> allows the rewritten <style> by its new hash', () => {
    const source = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    const css = '@font-face{font-family:M;src:url(/fonts/m.woff2)format("woff2")}';
    const kept = 'p{color:red}';
    const html = `<head><meta http-equiv="content-security-policy" content="style-src-elem 'self' ${source(kept)} ${source(css)};"><style>${css}</style><style>${kept}</style></head>`;
    const relative = '@font-face{font-family:M;src:url(../../fonts/m.woff2)format("woff2")}';
    expect(relativiseHtml(html, 'c/1.2.37/index.html')).toBe(
      `<head><meta name="course-package" content="scorm"><meta http-equiv="content-security-policy" content="style-src-elem 'self' ${source(kept)} ${source(relative)};"><style>${relative}</style><style>${kept}</style></head>`,
    );
  });

  test('the URLs scripts read from data attributes too: pages get index.html, a base folder does not', () => {
    const html = '<div data-vega="/charts/x.vega.json" data-expr="/charts/x.expr.js" data-table-src="/charts/tables/x.1/" data-python-base="/pyodide/0.1/" data-state="/not-a-url-but-kept-relative"></div>';
    expect(relativiseHtml(html, 'c/1.2.37/index.html')).toBe(
      '<div data-vega="../../charts/x.vega.json" data-expr="../../charts/x.expr.js" data-table-src="../../charts/tables/x.1/index.html" data-python-base="../../pyodide/0.1/" data-state="../../not-a-url-but-kept-relative"></div>',
    );
    expect(relativeUrl('/', 'index.html', 'base')).toBe('./');
  });
});

/** An LMS API of either version over a plain object, that can be told to refuse commits. */
function fakeLms(version: '1.2' | '2004', initial: Record<string, string> = {}) {
  const data: Record<string, string> = { ...initial };
  const state = { refuse: false, commits: [] as Record<string, string>[] };
  const commit = () => {
    if (state.refuse) return 'false';
    state.commits.push({ ...data });
    return 'true';
  };
  const api =
    version === '1.2'
      ? {
          LMSInitialize: () => 'true',
          LMSFinish: () => 'true',
          LMSGetValue: (e: string) => data[e] ?? '',
          LMSSetValue: (e: string, v: string) => ((data[e] = v), 'true'),
          LMSCommit: commit,
          LMSGetLastError: () => (state.refuse ? '101' : '0'),
          LMSGetErrorString: () => 'General exception',
        }
      : {
          Initialize: () => 'true',
          Terminate: () => 'true',
          GetValue: (e: string) => data[e] ?? '',
          SetValue: (e: string, v: string) => ((data[e] = v), 'true'),
          Commit: commit,
          GetLastError: () => (state.refuse ? '391' : '0'),
          GetErrorString: () => 'Commit failed',
        };
  const parent = { [version === '1.2' ? 'API' : 'API_1484_11']: api } as unknown as Window;
  (parent as unknown as { parent: Window }).parent = parent;
  const child = (search: string) =>
    ({ location: { search }, parent, opener: null }) as unknown as Window;
  return { data, state, child };
}

describe.each(['1.2', '2004'] as const)('an LMS session (%s)', (version) => {
  test('resumes what the LMS kept, commits each report, and tells the learner of a refused commit until one succeeds', () => {
    const earlier = createProgressStore(memoryStorage());
    earlier.recordAnswer('1.2.38', 'q1', record({ seed: 4, response: { seed: 4, answer: '2' } }));
    const lms = fakeLms(version, { 'cmi.suspend_data': encodeSuspendData(earlier.lesson('1.2.38'), suspendLimits[version]).text });
    const store = createProgressStore(memoryStorage());
    const statuses: LmsStatus[] = [];
    const session = startLmsSession({ window: lms.child('?sco=1.2.38'), lessonId: '1.2.38', store, onStatus: (s) => statuses.push(s) })!;
    expect(store.lesson('1.2.38').quiz.q1).toEqual(earlier.lesson('1.2.38').quiz.q1);
    expect(lms.state.commits).toHaveLength(1);

    lms.state.refuse = true;
    store.recordAnswer('1.2.38', 'q2', record());
    expect(session.report('q2')).toBe(false);
    expect(statuses.at(-1)?.kind).toBe('failed');
    // Kept in the browser meanwhile.
    expect(store.lesson('1.2.38').quiz.q2).toBeDefined();

    lms.state.refuse = false;
    expect(session.report()).toBe(true);
    expect(statuses.at(-1)).toEqual({ kind: 'saved' });
    const last = lms.state.commits.at(-1)!;
    const kept = decodeSuspendData(last['cmi.suspend_data']!);
    expect(kept.ok && Object.keys(kept.lesson!.quiz).sort()).toEqual(['q1', 'q2']);
    expect(last[version === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location']).toBe('q2');
    session.finish();
    expect(lms.data[version === '1.2' ? 'cmi.core.session_time' : 'cmi.session_time']).toMatch(version === '1.2' ? /^\d{4}:\d\d:\d\d\.\d\d$/ : /^PT/);
  });

  test('is not started on a page not launched as this lesson\'s SCO, nor without an LMS', () => {
    const lms = fakeLms(version);
    const store = createProgressStore(memoryStorage());
    expect(startLmsSession({ window: lms.child('?sco=1.2.37'), lessonId: '1.2.38', store, onStatus: () => {} })).toBeUndefined();
    expect(startLmsSession({ window: lms.child(''), lessonId: '1.2.38', store, onStatus: () => {} })).toBeUndefined();
    const alone = { location: { search: '?sco=1.2.38' }, opener: null } as unknown as Window;
    (alone as unknown as { parent: Window }).parent = alone;
    expect(startLmsSession({ window: alone, lessonId: '1.2.38', store, onStatus: () => {} })).toBeUndefined();
    expect(lms.state.commits).toEqual([]);
  });
});
