/** What the guide's question examples are checked against: a pseudo-lesson with their objectives. */
export const guideQuizLesson = {
  id: 'guide',
  objectiveIds: ['explain-rate', 'name-schedules', 'compute-steps'],
  exerciseObjectiveIds: [],
  strict: false,
};
