import type { AstroIntegration } from 'astro';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentError, formatProblem, warningLines, type Problem } from '../content/problems';
import { readContentTree } from '../content/load';
import { claimedLessonId, validateContent, type QuizValidator, type SourceFile } from '../content/validate';
import { contentWatchPlugin, liveContent } from '../authoring/content-watch';
import { validateQuizFile } from '../quiz/validate';
import { loadFormulaBuild, mayHaveFormulaQuestion } from '../quiz/expression/formula-build';
import { validationCache } from '../content/validation-cache';

/** `/<course>/<lesson id>/` of the first lesson in the content tree (the lesson route's URL shape). */
function firstLessonPath(files: readonly SourceFile[], root: string, contentDir: string): string | undefined {
  const prefix = relative(root, contentDir);
  for (const file of files) {
    if (!file.path.endsWith('.mdx')) continue;
    const course = relative(prefix, file.path).split(sep)[0];
    const id = claimedLessonId(file);
    if (course && id) return `/${course}/${id}/`;
  }
  return undefined;
}

/**
 * Validates the whole course before Astro touches it, so a mistake stops the build with the
 * file, the line and the field (Astro's own schema errors only say 0:0), and never a half-built site.
 */
export default function courseValidation(options: { contentDir?: string; validateQuiz?: QuizValidator } = {}): AstroIntegration {
  return {
    name: 'course-validation',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const contentDir = options.contentDir ?? `${root}/content`;
        // Files unchanged since the last build keep their result (src/content/validation-cache.ts).
        const cache = validationCache(root, options.validateQuiz ?? validateQuizFile);
        const files = readContentTree(contentDir, root);
        // Validating a formula question needs mathjs (~0.5 CPU s to load): loaded only when a quiz may have one, or
        // in dev, where an author may add one to any quiz while the server runs (validated then synchronously).
        if (command === 'dev' || files.some((f) => f.path.endsWith('.quiz.yaml') && mayHaveFormulaQuestion(f.text))) await loadFormulaBuild();
        let problems: Problem[];
        if (command === 'dev') {
          // Validated once here, then file by file on every change, with the first error in the browser's overlay.
          const content = liveContent(files, cache.validateQuiz, cache.validateLesson);
          problems = content.problems();
          const log = { error: (m: string) => logger.error(m), info: (m: string) => logger.info(m) };
          updateConfig({ vite: { plugins: [contentWatchPlugin({ root, contentDir, content, initialProblems: problems, warmPath: firstLessonPath(files, root, contentDir), log })] } });
        } else {
          problems = validateContent(files, cache.validateQuiz, { validateLesson: cache.validateLesson });
        }
        cache.save();
        for (const line of warningLines(problems.filter((p) => p.severity === 'warning'))) logger.warn(line);
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
