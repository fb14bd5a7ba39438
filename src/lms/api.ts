import type { ScormVersion } from './suspend';

/**
 * Finding and calling the LMS's SCORM API (1.2 `API`, 2004 `API_1484_11`) under one set of names.
 * Small and free of the suspend_data codec, so a lesson page can tell cheaply whether it runs as a
 * SCO before loading the rest of the LMS layer (session.ts).
 */

/** The calls both versions' APIs offer, under one set of names. */
export interface LmsApi {
  version: ScormVersion;
  initialize(): boolean;
  get(element: string): string;
  set(element: string, value: string): boolean;
  commit(): boolean;
  finish(): boolean;
  /** The last error as "code: text", or '' when there is none. */
  lastError(): string;
}

type Api12 = Record<'LMSInitialize' | 'LMSFinish' | 'LMSCommit' | 'LMSGetLastError', (arg?: string) => string> & {
  LMSGetValue(e: string): string;
  LMSSetValue(e: string, v: string): string;
  LMSGetErrorString(code: string): string;
};
type Api2004 = Record<'Initialize' | 'Terminate' | 'Commit' | 'GetLastError', (arg?: string) => string> & {
  GetValue(e: string): string;
  SetValue(e: string, v: string): string;
  GetErrorString(code: string): string;
};

const ok = (value: unknown) => String(value) === 'true';

function wrap(found: { version: '1.2'; api: Api12 } | { version: '2004'; api: Api2004 }): LmsApi {
  // Each call is guarded: an LMS whose frame has gone away throws instead of answering.
  const guard = <T>(call: () => T, fallback: T): T => {
    try {
      return call();
    } catch {
      return fallback;
    }
  };
  if (found.version === '1.2') {
    const { api } = found;
    return {
      version: '1.2',
      initialize: () => guard(() => ok(api.LMSInitialize('')), false),
      get: (e) => guard(() => String(api.LMSGetValue(e) ?? ''), ''),
      set: (e, v) => guard(() => ok(api.LMSSetValue(e, v)), false),
      commit: () => guard(() => ok(api.LMSCommit('')), false),
      finish: () => guard(() => ok(api.LMSFinish('')), false),
      lastError: () =>
        guard(() => {
          const code = String(api.LMSGetLastError());
          return code === '0' ? '' : `${code}: ${api.LMSGetErrorString(code)}`;
        }, 'the LMS did not answer'),
    };
  }
  const { api } = found;
  return {
    version: '2004',
    initialize: () => guard(() => ok(api.Initialize('')), false),
    get: (e) => guard(() => String(api.GetValue(e) ?? ''), ''),
    set: (e, v) => guard(() => ok(api.SetValue(e, v)), false),
    commit: () => guard(() => ok(api.Commit('')), false),
    finish: () => guard(() => ok(api.Terminate('')), false),
    lastError: () =>
      guard(() => {
        const code = String(api.GetLastError());
        return code === '0' ? '' : `${code}: ${api.GetErrorString(code)}`;
      }, 'the LMS did not answer'),
  };
}

/** The API in this window's parents, then its opener's (the ADL search order); 2004 first. */
export function findApi(start: Window): LmsApi | undefined {
  const search = (from: Window | null): LmsApi | undefined => {
    let current: Window | null = from;
    for (let depth = 0; current && depth < 10; depth++) {
      try {
        const w = current as unknown as { API_1484_11?: Api2004; API?: Api12 };
        if (w.API_1484_11) return wrap({ version: '2004', api: w.API_1484_11 });
        if (w.API) return wrap({ version: '1.2', api: w.API });
      } catch {
        // A cross-origin frame: not the LMS's.
      }
      if (current.parent === current) break;
      current = current.parent;
    }
    return undefined;
  };
  let opener: Window | null = null;
  try {
    opener = start.opener as Window | null;
  } catch {
    opener = null;
  }
  return search(start) ?? search(opener);
}


/** Whether this page was launched as `lessonId`'s SCO (src/lms/manifest.ts) and an LMS API is in reach. */
export function launchedAsSco(win: Window, lessonId: string): boolean {
  return new URLSearchParams(win.location.search).get('sco') === lessonId && findApi(win) !== undefined;
}
