// Runs before first paint (a tiny external file, so the CSP needs no inline-script hash):
// apply the learner's saved theme so a dark-theme reader never sees a white flash.
try {
  var saved = localStorage.getItem('course-theme');
  if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
} catch (e) {}
