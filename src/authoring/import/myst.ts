import type { Heading, Link, PhrasingContent, Root, RootContent } from 'mdast';
import { mystParse } from 'myst-parser';
import GithubSlugger from 'github-slugger';
import { inlineMarkdown, jsx, jsxText, plainText, unconvertedBlock, type Unconverted } from './lesson-page';

/**
 * MyST / Jupyter Book pages into our lesson tree, through the MyST project's own parser
 * (myst-parser): directives and roles arrive as nodes, with their options parsed the way Jupyter
 * Book reads them, so nothing here re-parses Markdown by pattern.
 *
 * | MyST                                         | lesson                                      |
 * | -------------------------------------------- | ------------------------------------------- |
 * | note, tip, warning, … , admonition           | Callout (type from the kind or :class:)     |
 * | margin, sidebar, aside                       | MarginNote                                  |
 * | figure (with :name:)                         | Figure (numbered), `{numref}`/`{ref}` → Ref |
 * | exercise / exercise-start…end                | Exercise (id under the lesson id)           |
 * | solution / solution-start…end                | Solution inside its exercise                |
 * | prf:theorem, prf:example, …                  | Callout titled with the kind                |
 * | code-cell, code, code-block                  | highlighted code block (+ stored outputs)   |
 * | `$$ … $$ (label)`, math with :label:         | display math with `\label`                  |
 * | `{eq}`                                       | `$\eqref{…}$` (numbered link)               |
 * | `(label)=` before a heading, `{ref}` to it   | link to the heading                         |
 * | anything else                                | Callout "Not converted" with the source     |
 */

type Node = {
  type: string;
  name?: string;
  args?: string;
  value?: string;
  options?: Record<string, unknown>;
  children?: Node[];
  position?: { start: { line: number }; end: { line: number } };
  [key: string]: unknown;
};

export interface PageContext {
  /** The lesson id: exercise ids start with it. */
  lessonId: string;
  /** A new path for an image the page references (copied beside the lesson), or undefined when it cannot be found. */
  image(url: string): string | undefined;
  /** A link to another page of the same book rewritten to its lesson, or undefined to leave it. */
  link?(url: string): string | undefined;
  /** A section label defined on another page of the same book (`(label)=`, `{#sec-x}`): its lesson link and heading. */
  crossRef?(label: string): { url: string; title: string } | undefined;
  unconverted: Unconverted[];
}

const calloutKinds: Record<string, 'note' | 'tip' | 'warning' | 'seealso'> = {
  note: 'note', important: 'note', admonition: 'note', attention: 'warning', caution: 'warning', danger: 'warning', error: 'warning', warning: 'warning',
  tip: 'tip', hint: 'tip', seealso: 'seealso',
};

const languageOf = (lang: string | undefined) => (lang && /^i?python\d?$/.test(lang) ? 'python' : lang || undefined);

/** Directive options (`:label: x` lines) and body of a directive the parser does not know. */
function optionsAndBody(value: string | undefined): { options: Record<string, string>; body: string } {
  const lines = (value ?? '').split('\n');
  const options: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^:([\w-]+):\s*(.*)$/.exec(lines[i]!);
    if (!m) break;
    options[m[1]!] = m[2]!.trim();
  }
  return { options, body: lines.slice(i).join('\n').replace(/^\n+/, '') };
}

interface Target {
  kind: 'figure' | 'exercise' | 'heading' | 'equation';
  ref: string;
}

export function convertMyst(source: string, ctx: PageContext): { tree: Root; title?: string } {
  // Front matter (jupytext, kernelspec, title) becomes blank lines, so line numbers stay those of the file.
  let title: string | undefined;
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (fm) {
    title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(fm[1]!)?.[1];
    source = '\n'.repeat(fm[0].split('\n').length - 1) + source.slice(fm[0].length);
  }
  const lines = source.split('\n');
  const sourceOf = (node: Node) => (node.position ? lines.slice(node.position.start.line - 1, node.position.end.line).join('\n') : String(node.value ?? ''));
  const lineOf = (node: Node, base = 0) => base + (node.position?.start.line ?? 1);

  const targets = new Map<string, Target>();
  const pendingRefs: { node: PhrasingContent & { data?: unknown }; label: string; role: string; line: number; text?: string }[] = [];
  const slugger = new GithubSlugger();
  let figures = 0;
  let exercises = 0;
  const exerciseNodes = new Map<string, ReturnType<typeof jsx>>();
  let lastExercise: ReturnType<typeof jsx> | undefined;

  function exercise(label: string | undefined, titleText: string | undefined, children: RootContent[]) {
    exercises += 1;
    const id = `${ctx.lessonId}.${exercises}`;
    const node = jsx('Exercise', { id, level: 'intermediate', title: titleText || undefined }, children);
    node.attributes.push({ type: 'mdxJsxAttribute', name: 'objectives', value: { type: 'mdxJsxAttributeValueExpression', value: '["objective"]' } });
    if (label) {
      targets.set(label, { kind: 'exercise', ref: id });
      exerciseNodes.set(label, node);
    }
    lastExercise = node;
    return node;
  }

  function solution(forLabel: string | undefined, children: RootContent[]): RootContent | undefined {
    const node = jsx('Solution', {}, children);
    const owner = (forLabel && exerciseNodes.get(forLabel)) || lastExercise;
    if (owner) {
      owner.children.push(node as never);
      return undefined;
    }
    return node;
  }

  function inline(nodes: Node[] | undefined, base: number): PhrasingContent[] {
    return blocks(nodes, base) as unknown as PhrasingContent[];
  }

  function image(node: Node, base: number, line = lineOf(node, base)): RootContent {
    const url = String(node.url ?? '');
    const moved = ctx.image(url);
    if (!moved) return unconvertedBlock(`image ${url} (file not found)`, url, line, ctx.unconverted);
    return { type: 'paragraph', children: [{ type: 'image', url: moved, alt: String(node.alt ?? '') || `Figure: ${url.split('/').pop()}` }] };
  }

  function directive(node: Node, base: number): RootContent[] {
    const name = node.name ?? '';
    const line = lineOf(node, base);
    const processed = node.children?.[0];
    if (name === 'code-cell' || name === 'code' || name === 'code-block' || name === 'sourcecode') {
      const codes: Node[] = [];
      const walk = (n: Node) => (n.type === 'code' ? codes.push(n) : n.children?.forEach(walk));
      walk(node);
      if (codes.length === 0) codes.push({ type: 'code', value: optionsAndBody(node.value).body, lang: node.args });
      return codes.map((c) => ({ type: 'code', lang: languageOf((c.lang as string | undefined) ?? node.args), value: String(c.value ?? '') }));
    }
    if (name === 'margin' || name === 'sidebar' || name === 'aside') return [jsx('MarginNote', {}, blocks(processed?.children, base))];
    if (processed?.type === 'admonition') {
      const heading = processed.children?.find((c) => c.type === 'admonitionTitle');
      const cls = String(processed.class ?? '').split(/\s+/).find((c) => c in calloutKinds);
      const kind = calloutKinds[String(processed.kind ?? cls ?? name)] ?? calloutKinds[cls ?? ''] ?? 'note';
      const body = processed.children?.filter((c) => c !== heading);
      return [jsx('Callout', { type: kind, title: heading ? inlineMarkdown(inline(heading.children, base)) : undefined }, blocks(body, base))];
    }
    if (name === 'figure' && processed?.type === 'container') {
      const label = (processed.label as string | undefined) ?? `fig-${figures + 1}`;
      figures += 1;
      const content = processed.children ?? [];
      const images = content.filter((c) => c.type === 'image');
      const captionNodes = content.filter((c) => c.type === 'paragraph' || c.type === 'caption').flatMap((c) => (c.type === 'caption' ? (c.children ?? []) : [c]));
      const caption = captionNodes.map((p) => inlineMarkdown(inline(p.children, base))).join(' ').replace(/^\.\s*/, '').trim();
      targets.set(label, { kind: 'figure', ref: label });
      return [jsx('Figure', { id: label, caption: caption || 'TODO: caption' }, images.map((i) => image(i, base, line)))];
    }
    if (name === 'math' && processed?.type === 'math') return [mathBlock(processed)];
    if (name === 'image' && processed?.type === 'image') return [image(processed, base, line)];
    if ((name === 'list-table' || name === 'table') && processed) return blocks(processed.children, base);
    const known = optionsAndBody(node.value);
    const body = (): RootContent[] => blocks(mystParse(known.body).children as Node[], line + Object.keys(known.options).length);
    if (name === 'exercise') return [exercise(known.options.label, node.args, body())];
    if (name === 'solution') {
      const s = solution(node.args, body());
      return s ? [s] : [];
    }
    const proof = /^prf:(\w+)$/.exec(name);
    if (proof) {
      const kindName = proof[1]!.charAt(0).toUpperCase() + proof[1]!.slice(1);
      return [jsx('Callout', { type: 'note', title: node.args ? `${kindName}: ${node.args}` : kindName }, body())];
    }
    return [unconvertedBlock(`{${name}} directive`, sourceOf(node), line, ctx.unconverted)];
  }

  function mathBlock(node: Node): RootContent {
    const value = String(node.value ?? '');
    const label = node.label as string | undefined;
    if (label) targets.set(label, { kind: 'equation', ref: label });
    return { type: 'math', value: label ? `${value}\n\\label{${label}}` : value };
  }

  function role(node: Node, base: number): PhrasingContent[] {
    const name = node.name ?? '';
    const value = String(node.value ?? '');
    const line = lineOf(node, base);
    if (name === 'math') return [{ type: 'inlineMath', value }];
    if (name === 'eq' || name === 'ref' || name === 'numref' || name === 'prf:ref' || name === 'doc' || name === 'term') {
      // `{ref}`Text <label>`` carries its own text.
      const m = /^(.*?)\s*<([^>]+)>$/.exec(value);
      const label = m ? m[2]! : value;
      const placeholder: PhrasingContent = { type: 'text', value: m?.[1] || label };
      pendingRefs.push({ node: placeholder, label, role: name, line, text: m?.[1] });
      return [placeholder];
    }
    if (name === 'sub' || name === 'sup' || name === 'abbr' || name === 'kbd' || name === 'code' || name === 'strong' || name === 'emphasis') {
      return name === 'code' ? [{ type: 'inlineCode', value }] : [{ type: 'text', value: value.replace(/\s*\(.*\)$/, '') }];
    }
    ctx.unconverted.push({ line, what: `{${name}} role (kept as its text)` });
    return [{ type: 'text', value }];
  }

  function blocks(nodes: Node[] | undefined, base: number): RootContent[] {
    const out: RootContent[] = [];
    let pendingLabel: string | undefined;
    const list = nodes ?? [];
    for (let i = 0; i < list.length; i++) {
      const node = list[i]!;
      switch (node.type) {
        case 'mystTarget':
          pendingLabel = String(node.label ?? '');
          continue;
        case 'mystComment':
        case 'comment':
          continue;
        case 'block':
          out.push(...blocks(node.children, base));
          continue;
        case 'mystDirective': {
          const name = node.name ?? '';
          const gated = /^(exercise|solution)-start$/.exec(name);
          if (gated) {
            const end = list.findIndex((n, k) => k > i && n.type === 'mystDirective' && n.name === `${gated[1]}-end`);
            const inner = blocks(list.slice(i + 1, end === -1 ? list.length : end), base);
            const { options } = optionsAndBody(node.value);
            if (gated[1] === 'exercise') out.push(exercise(options.label, node.args, inner));
            else {
              const s = solution(node.args, inner);
              if (s) out.push(s);
            }
            i = end === -1 ? list.length : end;
            continue;
          }
          out.push(...directive(node, base));
          continue;
        }
        case 'mystRole':
          out.push(...(role(node, base) as unknown as RootContent[]));
          continue;
        case 'math':
          out.push(mathBlock(node));
          continue;
        case 'inlineMath':
        case 'code':
          out.push({ type: node.type, value: String(node.value ?? ''), ...(node.type === 'code' ? { lang: languageOf(node.lang as string | undefined) } : {}) } as RootContent);
          continue;
        case 'image':
        {
          // Inline, as the parser gives it: the image itself, not the paragraph image() wraps it in.
          const converted = image(node, base);
          out.push(...(converted.type === 'paragraph' ? (converted.children as RootContent[]) : [converted]));
          continue;
        }
        case 'html': {
          const html = String(node.value ?? '');
          // Inline formatting tags are dropped, their text kept; other HTML is not MDX-safe and is shown as source.
          if (/^<\/?(sub|sup|b|i|em|strong|span|u|small|br)\b[^>]*\/?>$/i.test(html.trim())) continue;
          out.push(unconvertedBlock('HTML', html, lineOf(node, base), ctx.unconverted));
          continue;
        }
        case 'heading': {
          const heading = { type: 'heading', depth: node.depth as Heading['depth'], children: inline(node.children, base) } as Heading;
          const slug = slugger.slug(plainText(heading));
          if (pendingLabel) targets.set(pendingLabel, { kind: 'heading', ref: `#${slug}` });
          pendingLabel = undefined;
          out.push(heading);
          continue;
        }
        case 'link': {
          const url = String(node.url ?? '');
          const rewritten = ctx.link?.(url) ?? url;
          out.push({ type: 'link', url: rewritten, children: inline(node.children, base) } as Link);
          continue;
        }
        case 'crossReference': {
          const label = String(node.label ?? node.identifier ?? '');
          const placeholder: PhrasingContent = { type: 'text', value: label };
          pendingRefs.push({ node: placeholder, label, role: 'ref', line: lineOf(node, base) });
          out.push(placeholder as RootContent);
          continue;
        }
        default: {
          const copy: Node = { ...node };
          delete copy.position;
          if (node.children) copy.children = blocks(node.children, base) as unknown as Node[];
          out.push(copy as unknown as RootContent);
        }
      }
      pendingLabel = undefined;
    }
    return out;
  }

  const children = blocks(mystParse(source).children as Node[], 0);
  // The page title: front matter `title`, else the first level-1 heading (removed from the body; other level-1 headings become level 2).
  const h1 = children.findIndex((c) => c.type === 'heading' && c.depth === 1);
  if (h1 !== -1) {
    title ??= plainText(children[h1]!);
    children.splice(h1, 1);
  }
  for (const c of children) if (c.type === 'heading' && c.depth === 1) c.depth = 2;

  // References, now that every target is known.
  for (const ref of pendingRefs) {
    const target = targets.get(ref.label);
    const node = ref.node as unknown as Record<string, unknown>;
    const replaceWith = (next: PhrasingContent) => {
      for (const key of Object.keys(node)) delete node[key];
      Object.assign(node, next);
    };
    if (!target) {
      // Another page of the book: a section there (`{ref}`), or the page itself (`{doc}`).
      const elsewhere = ref.role === 'doc' ? (ctx.link?.(ref.label) ?? ctx.link?.(`${ref.label}.md`)) : ctx.crossRef?.(ref.label)?.url;
      if (elsewhere) {
        replaceWith({ type: 'link', url: elsewhere, children: [{ type: 'text', value: ref.text ?? (ref.role === 'doc' ? ref.label : (ctx.crossRef?.(ref.label)?.title ?? ref.label)) }] });
        continue;
      }
      ctx.unconverted.push({ line: ref.line, what: `{${ref.role}} to "${ref.label}", which is not in this book (kept as text)` });
      continue;
    }
    if (target.kind === 'equation') replaceWith({ type: 'inlineMath', value: `\\eqref{${target.ref}}` });
    else if (target.kind === 'heading') replaceWith({ type: 'link', url: target.ref, children: [{ type: 'text', value: ref.text ?? ref.label }] });
    else replaceWith(jsxText('Ref', { to: target.ref }));
  }
  return { tree: { type: 'root', children }, title };
}

