import { registerHooks } from 'node:module';

/**
 * Node runs .ts files itself but, unlike Vite, never guesses an extension, while src/ is written
 * for bundler resolution (`import … from './problems'`). This hook retries a relative import that
 * Node cannot find with `.ts` and `/index.ts`, so the command-line shells, and Node loading
 * astro.config.mjs itself (no Vite server compiling it first), can use the same modules as the site.
 * Import it before any module from src/, and load those with `await import(…)`:
 * static imports are resolved before any code of the importing module runs.
 */
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      const hasExtension = /\.[cm]?[jt]sx?$|\.json$/.test(specifier);
      const code = (error as { code?: string }).code;
      if ((code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT') || !relative || hasExtension) throw error;
      try {
        return nextResolve(`${specifier}.ts`, context);
      } catch {
        return nextResolve(`${specifier}/index.ts`, context);
      }
    }
  },
});
