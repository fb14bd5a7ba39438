import { durationPattern, parseDuration } from '../content/schema';
import { shortIdFrom, slugify } from './slug';
import { frontMatterYaml, quizYaml } from './yaml-text';

/**
 * The core of `npm run import`: a structured Markdown lesson outline (title line with the lesson
 * id, a time and difficulty line, objectives, core ideas, exercises grouped by difficulty, a
 * mini-project, a quiz, takeaways, resources, a next-lesson preview and homework) becomes an MDX
 * lesson and a quiz file that validate. Outlines are written by hand, so every recogniser is
 * lenient (## or ### or **bold** or `Label:` headings, -, * or 1. bullets, loose spacing), and
 * whatever is not understood is kept as plain Markdown in the body and listed in `unmapped`, so
 * an import never silently loses text.
 */

export interface ImportOptions {
  /** Name of the outline file, for messages. */
  source?: string;
  /**
   * Lesson ids that exist in the course. Prerequisites and `next` that are not among them are left
   * out (the validator would reject them) and named in the notes. Without it, all are kept.
   */
  knownLessonIds?: ReadonlySet<string>;
  /** Topic to use when the outline names none (the module title, say). */
  topic?: string;
  /** Path from the quiz file to schemas/quiz.schema.json, for the editor modeline. */
  schemaPath?: string;
}

/** A piece of the outline the importer could not map onto the lesson format. */
export interface Unmapped {
  /** 1-based line in the outline. */
  line: number;
  /** The outline section it was in ("(before the first section)" at the top). */
  section: string;
  text: string;
  /** Kept as Markdown in the lesson body (true), or dropped as outline boilerplate (false). */
  kept: boolean;
}

export type Level = 'starter' | 'intermediate' | 'advanced';

export interface ImportedQuestion {
  id: string;
  type: 'true-false' | 'open';
  objectives: string[];
  prompt: string;
  answer?: boolean;
  explanation?: string;
  modelAnswer?: string;
  /** Where the question came from: a true/false statement, a conceptual question or a coding challenge. */
  kind: 'true-false' | 'conceptual' | 'coding' | 'objective';
}

export interface ImportedExercise {
  id: string;
  level: Level;
  text: string;
  objective: string;
}

export interface ImportResult {
  id: string;
  title: string;
  /** File name without extension: `<id>-<slug>`. */
  baseName: string;
  mdx: string;
  quiz: string;
  objectives: { id: string; text: string }[];
  exercises: ImportedExercise[];
  questions: ImportedQuestion[];
  unmapped: Unmapped[];
  /** Defaults the importer chose and links it left out, for the author to review. */
  notes: string[];
}

export class OutlineError extends Error {
  override name = 'OutlineError';
}

// ---------------------------------------------------------------------------------------------
// Lines, headings and list items

interface Line {
  n: number;
  text: string;
}

type SectionKind = 'objectives' | 'core' | 'exercises' | 'project' | 'quiz' | 'takeaways' | 'resources' | 'next' | 'homework' | 'info' | 'closing';
type QuizPart = 'true-false' | 'conceptual' | 'coding' | 'other';

interface Heading {
  text: string;
  /** 1-6 for `#` headings; 7 for bold or plain labels, which nest under any `#` heading. */
  level: number;
}

/** Headings that open a known section, by what they say (case and decoration ignored). */
/** Outline boilerplate at the end ("Lesson complete.", "Proceed to Lesson 1.2.3 when ready"): dropped. */
const closingPattern = /^(lesson complete|end of (the )?lesson|proceed to\b|you('ve| have) (completed|finished) (this|the) lesson)/;

const sectionPatterns: [SectionKind, RegExp][] = [
  ['closing', closingPattern],
  ['info', /^(lesson info(rmation)?|details|at a glance|metadata|lesson details)$/],
  ['objectives', /\b(objectives?|learning goals?|goals|what you('ll| will) learn|you will be able)\b/],
  ['core', /\b(core ideas?|key ideas?|key concepts?|main ideas?|big ideas?|core concepts?)\b/],
  ['project', /\bmini[- ]?projects?\b|^projects?\b/],
  ['quiz', /\b(quiz|assessments?|check your understanding|self[- ]?check|test yourself)\b/],
  ['exercises', /\b(exercises?|practice( problems)?|problem set)\b/],
  ['takeaways', /\b(takeaways?|key points|recap|summary|remember)\b/],
  ['resources', /\b(resources?|further reading|references?|reading list|links)\b/],
  ['next', /\b(next lesson|up next|coming up|next up|preview)\b/],
  ['homework', /\b(homework|assignments?|to-?do)\b/],
];

const quizPartPatterns: [QuizPart, RegExp][] = [
  ['true-false', /\btrue\s*(\/|or|-|and)?\s*false\b|\bt\s*\/\s*f\b|\bquick check\b/],
  ['conceptual', /\b(conceptual|short[- ]answer|discussion|open|reflection|concept check)\b/],
  ['coding', /\b(coding|code|programming)\b/],
  // Parts the importer does not convert: recognised only so their items stay together in the body.
  ['other', /\b(multiple[- ]choice|matching|fill[- ]in|numeric|calculation)\b/],
];

const levelPatterns: [Level, RegExp][] = [
  ['starter', /\b(starter|beginner|easy|basic|warm[- ]?up|level 1|difficulty 1|tier 1)\b/],
  ['intermediate', /\b(intermediate|medium|moderate|level 2|difficulty 2|tier 2)\b/],
  ['advanced', /\b(advanced|hard|expert|challenge|challenging|stretch|level 3|difficulty 3|tier 3)\b/],
];

/** Lower case, without Markdown decoration, numbering, emoji or trailing colon. */
function normalise(text: string): string {
  return text
    .replace(/[*_`~]/g, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^\d+(\.\d+)*[.)]?\s+(?=\p{L})/u, '')
    .replace(/[:：]\s*$/, '')
    .trim()
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/\s+/g, ' ');
}

function sectionKind(text: string): SectionKind | undefined {
  const n = normalise(text);
  return sectionPatterns.find(([, re]) => re.test(n))?.[0];
}

function quizPart(text: string): QuizPart | undefined {
  const n = normalise(text);
  return quizPartPatterns.find(([, re]) => re.test(n))?.[0];
}

function levelOf(text: string): Level | undefined {
  const n = normalise(text);
  return levelPatterns.find(([, re]) => re.test(n))?.[0];
}

/**
 * A heading: `#` headings always; a line that is only bold text, or a plain `Label:` line, only
 * when it names a known section or part (a bold line inside prose stays prose).
 */
function headingOf(line: string): Heading | undefined {
  const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
  if (atx) return { text: atx[2]!, level: atx[1]!.length };
  const bold = /^\s{0,3}(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：]?\s*$/.exec(line) ?? /^\s{0,3}(?:\*\*|__)(.+?)[:：]\s*(?:\*\*|__)\s*$/.exec(line);
  const plain = /^\s{0,3}([\p{L}][\p{L}\p{N} &/()'’,-]{2,60})[:：]\s*$/u.exec(line);
  const candidate = bold?.[1] ?? plain?.[1];
  if (candidate && (sectionKind(candidate) || quizPart(candidate) || levelOf(candidate))) return { text: candidate, level: 7 };
  return undefined;
}

const bulletPattern = /^(\s*)(?:[-*+•]|\d+[.)]|[a-z][.)])\s+(?:\[( |x|X)\]\s+)?(.*)$/;
const rulePattern = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

interface Item {
  line: number;
  text: string;
  /** Lines that continue the item (indented, or nested bullets), kept as Markdown. */
  more: string[];
  checked?: boolean;
}

/** Split a section's lines into list items and everything else (paragraph lines). */
function itemsOf(lines: readonly Line[]): { items: Item[]; other: Line[] } {
  const items: Item[] = [];
  const other: Line[] = [];
  let current: Item | undefined;
  let indent = 0;
  let blankSince = false;
  for (const line of lines) {
    if (line.text.trim() === '') {
      blankSince = true;
      continue;
    }
    const bullet = bulletPattern.exec(line.text);
    const lineIndent = /^\s*/.exec(line.text)![0].length;
    if (bullet && (!current || lineIndent <= indent)) {
      current = { line: line.n, text: bullet[3]!.trim(), more: [], ...(bullet[2] !== undefined ? { checked: bullet[2] !== ' ' } : {}) };
      indent = bullet[1]!.length;
      items.push(current);
    } else if (current && (lineIndent > indent || (!blankSince && !headingOf(line.text) && !isMetaLine(line.text)))) {
      // An indented line or a nested bullet belongs to the item; so does a lazy continuation line.
      if (bullet || blankSince) current.more.push(line.text.slice(Math.min(lineIndent, indent + 2)));
      else current.text += ` ${line.text.trim()}`;
    } else {
      current = undefined;
      other.push(line);
    }
    blankSince = false;
  }
  return { items, other };
}

// ---------------------------------------------------------------------------------------------
// Words, for matching questions and exercises to objectives

const stopWords = new Set(
  'a an and are as at be by can do does for from how in into is it its of on onto or that the this to was what when which why will with you your yours own between using use vs versus about each every than then there their them they these those also more most whose one another some any all not has have'.split(' '),
);

/** Crude stemming, enough to match "penalties" with "penalty" and "sparse" with "sparsity". */
function stem(word: string): string {
  return word.replace(/ies$/, 'y').replace(/(ations?|ings?|ities|ity|ed|es|ly|s)$/, '').slice(0, 5);
}

function wordsOf(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1 && !stopWords.has(w))
      .map(stem),
  );
}

/** A short id from the first few meaningful words: "Compute dot products of vectors by hand" → "compute-dot-products-vectors". */
function idFromWords(text: string, fallback: string, maxWords = 4): string {
  const words = text
    .replace(/[*_`$]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !stopWords.has(w.toLowerCase()));
  return shortIdFrom(words.slice(0, maxWords).join(' '), fallback, 40);
}

function overlap(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const w of a) if (b.has(w)) count += 1;
  return count;
}

/** The objective sharing most words with `text`; the first objective when none shares any. */
function bestObjective(text: string, objectives: readonly { id: string; words: Set<string> }[]): string {
  const words = wordsOf(text);
  let best = objectives[0]!;
  let bestScore = 0;
  for (const objective of objectives) {
    const score = overlap(words, objective.words);
    if (score > bestScore) {
      best = objective;
      bestScore = score;
    }
  }
  return best.id;
}

// ---------------------------------------------------------------------------------------------
// Values

/** "8 hours", "90 minutes", "1.5 hrs", "2–3 hours", "1 hour 30 mins" → the schema's duration form. */
export function durationFrom(text: string): string | undefined {
  const cleaned = text
    .toLowerCase()
    .replace(/[*_]/g, '')
    .replace(/~|about|approx(\.|imately)?|around|roughly|ca\./g, '')
    .replace(/(\d)\s*(?:to|–|—)\s*(\d)/g, '$1-$2')
    .replace(/\b(hours?|hrs?)\b|(?<=\d)\s*h\b/g, ' h ')
    .replace(/\b(minutes?|mins?)\b|(?<=\d)\s*m\b/g, ' min ')
    .replace(/\band\b|,/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?\s*h(?:\s+\d+(?:-\d+)?\s*min)?|\d+(?:-\d+)?\s*min/.exec(cleaned);
  if (!match) return undefined;
  const value = match[0].replace(/(\d)(h|min)/g, '$1 $2');
  return durationPattern.test(value) && parseDuration(value) ? value : undefined;
}

export function difficultyFrom(text: string): Level | undefined {
  const n = normalise(text);
  if (/\b(starter|beginner|easy|basic|introductory|1\s*\/\s*3)\b/.test(n)) return 'starter';
  if (/\b(intermediate|medium|moderate|2\s*\/\s*3)\b/.test(n)) return 'intermediate';
  if (/\b(advanced|hard|expert|difficult|3\s*\/\s*3)\b/.test(n)) return 'advanced';
  return undefined;
}

const lessonIdIn = /\b(\d+\.\d+\.\d+)\b(?!\.\d)/g;

/** `**Label**: value | Label: value` pairs of a metadata line (a leading bullet is allowed). */
function labelledValues(line: string): { label: string; value: string }[] {
  const body = line.replace(/^\s*(?:[-*+•]|\d+[.)])\s+/, '');
  return body
    .split(/\s+[|·•]\s+|\s{2,}(?=\*\*)/)
    .map((part) => /^\s*(?:\*\*|__)?([^:*_|]{2,40}?)(?:\*\*|__)?\s*(?:[:：]|\s[-–—]\s)\s*(?:\*\*|__)?\s*(.+?)\s*$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ label: normalise(m[1]!), value: m[2]!.replace(/^(\*\*|__)|(\*\*|__)$/g, '').trim() }));
}

type MetaField = 'estimatedTime' | 'difficulty' | 'prerequisites' | 'topic' | 'expectedTime';

/** A `Label: value` line whose label the importer knows ("Expected time: 2 h"). */
function isMetaLine(text: string): boolean {
  return !bulletPattern.test(text) && labelledValues(text).some((v) => metaField(v.label) !== undefined);
}

function metaField(label: string): MetaField | undefined {
  if (/^(est(imated)?\.?\s*)?(time|duration|length)(\s*(required|needed|estimate))?$|^estimated (study )?time|^time to complete|^effort$/.test(label)) return 'estimatedTime';
  if (/^(difficulty|level)( level)?$/.test(label)) return 'difficulty';
  if (/^(prerequisites?|prereqs?|requires|before this lesson|depends on)$/.test(label)) return 'prerequisites';
  if (/^(topic|subject|area|module)$/.test(label)) return 'topic';
  if (/^expected time$/.test(label)) return 'expectedTime';
  return undefined;
}

/** A resource line: a bare URL, `[title](url)`, or `Title - url` / `Title: url`. */
function resourceFrom(text: string): { title: string; url: string; note?: string } | undefined {
  const link = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)\s*(?:[-–—:]\s*(.+))?/.exec(text);
  if (link) return { title: link[1]!.trim(), url: link[2]!, ...(link[3] ? { note: link[3].trim() } : {}) };
  const bare = /<?((?:https?:\/\/|www\.)[^\s>)]+)>?/.exec(text);
  if (!bare) return undefined;
  const url = bare[1]!.startsWith('www.') ? `https://${bare[1]}` : bare[1]!;
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/[.,;]+$/, ''));
  } catch {
    return undefined;
  }
  const rest = text.replace(bare[0], '').replace(/^[\s\-–—:*]+|[\s\-–—:*(]+$/g, '').replace(/\*\*/g, '').trim();
  const path = parsed.pathname.replace(/\/$/, '');
  const title = rest || `${parsed.hostname.replace(/^www\./, '')}${path}`;
  return { title, url: parsed.href };
}

/** A true/false statement with its answer: `… (True)`, `… [F]`, `… — False`, `… **True**`, `… Answer: true`. */
function trueFalseFrom(text: string): { statement: string; answer: boolean } | undefined {
  const patterns = [
    /^(.*?)[\s.]*[(\[]\s*(?:answer\s*[:=]?\s*)?(true|false|t|f)\s*[)\]]\s*\.?$/i,
    /^(.*?)\s*[-–—→:]+\s*(?:answer\s*[:=]?\s*)?(?:\*\*|_)?(true|false)(?:\*\*|_)?\s*\.?$/i,
    /^(.*?)\s+(?:\*\*|_)(true|false)(?:\*\*|_)\s*\.?$/i,
    /^(.*?)\s*answer\s*[:=]\s*(true|false)\s*\.?$/i,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(text.trim());
    if (m && m[1]!.trim() !== '') {
      const statement = m[1]!.replace(/^(true or false|t\/f)\s*[:?]\s*/i, '').trim();
      return { statement: /[.?!]$/.test(statement) ? statement : `${statement}.`, answer: m[2]!.toLowerCase().startsWith('t') };
    }
  }
  return undefined;
}

/** Make outline text safe in MDX outside code and math: braces and `<` start JSX there. */
export function escapeMdx(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
      if (fence) {
        if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
        return line;
      }
      if (fenceMatch) {
        fence = fenceMatch[1]!;
        return line;
      }
      // Leave inline code and $math$ alone; escape the rest.
      return line
        .split(/(`+[^`]*`+|\$\$[^$]*\$\$|\$[^$\s][^$]*\$)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/[{}<]/g, (c) => `\\${c}`)))
        .join('');
    })
    .join('\n');
}

/** Markdown attribute value for an MDX component prop in double quotes. */
function attribute(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/"/g, '&quot;').replace(/[{}<>]/g, '').trim();
}

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return t;
  const capital = t[0]!.toUpperCase() + t.slice(1);
  return /[.?!:)]$/.test(capital) ? capital : `${capital}.`;
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

// ---------------------------------------------------------------------------------------------
// The importer

interface Section {
  kind: SectionKind | 'unknown' | 'preamble';
  heading?: Heading & { line: number };
  /** The quiz part or exercise level a sub-heading opened, for the lines after it. */
  parts: { part?: QuizPart; level?: Level; heading?: Heading & { line: number }; lines: Line[] }[];
}

export function importOutline(markdown: string, options: ImportOptions = {}): ImportResult {
  const source = markdown.replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
  const allLines: Line[] = source.split('\n').map((text, i) => ({ n: i + 1, text }));

  // The title: the first line naming a lesson id, heading or not ("# Lesson 2.1.4: Dot products").
  const titleIndex = allLines.findIndex((l) => /\d+\.\d+\.\d+/.test(l.text) && (headingOf(l.text) !== undefined || /^\s*#|lesson/i.test(l.text) || /^\s*\*\*/.test(l.text)));
  if (titleIndex < 0) throw new OutlineError(`${options.source ?? 'outline'}: expected a title line with the lesson id, like "# Lesson 2.1.4: Dot products"`);
  const titleLine = allLines[titleIndex]!;
  const titleMatch = /^\s*#*\s*(?:\*\*|__)?\s*(?:lesson\s*)?(\d+\.\d+\.\d+)\s*(?:\*\*|__)?\s*[:.\-–—|]*\s*(.*?)\s*(?:\*\*|__)?\s*$/i.exec(titleLine.text);
  const id = titleMatch?.[1] ?? /\d+\.\d+\.\d+/.exec(titleLine.text)![0];
  const title = (titleMatch?.[2] ?? '').replace(/[*_]/g, '').trim() || `Lesson ${id}`;

  const unmapped: Unmapped[] = [];
  const notes: string[] = [];
  const keep = (section: string, lines: readonly Line[]) => {
    for (const line of lines) if (line.text.trim() !== '' && !rulePattern.test(line.text)) unmapped.push({ line: line.n, section, text: line.text.trim(), kept: true });
  };
  const drop = (section: string, line: Line) => unmapped.push({ line: line.n, section, text: line.text.trim(), kept: false });
  allLines.slice(0, titleIndex).forEach((line) => {
    if (line.text.trim() !== '' && !rulePattern.test(line.text)) drop('(before the title)', line);
  });

  // Sections and their parts.
  const sections: Section[] = [{ kind: 'preamble', parts: [{ lines: [] }] }];
  for (const line of allLines.slice(titleIndex + 1)) {
    const current = sections[sections.length - 1]!;
    const part = current.parts[current.parts.length - 1]!;
    if (rulePattern.test(line.text)) continue;
    if (closingPattern.test(normalise(line.text))) {
      sections.push({ kind: 'closing', parts: [{ lines: [line] }] });
      continue;
    }
    const heading = headingOf(line.text);
    if (!heading) {
      part.lines.push(line);
      continue;
    }
    const located = { ...heading, line: line.n };
    const kind = sectionKind(heading.text);
    const qp = quizPart(heading.text);
    const level = levelOf(heading.text);
    const deeper = current.heading !== undefined && heading.level > current.heading.level;
    if (current.kind === 'quiz' && qp && kind !== 'project' && kind !== 'exercises') {
      current.parts.push({ part: qp, heading: located, lines: [] });
    } else if (current.kind === 'exercises' && level && (kind === undefined || kind === 'exercises' || heading.level >= current.heading!.level)) {
      current.parts.push({ level, heading: located, lines: [] });
    } else if (kind && kind !== 'closing') {
      sections.push({ kind, heading: located, parts: [{ lines: [] }] });
      if (kind === 'quiz' && qp) sections[sections.length - 1]!.parts[0]!.part = qp;
      if (kind === 'exercises' && level) sections[sections.length - 1]!.parts[0]!.level = level;
    } else if (!kind && qp === 'true-false') {
      // A true/false block outside any quiz section still is a quiz.
      sections.push({ kind: 'quiz', heading: located, parts: [{ part: qp, lines: [] }] });
    } else if (kind === 'closing') {
      sections.push({ kind: 'closing', heading: located, parts: [{ lines: [line] }] });
    } else if (deeper && current.kind !== 'preamble') {
      // An unknown sub-heading inside a known section: its text stays with the section.
      current.parts.push({ heading: located, lines: [] });
    } else {
      sections.push({ kind: 'unknown', heading: located, parts: [{ lines: [] }] });
    }
  }

  const sectionName = (s: Section) => s.heading?.text.replace(/[*_]/g, '').trim() ?? (s.kind === 'closing' ? '(closing line)' : '(before the first section)');
  const meta: Partial<Record<MetaField, string>> = {};
  let prerequisites: string[] | undefined;
  const introParagraphs: Line[][] = [];
  const objectivesIn: { text: string; line: number }[] = [];
  const coreItems: string[] = [];
  const coreOther: Line[] = [];
  const exercisesIn: { id?: string; level?: Level; text: string; more: string[]; line: number }[] = [];
  const exercisesOther: Line[] = [];
  let projectTitle: string | undefined;
  const projectLines: Line[] = [];
  const questionsIn: { kind: ImportedQuestion['kind']; prompt: string; answer?: boolean; line: number }[] = [];
  const takeaways: string[] = [];
  const resources: { title: string; url: string; note?: string }[] = [];
  const homework: { text: string; line: number }[] = [];
  let nextId: string | undefined;
  const nextPreview: string[] = [];
  /** Sections kept as Markdown in the body, in outline order, placed after the core ideas. */
  const keptSections: { heading: string; lines: Line[] }[] = [];
  /** Leftovers of known sections, placed in the body after the exercises. */
  const leftovers: { heading: string; lines: Line[] }[] = [];
  const addLeftover = (heading: string, lines: Line[]) => {
    const last = leftovers[leftovers.length - 1];
    if (last?.heading === heading) last.lines.push(...lines);
    else leftovers.push({ heading, lines });
  };

  const readMeta = (line: Line): boolean => {
    let found = false;
    for (const { label, value } of labelledValues(line.text)) {
      const field = metaField(label);
      if (!field) continue;
      found = true;
      if (field === 'prerequisites') prerequisites = [...value.matchAll(lessonIdIn)].map((m) => m[1]!);
      else meta[field] = value;
    }
    return found;
  };

  for (const section of sections) {
    const name = sectionName(section);
    const allSectionLines = section.parts.flatMap((p) => p.lines);
    switch (section.kind) {
      case 'preamble':
      case 'info': {
        let paragraph: Line[] = [];
        const flush = () => {
          if (paragraph.length) introParagraphs.push(paragraph);
          paragraph = [];
        };
        for (const line of allSectionLines) {
          if (line.text.trim() === '') flush();
          else if (!readMeta(line)) paragraph.push(line);
        }
        flush();
        break;
      }
      case 'objectives': {
        const { items, other } = itemsOf(allSectionLines);
        for (const item of items) objectivesIn.push({ text: [item.text, ...item.more.map((m) => m.trim())].join(' '), line: item.line });
        // "By the end of this lesson, you will be able to:" introduces the list; anything else is kept.
        const rest = other.filter((l) => !/\b(by the end|you will be able|you'll be able|after this lesson|students will)\b/i.test(l.text));
        other.filter((l) => !rest.includes(l)).forEach((l) => drop(name, l));
        if (rest.length) {
          keep(name, rest);
          addLeftover(name, rest);
        }
        break;
      }
      case 'core': {
        const { items, other } = itemsOf(allSectionLines);
        coreItems.push(...items.map((i) => [i.text, ...i.more].join('\n  ')));
        coreOther.push(...other);
        break;
      }
      case 'exercises': {
        for (const part of section.parts) {
          const { items, other } = itemsOf(part.lines);
          const stray = [...other];
          for (const item of items) {
            const m = /^(?:\*\*|__)?\s*(?:exercise|ex\.?|problem)?\s*(\d+\.\d+\.\d+\.\d+)?\s*(?:\*\*|__)?\s*[:.)\-–—]?\s*(?:\*\*|__)?\s*(.*)$/i.exec(item.text)!;
            const inlineLevel = /[([]\s*(starter|beginner|easy|intermediate|medium|advanced|hard)\s*[)\]]/i.exec(m[2]!);
            const text = m[2]!.replace(inlineLevel?.[0] ?? '\u0000', '').replace(/^\s*(?:\*\*|__)\s*/, '').trim();
            exercisesIn.push({ id: m[1], level: inlineLevel ? difficultyFrom(inlineLevel[1]!) : part.level, text, more: item.more, line: item.line });
          }
          // "Exercise 2.1.4.3: …" written as a paragraph line is an exercise too.
          for (const line of other) {
            const m = /^\s*(?:\*\*|__)?\s*(?:exercise|problem)\s+(\d+\.\d+\.\d+\.\d+)\s*(?:\*\*|__)?\s*[:.)\-–—]\s*(.+)$/i.exec(line.text);
            if (m) {
              exercisesIn.push({ id: m[1], level: part.level, text: m[2]!.trim(), more: [], line: line.n });
              stray.splice(stray.indexOf(line), 1);
            }
          }
          if (part.heading && !part.level) stray.unshift({ n: part.heading.line, text: `### ${part.heading.text}` });
          exercisesOther.push(...stray);
        }
        if (exercisesOther.some((l) => l.text.trim() !== '')) keep(name, exercisesOther);
        break;
      }
      case 'project': {
        // "Mini-Project: Title" or "Mini project — Title"; the hyphen of "Mini-Project" is not a separator.
        projectTitle = /(?:[:：]|\s[-–—]+\s)\s*(.+)$/.exec(section.heading!.text.replace(/[*_]/g, ''))?.[1]?.trim();
        for (const part of section.parts) {
          if (part.heading) projectLines.push({ n: part.heading.line, text: `### ${part.heading.text}` });
          projectLines.push(...part.lines);
        }
        break;
      }
      case 'quiz': {
        for (const part of section.parts) {
          const { items, other } = itemsOf(part.lines);
          const stray = [...other];
          for (const item of items) {
            const text = [item.text, ...item.more.map((m) => m.trim())].join(' ').trim();
            const tf = part.part === 'true-false' || part.part === undefined ? trueFalseFrom(text) : undefined;
            if (part.part === 'other') {
              stray.push({ n: item.line, text: `- ${text}` });
              continue;
            }
            if (tf) {
              questionsIn.push({ kind: 'true-false', prompt: tf.statement, answer: tf.answer, line: item.line });
            } else if (part.part === 'conceptual' || part.part === 'coding') {
              questionsIn.push({ kind: part.part, prompt: sentence(text), line: item.line });
            } else if (part.part === undefined && /\?\s*$/.test(text)) {
              questionsIn.push({ kind: 'conceptual', prompt: text, line: item.line });
            } else {
              // A true/false statement without an answer, or an item of a part we do not know.
              stray.push({ n: item.line, text: `- ${text}` });
            }
          }
          if (stray.some((l) => l.text.trim() !== '')) {
            const lines = stray.sort((a, b) => a.n - b.n);
            keep(name, lines);
            if (part.heading) lines.unshift({ n: part.heading.line, text: `### ${part.heading.text}` });
            addLeftover(name, lines);
          }
        }
        break;
      }
      case 'takeaways': {
        const { items, other } = itemsOf(allSectionLines);
        takeaways.push(...items.map((i) => [i.text, ...i.more].join('\n  ')));
        if (other.length) {
          keep(name, other);
          addLeftover(name, other);
        }
        break;
      }
      case 'resources': {
        const { items, other } = itemsOf(allSectionLines);
        const stray: Line[] = [];
        for (const entry of [...items.map((i) => ({ n: i.line, text: i.text })), ...other]) {
          const resource = resourceFrom(entry.text);
          if (resource) resources.push(resource);
          else if (entry.text.trim() !== '') stray.push({ n: entry.n, text: items.some((i) => i.line === entry.n) ? `- ${entry.text}` : entry.text });
        }
        if (stray.length) {
          keep(name, stray);
          addLeftover(name, stray);
        }
        break;
      }
      case 'next': {
        for (const line of allSectionLines) {
          const text = line.text.trim();
          if (text === '') continue;
          const id_ = /lesson\s*(?:\*\*|__)?\s*(\d+\.\d+\.\d+)/i.exec(text)?.[1] ?? /^(?:\*\*|__)?(\d+\.\d+\.\d+)\b/.exec(text)?.[1];
          if (id_ && !nextId) {
            nextId = id_;
            const rest = text.replace(/^.*?\d+\.\d+\.\d+\s*(?:\*\*|__)?\s*[:.\-–—]*\s*/, '').replace(/[*_]/g, '').trim();
            if (rest) nextPreview.push(rest);
          } else {
            nextPreview.push(text.replace(/^(?:[-*+•]|\d+[.)])\s+/, '').replace(/[*_]/g, '').trim());
          }
        }
        break;
      }
      case 'homework': {
        const { items, other } = itemsOf(allSectionLines);
        for (const item of items) {
          const labelled = labelledValues(item.text).find((v) => metaField(v.label) === 'expectedTime' || metaField(v.label) === 'estimatedTime');
          if (labelled) meta.expectedTime = labelled.value;
          else homework.push({ text: [item.text, ...item.more.map((m) => m.trim())].join(' '), line: item.line });
        }
        const stray: Line[] = [];
        for (const line of other) {
          const labelled = labelledValues(line.text).find((v) => metaField(v.label) === 'expectedTime' || metaField(v.label) === 'estimatedTime');
          if (labelled) meta.expectedTime = labelled.value;
          else stray.push(line);
        }
        if (stray.length) {
          keep(name, stray);
          addLeftover(name, stray);
        }
        break;
      }
      case 'closing': {
        for (const line of allSectionLines) {
          if (line.text.trim() === '') continue;
          const id_ = /lesson\s*(?:\*\*|__)?\s*(\d+\.\d+\.\d+)/i.exec(line.text)?.[1];
          if (id_ && !nextId) nextId = id_;
          drop(name, line);
        }
        break;
      }
      case 'unknown': {
        const lines = section.parts.flatMap((p) => (p.heading && p !== section.parts[0] ? [{ n: p.heading.line, text: `### ${p.heading.text}` }, ...p.lines] : p.lines));
        unmapped.push({ line: section.heading!.line, section: name, text: `## ${name}`, kept: true });
        keep(name, lines);
        keptSections.push({ heading: name, lines });
        break;
      }
    }
  }

  // Front matter values, with defaults named in the notes.
  const difficulty: Level = (meta.difficulty ? difficultyFrom(meta.difficulty) : undefined) ?? 'starter';
  if (!meta.difficulty) notes.push('no difficulty found; set to starter');
  else if (!difficultyFrom(meta.difficulty)) notes.push(`difficulty "${meta.difficulty}" not understood; set to starter`);
  let estimatedTime = meta.estimatedTime ? durationFrom(meta.estimatedTime) : undefined;
  if (!estimatedTime) {
    notes.push(meta.estimatedTime ? `estimated time "${meta.estimatedTime}" not understood; set to 1 h` : 'no estimated time found; set to 1 h');
    estimatedTime = '1 h';
  }
  const topic = meta.topic?.replace(/[*_]/g, '').trim() || options.topic || 'TODO: the topic';
  if (!meta.topic) notes.push(options.topic ? `no topic found; used "${options.topic}"` : 'no topic found; left a TODO');
  const known = options.knownLessonIds;
  const keptPrerequisites = (prerequisites ?? []).filter((p) => p !== id && (!known || known.has(p)));
  for (const p of (prerequisites ?? []).filter((p) => !keptPrerequisites.includes(p))) notes.push(`prerequisite ${p} is not a lesson of the course; left out`);
  let next = nextId && nextId !== id ? nextId : undefined;
  if (next && known && !known.has(next)) {
    notes.push(`next lesson ${next} does not exist yet; not linked (add next: "${next}" once it does)`);
    next = undefined;
  }

  // Objectives, with ids from their text.
  const objectiveIds = new Set<string>();
  const objectives = objectivesIn.map((o) => ({ id: uniqueId(idFromWords(o.text, 'objective'), objectiveIds), text: sentence(o.text) }));
  if (objectives.length === 0) {
    notes.push('no learning objectives found; added a TODO objective');
    objectives.push({ id: uniqueId('objective', objectiveIds), text: 'TODO: state what learners can do after this lesson.' });
  }
  const objectiveWords = objectives.map((o) => ({ id: o.id, words: wordsOf(o.text) }));

  // Exercises: ids under the lesson id, levels, and the objective each practises.
  const exerciseIds = new Set<string>();
  const exercises: ImportedExercise[] = exercisesIn.map((e, i) => {
    let exerciseId = e.id;
    if (!exerciseId || !exerciseId.startsWith(`${id}.`) || exerciseIds.has(exerciseId)) {
      const generated = `${id}.${i + 1}`;
      if (e.id) notes.push(`exercise ${e.id} (line ${e.line}) renumbered ${generated}: exercise ids must start with the lesson id and be unique`);
      exerciseId = generated;
      for (let k = i + 2; exerciseIds.has(exerciseId); k++) exerciseId = `${id}.${k}`;
    }
    exerciseIds.add(exerciseId);
    const level = e.level ?? difficulty;
    if (!e.level) notes.push(`exercise ${exerciseId} (line ${e.line}) has no difficulty; set to ${level}`);
    return { id: exerciseId, level, text: [sentence(e.text), ...e.more].join('\n\n'), objective: bestObjective(e.text, objectiveWords) };
  });

  // Questions, each assessing the objectives it shares most words with.
  const questionIds = new Set<string>();
  const questions: ImportedQuestion[] = questionsIn.map((q) => {
    const base = `q-${idFromWords(q.prompt, 'question')}`;
    const common = { id: uniqueId(base, questionIds), objectives: [bestObjective(q.prompt, objectiveWords)], prompt: q.prompt, kind: q.kind };
    const { id: questionId, ...rest } = common;
    return q.kind === 'true-false'
      ? { id: questionId, type: 'true-false', ...rest, answer: q.answer, feedback: { incorrect: `TODO: why a learner might answer ${q.answer ? 'false' : 'true'}, and why that is wrong.` }, explanation: `TODO: explain why the statement is ${q.answer ? 'true' : 'false'}.` }
      : { id: questionId, type: 'open', ...rest, modelAnswer: 'TODO: write a model answer.' };
  });
  // Every objective is assessed: an objective no question matched joins the question closest to it,
  // or, when there are no questions, gets a self-assessed question of its own.
  for (const objective of objectiveWords) {
    if (questions.some((q) => q.objectives.includes(objective.id))) continue;
    if (questions.length === 0 || questionsIn.length === 0) {
      const text = objectives.find((o) => o.id === objective.id)!.text;
      questions.push({ id: uniqueId(`q-${objective.id}`.slice(0, 40).replace(/-+$/, ''), questionIds), type: 'open', objectives: [objective.id], prompt: `In your own words: ${text.replace(/^TODO: /, '')}`, modelAnswer: 'TODO: write a model answer.', kind: 'objective' });
      continue;
    }
    let best = questions[0]!;
    let bestScore = -1;
    for (const question of questions) {
      const score = overlap(objective.words, wordsOf(question.prompt)) * 10 - question.objectives.length;
      if (score > bestScore) {
        best = question;
        bestScore = score;
      }
    }
    best.objectives.push(objective.id);
  }
  if (questionsIn.length === 0) notes.push('no quiz questions found; added one self-assessed question per objective');

  // Summary: the first paragraph before the first section, if there is one.
  const [summaryParagraph, ...otherIntro] = introParagraphs;
  let summary: string;
  if (summaryParagraph) {
    summary = summaryParagraph.map((l) => l.text.trim()).join(' ').replace(/[*_]{2}/g, '');
  } else if (objectivesIn.length > 0) {
    // No introduction: say what the objectives say, in one sentence.
    const aims = objectives.map((o) => o.text.replace(/[.]$/, '')).map((t) => t[0]!.toLowerCase() + t.slice(1));
    summary = `You will learn to ${aims.length > 1 ? `${aims.slice(0, -1).join(', ')} and ${aims[aims.length - 1]}` : aims[0]}.`;
    notes.push('no introduction found; the summary was written from the objectives, review it');
  } else {
    summary = 'TODO: one or two sentences on what the learner will be able to do after this lesson.';
    notes.push('no introduction found for the summary; left a TODO');
  }
  for (const paragraph of otherIntro) keep('(before the first section)', paragraph);

  const homeworkIds = new Set<string>();
  const expectedTime = meta.expectedTime ? durationFrom(meta.expectedTime) : undefined;
  if (meta.expectedTime && !expectedTime) notes.push(`homework expected time "${meta.expectedTime}" not understood; left out`);
  const frontMatter = frontMatterYaml({
    id,
    title,
    summary,
    topic,
    difficulty,
    estimatedTime,
    prerequisites: keptPrerequisites,
    objectives,
    resources,
    ...(next ? { next } : {}),
    ...(nextPreview.length ? { nextPreview: nextPreview.map((p) => sentence(p)).join(' ') } : {}),
    ...(homework.length
      ? {
          homework: {
            ...(expectedTime ? { expectedTime } : {}),
            items: homework.map((h) => ({ id: uniqueId(idFromWords(h.text, 'item', 3), homeworkIds), text: sentence(h.text) })),
          },
        }
      : {}),
  });

  // The body.
  // Lines picked out of a section are separated by a blank line where the outline had a gap, so
  // a kept paragraph never becomes the lazy continuation of a kept list item.
  const md = (lines: readonly Line[]) =>
    escapeMdx(trimBlankLines(lines.flatMap((l, i) => (i > 0 && l.n > lines[i - 1]!.n + 1 && lines[i - 1]!.text.trim() !== '' ? ['', l.text] : [l.text]))).join('\n'));
  const blocks: string[] = [`{/* Imported from ${options.source ?? 'an outline'} by npm run import. Replace every TODO (npm run check lists those left). */}`];
  for (const paragraph of otherIntro) blocks.push(md(paragraph));
  if (coreItems.length || coreOther.length) {
    const inner = [...coreItems.map((i) => `- ${escapeMdx(i)}`)].join('\n');
    blocks.push(`<CoreIdeas>\n\n${[inner, md(coreOther)].filter(Boolean).join('\n\n')}\n\n</CoreIdeas>`);
  }
  for (const kept of keptSections) blocks.push(`## ${escapeMdx(kept.heading)}\n\n${md(kept.lines)}`.trimEnd());
  if (exercises.length || exercisesOther.length) {
    blocks.push('## Exercises');
    if (exercisesOther.some((l) => l.text.trim() !== '')) blocks.push(md(exercisesOther));
    for (const e of exercises) {
      blocks.push(
        `<Exercise id="${e.id}" level="${e.level}" objectives={["${e.objective}"]}>\n\n${escapeMdx(e.text)}\n\n<Solution>\n\nTODO: write the solution.\n\n</Solution>\n\n</Exercise>`,
      );
    }
  }
  if (projectLines.some((l) => l.text.trim() !== '')) {
    blocks.push(`<MiniProject title="${attribute(projectTitle ?? title)}">\n\n${md(projectLines)}\n\n</MiniProject>`);
  }
  for (const leftover of leftovers) blocks.push(`## ${escapeMdx(leftover.heading)}\n\n${md(leftover.lines)}`);
  if (takeaways.length) blocks.push(`<KeyTakeaways>\n\n${takeaways.map((t) => `- ${escapeMdx(t)}`).join('\n')}\n\n</KeyTakeaways>`);

  const mdx = `---\n${frontMatter}---\n\n${blocks.join('\n\n')}\n`;
  const quiz = quizYaml(
    {
      questions: questions.map(({ kind: _kind, ...q }) => q),
    },
    [
      `yaml-language-server: $schema=${options.schemaPath ?? '../../../schemas/quiz.schema.json'}`,
      `Quiz for lesson ${id}, imported from ${options.source ?? 'an outline'}. Question types: /guide/quizzes/.`,
    ],
  );
  unmapped.sort((a, b) => a.line - b.line);
  return { id, title, baseName: `${id}-${slugify(title) || 'lesson'}`, mdx, quiz, objectives, exercises, questions, unmapped, notes };
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  // Collapse runs of blank lines to one.
  return lines.slice(start, end).filter((line, i, all) => line.trim() !== '' || all[i - 1]?.trim() !== '');
}
