import type { KatexOptions } from 'katex';

/** One set of KaTeX options for lesson bodies and quiz prompts, so math looks the same everywhere. */
export const katexOptions: KatexOptions = {
  output: 'htmlAndMathml',
  strict: 'warn',
  macros: {
    '\\R': '\\mathbb{R}',
  },
};
