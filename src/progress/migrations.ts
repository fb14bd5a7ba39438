/**
 * How stored progress survives a change of its shape. `migrations[n - 1]` turns a version-n
 * document into a version-(n + 1) one, so the current version is one more than the number of steps.
 *
 * To change the shape in document.ts: append a step that converts the previous shape (it receives
 * a document that passed the previous version's checks), bump nothing else, and add a test that a
 * document of the old version loads. The store then finds the old key (`course-progress:v1`),
 * migrates it, saves it under the new key and leaves the old one as it was, so an older tab or a
 * rolled-back site still reads its own copy.
 */
export type Migration = (previous: Record<string, unknown>) => Record<string, unknown>;

export const migrations: readonly Migration[] = [
  /**
   * 1 → 2: each quiz record gains `firstScore`, what the first attempt earned. A record of one
   * attempt earned its score then. A record of more had a first attempt short of full marks; what
   * it earned was not kept, so it counts as 0 (right for every type but the partial-credit ones).
   * The saved score, response and attempts are kept as they were: nothing a learner did is lost.
   */
  (document) => ({
    ...document,
    lessons: Object.fromEntries(
      Object.entries(asObject(document.lessons)).map(([id, lesson]) => {
        const quiz = asObject(asObject(lesson).quiz);
        return [
          id,
          {
            ...asObject(lesson),
            quiz: Object.fromEntries(
              Object.entries(quiz).map(([questionId, record]) => {
                const r = asObject(record);
                return [questionId, { ...r, firstScore: r.attempts === 1 ? r.score : 0 }];
              }),
            ),
          },
        ];
      }),
    ),
  }),
];

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function currentVersion(steps: readonly Migration[] = migrations): number {
  return steps.length + 1;
}

/** Apply every step from `fromVersion` up to the current version; throws if a step meets a non-object. */
export function migrate(document: unknown, fromVersion: number, steps: readonly Migration[] = migrations): unknown {
  let result = document;
  for (let version = fromVersion; version < currentVersion(steps); version++) {
    const step = steps[version - 1];
    if (!step || typeof result !== 'object' || result === null || Array.isArray(result)) {
      throw new Error(`cannot migrate version ${version}: expected an object`);
    }
    result = { ...step(result as Record<string, unknown>), version: version + 1 };
  }
  return result;
}
