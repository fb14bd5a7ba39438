import type { AstroIntegration } from 'astro';
import { authorGuideIncluded } from '../lib/author-guide';

/**
 * The author guide's pages live in src/guide/, outside src/pages/, so that a build without the guide
 * (COURSE_GUIDE=off: src/lib/author-guide.ts) never bundles or renders them; with it, each page is injected at
 * the URL it had in src/pages/guide/ (src/guide/_route.astro).
 */
export default function authorGuide(): AstroIntegration {
  return {
    name: 'author-guide',
    hooks: {
      'astro:config:setup': ({ config, injectRoute, logger }) => {
        if (!authorGuideIncluded()) {
          logger.info('COURSE_GUIDE=off: the author guide (/guide/) is left out of this build');
          return;
        }
        injectRoute({ pattern: '/guide/[...page]', entrypoint: new URL('guide/_route.astro', config.srcDir), prerender: true });
      },
    },
  };
}
