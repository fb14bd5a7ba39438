// The "/" and Ctrl+K (Cmd+K) search shortcuts from the moment the page shows: a tiny classic script
// in <head>, like theme-init.js, instead of the search module, which runs only once the page is parsed
// and its scripts are fetched (a learner on a slow phone pressed "/" into nothing). The rule is
// focusesSearch() of src/client/search/keys.ts; test/unit/search/shortcut.test.ts keeps the two equal.
document.addEventListener('keydown', function (event) {
  if (event.defaultPrevented || event.altKey) return;
  var modifier = event.ctrlKey || event.metaKey;
  var target = event.target;
  var editable = target instanceof Element && target.closest('input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"], [type="range"], [type="color"]), textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
  var shortcut = (modifier && event.key.toLowerCase() === 'k') || (event.key === '/' && !modifier && !editable);
  if (!shortcut) return;
  var input = document.querySelector('[data-search-input]');
  if (!input) return;
  // Ctrl+K would otherwise move the focus to the browser's address bar.
  event.preventDefault();
  input.focus();
  input.select();
});
