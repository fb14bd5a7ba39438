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
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
  integrations: [courseValidation(), mdx()],
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
});
