import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOf } from './cache-seal';
import { fullMathFontFile, mathFontCharacters, mathFontFile, mathTextOf, mathTextOfJson } from '../lib/math-font';

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'woff2' }) => Promise<Buffer>;

/** The math text of every page and data file of a built site. */
export function siteMathText(outDir: string): string {
  let text = '';
  for (const file of filesOf(outDir)) {
    if (file.endsWith('.html')) text += mathTextOf(readFileSync(file, 'utf8'));
    else if (file.endsWith('.json')) {
      const source = readFileSync(file, 'utf8');
      if (!source.includes('<math')) continue;
      try {
        text += mathTextOfJson(JSON.parse(source));
      } catch (error) {
        throw new Error(`${file}: not JSON (${(error as Error).message}); its formulas could not be read for the math font`);
      }
    }
  }
  return text;
}

/**
 * The math font cut down, at build, to what the built site's formulas use: Latin Modern Math (public/fonts/, 268
 * KB) to the characters of every `<math>` the build wrote (src/lib/math-font.ts), about a sixth of it. The set comes
 * from the pages after they are rendered, and after the merge of an incremental build (so from the whole site), so
 * a symbol an author adds is never missing. hb-subset (harfbuzz in WebAssembly, npm subset-font) keeps the MATH
 * table and, for each kept character, its size variants and stretchy parts: `\sum` in display style and `\left(`
 * still draw large.
 *
 * Written to `fonts/course-math.woff2`, one name whatever the set (src/styles/math.css names it), so no stylesheet
 * or page is rewritten after the build: the service worker, which runs after this, precaches it
 * with a revision of its content, and public/_headers has browsers revalidate it. A subset is kept under
 * node_modules/.cache/course-math-font/ by the hash of its characters: a rebuild with no new symbol only reads the
 * pages. In dev the whole font is served under the subset's name.
 */
export default function mathFont(): AstroIntegration {
  let root = '';
  return {
    name: 'math-font',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        root = fileURLToPath(config.root);
        // The stylesheet's URL for the subset names a file that exists only once the pages are built: external, so
        // Vite leaves it as it is without warning that it could not find it.
        updateConfig({ vite: { build: { rolldownOptions: { external: [`/${mathFontFile}`] } } } });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(`/${mathFontFile}`, (_req, res) => {
          res.setHeader('Content-Type', 'font/woff2');
          res.end(readFileSync(join(root, 'public', fullMathFontFile)));
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const characters = mathFontCharacters(siteMathText(outDir)).join('');
        const cacheDir = join(root, 'node_modules', '.cache', 'course-math-font');
        const cached = join(cacheDir, `${createHash('sha256').update(characters).digest('hex').slice(0, 32)}.woff2`);
        let subset: Buffer;
        if (existsSync(cached)) subset = readFileSync(cached);
        else {
          // Loaded natively and only here: at astro:build:done Vite's module runner is closed, and dev never needs it.
          const subsetFont = createRequire(import.meta.url)('subset-font') as SubsetFont;
          subset = await subsetFont(readFileSync(join(root, 'public', fullMathFontFile)), characters, { targetFormat: 'woff2' });
          mkdirSync(cacheDir, { recursive: true });
          writeFileSync(`${cached}.tmp`, subset);
          renameSync(`${cached}.tmp`, cached);
        }
        // A new file renamed into place: an incremental build links the last site's files in, and writing into a
        // link would change the last site's copy too.
        const target = join(outDir, mathFontFile);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(`${target}.tmp`, subset);
        renameSync(`${target}.tmp`, target);
        logger.info(`/${mathFontFile}: the math font cut to the site's ${[...characters].length} characters, ${Math.round(subset.length / 1024)} KB`);
      },
    },
  };
}
