import remarkMath from 'remark-math';
import rehypeMath from './rehype-math';
import remarkLessonReferences from './lesson-references';
import remarkDollarPrices from './dollar-prices';
import remarkEquations from './equations';
import rehypeStrictMath from './strict-math';
import rehypeHeadingToc from './heading-toc';
import rehypeSectionChecks from './section-checks';
import rehypeTableScroll from './table-scroll';
import { mathOptions } from './math-options';
import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';

/** The Markdown pipeline every lesson and prompt goes through; astro.config and renderMarkdown share it. */
// remarkLessonReferences only touches MDX components, so plain Markdown passes through it unchanged.
// remarkDollarPrices reads `$5 … $10` as prices (Pandoc's rule); remarkEquations numbers \label-ed display formulas.
export const remarkPlugins: RemarkPlugins = [remarkMath, remarkDollarPrices, remarkEquations, remarkLessonReferences];
export const rehypePlugins: RehypePlugins = [rehypeHeadingToc, rehypeSectionChecks, [rehypeMath, mathOptions], rehypeStrictMath, rehypeTableScroll];
