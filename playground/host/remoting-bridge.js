// Visualforce JavaScript remoting for the playground (development and tests only). The playground
// server injects it at the top of the CTI attributes editor page's <head> (/editor/), where a
// Visualforce page would have Salesforce's remoting script, and it plays
// `Visualforce.remoting.Manager.invokeAction(action, params…, callback, options)`: each call is
// posted to the top frame (the Lightning host emulator, remoting.js), which answers later and once,
// and the callback gets `(result, event)` as Visualforce gives them: `event.status` true with the
// result, or false with `event.type` ('exception') and `event.message`. As in Visualforce, a
// string result is HTML-escaped unless the call passes `{escape: false}`, and a call that gets no
// answer within `timeout` (30 s by default, at most 120 s) calls back with a failure.
// Replies are accepted only from `window.parent` on the host origin.
(function () {
  'use strict';

  const env = window.__PLAYGROUND_ENV || {};
  const hostOrigin = env.hostOrigin || location.origin;
  const host = window.parent;
  const pending = new Map(); // tid → finish(response)
  let nextTid = 1;

  window.addEventListener('message', (event) => {
    if (event.source !== host || event.origin !== hostOrigin) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.apiType !== 'remoting') return;
    const finish = pending.get(data.callId);
    if (!finish) return;
    pending.delete(data.callId);
    finish(data.response || { status: false, type: 'exception', message: 'Empty response' });
  });

  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

  function invokeAction(action, ...rest) {
    if (typeof action !== 'string' || !action) throw new Error('Visualforce remoting: the first argument must be the remote action');
    // The options object is optional and follows the callback.
    const options = rest.length >= 2 && typeof rest[rest.length - 2] === 'function' && rest[rest.length - 1] && typeof rest[rest.length - 1] === 'object'
      ? rest.pop() : {};
    const callback = rest.pop();
    if (typeof callback !== 'function') throw new Error('Visualforce remoting: a callback function is required');
    const params = rest;
    const tid = nextTid++;
    const [className, method] = action.split('.').slice(-2);
    const escape = options.escape !== false;
    const timeout = Math.min(Math.max(Number(options.timeout) || 30000, 1), 120000);
    const event = (fields) => ({ action: className, method, tid, type: 'rpc', status: true, statusCode: 200, ...fields });
    const timer = setTimeout(() => {
      if (!pending.delete(tid)) return;
      callback(null, event({ status: false, type: 'exception', statusCode: 500, message: 'Remoting request exceeded timeout', where: '' }));
    }, timeout);
    pending.set(tid, (response) => {
      clearTimeout(timer);
      if (response.status) {
        const result = escape && typeof response.result === 'string' ? escapeHtml(response.result) : response.result;
        callback(result, event({ result }));
      } else {
        callback(null, event({ status: false, type: response.type || 'exception', statusCode: 400, message: response.message || '', where: response.where || '' }));
      }
    });
    if (host === window) return; // Not framed: nobody to answer, as outside Salesforce.
    host.postMessage({ apiType: 'remoting', methodName: action, callId: tid, args: { params } }, hostOrigin);
  }

  window.Visualforce = { remoting: { Manager: { invokeAction }, timeout: 30000 } };
})();
