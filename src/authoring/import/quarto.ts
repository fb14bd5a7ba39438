import type { Code, Heading, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { SKIP, visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import GithubSlugger from 'github-slugger';
import { inlineMarkdown, jsx, jsxText, plainText, unconvertedBlock } from './lesson-page';
import type { PageContext } from './myst';

/**
 * Quarto `.qmd` pages into our lesson tree. There is no Pandoc on npm, so this reads Pandoc
 * Markdown with remark (CommonMark + GFM + math) and handles Pandoc's own constructs on the tree,
 * never inside code: fenced divs (`::: {.callout-tip}` … `:::`), attributes (`{#fig-x}`,
 * `{#eq-x}`, `{#sec-x}`), `@` cross-references and `{{< … >}}` shortcodes.
 *
 * | Quarto                                         | lesson                                   |
 * | ---------------------------------------------- | ---------------------------------------- |
 * | `::: {.callout-note/tip/warning/important/caution}` | Callout (title from `title=` or its heading) |
 * | `::: {.column-margin}`, `.aside`               | MarginNote                               |
 * | `![caption](img){#fig-x}`, `::: {#fig-x}`      | Figure (numbered), `@fig-x` → Ref        |
 * | `::: {#exr-x}` / `.exercise`, `.solution`      | Exercise / Solution                      |
 * | `::: {#thm-x}` (theorem, lemma, …)             | Callout titled with the kind             |
 * | `$$ … $$ {#eq-x}`, `@eq-x`                     | `\label` / `$\eqref{…}$`                 |
 * | `## Heading {#sec-x}`, `@sec-x`                | link to the heading                      |
 * | ```` ```{python} ```` cells                     | highlighted code blocks                  |
 * | `{{< include file >}}`                         | the file's text, in place                |
 * | cells with `#| label: fig-x`, `include_graphics` | Figure (the picture, or the code)         |
 * | other divs, shortcodes                         | content kept, listed                     |
 */

export interface QuartoContext extends PageContext {
  /** The text of an included file (path as written, relative to the page), or undefined. */
  include?(path: string): string | undefined;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

const calloutTypes: Record<string, 'note' | 'tip' | 'warning' | 'seealso'> = { note: 'note', tip: 'tip', warning: 'warning', important: 'note', caution: 'warning' };
const theoremKinds: Record<string, string> = { thm: 'Theorem', lem: 'Lemma', cor: 'Corollary', prp: 'Proposition', cnj: 'Conjecture', def: 'Definition', exm: 'Example', rem: 'Remark' };

interface Attributes {
  id?: string;
  classes: string[];
  values: Record<string, string>;
}

/** Pandoc attributes: `{#id .class key="value" key2=value}` or a bare class name after `:::`. */
function attributesOf(text: string): Attributes {
  const result: Attributes = { classes: [], values: {} };
  const inner = text.trim().replace(/^\{|\}$/g, '');
  if (!text.trim().startsWith('{')) {
    if (inner) result.classes.push(inner);
    return result;
  }
  for (const m of inner.matchAll(/#([\w:.-]+)|\.([\w-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    if (m[1]) result.id = m[1];
    else if (m[2]) result.classes.push(m[2]);
    else if (m[3]) result.values[m[3]] = m[4] ?? m[5] ?? m[6] ?? '';
  }
  return result;
}


/**
 * Fenced divs (Pandoc `::: {.x}` … `:::`, Starlight `:::note[Title]` … `:::`), innermost first: the
 * fence lines stand alone as paragraphs (the caller makes sure of it), so a stack per parent groups
 * what lies between them and `div` turns each group into nodes.
 */
export function groupFencedDivs<A>(
  tree: Parent,
  fencePattern: RegExp,
  read: (opening: string) => A,
  div: (attrs: A, items: RootContent[], line: number) => RootContent[],
  lineOf: (node: RootContent) => number,
  unconverted: PageContext['unconverted'],
) {
  const group = (parent: Parent) => {
    const result: RootContent[] = [];
    const stack: { attrs: A; line: number; items: RootContent[] }[] = [];
    const target = () => (stack.length ? stack[stack.length - 1]!.items : result);
    for (const child of parent.children as RootContent[]) {
      const fence = child.type === 'paragraph' && child.children.length === 1 && child.children[0]!.type === 'text' ? fencePattern.exec(child.children[0]!.value) : null;
      if (fence && fence[2]) stack.push({ attrs: read(fence[2]), line: lineOf(child), items: [] });
      else if (fence && stack.length) {
        const open = stack.pop()!;
        target().push(...div(open.attrs, open.items, open.line));
      } else {
        if ('children' in child) group(child as Parent);
        target().push(child);
      }
    }
    while (stack.length) {
      const open = stack.pop()!;
      unconverted.push({ line: open.line, what: 'a ::: block that is never closed (its content kept)' });
      target().push(...open.items);
    }
    parent.children = result as never;
  };
  group(tree);
}

/**
 * A cell's `#|` option lines (YAML, Quarto's and knitr's cell options) and the code after them;
 * Quarto never shows the option lines, so neither does the lesson.
 */
export function cellOptions(value: string, line: number, unconverted: PageContext['unconverted']): { options: Record<string, unknown>; code: string } {
  const lines = value.split('\n');
  let n = 0;
  while (n < lines.length && /^\s*#\|/.test(lines[n]!)) n++;
  if (n === 0) return { options: {}, code: value };
  const yaml = lines.slice(0, n).map((l) => l.replace(/^\s*#\| ?/, '')).join('\n');
  let options: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(yaml);
    if (parsed && typeof parsed === 'object') options = parsed as Record<string, unknown>;
  } catch {
    unconverted.push({ line, what: 'cell options (#| lines) that are not YAML (dropped)' });
  }
  return { options, code: lines.slice(n).join('\n').replace(/^\n+/, '') };
}

/**
 * The section labels a page defines, for references from the other pages of its book: Quarto
 * `# Heading {#sec-x}` and MyST `(label)=` before a heading, outside code. `anchor` is the heading's
 * id on the lesson (GitHub slugs, as the page's own headings get), undefined for the page's title.
 */
export function sectionLabels(text: string): Map<string, { title: string; anchor?: string }> {
  const labels = new Map<string, { title: string; anchor?: string }>();
  const slugger = new GithubSlugger();
  const lines = text.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n');
  let fence: string | undefined;
  let pending: string | undefined;
  let titled = false;
  for (const line of lines) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (f && f[0] === fence[0] && f.length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f;
      continue;
    }
    const target = /^\(([\w:.-]+)\)=\s*$/.exec(line);
    if (target) {
      pending = target[1];
      continue;
    }
    const heading = /^(#{1,6})\s+(.+?)\s*$/.exec(line);
    if (heading) {
      const attrs = /\s*\{([^}]*)\}$/.exec(heading[2]!);
      const title = (attrs ? heading[2]!.slice(0, attrs.index) : heading[2]!).replace(/[*_`]/g, '').trim();
      const label = pending ?? (attrs ? attributesOf(`{${attrs[1]}}`).id : undefined);
      const isTitle = heading[1] === '#' && !titled;
      titled ||= heading[1] === '#';
      const anchor = isTitle ? undefined : slugger.slug(title);
      if (label) labels.set(label, { title, anchor });
    }
    if (line.trim()) pending = undefined;
  }
  return labels;
}

const divFence = /^\s*(:{3,})\s*(\{[^}]*\}|[\w-]+)?\s*$/;

export function convertQuarto(input: string, ctx: QuartoContext): { tree: Root; title?: string } {
  let source = input;
  let title: string | undefined;
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (fm) {
    title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(fm[1]!)?.[1];
    source = '\n'.repeat(fm[0].split('\n').length - 1) + source.slice(fm[0].length);
  }

  // Line-level steps, only outside code blocks (found by a first parse): includes are expanded, an
  // equation's `{#eq-x}` after its closing `$$` is taken off (CommonMark would not close the formula)
  // and remembered by line, and div fences get blank lines around them so they stand alone.
  const codeLines = (text: string) => {
    const lines = new Set<number>();
    visit(processor.parse(text), 'code', (node) => {
      for (let l = node.position!.start.line; l <= node.position!.end.line; l++) lines.add(l);
    });
    return lines;
  };
  let lines = source.split('\n');
  let inCode = codeLines(source);
  const expanded: string[] = [];
  const origin: number[] = [];
  lines.forEach((line, i) => {
    const include = inCode.has(i + 1) ? null : /^\s*\{\{<\s*include\s+(\S+)\s*>\}\}\s*$/.exec(line);
    const text = include ? ctx.include?.(include[1]!) : undefined;
    if (include && text === undefined) ctx.unconverted.push({ line: i + 1, what: `{{< include ${include[1]} >}} (file not found; kept as text)` });
    const added = text !== undefined ? text.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n') : [line];
    for (const l of added) {
      expanded.push(l);
      origin.push(i + 1);
    }
  });
  lines = expanded;
  inCode = codeLines(lines.join('\n'));
  const equationLabels = new Map<number, string>();
  const out: string[] = [];
  const lineOfOut: number[] = [];
  lines.forEach((line, i) => {
    const n = i + 1;
    if (!inCode.has(n)) {
      const eq = /^(\s*)\$\$\s*\{#(eq-[\w-]+)[^}]*\}\s*$/.exec(line);
      if (eq) {
        equationLabels.set(out.length + 1, eq[2]!);
        line = `${eq[1]}$$`;
      }
      if (divFence.test(line)) {
        out.push('', line, '');
        lineOfOut.push(origin[i]!, origin[i]!, origin[i]!);
        return;
      }
    }
    out.push(line);
    lineOfOut.push(origin[i]!);
  });
  const lineOf = (node: { position?: { start: { line: number } } }) => lineOfOut[(node.position?.start.line ?? 1) - 1] ?? 1;

  const tree = processor.runSync(processor.parse(out.join('\n'))) as Root;
  const targets = new Map<string, { kind: 'figure' | 'exercise' | 'heading' | 'equation'; ref: string }>();
  const slugger = new GithubSlugger();
  let exercises = 0;
  let lastExercise: ReturnType<typeof jsx> | undefined;

  // Equations, headings with attributes, figures from images with `{#fig-…}`.
  visit(tree, (node, index, parent) => {
    if (node.type === 'math') {
      const label = equationLabels.get(node.position!.end.line);
      if (label) {
        node.value = `${node.value}\n\\label{${label}}`;
        node.data = undefined;
        targets.set(label, { kind: 'equation', ref: label });
      }
    }
    if (node.type === 'heading') {
      const last = node.children[node.children.length - 1];
      let id: string | undefined;
      if (last?.type === 'text') {
        const m = /\s*\{([^}]*)\}\s*$/.exec(last.value);
        if (m) {
          id = attributesOf(`{${m[1]}}`).id;
          last.value = last.value.slice(0, m.index);
        }
      }
      const slug = slugger.slug(plainText(node));
      if (id) targets.set(id, { kind: 'heading', ref: `#${slug}` });
    }
    if (node.type === 'paragraph' && parent && index !== undefined) {
      const [first, second, ...rest] = node.children;
      if (first?.type === 'image' && second?.type === 'text' && /^\{[^}]*#fig-/.test(second.value) && rest.every((r) => r.type === 'text' && r.value.trim() === '')) {
        const attrs = attributesOf(/^\{[^}]*\}/.exec(second.value)![0]);
        const id = attrs.id!;
        targets.set(id, { kind: 'figure', ref: id });
        const moved = ctx.image(first.url);
        const caption = first.alt ?? '';
        const inner: RootContent = moved ? { type: 'paragraph', children: [{ type: 'image', url: moved, alt: attrs.values['fig-alt'] ?? caption }] } : unconvertedBlock(`image ${first.url} (file not found)`, first.url, lineOf(node), ctx.unconverted);
        parent.children.splice(index, 1, jsx('Figure', { id, caption: caption || 'TODO: caption' }, [inner]));
        return;
      }
    }
    if (node.type === 'image' && parent && index !== undefined) {
      // Pandoc image attributes (`{.border fig-alt="…" width="80%"}`): the alt text is kept, the rest is layout.
      const next = parent.children[index + 1];
      const attrs = next?.type === 'text' ? /^\{[^}]*\}/.exec(next.value) : null;
      if (attrs && next?.type === 'text') {
        const alt = attributesOf(attrs[0]).values['fig-alt'];
        if (alt && !node.alt) node.alt = alt;
        next.value = next.value.slice(attrs[0].length);
      }
    }
    if (node.type === 'image' && !/^[a-z]+:/i.test(node.url)) {
      const moved = ctx.image(node.url);
      if (moved) node.url = moved;
      else if (parent && index !== undefined) {
        ctx.unconverted.push({ line: lineOf(node), what: `image ${node.url} (file not found; kept as its text)` });
        parent.children.splice(index, 1, { type: 'text', value: `[image: ${node.alt || node.url}]` });
      }
    }
    if (node.type === 'code' && node.lang) {
      const cell = /^\{(\w+)[^}]*\}$/.exec(node.lang);
      if (cell) {
        node.lang = cell[1]!.toLowerCase();
        const { options, code } = cellOptions(node.value, lineOf(node), ctx.unconverted);
        node.value = code;
        const replaced = cellFigure(node, options, lineOf(node));
        if (replaced && parent && index !== undefined) {
          parent.children.splice(index, 1, replaced);
          return [SKIP, index + 1];
        }
      }
    }
    if (node.type === 'html' && parent && index !== undefined) {
      if (/^<\/?(sub|sup|b|i|em|strong|span|u|small|br)\b[^>]*\/?>$/i.test(node.value.trim())) parent.children.splice(index, 1);
      else parent.children.splice(index, 1, unconvertedBlock('HTML', node.value, lineOf(node), ctx.unconverted));
      return index;
    }
  });

  /**
   * A code cell that makes a figure (`#| label: fig-x`, `#| fig-cap:`), or only shows a picture
   * (`knitr::include_graphics("…")`, R's way of putting a drawing or screenshot in a book): the
   * picture when the cell only shows one, otherwise the code, since cells are not run on import.
   * Undefined when the cell is plain code.
   */
  function cellFigure(node: Code, options: Record<string, unknown>, line: number): RootContent | undefined {
    const label = typeof options.label === 'string' ? options.label.trim() : undefined;
    const id = label && /^fig-/.test(label) ? label : undefined;
    const shown = /^\s*knitr::include_graphics\(\s*["']([^"']+)["'][^)]*\)\s*$/.exec(node.value)?.[1];
    if (!id && !shown) return undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : undefined);
    const alt = text(options['fig-alt']) ?? text(options['fig-cap']) ?? '';
    let inner: RootContent = node;
    if (shown) {
      const moved = ctx.image(shown);
      inner = moved ? { type: 'paragraph', children: [{ type: 'image', url: moved, alt }] } : unconvertedBlock(`image ${shown} (file not found)`, shown, line, ctx.unconverted);
    } else ctx.unconverted.push({ line, what: `figure ${id} is drawn by its code, which is not run on import (the code is kept in its place)` });
    if (!id) return inner;
    targets.set(id, { kind: 'figure', ref: id });
    return jsx('Figure', { id, caption: text(options['fig-cap']) || 'TODO: caption' }, [inner]);
  }

  function div(attrs: Attributes, items: RootContent[], line: number): RootContent[] {
    const callout = attrs.classes.map((c) => /^callout-(\w+)$/.exec(c)?.[1]).find(Boolean);
    if (callout) {
      let heading = attrs.values.title;
      if (!heading && items[0]?.type === 'heading') heading = inlineMarkdown((items.shift() as Heading).children);
      return [jsx('Callout', { type: calloutTypes[callout] ?? 'note', title: heading }, items)];
    }
    if (attrs.classes.some((c) => c === 'column-margin' || c === 'aside' || c === 'margin')) return [jsx('MarginNote', {}, items)];
    const prefix = attrs.id ? /^([a-z]+)-/.exec(attrs.id)?.[1] : undefined;
    if (prefix === 'fig' && attrs.id) {
      const last = items[items.length - 1];
      const caption = last?.type === 'paragraph' && !last.children.some((c) => c.type === 'image') ? inlineMarkdown((items.pop() as { children: PhrasingContent[] }).children) : '';
      targets.set(attrs.id, { kind: 'figure', ref: attrs.id });
      return [jsx('Figure', { id: attrs.id, caption: caption || 'TODO: caption' }, items)];
    }
    if (prefix === 'exr' || attrs.classes.includes('exercise')) {
      exercises += 1;
      const id = `${ctx.lessonId}.${exercises}`;
      let heading: string | undefined = attrs.values.name;
      if (!heading && items[0]?.type === 'heading') heading = plainText(items.shift()!);
      const node = jsx('Exercise', { id, level: 'intermediate', title: heading }, items);
      node.attributes.push({ type: 'mdxJsxAttribute', name: 'objectives', value: { type: 'mdxJsxAttributeValueExpression', value: '["objective"]' } });
      if (attrs.id) targets.set(attrs.id, { kind: 'exercise', ref: id });
      lastExercise = node;
      return [node];
    }
    if (attrs.classes.includes('solution') || prefix === 'sol') {
      const node = jsx('Solution', {}, items);
      if (lastExercise) {
        lastExercise.children.push(node as never);
        return [];
      }
      return [node];
    }
    if (prefix && theoremKinds[prefix]) {
      let heading = attrs.values.name;
      if (!heading && items[0]?.type === 'heading') heading = plainText(items.shift()!);
      return [jsx('Callout', { type: 'note', title: heading ? `${theoremKinds[prefix]}: ${heading}` : theoremKinds[prefix] }, items)];
    }
    if (attrs.classes.includes('proof')) return [jsx('Callout', { type: 'note', title: 'Proof' }, items)];
    // Tab sets, layout and conditional-content divs: their content is what matters.
    if (!attrs.classes.some((c) => /^(panel-tabset|columns?|content-visible|content-hidden|cell|cell-output.*|border|center|small|lead)$/.test(c))) {
      ctx.unconverted.push({ line, what: `div ${attrs.id ? `#${attrs.id} ` : ''}${attrs.classes.map((c) => `.${c}`).join(' ')} (its content kept)` });
    }
    return items;
  }
  groupFencedDivs(tree, divFence, (fence) => attributesOf(fence), div, lineOf, ctx.unconverted);

  // `@` references and remaining shortcodes, in text only (never in code or math).
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    const pattern = /\[?-?@((?:eq|fig|tbl|sec|exr|thm|lem|cor|prp|def|exm|lst)-[\w-]*\w)\]?|\{\{<\s*([\w-]+)([^>]*)>\}\}/g;
    for (const m of node.value.matchAll(pattern)) {
      if (m.index! > 0 && /[\w.]/.test(node.value[m.index! - 1]!) && m[1]) continue; // an e-mail address
      parts.push({ type: 'text', value: node.value.slice(last, m.index) });
      last = m.index! + m[0].length;
      if (m[2]) {
        const name = m[2];
        const arg = m[3]!.trim().replace(/^["']|["']$/g, '');
        if (name === 'video' && /^https?:/.test(arg)) parts.push({ type: 'link', url: arg, children: [{ type: 'text', value: `Video: ${arg}` }] });
        else {
          // An include that could not be read was listed already.
          if (name !== 'include') ctx.unconverted.push({ line: lineOf(node), what: `{{< ${name} >}} shortcode (kept as text)` });
          parts.push({ type: 'text', value: m[0] });
        }
        continue;
      }
      const label = m[1]!;
      const target = targets.get(label);
      const elsewhere = target ? undefined : ctx.crossRef?.(label);
      if (elsewhere) parts.push({ type: 'link', url: elsewhere.url, children: [{ type: 'text', value: elsewhere.title }] });
      else if (!target) {
        ctx.unconverted.push({ line: lineOf(node), what: `@${label}, which is not in this book (kept as text)` });
        parts.push({ type: 'text', value: m[0] });
      } else if (target.kind === 'equation') parts.push({ type: 'inlineMath', value: `\\eqref{${label}}` });
      else if (target.kind === 'heading') parts.push({ type: 'link', url: target.ref, children: [{ type: 'text', value: 'this section' }] });
      else parts.push(jsxText('Ref', { to: target.ref }));
    }
    if (last === 0) return;
    parts.push({ type: 'text', value: node.value.slice(last) });
    parent.children.splice(index, 1, ...parts.filter((p) => p.type !== 'text' || p.value !== ''));
    return index + parts.length;
  });

  // Links to other pages of the site.
  if (ctx.link) visit(tree, 'link', (node) => void (node.url = ctx.link!(node.url) ?? node.url));

  const h1 = tree.children.findIndex((c) => c.type === 'heading' && c.depth === 1);
  if (h1 !== -1 && !title) {
    title = plainText(tree.children[h1]!);
    tree.children.splice(h1, 1);
  }
  for (const c of tree.children) if (c.type === 'heading' && c.depth === 1) c.depth = 2;
  return { tree, title };
}
