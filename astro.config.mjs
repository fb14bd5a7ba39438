// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { remarkPlugins, rehypePlugins } from './src/markdown/index.ts';
import courseValidation from './src/integrations/course-validation.ts';

export default defineConfig({
  site: 'https://course.example.org',
  trailingSlash: 'always',
  // Astro 7's default Markdown processor (Sätteri) runs no remark/rehype plugins; math needs unified.
  markdown: {
    processor: unified({
      remarkPlugins: [...remarkPlugins],
      rehypePlugins: [...rehypePlugins],
    }),
    // High-contrast pair: the plain GitHub themes fail WCAG AA contrast for some tokens.
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  },
  integrations: [courseValidation(), mdx()],
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
});
