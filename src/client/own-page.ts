/**
 * One of the site's own pages, fetched for a part of it (a lesson's review templates, a chart's data table), parsed
 * inert (DOMParser runs no script). Its CSS is inline (astro.config.mjs) and Chromium checks a parsed `<style>`
 * against this page's CSP, whose hashes are this page's, logging a violation: nothing here uses that CSS, so it is
 * dropped before parsing.
 */
export function parseOwnPage(html: string): Document {
  return new DOMParser().parseFromString(html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, ''), 'text/html');
}
