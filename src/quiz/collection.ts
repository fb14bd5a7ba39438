import { getCollection } from 'astro:content';
import { findQuizEntry } from './page';
import type { QuizData } from './schema';

/** The quiz of a lesson from the `quizzes` content collection, if it has one. */
export async function quizOfLesson(lessonId: string): Promise<QuizData | undefined> {
  return findQuizEntry(await getCollection('quizzes'), lessonId)?.data;
}
