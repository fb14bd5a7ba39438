/** The pages of the author guide, in reading order; the guide's navigation is built from this list. */
export const guidePages = [
  { href: '/guide/', title: 'Overview' },
  { href: '/guide/components/', title: 'Lesson components' },
  { href: '/guide/quizzes/', title: 'Quizzes and question types' },
  { href: '/guide/front-matter/', title: 'Front matter and course files' },
  { href: '/guide/charts/', title: 'Charts from the simulation' },
  { href: '/guide/validation/', title: 'Validation errors' },
  { href: '/guide/tools/', title: 'Scaffold, import, check' },
  { href: '/guide/migrate/', title: 'Bring a course in' },
] as const;
