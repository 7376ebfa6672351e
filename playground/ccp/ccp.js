// CCP emulator, frame: runs in the iframe that the real `connect.core.initCCP()` creates and plays
// the Amazon Connect CCP. Like the real CCP it is a relay: it speaks the Streams wire protocol
// (postMessage envelopes `{event, data}`) to the unmodified Streams bundle in the parent page and
// passes the page's requests to the shared worker (worker.js), which keeps the one agent of the
// browser context; what the worker sends back (snapshots, answers, broadcasts) goes to the page.
// The protocol facts it relies on are in docs/streams-protocol.md.
// Test API: `window.ccpEmu`; people use the page itself or the control panel (/ccp-v2/control),
// which the worker answers over BroadcastChannel('ccp-emulator').
(function () {
  'use strict';

  const query = new URLSearchParams(location.search);
  const parentWindow = window.parent;

  // This frame's own link to its page; the agent lives in the worker.
  const link = {
    up: query.get('up') !== '0' && !location.pathname.startsWith('/down/'),
    terminated: false,        // signed out by terminate(): down until setUp(true)
    configured: null,
    portId: null,             // the worker's id for this frame, sent in the first acknowledge
  };
  let shared = null;          // the worker's latest state: {agent, agentName, contacts, states}
  const apiCalls = [];
  // The page's API requests as this frame receives them, timed for the benchmark.
  const requests = [];
  const listeners = [];
  const waiting = new Map();
  let nextCallId = 1;
  let configureTimer = null;

  const copy = (value) => JSON.parse(JSON.stringify(value));

  // One URL and name for every frame (also /down/ ones), so the browser gives them one worker.
  const worker = new SharedWorker('/ccp-v2/worker.js', { name: 'ConnectSharedWorker' });
  const port = worker.port;
  worker.addEventListener('error', (event) => console.error(`CCP emulator: the shared worker failed: ${event.message || 'no message'}`));
  // A frame that goes away leaves the others working; its master topics are released.
  window.addEventListener('pagehide', () => {
    port.postMessage({ type: 'close' });
    port.close();
  });

  // ---------------------------------------------------------------- wire
  function post(event, data) {
    parentWindow.postMessage(data === undefined ? { event } : { event, data }, '*');
  }

  function tellWorker(message) { port.postMessage(message); }
  const relay = (event, data) => tellWorker({ type: 'wire', event, data });

  function changed() {
    const snapshot = publicSnapshot();
    listeners.forEach((f) => f(snapshot));
  }

  function publicSnapshot() {
    return {
      portId: link.portId, up: link.up, terminated: link.terminated,
      agent: shared && shared.agent, contacts: shared ? copy(shared.contacts) : [], states: shared ? [...shared.states] : [],
    };
  }

  function reportLink() { tellWorker({ type: 'link', up: link.up, terminated: link.terminated }); }

  port.onmessage = ({ data: message }) => {
    switch (message.type) {
      case 'welcome':
        link.portId = message.portId;
        shared = message.state;
        apiCalls.push(...message.apiCalls);
        if (link.up) connectPort();
        changed();
        break;
      case 'state': shared = message.state; changed(); break;
      case 'apiCall': apiCalls.push(message.call); break;
      case 'wire':
        if (!link.up) break;                      // a CCP that is down posts nothing
        post(message.event, message.data);
        if (message.event === 'terminated') {
          link.up = false;
          link.terminated = true;
          reportLink();
          changed();
        }
        break;
      case 'control': if (message.cmd === 'setUp') api.setUp(...message.args); break;
      case 'reply': {
        const pending = waiting.get(message.id);
        waiting.delete(message.id);
        if (!pending) break;
        if (message.error !== undefined) pending.reject(new Error(message.error));
        else pending.resolve(message.result);
        break;
      }
      default: break;
    }
  };
  port.postMessage({ type: 'hello', options: { state: query.get('state'), step: query.get('step') } });

  // Broadcasts from the page go to every tab through the worker; the page's own logs are noise.
  const QUIET = new Set(['log', 'server_bound_internal_log', 'client_metric', 'click_stream_data', 'softphone_stats', 'softphone_report', 'api_metric']);

  window.addEventListener('message', (event) => {
    if (event.source !== parentWindow) return;   // the same rule Streams applies on its side
    const message = event.data;
    if (!message || typeof message.event !== 'string') return;
    if (!link.up || !link.portId) return;         // a CCP that is down answers nothing
    const data = message.data;
    switch (message.event) {
      case 'synchronize': post('acknowledge'); break;
      case 'configure':
        link.configured = data;
        post('configuration::configure', data);
        break;
      case 'media_device_request': post('media_device_response', []); break;
      case 'broadcast':
        if (data && data.event && !QUIET.has(data.event)) relay(message.event, data);
        break;
      case 'api_request':
        requests.push({ method: data && data.method, requestId: data && data.requestId, t: performance.now() });
        relay(message.event, data);
        break;
      case 'master_request':
      case 'reload_agent_configuration':
      case 'terminate':
      case 'webSocket::subscribe':
        relay(message.event, data);
        break;
      default: break;                             // outer_context_info, iframe_style, …
    }
  });

  // ------------------------------------------------------------- test API
  // Commands on the agent go to the worker and return promises; reads answer from the mirror.
  function call(cmd, ...args) {
    const id = nextCallId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      tellWorker({ type: 'call', id, cmd, args });
    });
  }

  const api = {
    get portId() { return link.portId; },
    apiCalls,
    // [{method, requestId, t}]: t is this frame's performance.now() when the request arrived.
    requests,
    isUp: () => link.up,
    // Down: nothing answers (no acknowledge, no api_response, no pushes). Up again: the port
    // connects anew (acknowledge with its id, which is also the first one when the page
    // started with ?up=0), the agent snapshot catches up, and the configuration is asked for.
    setUp(up) {
      const wasUp = link.up;
      link.up = !!up;
      link.terminated = false;
      if (link.up && !wasUp && link.portId) connectPort();
      else if (link.portId) reportLink();
      changed();
      return link.up;
    },
    // Sign-out: the worker sends `terminated` to every frame, and each stops answering.
    terminate: () => call('terminate'),
    configured: () => link.configured && copy(link.configured),
    setAgentState: (name) => call('setAgentState', name),
    agentState: () => (shared ? { ...shared.agent } : null),
    inbound: (options = {}) => call('inbound', options),
    accept: (id) => call('accept', id),
    reject: (id) => call('reject', id),
    clear: (id) => call('clear', id),
    agentHangsUp: (id) => call('agentHangsUp', id),
    customerAnswers: (id) => call('customerAnswers', id),
    customerHangsUp: (id) => call('customerHangsUp', id),
    miss: (id) => call('miss', id),
    view: (id) => call('view', id),
    // Items on the agent's websocket: true when a page had subscribed to their topic.
    chatMessage: (id, options = {}) => call('chatMessage', id, options),
    taskEvent: (id, kind) => call('taskEvent', id, kind),
    // Outbound from the CCP itself (its dial pad): formatted numbers are fine here.
    dial: (number) => call('dial', number),
    contacts: () => (shared ? copy(shared.contacts) : []),
    waitIdle: () => call('waitIdle'),
    onChange(f) { listeners.push(f); f(publicSnapshot()); },
    snapshot: publicSnapshot,
  };
  window.ccpEmu = api;

  // -------------------------------------------------------------- the page
  const $ = (id) => document.getElementById(id);
  const select = $('agent-state');
  select.addEventListener('change', () => api.setAgentState(select.value));
  $('dial').addEventListener('submit', (event) => {
    event.preventDefault();
    const number = $('dial-number').value.trim();
    if (!number) return;
    api.dial(number).then(() => { $('notice').textContent = ''; }, (error) => { $('notice').textContent = error.message; });
  });

  function button(label, onClick, kind) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (kind) b.className = kind;
    b.addEventListener('click', onClick);
    return b;
  }

  function render(snapshot) {
    $('link').textContent = snapshot.up ? 'connected' : snapshot.terminated ? 'signed out' : 'down';
    $('link').className = snapshot.up ? 'pill up' : 'pill';
    if (!shared) return;
    $('agent-name').textContent = shared.agentName;
    if (select.options.length !== shared.states.length) select.replaceChildren(...shared.states.map((name) => new Option(name, name)));
    select.value = shared.agent.chosen;
    $('effective').textContent = shared.agent.name !== shared.agent.chosen ? `Now: ${shared.agent.name}` : '';
    const list = $('contacts');
    list.replaceChildren(...snapshot.contacts.map((c) => {
      const card = document.createElement('div');
      card.className = 'contact';
      const title = document.createElement('h3');
      title.textContent = `${c.channel} · ${c.phone || c.name || 'unknown'}`;
      const state = document.createElement('div');
      state.textContent = `${c.state} · ${c.queue}`;
      const actions = document.createElement('div');
      actions.className = 'actions';
      if (['connecting', 'incoming'].includes(c.state) && c.initiationMethod !== 'outbound') {
        actions.append(button('Accept', () => api.accept(c.contactId), 'primary'), button('Reject', () => api.reject(c.contactId)));
      }
      if (c.state === 'connected' || (c.state === 'connecting' && c.initiationMethod === 'outbound')) {
        actions.append(button('Hang up', () => api.agentHangsUp(c.contactId), 'danger'));
      }
      if (['ended', 'missed', 'rejected'].includes(c.state)) actions.append(button('Clear contact', () => api.clear(c.contactId)));
      else actions.append(button('View', () => api.view(c.contactId)));
      if (c.channel === 'chat' && c.state === 'connected') {
        actions.append(button('Customer writes', () => api.chatMessage(c.contactId, { text: 'Where is my order?' })));
      }
      if (c.channel === 'task' && c.state === 'connected') {
        actions.append(button('Expiring', () => api.taskEvent(c.contactId, 'expire.warning')));
      }
      card.append(title, state, actions);
      return card;
    }));
  }
  api.onChange(render);

  // ------------------------------------------------------------- start-up
  // The worker's "port connected": the first acknowledge must carry the port id (Streams reads
  // data.id and never finishes init without it); the worker then sends the count of connected
  // CCPs and the agent as it is now.
  function connectPort() {
    post('acknowledge', { id: link.portId });
    reportLink();
    // Streams sends configure only on its first acknowledge; a refreshed CCP asks for it.
    clearTimeout(configureTimer);
    configureTimer = setTimeout(() => { if (link.up && !link.configured) post('request_configure'); }, 1000);
  }
})();
