import { confidences, type Confidence } from '../progress/confidence';
import { strFromU8, strToU8, deflateSync, inflateSync } from 'fflate';
import type { LessonProgress, QuestionRecord } from '../progress/document';

/**
 * A lesson's progress as SCORM `suspend_data`: the resume state an LMS keeps for one SCO (one
 * lesson). It holds every checked answer with its attempts, scores and variant seed, so a learner
 * who comes back sees the same variants and answers. SCORM 1.2 allows 4,096 characters, 2004
 * 64,000: the text is compact JSON, deflated when that is shorter, and summarised only when even
 * that is too long (the longest free-text responses, such as code, are cut first; scores, attempts
 * and seeds are always kept). Pure, so the size of the largest quiz can be measured in a test.
 */

export const suspendLimits = { '1.2': 4096, '2004': 64000 } as const;
export type ScormVersion = keyof typeof suspendLimits;

/** A record as stored: [response, attempts, score, firstScore, max, flags, answeredAt (s, base 36), seed?]. */
type Packed = [unknown, number, number, number, number, number, string, number?];

interface SuspendDocument {
  /** Format version of this encoding. */
  v: 1;
  q: Record<string, Packed>;
  /** Homework ticks, only those ticked. */
  h?: string[];
  /** Question ids whose response had to be cut to fit. */
  cut?: string[];
}

const deflated = 'z:';
const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const unbase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Confidence in flag bits 2–3 (0 = none given), so calibration and review survive an LMS resume at no size cost. */
const confidenceCode = (c: Confidence | undefined) => (c === undefined ? 0 : confidences.indexOf(c) + 1);

function pack(record: QuestionRecord): Packed {
  const flags = (record.correct ? 1 : 0) | (record.selfAssessed ? 2 : 0) | (confidenceCode(record.confidence) << 2);
  const time = Math.round(Date.parse(record.answeredAt) / 1000).toString(36);
  const packed: Packed = [record.response, record.attempts, record.score, record.firstScore, record.max, flags, time];
  if (record.seed !== undefined) packed.push(record.seed);
  return packed;
}

function unpack(packed: Packed): QuestionRecord {
  const [response, attempts, score, firstScore, max, flags, time, seed] = packed;
  const record: QuestionRecord = {
    response,
    attempts,
    score,
    firstScore,
    max,
    correct: (flags & 1) !== 0,
    selfAssessed: (flags & 2) !== 0,
    answeredAt: new Date(parseInt(time, 36) * 1000).toISOString(),
  };
  if (seed !== undefined) record.seed = seed;
  const confidence = confidences[((flags >> 2) & 3) - 1];
  if (confidence !== undefined) record.confidence = confidence;
  return record;
}

/** The shorter of the JSON text and its deflated, base64 form (both plain ASCII-safe for 1.2's CMIString). */
function smallest(json: string): string {
  const zipped = deflated + base64(deflateSync(strToU8(json), { level: 9 }));
  return zipped.length < json.length ? zipped : json;
}

/** Cut the longest string inside a response to half its length; false when nothing is left to cut. */
function cutLongest(document: SuspendDocument): boolean {
  let best: { id: string; holder: Record<string, unknown> | unknown[]; key: string | number; length: number } | undefined;
  const visit = (id: string, holder: Record<string, unknown> | unknown[], key: string | number, value: unknown) => {
    if (typeof value === 'string') {
      if (value.length > 16 && (!best || value.length > best.length)) best = { id, holder, key, length: value.length };
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(id, value as Record<string, unknown>, Array.isArray(value) ? Number(k) : k, v);
    }
  };
  for (const [id, packed] of Object.entries(document.q)) visit(id, packed, 0, packed[0]);
  if (!best) return false;
  const { holder, key, length, id } = best;
  (holder as Record<string | number, unknown>)[key] = String((holder as Record<string | number, unknown>)[key]).slice(0, Math.floor(length / 2));
  document.cut = [...new Set([...(document.cut ?? []), id])];
  return true;
}

export interface EncodedSuspendData {
  text: string;
  /** Question ids whose saved response was shortened to fit the limit (their scores are whole). */
  cut: string[];
}

/** Encode one lesson's progress within `limit` characters. */
export function encodeSuspendData(lesson: LessonProgress, limit: number): EncodedSuspendData {
  const document: SuspendDocument = { v: 1, q: {} };
  for (const [id, record] of Object.entries(lesson.quiz)) document.q[id] = pack(record);
  const ticked = Object.entries(lesson.homework).filter(([, done]) => done).map(([id]) => id);
  if (ticked.length) document.h = ticked;
  let text = smallest(JSON.stringify(document));
  while (text.length > limit) {
    if (!cutLongest(document)) {
      // Only numbers and ids are left: drop responses, the oldest first, keeping scores and seeds.
      const withResponse = Object.entries(document.q).filter(([, p]) => p[0] !== null);
      if (withResponse.length === 0) throw new Error(`suspend_data: ${text.length} characters even without responses (limit ${limit})`);
      withResponse.sort((a, b) => parseInt(a[1][6], 36) - parseInt(b[1][6], 36));
      const [id, packed] = withResponse[0]!;
      packed[0] = null;
      document.cut = [...new Set([...(document.cut ?? []), id])];
    }
    text = smallest(JSON.stringify(document));
  }
  return { text, cut: document.cut ?? [] };
}

/** Decode what the LMS returned; undefined for an empty value, an error naming the problem for a bad one. */
export function decodeSuspendData(text: string): { ok: true; lesson: LessonProgress | undefined } | { ok: false; reason: string } {
  if (text === '') return { ok: true, lesson: undefined };
  let document: SuspendDocument;
  try {
    const json = text.startsWith(deflated) ? strFromU8(inflateSync(unbase64(text.slice(deflated.length)))) : text;
    document = JSON.parse(json) as SuspendDocument;
  } catch (error) {
    return { ok: false, reason: `suspend_data is not this site's resume state (${error instanceof Error ? error.message : String(error)})` };
  }
  if (document?.v !== 1 || typeof document.q !== 'object' || document.q === null) {
    return { ok: false, reason: 'suspend_data is not this site\'s resume state (no version 1 record)' };
  }
  const lesson: LessonProgress = { homework: {}, quiz: {} };
  for (const [id, packed] of Object.entries(document.q)) {
    if (!Array.isArray(packed) || packed.length < 7) return { ok: false, reason: `suspend_data: question ${id} is damaged` };
    lesson.quiz[id] = unpack(packed);
  }
  for (const id of document.h ?? []) lesson.homework[id] = true;
  return { ok: true, lesson };
}
