import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
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
 * Loads the formula questions' build half (mathjs, ~0.5 CPU s) when a quiz of the course may have a formula
 * question. astro.config.mjs awaits it at its top level: were the config loaded through Vite (when Node cannot load
 * it itself), only then could its code import a module, as Astro closes that runner before any hook runs. The dev
 * server loads it later, through its own runner, once an author adds such a question (src/authoring/content-watch.ts).
 */
export async function loadFormulaValidation(contentDir: string): Promise<void> {
  if (existsSync(contentDir) && readContentTree(contentDir, contentDir).some((f) => f.path.endsWith('.quiz.yaml') && mayHaveFormulaQuestion(f.text))) await loadFormulaBuild();
}

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
        // Files unchanged since the last build keep their result (src/content/validation-cache.ts).
        const cache = validationCache(root, options.validateQuiz ?? validateQuizFile);
        const files = readContentTree(contentDir, root);
        let problems: Problem[];
        if (command === 'dev') {
          // Validated once here, then file by file on every change, with the first error in the browser's overlay.
          const content = liveContent(files, cache.validateQuiz, cache.validateLesson, cache.questionIds);
          problems = content.problems();
          const log = { error: (m: string) => logger.error(m), info: (m: string) => logger.info(m) };
          updateConfig({ vite: { plugins: [contentWatchPlugin({ root, contentDir, content, initialProblems: problems, warmPath: firstLessonPath(files, root, contentDir), log })] } });
        } else {
          problems = validateContent(files, cache.validateQuiz, { validateLesson: cache.validateLesson, questionIds: cache.questionIds });
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
