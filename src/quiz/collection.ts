import { getCollection } from 'astro:content';
import { loadFormulaBuildFor } from './expression/formula-build';
import { findQuizEntry } from './page';
import type { QuizData } from './schema';

/** The quiz of a lesson from the `quizzes` content collection, if it has one (its formula questions' build half loaded). */
export async function quizOfLesson(lessonId: string): Promise<QuizData | undefined> {
  const quiz = findQuizEntry(await getCollection('quizzes'), lessonId)?.data;
  if (quiz) await loadFormulaBuildFor(quiz.questions);
  return quiz;
}
