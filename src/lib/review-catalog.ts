import type { Course, Lesson } from './course';
import type { Question, QuizData } from '../quiz/schema';
import { isSelfAssessed } from '../quiz/grade';
import { contentHash, type ReviewItem } from '../progress/review';
import type { AssessingQuestion } from '../progress/mastery';

/**
 * What the learning loop knows of the site at build time: every question a learner can meet and
 * review (auto-graded ones of every lesson's quiz; a Check yourself is one of them, shown inline),
 * with the hash of its content, and which questions assess each lesson's objectives. Server only.
 */

/** One reviewable question, for the Review page (which renders it) and the header's due count. */
export interface CatalogQuestion extends ReviewItem {
  question: Question;
  quiz: QuizData;
  lesson: Lesson;
}

/** Self-assessed questions are left out: the learner rates those themself, so there is nothing to retrieve. */
export const reviewable = (question: Question): boolean => !isSelfAssessed(question);

export function reviewCatalog(courses: readonly Course[], quizOf: (lessonId: string) => QuizData | undefined): CatalogQuestion[] {
  return courses.flatMap((course) =>
    course.lessons.flatMap((lesson) => {
      const quiz = quizOf(lesson.id);
      if (!quiz) return [];
      return quiz.questions.filter(reviewable).map((question) => ({
        lessonId: lesson.id,
        questionId: question.id,
        // The question as authored: a change to its prompt, answer or variants resets its schedule.
        contentHash: contentHash(question),
        question,
        quiz,
        lesson,
      }));
    }),
  );
}

/** The due count's file (src/pages/review/items.json.ts): only what dueReviews needs. */
export function reviewItems(catalog: readonly CatalogQuestion[]): ReviewItem[] {
  return catalog.map(({ lessonId, questionId, contentHash }) => ({ lessonId, questionId, contentHash }));
}

/** A lesson's objectives and the auto-graded questions assessing each, for mastery (src/progress/mastery.ts). */
export interface LessonObjectives {
  objectives: { id: string; text: string }[];
  questions: AssessingQuestion[];
}

export function lessonObjectives(lesson: Lesson, quiz: QuizData | undefined): LessonObjectives {
  return {
    objectives: lesson.entry.data.objectives.map(({ id, text }) => ({ id, text })),
    questions: (quiz?.questions ?? []).filter(reviewable).map((q) => ({ id: q.id, objectives: q.objectives })),
  };
}
