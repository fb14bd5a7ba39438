import type { AstroIntegration } from 'astro';
import { authorGuideIncluded } from '../lib/author-guide';

/**
 * The author guide's pages live in src/guide/, outside src/pages/, so that a build without the guide (the
 * default for a build, src/lib/author-guide.ts) never bundles or renders them; with it (the dev server, or
 * COURSE_GUIDE=on), each page is injected at the URL it had in src/pages/guide/ (src/guide/_route.astro).
 */
export default function authorGuide(): AstroIntegration {
  return {
    name: 'author-guide',
    hooks: {
      'astro:config:setup': ({ command, config, injectRoute, logger }) => {
        if (!authorGuideIncluded(process.env, command === 'dev')) {
          if (command === 'build') logger.info('the author guide (/guide/) is left out of this build (COURSE_GUIDE=on builds it; the dev server has it unless COURSE_GUIDE=off)');
          return;
        }
        injectRoute({ pattern: '/guide/[...page]', entrypoint: new URL('guide/_route.astro', config.srcDir), prerender: true });
      },
    },
  };
}
