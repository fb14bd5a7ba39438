import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { ContentError, formatProblem } from '../content/problems';
import { readContentTree } from '../content/load';
import { validateContent, type QuizValidator } from '../content/validate';
import { contentWatchPlugin } from '../authoring/content-watch';
import { validateQuizFile } from '../quiz/validate';
import { validationCache } from '../content/validation-cache';

/**
 * Validates the whole course before Astro touches it, so a mistake stops the build with the
 * file, the line and the field (Astro's own schema errors only say 0:0), and never a half-built site.
 */
export default function courseValidation(options: { contentDir?: string; validateQuiz?: QuizValidator } = {}): AstroIntegration {
  return {
    name: 'course-validation',
    hooks: {
      'astro:config:setup': ({ config, command, logger, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const contentDir = options.contentDir ?? `${root}/content`;
        if (command === 'dev') {
          // Re-validate on every content change and show the first error in the browser's overlay.
          const log = { error: (m: string) => logger.error(m), info: (m: string) => logger.info(m) };
          updateConfig({ vite: { plugins: [contentWatchPlugin({ root, contentDir, validateQuiz: options.validateQuiz ?? validateQuizFile, log })] } });
        }
        // Files unchanged since the last build keep their result (src/content/validation-cache.ts).
        const cache = validationCache(root, options.validateQuiz ?? validateQuizFile);
        const problems = validateContent(readContentTree(contentDir, root), cache.validateQuiz, { validateLesson: cache.validateLesson });
        cache.save();
        for (const warning of problems.filter((p) => p.severity === 'warning')) logger.warn(formatProblem(warning));
        const errors = problems.filter((p) => p.severity === 'error');
        if (errors.length === 0) return;
        if (command === 'build') {
          // The list of problems is the whole message: a stack trace into this integration would
          // only bury it (Astro prints a stack when the error has one).
          const failure = new ContentError(problems);
          failure.stack = '';
          throw failure;
        }
        // In dev the server keeps running; the page shows the problems through the error overlay.
        for (const e of errors) logger.error(formatProblem(e));
      },
    },
  };
}
