// Renders the app icons in public/icons/ from the favicon's drawing, with the system Chromium (no network).
// Run once after changing the design and commit the PNGs: `node scripts/make-icons.mjs`.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const outDir = join(import.meta.dirname, '..', 'public', 'icons');
const background = '#1f4e79';

/** The favicon's curve and two points (public/favicon.svg), on a 64×64 grid. */
const glyph = `<path d="M10 16 Q32 70 54 16" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"/>
<circle cx="22" cy="36" r="5" fill="#f2a93b"/><circle cx="32" cy="43" r="5" fill="#f2a93b"/>`;

/**
 * `rounded`: the favicon's rounded square on a transparent ground ("any" icons).
 * Otherwise a full-bleed square with the glyph shrunk by `scale` about the centre: maskable icons must keep
 * everything inside the central circle of 80% diameter, and iOS rounds the corners of apple-touch-icon itself.
 */
function svg({ rounded, scale }) {
  const ground = rounded ? `<rect width="64" height="64" rx="12" fill="${background}"/>` : `<rect width="64" height="64" fill="${background}"/>`;
  const offset = 32 * (1 - scale);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="100%" height="100%">${ground}<g transform="translate(${offset} ${offset}) scale(${scale})">${glyph}</g></svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, rounded: true, scale: 1 },
  { file: 'icon-512.png', size: 512, rounded: true, scale: 1 },
  { file: 'icon-maskable-192.png', size: 192, rounded: false, scale: 0.7 },
  { file: 'icon-maskable-512.png', size: 512, rounded: false, scale: 0.7 },
  { file: 'apple-touch-icon.png', size: 180, rounded: false, scale: 0.85 },
];

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg(icon)}`);
    await page.screenshot({ path: join(outDir, icon.file), omitBackground: true });
    await page.close();
    console.log(`public/icons/${icon.file} ${icon.size}×${icon.size}`);
  }
} finally {
  await browser.close();
}
