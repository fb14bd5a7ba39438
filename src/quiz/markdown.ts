import type { Question } from './schema';
import { serverKinds } from './types/server';
import type { MarkdownFields, ServerKind } from './types/server-kind';

/** Where a Markdown field sits in its question, and whether it renders inline (in a label) or as blocks. */
export interface MarkdownPlace {
  path: (string | number)[];
  inline: boolean;
}

/**
 * Copy a question with every Markdown field passed through `render`. The build's validator uses it
 * to compile each field (reporting the ones that fail) and the page uses it to render them: one
 * list of which fields are Markdown, the common ones here and each type's own in its module.
 */
export function mapMarkdown<Q extends Question>(
  question: Q,
  render: (source: string, place: MarkdownPlace) => string,
): Q {
  const block = (source: string, ...path: (string | number)[]) => render(source, { path, inline: false });
  const inline = (source: string, ...path: (string | number)[]) => render(source, { path, inline: true });
  const optional = (source: string | undefined, ...path: (string | number)[]) =>
    source === undefined ? undefined : block(source, ...path);
  const q = question as Question;
  const fields: MarkdownFields = {
    block,
    inline,
    optional,
    common: {
      prompt: block(q.prompt, 'prompt'),
      hints: q.hints.map((hint, i) => block(hint, 'hints', i)),
      ...(q.explanation === undefined ? {} : { explanation: block(q.explanation, 'explanation') }),
      ...(q.feedback && {
        feedback: {
          correct: optional(q.feedback.correct, 'feedback', 'correct'),
          incorrect: optional(q.feedback.incorrect, 'feedback', 'incorrect'),
        },
      }),
    },
  };
  return (serverKinds[q.type] as ServerKind).markdown(q as never, fields) as Q;
}
