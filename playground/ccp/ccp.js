// CCP emulator: runs in the iframe that the real `connect.core.initCCP()` creates and plays the
// Amazon Connect CCP together with its shared worker. It speaks the Streams wire protocol
// (postMessage envelopes `{event, data}`) to the unmodified Streams bundle in the parent page,
// keeps a small backend model (agent, states, contacts) and pushes agent snapshots. The protocol
// facts it relies on are in docs/streams-protocol.md.
// Test API: `window.ccpEmu`; people use the page itself or the control panel (/ccp-v2/control),
// which talks to this frame over BroadcastChannel('ccp-emulator').
(function () {
  'use strict';

  const query = new URLSearchParams(location.search);
  const STEP_MS = Number(query.get('step') || 60);          // delay of a backend transition
  const parentWindow = window.parent;

  // ------------------------------------------------------------------ model
  const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/0c8d5b1e-6f0a-4a53-9d1f-2f0e6f1c1a01';
  const AGENT_ARN = `${INSTANCE}/agent/7d4c2b1a-3e5f-4a6b-8c9d-0e1f2a3b4c5d`;
  const queue = (id, name) => ({ queueARN: `${INSTANCE}/queue/${id}`, name, queueId: `${INSTANCE}/queue/${id}` });
  const QUEUES = {
    BasicQueue: queue('5e1f4c3d-0000-4000-8000-000000000001', 'BasicQueue'),
    Support: queue('5e1f4c3d-0000-4000-8000-000000000002', 'Support'),
    Sales: queue('5e1f4c3d-0000-4000-8000-000000000003', 'Sales'),
  };
  const stateArn = (n) => `${INSTANCE}/agent-state/00000000-0000-4000-8000-0000000000${n}`;
  const AGENT_STATES = [
    { agentStateARN: stateArn('a1'), name: 'Available', type: 'routable', startTimestamp: null },
    { agentStateARN: stateArn('a2'), name: 'Offline', type: 'offline', startTimestamp: null },
    { agentStateARN: stateArn('a3'), name: 'Lunch', type: 'not_routable', startTimestamp: null },
    { agentStateARN: stateArn('a4'), name: 'Training', type: 'not_routable', startTimestamp: null },
    { agentStateARN: stateArn('a5'), name: 'Break', type: 'not_routable', startTimestamp: null },
  ];
  const QUICK_CONNECTS = [
    { endpointARN: `${INSTANCE}/transfer-destination/qc-1`, type: 'phone_number', name: 'Escalations desk', phoneNumber: '+14155550100', agentLogin: null, queue: null },
    { endpointARN: `${INSTANCE}/transfer-destination/qc-2`, type: 'queue', name: 'Support', phoneNumber: null, agentLogin: null, queue: QUEUES.Support },
  ];
  const configuration = {
    name: 'Jordan Agent',
    username: 'jordan.agent',
    agentARN: AGENT_ARN,
    // A deskphone agent: Streams never starts WebRTC against the emulator.
    softphoneEnabled: false,
    softphoneAutoAccept: false,
    extension: '+14155550999',
    agentPreferences: { LANGUAGE: 'en_US' },
    routingProfile: {
      name: 'Basic Routing Profile',
      routingProfileARN: `${INSTANCE}/routing-profile/9a8b7c6d-0000-4000-8000-000000000001`,
      routingProfileId: `${INSTANCE}/routing-profile/9a8b7c6d-0000-4000-8000-000000000001`,
      defaultOutboundQueue: QUEUES.BasicQueue,
      channelConcurrencyMap: { VOICE: 1, CHAT: 3, TASK: 5 },
      // Connect lists the agent's own queue too; Streams reads the agent id out of it.
      queues: [...Object.values(QUEUES), { queueARN: `${INSTANCE}/queue/agent/7d4c2b1a-3e5f-4a6b-8c9d-0e1f2a3b4c5d`, name: null, queueId: `${INSTANCE}/queue/agent/7d4c2b1a-3e5f-4a6b-8c9d-0e1f2a3b4c5d` }],
    },
    permissions: ['outboundCall'],
    agentStates: AGENT_STATES,
    dialableCountries: ['us', 'ca', 'gb', 'de', 'fr'],
  };

  const model = {
    up: query.get('up') !== '0' && !location.pathname.startsWith('/down/'),
    chosen: stateByName(query.get('state') || 'Offline') || stateByName('Offline'),
    chosenSince: new Date(),
    overlay: null,            // {name, type, since}: a system or error state while handling contacts
    nextState: null,
    contacts: [],
    configured: null,
    terminated: false,        // signed out by terminate(): down until setUp(true)
  };
  const apiCalls = [];
  const listeners = [];
  let pendingSteps = 0;
  const portId = `port-${uuid()}`;

  function stateByName(name) { return AGENT_STATES.find((s) => s.name === name); }
  function uuid() {
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
      const r = (Math.random() * 16) | 0;
      return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
    });
  }
  const copy = (value) => JSON.parse(JSON.stringify(value));
  // Connect's endpoints carry E.164: "+1 (415) 555-0142" becomes "+14155550142". Anything that
  // is not a formatted number (letters, an extension) is kept as typed.
  function e164(text) {
    if (text == null) return null;
    const raw = String(text).trim();
    if (!raw) return null;
    return /^\+?[\d\s().\-]+$/.test(raw) ? raw.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '') : raw;
  }

  // ------------------------------------------------------------- snapshots
  function effectiveState() {
    if (model.overlay) {
      return { agentStateARN: null, name: model.overlay.name, type: model.overlay.type, startTimestamp: model.overlay.since };
    }
    return { ...model.chosen, startTimestamp: model.chosenSince };
  }

  function setOverlay(name, type) { model.overlay = name ? { name, type, since: new Date() } : null; }

  // Re-derives the system state from the contacts, as Connect's backend does.
  function settleOverlay() {
    const live = model.contacts;
    const has = (predicate) => live.some(predicate);
    if (has((c) => c.state.type === 'missed')) return setOverlay('MissedCallAgent', 'error');
    if (has((c) => c.state.type === 'connected')) return setOverlay('Busy', 'system');
    if (has((c) => c.state.type === 'connecting' && c.initiationMethod === 'outbound')) return setOverlay('CallingCustomer', 'system');
    if (has((c) => c.state.type === 'connecting')) return setOverlay('PendingBusy', 'system');
    if (has((c) => c.state.type === 'incoming')) return setOverlay('Pending', 'system');
    if (has((c) => c.state.type === 'ended')) return setOverlay('AfterCallWork', 'system');
    if (model.overlay) setOverlay(null);
  }

  function contactForWire(c) {
    return {
      ...c,
      status: c.state,
      connections: c.connections.map((k) => ({ ...k, address: k.endpoint })),
    };
  }

  function agentData() {
    const now = new Date();
    return {
      snapshot: {
        state: effectiveState(),
        agentAvailabilityState: { state: model.chosen.name, timeStamp: model.chosenSince },
        nextState: model.nextState,
        contacts: model.contacts.map(contactForWire),
        snapshotTimestamp: now,
        localTimestamp: now.getTime(),
        skew: 0,
      },
      configuration: copy(configuration),
    };
  }

  // ---------------------------------------------------------------- wire
  function post(event, data) {
    parentWindow.postMessage(data === undefined ? { event } : { event, data }, '*');
  }

  function push() {
    if (model.up) post('agent::update', agentData());
    changed();
  }

  function later(step) {
    pendingSteps++;
    setTimeout(() => {
      pendingSteps--;
      try { step(); } finally { changed(); }
    }, STEP_MS);
  }

  function changed() {
    const snapshot = publicSnapshot();
    listeners.forEach((f) => f(snapshot));
    channel.postMessage({ type: 'state', snapshot });
  }

  function publicSnapshot() {
    return {
      portId, up: model.up, terminated: model.terminated, agent: api.agentState(), contacts: api.contacts(),
      states: AGENT_STATES.map((s) => s.name),
    };
  }

  // ------------------------------------------------------------ contacts
  const phoneEndpoint = (phoneNumber, name = null) => ({ endpointARN: null, type: 'phone_number', name, phoneNumber, agentLogin: null, queue: null });
  const agentEndpoint = () => ({ endpointARN: null, type: 'agent', name: null, phoneNumber: null, agentLogin: null, queue: null });
  const stamp = (type) => ({ type, timestamp: new Date() });

  function newContact({ channel = 'voice', phone = null, name = null, email = null, description = null, attributes = {}, queueName = 'BasicQueue', outbound = false }) {
    const id = uuid();
    const type = channel === 'queue_callback' ? 'queue_callback' : channel;
    const attrs = {};
    for (const [key, value] of Object.entries(attributes || {})) attrs[key] = { name: key, value: String(value) };
    if (email && !attrs.emailAddress) attrs.emailAddress = { name: 'emailAddress', value: email };
    const customerEndpoint = phoneEndpoint(e164(phone), name);
    const connection = (kind, initial, state, endpoint) => ({
      connectionId: uuid(), type: kind, initial, state: stamp(state), endpoint,
      softphoneMediaInfo: null, chatMediaInfo: null, monitoringInfo: null, mute: false, forcedMute: false, quickConnectName: null,
    });
    const first = type === 'queue_callback' ? 'incoming' : 'connecting';
    const agentConnection = connection('agent', false, 'connecting', agentEndpoint());
    if (type === 'chat') {
      // Connect gives the agent leg of a chat its participant credentials; the page's Streams
      // hands them to chatjs when it is loaded (ours leaves chat media to the CCP).
      agentConnection.chatMediaInfo = {
        chatAutoAccept: false, participantId: agentConnection.connectionId, participantToken: `emulator-${uuid()}`,
        connectionData: JSON.stringify({ Attendee: null, Meeting: null }),
      };
    }
    return {
      contactId: id, initialContactId: id, type,
      state: stamp(first),
      queue: QUEUES[queueName] || queue(uuid(), queueName), queueTimestamp: new Date(),
      initiationMethod: outbound ? 'outbound' : type === 'queue_callback' ? 'callback' : 'inbound',
      // A task's name and description live on the contact (Streams: contact.getName()).
      attributes: attrs, contactDuration: '0',
      name: type === 'task' ? name : null, description: type === 'task' ? description : null, references: null,
      contactFeatures: { attachmentsEnabled: null, messagingMarkdownEnabled: null, multiPartyConferenceEnabled: false },
      channelContext: null, segmentAttributes: null,
      customerEndpoint, connectSystemEndpoint: phoneEndpoint('+14155550001'),
      connections: [
        agentConnection,
        connection(outbound ? 'outbound' : 'inbound', true, outbound ? 'connecting' : 'connected', customerEndpoint),
      ],
    };
  }

  const find = (id) => model.contacts.find((c) => c.contactId === id);
  const current = () => model.contacts[model.contacts.length - 1];
  // The contact a driver command means: the one named, or (no id) the newest.
  const target = (id) => (id ? find(id) : current());
  const agentLeg = (c) => c.connections.find((k) => k.type === 'agent');
  const customerLeg = (c) => c.connections.find((k) => k.initial);
  const setContact = (c, type) => { c.state = stamp(type); };
  const setLeg = (k, type) => { k.state = stamp(type); };

  function endContact(c) {
    c.connections.forEach((k) => setLeg(k, 'disconnected'));
    setContact(c, 'ended');
    settleOverlay();
    push();
  }

  function removeContact(c) {
    model.contacts = model.contacts.filter((x) => x !== c);
    if (!model.contacts.length && model.nextState) {
      model.chosen = stateByName(model.nextState.name);
      model.chosenSince = new Date();
      model.nextState = null;
    }
    settleOverlay();
    push();
  }

  // ----------------------------------------------------------- API requests
  const ok = (data = {}) => ({ data, err: null });
  const fail = (type, message, statusCode = 400) => ({
    data: null, err: JSON.stringify({ type, message, stack: [], retryStatus: 'none', statusCode }),
  });
  const noContact = () => fail('InvalidStateException', 'no such contact');

  const handlers = {
    putAgentState({ state = {}, enqueueNextState }) {
      const target = AGENT_STATES.find((s) => s.agentStateARN === state.agentStateARN || (!state.agentStateARN && s.name === state.name));
      if (!target) return fail('InvalidStateException', `unknown agent state ${state.name}`);
      const busy = model.contacts.some((c) => ['incoming', 'pending', 'connecting', 'connected'].includes(c.state.type));
      if (enqueueNextState && busy) {
        model.nextState = { ...target, startTimestamp: new Date() };
      } else {
        applyChosenState(target);
      }
      later(push);
      return ok();
    },
    acceptContact({ contactId }) {
      const c = find(contactId);
      if (!c) return noContact();
      later(() => { setLeg(agentLeg(c), 'connected'); setContact(c, 'connected'); settleOverlay(); push(); });
      return ok();
    },
    rejectContact({ contactId }) {
      const c = find(contactId);
      if (!c) return noContact();
      later(() => {
        setContact(c, 'rejected');
        c.connections.forEach((k) => setLeg(k, 'disconnected'));
        push();
        later(() => removeContact(c));
      });
      return ok();
    },
    createOutboundContact({ endpoint, queueARN }) {
      // The backend wants E.164 (the adapter must normalise); the CCP's own dial pad does it.
      const number = endpoint && endpoint.phoneNumber;
      if (!number) return fail('BadEndpointException', 'endpoint has no phone number');
      if (!/^\+[1-9]\d{6,14}$/.test(number)) return fail('BadEndpointException', `${number} is not an E.164 number`);
      const queueName = Object.values(QUEUES).find((q) => q.queueARN === queueARN)?.name || 'BasicQueue';
      const c = newContact({ channel: 'voice', phone: number, queueName, outbound: true });
      later(() => { model.contacts.push(c); settleOverlay(); push(); });
      return ok();
    },
    destroyConnection({ contactId, connectionId }) {
      const c = find(contactId);
      if (!c) return noContact();
      const leg = c.connections.find((k) => k.connectionId === connectionId);
      if (!leg) return fail('InvalidStateException', 'no such connection');
      later(() => {
        const others = c.connections.filter((k) => k.type !== 'agent' && k.state.type !== 'disconnected');
        if (leg.type === 'agent' || others.length <= 1) endContact(c);
        else { c.connections = c.connections.filter((k) => k !== leg); push(); }
      });
      return ok();
    },
    clearContact: finish,
    completeContact: finish,
    holdConnection: (p) => legOp(p, 'hold'),
    resumeConnection: (p) => legOp(p, 'connected'),
    toggleActiveConnections({ contactId }) {
      const c = find(contactId);
      if (!c) return noContact();
      later(() => {
        c.connections.filter((k) => k.type !== 'agent').forEach((k) => {
          if (k.state.type === 'hold') setLeg(k, 'connected');
          else if (k.state.type === 'connected') setLeg(k, 'hold');
        });
        push();
      });
      return ok();
    },
    conferenceConnections({ contactId }) {
      const c = find(contactId);
      if (!c) return noContact();
      later(() => { c.connections.forEach((k) => { if (k.state.type === 'hold') setLeg(k, 'connected'); }); push(); });
      return ok();
    },
    createAdditionalConnection({ contactId, endpoint }) {
      const c = find(contactId);
      if (!c) return noContact();
      later(() => {
        c.connections.forEach((k) => { if (k.type !== 'agent' && k.state.type === 'connected') setLeg(k, 'hold'); });
        c.connections.push({
          connectionId: uuid(), type: 'outbound', initial: false, state: stamp('connected'),
          endpoint: { ...phoneEndpoint(null), ...(endpoint || {}) }, softphoneMediaInfo: null, chatMediaInfo: null,
          monitoringInfo: null, mute: false, forcedMute: false, quickConnectName: (endpoint && endpoint.name) || null,
        });
        push();
      });
      return ok();
    },
    sendDigits: ({ contactId }) => (find(contactId) ? ok() : noContact()),
    muteParticipant: (p) => mute(p, true),
    unmuteParticipant: (p) => mute(p, false),
    getEndpoints: () => ok({ endpoints: copy(QUICK_CONNECTS), nextToken: null }),
    updateAgentConfiguration({ configuration: next = {} }) {
      for (const key of ['name', 'softphoneEnabled', 'softphoneAutoAccept', 'extension', 'agentPreferences']) {
        if (next[key] !== undefined) configuration[key] = next[key];
      }
      return ok();
    },
    getAgentSnapshot: () => ok({ snapshot: agentData().snapshot, nextToken: uuid() }),
    getAgentConfiguration: () => ok({ configuration: copy(configuration) }),
    getAgentStates: () => ok({ states: copy(AGENT_STATES), nextToken: null }),
    getAgentPermissions: () => ok({ permissions: [...configuration.permissions], nextToken: null }),
    getDialableCountryCodes: () => ok({ countryCodes: [...configuration.dialableCountries], nextToken: null }),
    getRoutingProfileQueues: () => ok({ queues: copy(configuration.routingProfile.queues), nextToken: null }),
    notifyContactIssue: () => ok(),
    sendClientLogs: () => ok(),
    sendSoftphoneCallReport: () => ok(),
    sendSoftphoneCallMetrics: () => ok(),
  };

  function finish({ contactId }) {
    const c = find(contactId);
    if (!c) return noContact();
    later(() => removeContact(c));
    return ok();
  }
  function legOp({ contactId, connectionId }, type) {
    const c = find(contactId);
    if (!c) return noContact();
    const leg = c.connections.find((k) => k.connectionId === connectionId);
    if (!leg) return fail('InvalidStateException', 'no such connection');
    later(() => { setLeg(leg, type); push(); });
    return ok();
  }
  function mute({ contactId, connectionId }, muted) {
    const c = find(contactId);
    if (!c) return noContact();
    const leg = c.connections.find((k) => k.connectionId === connectionId);
    if (!leg) return fail('InvalidStateException', 'no such connection');
    later(() => { leg.mute = muted; push(); });
    return ok();
  }

  // Choosing a state while in after-call work or a missed-call error clears those contacts.
  function applyChosenState(target) {
    model.chosen = target;
    model.chosenSince = new Date();
    model.nextState = null;
    model.contacts = model.contacts.filter((c) => !['ended', 'missed', 'rejected', 'error'].includes(c.state.type));
    settleOverlay();
  }

  function handleApi(request) {
    apiCalls.push({ method: request.method, params: copy(request.params || {}), t: Date.now() });
    const handler = handlers[request.method];
    const result = handler ? handler(request.params || {}) : fail('ValueError', `No such method exists on AWS client: ${request.method}`);
    post('api_response', { event: 'api_response', requestId: request.requestId, data: result.data, err: result.err });
    changed();
  }

  // Broadcasts from the page go to every tab through the worker; the page's own logs are noise.
  const QUIET = new Set(['log', 'server_bound_internal_log', 'client_metric', 'click_stream_data', 'softphone_stats', 'softphone_report', 'api_metric']);

  window.addEventListener('message', (event) => {
    if (event.source !== parentWindow) return;   // the same rule Streams applies on its side
    const message = event.data;
    if (!message || typeof message.event !== 'string') return;
    if (!model.up) return;                        // a CCP that is down answers nothing
    const data = message.data;
    switch (message.event) {
      case 'synchronize': post('acknowledge'); break;
      case 'configure':
        model.configured = data;
        post('configuration::configure', data);
        break;
      case 'api_request': handleApi(data); break;
      case 'master_request': {
        const topic = data && data.params && data.params.topic;
        const response = data.method === 'becomeMaster' ? { masterId: portId, takeOver: false, topic } : { masterId: portId, isMaster: true, topic };
        post('master_response', { event: 'master_response', requestId: data.requestId, data: response, err: null });
        break;
      }
      case 'broadcast':
        if (data && data.event && !QUIET.has(data.event)) {
          post(data.event, data.data);
          if (data.event === 'mute' && data.data && typeof data.data.mute === 'boolean') post('agent::mute_toggle', { muted: data.data.mute });
        }
        break;
      case 'reload_agent_configuration': later(push); break;
      case 'terminate': api.terminate(); break;
      case 'media_device_request': post('media_device_response', []); break;
      default: break;                             // outer_context_info, iframe_style, …
    }
  });

  // ------------------------------------------------------------- test API
  const api = {
    portId,
    apiCalls,
    isUp: () => model.up,
    // Down: nothing answers (no acknowledge, no api_response, no pushes). Up again: the port
    // connects anew (acknowledge with its id, which is also the first one when the page
    // started with ?up=0), the agent snapshot catches up, and the configuration is asked for.
    setUp(up) {
      const wasUp = model.up;
      model.up = !!up;
      model.terminated = false;
      if (model.up && !wasUp) connectPort();
      else changed();
      return model.up;
    },
    // Sign-out: what the worker sends when the agent logs out; the CCP stops answering.
    terminate() { post('terminated'); model.up = false; model.terminated = true; changed(); return true; },
    configured: () => model.configured && copy(model.configured),
    setAgentState(name) {
      const target = stateByName(name);
      if (!target) throw new Error(`unknown agent state ${name}`);
      applyChosenState(target);
      push();
      return api.agentState();
    },
    agentState: () => ({ name: effectiveState().name, type: effectiveState().type, chosen: model.chosen.name, next: model.nextState && model.nextState.name }),
    inbound(options = {}) {
      const c = newContact({
        channel: options.channel || 'voice',
        phone: options.phone ?? ((options.channel || 'voice') === 'voice' || options.channel === 'queue_callback' ? '+14155550142' : null),
        name: options.name || null, email: options.email || null, description: options.description || null,
        attributes: options.attributes,
        queueName: options.queue || 'BasicQueue',
      });
      model.contacts.push(c);
      settleOverlay();
      push();
      return c.contactId;
    },
    accept(id) { return handlers.acceptContact({ contactId: target(id)?.contactId }).err === null; },
    reject(id) { return handlers.rejectContact({ contactId: target(id)?.contactId }).err === null; },
    clear(id) { return finish({ contactId: target(id)?.contactId }).err === null; },
    agentHangsUp(id) {
      const c = target(id);
      if (!c) return false;
      return handlers.destroyConnection({ contactId: c.contactId, connectionId: agentLeg(c).connectionId }).err === null;
    },
    customerAnswers(id) {
      const c = target(id);
      if (!c) return false;
      later(() => { setLeg(customerLeg(c), 'connected'); setLeg(agentLeg(c), 'connected'); setContact(c, 'connected'); settleOverlay(); push(); });
      return true;
    },
    // On a call: the contact ends and the agent goes to after-call work. While an inbound
    // contact still rings (the customer abandons), Connect simply takes it away.
    customerHangsUp(id) {
      const c = target(id);
      if (!c) return false;
      const ringing = ['connecting', 'incoming'].includes(c.state.type) && c.initiationMethod !== 'outbound';
      later(() => { if (find(c.contactId)) (ringing ? removeContact(c) : endContact(c)); });
      return true;
    },
    miss(id) {
      const c = target(id);
      if (!c || !['connecting', 'incoming'].includes(c.state.type)) return false;
      c.connections.forEach((k) => setLeg(k, 'disconnected'));
      setContact(c, 'missed');
      settleOverlay();
      push();
      return true;
    },
    // Outbound from the CCP itself (its dial pad): formatted numbers are fine here.
    dial(number) {
      const result = handlers.createOutboundContact({ endpoint: phoneEndpoint(e164(number)), queueARN: QUEUES.BasicQueue.queueARN });
      if (result.err) throw new Error(JSON.parse(result.err).message);
      return true;
    },
    contacts: () => model.contacts.map((c) => ({
      contactId: c.contactId, channel: c.type, state: c.state.type, initiationMethod: c.initiationMethod,
      phone: customerLeg(c).endpoint.phoneNumber, name: customerLeg(c).endpoint.name, queue: c.queue.name,
      attributes: Object.fromEntries(Object.entries(c.attributes).map(([k, v]) => [k, v.value])),
    })),
    waitIdle: () => new Promise((resolve) => {
      const check = () => (pendingSteps === 0 ? resolve(true) : setTimeout(check, 10));
      check();
    }),
    onChange(f) { listeners.push(f); f(publicSnapshot()); },
    snapshot: publicSnapshot,
  };
  window.ccpEmu = api;

  // ------------------------------------------------ control channel (people)
  const channel = new BroadcastChannel('ccp-emulator');
  const COMMANDS = new Set(['setUp', 'terminate', 'setAgentState', 'inbound', 'accept', 'reject', 'clear', 'agentHangsUp',
    'customerAnswers', 'customerHangsUp', 'miss', 'dial', 'contacts', 'snapshot']);
  channel.onmessage = (event) => {
    const { cmd, args = [], replyId } = event.data || {};
    if (!COMMANDS.has(cmd)) return;
    try {
      channel.postMessage({ replyId, result: api[cmd](...args) ?? null });
    } catch (error) {
      channel.postMessage({ replyId, error: String(error && error.message || error) });
    }
  };

  // -------------------------------------------------------------- the page
  const $ = (id) => document.getElementById(id);
  const select = $('agent-state');
  for (const state of AGENT_STATES) select.append(new Option(state.name, state.name));
  select.addEventListener('change', () => api.setAgentState(select.value));
  $('dial').addEventListener('submit', (event) => {
    event.preventDefault();
    const number = $('dial-number').value.trim();
    if (!number) return;
    try {
      api.dial(number);
      $('notice').textContent = '';
    } catch (error) {
      $('notice').textContent = error.message;
    }
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
    $('agent-name').textContent = configuration.name;
    $('link').textContent = snapshot.up ? 'connected' : snapshot.terminated ? 'signed out' : 'down';
    $('link').className = snapshot.up ? 'pill up' : 'pill';
    select.value = model.chosen.name;
    $('effective').textContent = model.overlay ? `Now: ${model.overlay.name}` : '';
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
      card.append(title, state, actions);
      return card;
    }));
  }
  api.onChange(render);

  // ------------------------------------------------------------- start-up
  // The worker's "port connected": the first acknowledge must carry the port id (Streams reads
  // data.id and never finishes init without it), then the agent as it is now.
  function connectPort() {
    post('acknowledge', { id: portId });
    post('update_connected_ccps', { length: 1 });
    push();
    // Streams sends configure only on its first acknowledge; a refreshed CCP asks for it.
    clearTimeout(configureTimer);
    configureTimer = setTimeout(() => { if (model.up && !model.configured) post('request_configure'); }, 1000);
  }
  let configureTimer = null;
  if (model.up) connectPort();
  else changed();
})();
