/*
 * Running learner Python on a loaded Pyodide, shared by the page's sandbox worker
 * (src/client/code/python-harness.js inlines this file as text) and the build's check of
 * reference solutions (python-check.mjs, in Node), so a solution that passes at build passes in
 * the page. Plain JavaScript without imports or exports: the harness pastes it into a worker
 * script, and Node reads it the same way (see python-check.mjs).
 *
 * Arguments go in as Python values (lists, dicts, floats); what comes back is a plain JavaScript
 * value (dicts become objects, tuples arrays, None undefined); anything else (a class instance, a
 * function) is refused, because a test compares values.
 */
function pythonRunner(py) {
  'use strict';
  var fromEntries = Object.fromEntries;
  var split = String.prototype.split;
  var apply = Reflect.apply;

  /** The last line of a Python traceback (`ZeroDivisionError: division by zero`), with the line of learner code it names. */
  function describePythonError(error) {
    var text = error && typeof error.message === 'string' ? error.message : String(error);
    var lines = apply(split, text, ['\n']).filter(function (l) { return l.trim() !== ''; });
    var last = lines.length ? lines[lines.length - 1].trim() : 'Error';
    var line;
    for (var i = 0; i < lines.length; i++) {
      var found = /File "<exec>", line (\d+)/.exec(lines[i]);
      if (found) line = found[1];
    }
    return line ? last + ' (line ' + line + ')' : last;
  }

  /** Run `code` in a fresh namespace; the function named `name`, `missing`, or `failed` with Python's error (`SyntaxError: … (line 2)`). */
  function define(code, name) {
    var namespace = py.globals.get('dict')();
    try {
      py.runPython(code, { globals: namespace, filename: '<exec>' });
    } catch (error) {
      namespace.destroy();
      return { failed: describePythonError(error) };
    }
    var fn = namespace.get(name);
    var callable = fn !== undefined && py.globals.get('callable')(fn);
    return callable ? { fn: fn } : { missing: true };
  }

  /** Call the learner's function with JSON-like arguments and return what it returned, as a plain value (throws with a readable message). */
  function call(fn, args) {
    var pyArgs = args.map(function (a) { return py.toPy(a); });
    var result;
    try {
      result = apply(fn, undefined, pyArgs);
    } catch (error) {
      // Unnamed, so the sandbox reports Python's own line (`AttributeError: … (line 3)`), not `Error: AttributeError: …`.
      var failure = new Error(describePythonError(error));
      failure.name = '';
      throw failure;
    } finally {
      pyArgs.forEach(function (a) { if (a && typeof a.destroy === 'function') a.destroy(); });
    }
    if (result !== null && (typeof result === 'object' || typeof result === 'function') && typeof result.toJs === 'function') {
      var type = result.type;
      try {
        return result.toJs({ dict_converter: fromEntries, create_pyproxies: false, depth: 64 });
      } catch (error) {
        throw new TypeError('returned a ' + type + ' (or a value holding one), which a test cannot compare: return numbers, strings, lists and dicts');
      } finally {
        result.destroy();
      }
    }
    if (typeof result === 'bigint') throw new TypeError('returned an integer too large to compare');
    return result;
  }

  return { define: define, call: call, describePythonError: describePythonError };
}
