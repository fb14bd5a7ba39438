/**
 * How short text answers are compared: Unicode NFKC (so full-width letters, ligatures and
 * compatibility forms match their plain spelling), trimmed, every run of white space turned into
 * one space, and lower-cased unless the question is case-sensitive.
 */
export function normaliseText(text: string, caseSensitive: boolean): string {
  const plain = text.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  return caseSensitive ? plain : plain.toLowerCase();
}

/** Does a response match an accepted answer or one of the patterns (each matched against the whole response)? */
export function matchesText(
  response: string,
  accepted: { answers: readonly string[]; patterns: readonly string[]; caseSensitive: boolean },
): boolean {
  const given = normaliseText(response, accepted.caseSensitive);
  if (accepted.answers.some((a) => normaliseText(a, accepted.caseSensitive) === given)) return true;
  return accepted.patterns.some((pattern) => {
    try {
      return new RegExp(`^(?:${pattern})$`, accepted.caseSensitive ? 'u' : 'iu').test(given);
    } catch {
      // The build rejects patterns that do not compile; a stale page must still not crash.
      return false;
    }
  });
}
