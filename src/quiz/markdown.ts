import type { Question } from './schema';

/** Where a Markdown field sits in its question, and whether it renders inline (in a label) or as blocks. */
export interface MarkdownPlace {
  path: (string | number)[];
  inline: boolean;
}

/**
 * Copy a question with every Markdown field passed through `render`. The build's validator uses it
 * to compile each field (reporting the ones that fail) and the page uses it to render them: one
 * list of which fields are Markdown.
 */
export function mapMarkdown<Q extends Question>(
  question: Q,
  render: (source: string, place: MarkdownPlace) => string,
): Q {
  const block = (source: string, ...path: (string | number)[]) => render(source, { path, inline: false });
  const inline = (source: string, ...path: (string | number)[]) => render(source, { path, inline: true });
  const optional = (source: string | undefined, ...path: (string | number)[]) =>
    source === undefined ? undefined : block(source, ...path);

  const common = {
    prompt: block(question.prompt, 'prompt'),
    hints: question.hints.map((hint, i) => block(hint, 'hints', i)),
    ...(question.feedback && {
      feedback: {
        correct: optional(question.feedback.correct, 'feedback', 'correct'),
        incorrect: optional(question.feedback.incorrect, 'feedback', 'incorrect'),
      },
    }),
  };
  const q = question as Question;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return {
        ...q,
        ...common,
        explanation: block(q.explanation, 'explanation'),
        choices: q.choices.map((c, i) => ({
          ...c,
          text: inline(c.text, 'choices', i, 'text'),
          feedback: optional(c.feedback, 'choices', i, 'feedback'),
        })),
      } as Q;
    case 'ordering':
      return {
        ...q,
        ...common,
        explanation: block(q.explanation, 'explanation'),
        items: q.items.map((item, i) => ({ ...item, text: inline(item.text, 'items', i, 'text') })),
      } as Q;
    case 'open':
      return {
        ...q,
        ...common,
        explanation: optional(q.explanation, 'explanation'),
        modelAnswer: block(q.modelAnswer, 'modelAnswer'),
        checklist: q.checklist.map((point, i) => inline(point, 'checklist', i)),
      } as Q;
    case 'diagnose': {
      const part = (name: 'verdict' | 'fix') => ({
        ...q[name],
        prompt: q[name].prompt === undefined ? undefined : inline(q[name].prompt, name, 'prompt'),
        choices: q[name].choices.map((c, i) => ({
          ...c,
          text: inline(c.text, name, 'choices', i, 'text'),
          feedback: optional(c.feedback, name, 'choices', i, 'feedback'),
        })),
      });
      return { ...q, ...common, explanation: block(q.explanation, 'explanation'), verdict: part('verdict'), fix: part('fix') } as Q;
    }
    case 'parametrized':
      // The prompt, explanation and choice texts are templates: build.ts renders them once per variant.
      return { ...q, hints: common.hints, feedback: common.feedback } as Q;
    case 'multipart':
      return {
        ...q,
        ...common,
        explanation: block(q.explanation, 'explanation'),
        parts: q.parts.map((part, i) => ({
          ...part,
          prompt: inline(part.prompt, 'parts', i, 'prompt'),
          choices: part.choices?.map((c, j) => ({
            ...c,
            text: inline(c.text, 'parts', i, 'choices', j, 'text'),
            feedback: optional(c.feedback, 'parts', i, 'choices', j, 'feedback'),
          })),
        })),
      } as Q;
    case 'true-false':
    case 'numeric':
    case 'text':
    case 'code':
    case 'expression':
      return { ...q, ...common, explanation: block(q.explanation, 'explanation') } as Q;
  }
}
