/**
 * A file-name and id slug from free text: "Learning Rate & Convergence" → "learning-rate-convergence".
 * Accents are folded (é → e) and anything else that is not a letter or digit becomes a dash, so the
 * result is a valid short id (schema `shortId`) once it starts with a letter.
 */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  // Cut at a word boundary so the slug never ends in half a word.
  const cut = slug.slice(0, maxLength + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** A slug that is also a valid short id: it must start with a letter. */
export function shortIdFrom(text: string, fallback: string, maxLength = 40): string {
  const slug = slugify(text, maxLength);
  if (slug === '') return fallback;
  return /^[a-z]/.test(slug) ? slug : `${fallback}-${slug}`.slice(0, maxLength).replace(/-+$/, '');
}
