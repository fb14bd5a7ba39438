/*
 * The sandbox's harness: the first part of the script of every run's worker (code-question.ts
 * appends the learner's code, wrapped as the function body passed in as `factory`, and serves both
 * from one Blob). Plain JavaScript shipped as text, so what runs is exactly this.
 *
 * Order is the point. This function runs first: it takes what it needs (postMessage, its encoder's
 * built-ins) into its own scope, which the learner's function cannot see (the wrapper is written at
 * the script's top level), then removes every way out of the worker, then runs the learner's code.
 * Afterwards it receives only the arguments of each call and sends back only JSON text of each
 * returned value, or the error's message. The expected values never enter this worker; the page
 * compares (src/quiz/code.ts, gradeResult) and reads every message as possibly forged.
 *
 * A Blob worker inherits the page's Content-Security-Policy (no 'unsafe-eval'): no string can
 * become code in here, whatever learner code does, and the host sends no header for it to lose.
 */
(function (factory, runtimeNeeds) {
  'use strict';
  var scope = self;
  var send = scope.postMessage.bind(scope);
  var listen = scope.addEventListener.bind(scope);
  var apply = Reflect.apply;
  var quote = JSON.stringify;
  var isArray = Array.isArray;
  var isView = ArrayBuffer.isView;
  var keysOf = Object.keys;
  var isFinite = Number.isFinite;
  var is = Object.is;
  var getPrototypeOf = Object.getPrototypeOf;
  var hasOwn = Object.hasOwn;
  var defineProperty = Object.defineProperty;
  var slice = String.prototype.slice;
  /* Kept in step with resultLimit and excerptLimit in src/quiz/code.ts; the page checks again. */
  var resultLimit = 65536;
  var messageLimit = 2000;
  var maxDepth = 64;

  var blocked = [
    'fetch', 'fetchLater', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport',
    'importScripts', 'indexedDB', 'caches', 'BroadcastChannel', 'Worker', 'SharedWorker', 'postMessage',
    'navigator', 'FontFace', 'fonts', 'webkitRequestFileSystem', 'webkitRequestFileSystemSync',
    'webkitResolveLocalFileSystemURL', 'webkitResolveLocalFileSystemSyncURL', 'close', 'eval', 'Function',
    'setTimeout', 'setInterval', 'location', 'onmessage', 'addEventListener', 'removeEventListener', 'dispatchEvent',
  ];
  for (var b = 0; b < blocked.length; b++) {
    /* A runtime's own code may name a global (Pyodide tests `x instanceof Function`); the policy still forbids compiling strings. */
    if (runtimeNeeds && runtimeNeeds.indexOf(blocked[b]) >= 0) continue;
    for (var o = scope; o; o = getPrototypeOf(o)) {
      try {
        if (hasOwn(o, blocked[b])) delete o[blocked[b]];
      } catch (e) {
        /* not configurable: pinned below */
      }
    }
    try {
      defineProperty(scope, blocked[b], { value: undefined, writable: false, configurable: false });
    } catch (e) {
      /* already pinned */
    }
  }
  /* Every kind of function's constructor compiles strings; the policy forbids it too. */
  var kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (var k = 0; k < kinds.length; k++) {
    defineProperty(getPrototypeOf(kinds[k]), 'constructor', { value: undefined, writable: false, configurable: false });
  }

  function TooLarge() {}
  /* JSON text of a value, the way src/quiz/code.ts encodeValue writes it; no built-in the learner could replace. */
  function encode(value, depth) {
    if (depth > maxDepth) throw new TooLarge();
    var out;
    if (typeof value === 'number') {
      out = isFinite(value) ? (is(value, -0) ? '0' : '' + value) : '{"$number":' + quote('' + value) + '}';
    } else if (typeof value === 'string') {
      if (value.length > resultLimit) throw new TooLarge();
      out = quote(value);
    } else if (typeof value === 'boolean') out = value ? 'true' : 'false';
    else if (value === null) out = 'null';
    else if (value === undefined) out = '{"$undefined":true}';
    else if (typeof value === 'object') {
      out = '';
      if (isArray(value) || isView(value)) {
        var length = value.length;
        if (!(length <= resultLimit)) throw new TooLarge();
        out = '[';
        for (var i = 0; i < length; i++) {
          out += (i ? ',' : '') + encode(value[i], depth + 1);
          if (out.length > resultLimit) throw new TooLarge();
        }
        out += ']';
      } else {
        var keys = keysOf(value);
        if (!(keys.length <= resultLimit)) throw new TooLarge();
        out = '{';
        for (var j = 0; j < keys.length; j++) {
          out += (j ? ',' : '') + quote('' + keys[j]) + ':' + encode(value[keys[j]], depth + 1);
          if (out.length > resultLimit) throw new TooLarge();
        }
        out += '}';
      }
    } else throw new TypeError('returned ' + (typeof value === 'function' ? 'a function' : 'a ' + typeof value) + ', which a test cannot compare');
    if (out.length > resultLimit) throw new TooLarge();
    return out;
  }
  function describe(error) {
    var text;
    try {
      if (error instanceof TooLarge) text = 'returned a value too large to compare (over ' + resultLimit + ' characters as JSON, or nested over ' + maxDepth + ' deep)';
      else if (typeof error === 'object' && error !== null) {
        var name = error.name;
        var message = error.message;
        /* As Error.prototype.toString joins them: an empty name (Python's errors carry their type in the message) or message is left out. */
        name = typeof name === 'string' ? name : 'Error';
        message = typeof message === 'string' ? message : '';
        text = name === '' ? message : message === '' ? name : name + ': ' + message;
      } else text = 'threw ' + (typeof error === 'string' ? quote(error) : typeof error);
    } catch (e) {
      text = 'threw something that cannot be read';
    }
    return typeof text === 'string' ? apply(slice, text, [0, messageLimit]) : 'threw something that cannot be read';
  }

  var learner;
  try {
    learner = apply(factory, undefined, []);
  } catch (error) {
    send({ type: 'failed', message: 'Your code does not run: ' + describe(error) });
    return;
  }
  if (typeof learner !== 'function') {
    send({ type: 'missing' });
    return;
  }
  listen(
    'message',
    function (event) {
      var calls = event.data;
      for (var c = 0; c < calls.length; c++) {
        var value;
        try {
          value = apply(learner, undefined, calls[c]);
        } catch (error) {
          send({ type: 'error', id: c, message: describe(error) });
          continue;
        }
        var text;
        try {
          text = encode(value, 0);
        } catch (error) {
          send({ type: 'error', id: c, message: describe(error) });
          continue;
        }
        send({ type: 'result', id: c, value: text });
      }
      send({ type: 'done' });
    },
    { once: true },
  );
})
