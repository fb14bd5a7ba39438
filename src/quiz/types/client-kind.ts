import type { QuestionRecord } from '../../progress/document';
import type { Gradable, GradableOf } from '../grade';
import type { QuizPageData } from '../page';
import type { QuestionType } from '../schema';

/**
 * The client half of a question type: how the quiz script (src/client/quiz/quiz.ts) reads the
 * learner's response from the type's server-rendered form (Render.astro beside it), puts a saved
 * one back, and whatever else the type's form does in the page (an ordering's Move buttons, a
 * parametrized question's variants, a code question's tests). Hooks other than `loaded` and `mount`
 * are called only once the widget has its question's complete data. Every hook but `read` is optional:
 * the default `write` checks the inputs whose value the response names and fills the text field.
 * Registry: client.ts. DOM, browser only.
 */
export interface ClientKind<T extends QuestionType = QuestionType> {
  type: T;
  /** The learner's response as the form holds it (grade.ts decides whether it is an answer). */
  read(widget: Widget<T>): unknown;
  /** Show a saved response in the form (undefined: the form as built). */
  write?(widget: Widget<T>, response: unknown, page: QuizPage): void;
  /** Once, when the quiz mounts the form: listeners and state of its own. */
  mount?(widget: Widget<T>, page: QuizPage): void;
  /** After the quiz is reset and the form with it. */
  reset?(widget: Widget<T>, page: QuizPage): void;
  /** What is graded, from what the form holds (a code question runs its tests first). */
  run?(widget: Widget<T>, response: unknown): Promise<unknown>;
  /** When the widget has its question's complete data (at once, or once the quiz data file is in). */
  loaded?(widget: Widget<T>): void;
  /** Before a record is shown (undefined: none yet): make the form ready for it (a parametrized question's variant). */
  prepare?(widget: Widget<T>, record: QuestionRecord | undefined, page: QuizPage): void;
  /** Whether a record's response belongs in the form as now shown (default: yes). */
  showsResponse?(widget: Widget<T>, record: QuestionRecord): boolean;
  /** After a counted check has been saved and shown. */
  afterCheck?(widget: Widget<T>, record: QuestionRecord, page: QuizPage): Promise<void>;
  /** Lock or unlock a control once the question is settled; true when the type has done it. */
  lock?(control: HTMLInputElement | HTMLButtonElement | HTMLTextAreaElement, settled: boolean): boolean;
}

/** One question's form in the page and what the quiz script knows of it. */
export interface Widget<T extends QuestionType = QuestionType> {
  lessonId: string;
  question: GradableOf<T>;
  /** Checks allowed; 0 = unlimited. */
  limit: number;
  form: HTMLFormElement;
  /** Parametrized: the seed of the variant on show. */
  seed?: number;
  /** The lesson's quiz data file, while `question` is only the page's stub of it (page.ts `QuestionStub`). */
  dataUrl?: string;
  /** The quiz's `confidence`: whether the form asks how sure the learner is, and marks by it. */
  confidence: QuizPageData['confidence'];
  /** On the Review page: the sitting's record lives here, not in the lesson's saved answers. */
  review?: ReviewSitting;
}

/**
 * The Review page's hook (src/client/review/review-page.ts): a question reviewed there starts
 * empty on the variant the review chose, keeps its checks in the page (the lesson's own answer is
 * left as it was) and reports each counted check, so the page can rate the review.
 */
export interface ReviewSitting {
  seed?: number;
  record?: QuestionRecord;
  checked(record: QuestionRecord, settled: boolean): void;
}

/** What the quiz script offers a type's client half. */
export interface QuizPage {
  /** Every question form of the page (the same question may be there twice: inline and in the quiz). */
  widgets: readonly Widget<QuestionType>[];
  record<T extends QuestionType>(widget: Widget<T>): QuestionRecord | undefined;
  /** Show a question as its record says (the variant, the response, the feedback). */
  restore<T extends QuestionType>(widget: Widget<T>, record: QuestionRecord | undefined): void;
  /** Say why what the learner gave is not an answer (no attempt used). */
  showInvalid<T extends QuestionType>(widget: Widget<T>, reason: string): void;
  /** The question's complete data (from the lesson's quiz data file), into the widget. */
  load<T extends QuestionType>(widget: Widget<T>): Promise<void>;
}

export const defineClientKind = <T extends QuestionType>(kind: ClientKind<T>): ClientKind<T> => kind;

export const find = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);
export const findAll = <T extends Element = HTMLElement>(root: ParentNode, selector: string) =>
  Array.from(root.querySelectorAll<T>(selector));

/** The values of the checked choices of a form. */
export const checkedValues = (form: HTMLFormElement) => findAll<HTMLInputElement>(form, 'input[data-answer]:checked').map((input) => input.value);

/** The chosen value among the radios of a part (or of the whole form). */
export const checkedIn = (root: ParentNode, part?: string) =>
  find<HTMLInputElement>(root, `${part ? `[data-part="${part}"] ` : ''}input[data-answer]:checked`)?.value;

/** The form's answer field (a text input or a textarea). */
export const answerField = (form: HTMLFormElement) => find<HTMLInputElement | HTMLTextAreaElement>(form, '[data-answer-text]');

/** The value of the answer field, '' when there is none. */
export const typed = (form: HTMLFormElement) => answerField(form)?.value ?? '';

/**
 * The default `write`: check each choice the response names (a list, one value, `{ answer }`, or
 * `{ <part>: value }` for choices inside `[data-part]`), and put a string response in the text field.
 */
export function writeChoices(form: HTMLFormElement, response: unknown): void {
  const given = (response ?? {}) as Record<string, unknown>;
  const values = Array.isArray(response) ? response.map(String) : [String(given.answer ?? response)];
  for (const input of findAll<HTMLInputElement>(form, 'input[data-answer]')) {
    const part = input.closest<HTMLElement>('[data-part]')?.dataset.part;
    input.checked = part ? given[part] === input.value : values.includes(input.value);
  }
}

export function writeText(form: HTMLFormElement, response: unknown): void {
  const field = answerField(form);
  if (field) field.value = typeof response === 'string' ? response : '';
}

/** Text of server-rendered HTML as a screen reader would say it (hidden parts left out). */
export function spokenText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of findAll(copy, '[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
