// Runs before first paint, inline in every page's <head> (allowed by its hash: src/lib/head-scripts.ts):
// apply the learner's saved theme so a dark-theme reader never sees a white flash.
try {
  var saved = localStorage.getItem('course-theme');
  if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
} catch (e) {}
