import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkLessonReferences from './lesson-references';
import rehypeStrictMath from './strict-math';
import rehypeHeadingToc from './heading-toc';
import { katexOptions } from './katex-options';

/** The Markdown pipeline every lesson and prompt goes through; astro.config and renderMarkdown share it. */
// remarkLessonReferences only touches MDX components, so plain Markdown passes through it unchanged.
export const remarkPlugins = [remarkMath, remarkLessonReferences];
export const rehypePlugins = [rehypeHeadingToc, [rehypeKatex, katexOptions], rehypeStrictMath] as const;
