// CCP emulator, shared worker: the one agent of a browser context, as Connect's shared worker
// keeps one agent session for every CCP frame of the browser (one per tab). Each CCP frame
// (ccp.js) connects a port, relays its Streams page's requests here and posts what comes back to
// that page; snapshots, broadcasts and `terminated` go to every frame. It also answers the
// control panel over BroadcastChannel('ccp-emulator'). Connect keeps the agent on its servers, so
// the durable part of the model is kept in IndexedDB and read back when a worker starts (after
// the last frame closed, e.g. the only tab reloaded). The protocol facts are in
// docs/streams-protocol.md.
(function () {
  'use strict';

  let STEP_MS = 60;                                         // delay of a backend transition

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
    // An admin's custom status (not routable, like every custom one) that names a sign-out: the
    // softphone's enhanced logout acts on it; to Connect it is a status like any other.
    { agentStateARN: stateArn('a6'), name: 'Logout', type: 'not_routable', startTimestamp: null },
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
  // What the agent may change of its configuration (updateAgentConfiguration).
  const SETTINGS = ['name', 'softphoneEnabled', 'softphoneAutoAccept', 'extension', 'agentPreferences'];

  // Read back from IndexedDB when the worker starts, or else created by the first frame's hello
  // (its ?state=); later frames join this agent. The first hello also sets ?step=.
  let model = null;
  let started = false;
  const ports = new Map();        // portId → {port, up, terminated}: one per CCP frame
  const masters = {};             // master topic → portId, Streams' master election
  const topics = new Set();       // the agent's websocket topics some page subscribed to
  const apiCalls = [];
  let pendingSteps = 0;

  function newModel(stateName) {
    return {
      chosen: stateByName(stateName || 'Offline') || stateByName('Offline'),
      chosenSince: new Date(),
      overlay: null,            // {name, type, since}: a system or error state while handling contacts
      nextState: null,
      contacts: [],
      pending: [],              // backend steps in flight, as data: {op, args, due}
    };
  }

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

  // ---------------------------------------------------------------- ports
  const send = (id, message) => { const p = ports.get(id); if (p) p.port.postMessage(message); };
  const toAll = (message) => ports.forEach((p) => p.port.postMessage(message));
  // A wire message is one `{event, data}` envelope the frame posts to its Streams page.
  const wire = (event, data) => ({ type: 'wire', event, data });

  function push() {
    toAll(wire('agent::update', agentData()));
    changed();
  }

  // A backend transition, STEP_MS from now. It is data (an entry of STEPS and its arguments), so a
  // worker that starts after the last frame closed finishes it: Connect's backend completes a
  // request it accepted whatever becomes of the page that sent it.
  function later(op, args = {}) {
    const step = { op, args, due: Date.now() + STEP_MS };
    model.pending.push(step);
    arm(step);
  }

  function arm(step) {
    pendingSteps++;
    setTimeout(() => {
      pendingSteps--;
      model.pending = model.pending.filter((s) => s !== step);
      try { STEPS[step.op](step.args); } finally { changed(); }
    }, Math.max(0, step.due - Date.now()));
  }

  // Every frame mirrors the shared state, so its `ccpEmu` reads answer synchronously.
  function changed() {
    save();
    toAll({ type: 'state', state: sharedState() });
    channel.postMessage({ type: 'state', snapshot: panelSnapshot() });
  }

  function sharedState() {
    return {
      agent: commands.agentState(), agentName: configuration.name, contacts: commands.contacts(),
      states: AGENT_STATES.map((s) => s.name),
    };
  }

  // What the control panel shows: the CCP is up while any frame answers its page.
  function panelSnapshot() {
    const frames = [...ports.values()];
    const up = frames.some((p) => p.up);
    return { ...sharedState(), up, terminated: !up && frames.some((p) => p.terminated), frames: frames.length };
  }

  // Connect's worker tells every port how many CCPs are connected when one comes or goes.
  function connectedCcps() {
    toAll(wire('update_connected_ccps', { length: [...ports.values()].filter((p) => p.up).length }));
  }

  // ------------------------------------------------------------ contacts
  const phoneEndpoint = (phoneNumber, name = null) => ({ endpointARN: null, type: 'phone_number', name, phoneNumber, agentLogin: null, queue: null });
  const agentEndpoint = () => ({ endpointARN: null, type: 'agent', name: null, phoneNumber: null, agentLogin: null, queue: null });
  const stamp = (type) => ({ type, timestamp: new Date() });

  function newContact({ channel = 'voice', phone = null, name = null, email = null, description = null, attributes = {}, queueName = 'BasicQueue', outbound = false, transferredFrom = null }) {
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
      // A transferred contact is a new leg: its own id, the first leg's as initialContactId.
      contactId: id, initialContactId: transferredFrom || id, type,
      state: stamp(first),
      queue: QUEUES[queueName] || queue(uuid(), queueName), queueTimestamp: new Date(),
      initiationMethod: outbound ? 'outbound' : transferredFrom ? 'transfer' : type === 'queue_callback' ? 'callback' : 'inbound',
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
  const legOf = (c, connectionId) => c.connections.find((k) => k.connectionId === connectionId);
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
      later('push');
      return ok();
    },
    acceptContact({ contactId }) {
      if (!find(contactId)) return noContact();
      later('accept', { contactId });
      return ok();
    },
    rejectContact({ contactId }) {
      if (!find(contactId)) return noContact();
      later('reject', { contactId });
      return ok();
    },
    createOutboundContact({ endpoint, queueARN }) {
      // The backend wants E.164 (the adapter must normalise); the CCP's own dial pad does it.
      const number = endpoint && endpoint.phoneNumber;
      if (!number) return fail('BadEndpointException', 'endpoint has no phone number');
      if (!/^\+[1-9]\d{6,14}$/.test(number)) return fail('BadEndpointException', `${number} is not an E.164 number`);
      const queueName = Object.values(QUEUES).find((q) => q.queueARN === queueARN)?.name || 'BasicQueue';
      later('addContact', { contact: newContact({ channel: 'voice', phone: number, queueName, outbound: true }) });
      return ok();
    },
    destroyConnection({ contactId, connectionId }) {
      const c = find(contactId);
      if (!c) return noContact();
      if (!legOf(c, connectionId)) return fail('InvalidStateException', 'no such connection');
      later('destroyConnection', { contactId, connectionId });
      return ok();
    },
    clearContact: finish,
    completeContact: finish,
    holdConnection: (p) => legOp(p, 'hold'),
    resumeConnection: (p) => legOp(p, 'connected'),
    toggleActiveConnections({ contactId }) {
      if (!find(contactId)) return noContact();
      later('toggle', { contactId });
      return ok();
    },
    conferenceConnections({ contactId }) {
      if (!find(contactId)) return noContact();
      later('conference', { contactId });
      return ok();
    },
    createAdditionalConnection({ contactId, endpoint }) {
      if (!find(contactId)) return noContact();
      later('addConnection', {
        contactId,
        connection: {
          connectionId: uuid(), type: 'outbound', initial: false, state: null,
          endpoint: { ...phoneEndpoint(null), ...(endpoint || {}) }, softphoneMediaInfo: null, chatMediaInfo: null,
          monitoringInfo: null, mute: false, forcedMute: false, quickConnectName: (endpoint && endpoint.name) || null,
        },
      });
      return ok();
    },
    sendDigits: ({ contactId }) => (find(contactId) ? ok() : noContact()),
    muteParticipant: (p) => mute(p, true),
    unmuteParticipant: (p) => mute(p, false),
    getEndpoints: () => ok({ endpoints: copy(QUICK_CONNECTS), nextToken: null }),
    updateAgentConfiguration({ configuration: next = {} }) {
      for (const key of SETTINGS) {
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
    if (!find(contactId)) return noContact();
    later('remove', { contactId });
    return ok();
  }
  function legOp({ contactId, connectionId }, type) {
    const c = find(contactId);
    if (!c) return noContact();
    if (!legOf(c, connectionId)) return fail('InvalidStateException', 'no such connection');
    later('setLeg', { contactId, connectionId, type });
    return ok();
  }
  function mute({ contactId, connectionId }, muted) {
    const c = find(contactId);
    if (!c) return noContact();
    if (!legOf(c, connectionId)) return fail('InvalidStateException', 'no such connection');
    later('mute', { contactId, connectionId, muted });
    return ok();
  }

  // The backend's transitions, by name (see `later`). A contact that went away meanwhile is left
  // alone.
  const onContact = (f) => (args) => { const c = find(args.contactId); if (c) f(c, args); };
  const onLeg = (f) => onContact((c, args) => { const k = legOf(c, args.connectionId); if (k) f(c, k, args); });
  const STEPS = {
    push: () => push(),
    accept: onContact((c) => { setLeg(agentLeg(c), 'connected'); setContact(c, 'connected'); settleOverlay(); push(); }),
    reject: onContact((c) => {
      setContact(c, 'rejected');
      c.connections.forEach((k) => setLeg(k, 'disconnected'));
      push();
      later('remove', { contactId: c.contactId });
    }),
    remove: onContact((c) => removeContact(c)),
    addContact: ({ contact }) => { model.contacts.push(contact); settleOverlay(); push(); },
    destroyConnection: onLeg((c, leg) => {
      const others = c.connections.filter((k) => k.type !== 'agent' && k.state.type !== 'disconnected');
      if (leg.type === 'agent' || others.length <= 1) endContact(c);
      else { c.connections = c.connections.filter((k) => k !== leg); push(); }
    }),
    setLeg: onLeg((c, leg, { type }) => { setLeg(leg, type); push(); }),
    mute: onLeg((c, leg, { muted }) => { leg.mute = muted; push(); }),
    toggle: onContact((c) => {
      c.connections.filter((k) => k.type !== 'agent').forEach((k) => {
        if (k.state.type === 'hold') setLeg(k, 'connected');
        else if (k.state.type === 'connected') setLeg(k, 'hold');
      });
      push();
    }),
    conference: onContact((c) => { c.connections.forEach((k) => { if (k.state.type === 'hold') setLeg(k, 'connected'); }); push(); }),
    addConnection: onContact((c, { connection }) => {
      c.connections.forEach((k) => { if (k.type !== 'agent' && k.state.type === 'connected') setLeg(k, 'hold'); });
      c.connections.push({ ...connection, state: stamp('connected') });
      push();
    }),
    customerAnswers: onContact((c) => { setLeg(customerLeg(c), 'connected'); setLeg(agentLeg(c), 'connected'); setContact(c, 'connected'); settleOverlay(); push(); }),
    customerHangsUp: onContact((c, { ringing }) => (ringing ? removeContact(c) : endContact(c))),
  };

  // Choosing a state while in after-call work or a missed-call error clears those contacts.
  function applyChosenState(target) {
    model.chosen = target;
    model.chosenSince = new Date();
    model.nextState = null;
    model.contacts = model.contacts.filter((c) => !['ended', 'missed', 'rejected', 'error'].includes(c.state.type));
    settleOverlay();
  }

  function handleApi(portId, request) {
    const call = { method: request.method, params: copy(request.params || {}), t: Date.now(), portId };
    apiCalls.push(call);
    saveCall(call);
    toAll({ type: 'apiCall', call });
    const handler = handlers[request.method];
    const result = handler ? handler(request.params || {}) : fail('ValueError', `No such method exists on AWS client: ${request.method}`);
    send(portId, wire('api_response', { event: 'api_response', requestId: request.requestId, data: result.data, err: result.err }));
    changed();
  }

  // Streams' master election, kept per topic for the whole browser: becomeMaster takes the topic
  // (a take-over is announced to every frame), checkMaster makes the first asker master unless
  // told not to. A closed frame gives up its topics.
  function handleMaster(portId, request) {
    const topic = request.params && request.params.topic;
    const answer = (data) => wire('master_response', { event: 'master_response', requestId: request.requestId, data, err: null });
    if (request.method === 'becomeMaster') {
      const takeOver = Boolean(masters[topic]) && masters[topic] !== portId;
      masters[topic] = portId;
      const response = answer({ masterId: portId, takeOver, topic });
      if (takeOver) toAll(response);
      send(portId, response);
    } else if (request.method === 'checkMaster') {
      if (!masters[topic] && !(request.params && request.params.shouldNotBecomeMasterIfNone)) masters[topic] = portId;
      const masterId = masters[topic] || null;
      send(portId, answer({ masterId, isMaster: masterId === portId, topic }));
    }
  }

  // What a frame relays from its page (it answers synchronize, configure and media itself).
  function fromPage(portId, event, data) {
    switch (event) {
      case 'api_request': handleApi(portId, data); break;
      case 'master_request': handleMaster(portId, data); break;
      case 'broadcast':
        toAll(wire(data.event, data.data));
        if (data.event === 'mute' && data.data && typeof data.data.mute === 'boolean') toAll(wire('agent::mute_toggle', { muted: data.data.mute }));
        break;
      case 'reload_agent_configuration': later('push'); break;
      case 'terminate': commands.terminate(); break;
      // Streams' page-side WebSocket manager: subscribeTopics(['aws/chat', …]).
      case 'webSocket::subscribe':
        if (Array.isArray(data)) data.filter((t) => typeof t === 'string').forEach((t) => topics.add(t));
        break;
      default: break;
    }
  }

  // An item on the agent's websocket, as Connect sends a contact's chat items and task events:
  // the worker relays it to every page as webSocket::all_message, its JSON as text. Connect
  // sends a topic only once it was subscribed to: false when no page asked for it.
  const TASK_EVENTS = ['transfer.initiated', 'transfer.succeeded', 'transfer.failed', 'expire.warning', 'expire.complete'];
  function websocketItem(topic, c, fields) {
    if (!topics.has(topic)) return false;
    const item = { AbsoluteTime: new Date().toISOString(), Id: uuid(), ...fields, ContactId: c.contactId, InitialContactId: c.initialContactId };
    toAll(wire('webSocket::all_message', { topic, contentType: 'application/json', content: JSON.stringify(item) }));
    return true;
  }

  // ------------------------------------------------------------- commands
  // The shared half of `window.ccpEmu` (each frame keeps its own link: setUp, configured) and
  // the control panel's commands.
  const commands = {
    // Sign-out: Connect's worker answers `terminate` with `terminated` to every port, so every
    // tab's CCP goes down; each Streams page then replaces its frame, and the new ones join.
    terminate() { toAll(wire('terminated')); return true; },
    setAgentState(name) {
      const target = stateByName(name);
      if (!target) throw new Error(`unknown agent state ${name}`);
      applyChosenState(target);
      push();
      return commands.agentState();
    },
    agentState: () => ({ name: effectiveState().name, type: effectiveState().type, chosen: model.chosen.name, next: model.nextState && model.nextState.name }),
    inbound(options = {}) {
      const c = newContact({
        channel: options.channel || 'voice',
        phone: options.phone ?? ((options.channel || 'voice') === 'voice' || options.channel === 'queue_callback' ? '+14155550142' : null),
        name: options.name || null, email: options.email || null, description: options.description || null,
        attributes: options.attributes,
        queueName: options.queue || 'BasicQueue',
        transferredFrom: options.transferredFrom || null,
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
      later('customerAnswers', { contactId: c.contactId });
      return true;
    },
    // On a call: the contact ends and the agent goes to after-call work. While an inbound
    // contact still rings (the customer abandons), Connect simply takes it away.
    customerHangsUp(id) {
      const c = target(id);
      if (!c) return false;
      const ringing = ['connecting', 'incoming'].includes(c.state.type) && c.initiationMethod !== 'outbound';
      later('customerHangsUp', { contactId: c.contactId, ringing });
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
    // The agent brings a contact into view in the CCP (its contact tabs): every page hears
    // `contact::view`, as a broadcast, each time.
    view(id) {
      const c = target(id);
      if (!c) return false;
      toAll(wire('contact::view', { contactId: c.contactId }));
      return true;
    },
    // A chat item: a message of the customer by default; role AGENT is the agent's own.
    chatMessage(id, { text = '', role = 'CUSTOMER', type = 'MESSAGE', contentType = 'text/plain' } = {}) {
      const c = target(id);
      if (!c || c.type !== 'chat') throw new Error('no such chat contact');
      const name = role === 'AGENT' ? configuration.name : customerLeg(c).endpoint.name || 'Customer';
      return websocketItem('aws/chat', c, {
        Type: type, ContentType: contentType, Content: text, ParticipantRole: role,
        ParticipantId: `${role.toLowerCase()}-${c.contactId}`, DisplayName: name,
      });
    },
    // A task event (TaskJS's content types): transfer.initiated|succeeded|failed, expire.warning|complete.
    taskEvent(id, kind) {
      const c = target(id);
      if (!c || c.type !== 'task') throw new Error('no such task contact');
      if (!TASK_EVENTS.includes(kind)) throw new Error(`unknown task event ${kind}`);
      return websocketItem('aws/task', c, { Type: 'EVENT', ContentType: `application/vnd.amazonaws.connect.event.${kind}` });
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
  };
  const FRAME_COMMANDS = new Set(['terminate', 'setAgentState', 'agentState', 'inbound', 'accept', 'reject', 'clear',
    'agentHangsUp', 'customerAnswers', 'customerHangsUp', 'miss', 'view', 'chatMessage', 'taskEvent', 'dial', 'contacts', 'waitIdle']);

  // Runs a command; the state goes out before the reply, so the caller's mirror is current
  // when its promise resolves.
  function run(portId, { id, cmd, args = [] }) {
    let result;
    try {
      if (!FRAME_COMMANDS.has(cmd)) throw new Error(`unknown command ${cmd}`);
      result = commands[cmd](...args);
    } catch (error) {
      send(portId, { type: 'reply', id, error: String((error && error.message) || error) });
      return;
    }
    Promise.resolve(result).then((value) => {
      changed();
      send(portId, { type: 'reply', id, result: value ?? null });
    });
  }

  // ----------------------------------------------------------- frame links
  function hello(port, options = {}) {
    if (!started) {
      started = true;
      STEP_MS = Number(options.step || 60);
    }
    if (!model) model = newModel(options.state);
    const portId = `port-${uuid()}`;
    ports.set(portId, { port, up: false, terminated: false });
    port.postMessage({ type: 'welcome', portId, state: sharedState(), apiCalls });
    return portId;
  }

  // A frame's own link to its page went up or down. Up: its page gets the count and the agent.
  function link(portId, { up, terminated }) {
    const p = ports.get(portId);
    const wasUp = p.up;
    p.up = Boolean(up);
    p.terminated = Boolean(terminated);
    if (p.up !== wasUp) connectedCcps();
    if (p.up && !wasUp) send(portId, wire('agent::update', agentData()));
    changed();
  }

  function close(portId) {
    ports.delete(portId);
    for (const [topic, id] of Object.entries(masters)) if (id === portId) delete masters[topic];
    connectedCcps();
    changed();
  }

  self.onconnect = (event) => {
    const port = event.ports[0];
    let portId = null;
    // Nothing is answered before the stored agent is read back; messages keep their order.
    port.onmessage = ({ data: message }) => booted.then(() => {
      if (!message) return;
      if (message.type === 'hello') { portId = hello(port, message.options); return; }
      if (!portId || !ports.has(portId)) return;
      switch (message.type) {
        case 'wire': fromPage(portId, message.event, message.data); break;
        case 'call': run(portId, message); break;
        case 'link': link(portId, message); break;
        case 'close': close(portId); portId = null; break;
        default: break;
      }
    });
  };

  // ------------------------------------------------------------ durability
  // Connect keeps the agent on its servers: reloading the only tab mid-call finds the same state
  // and the same live contact. The emulator's stand-in is IndexedDB on its origin, which the
  // browser keeps per context (and, like the worker, per top-level site). The durable part of the
  // model (chosen and system state, next state, contacts with their own timestamps, the steps in
  // flight, the agent's settings) is written on every change and read back when a worker starts;
  // the API call log is appended to. Timestamps stay as they were: the time spent without a
  // worker counts, as it does on Connect's side. A record older than RESUME_MS (a worker beats
  // every HEARTBEAT_MS) is dropped, so a browser profile does not bring back yesterday's calls.
  const DB_NAME = 'ccp-emulator';
  const RECORD_VERSION = 1;
  const RESUME_MS = 10 * 60 * 1000;
  const HEARTBEAT_MS = 30 * 1000;
  let db = null;
  let saveQueued = false;

  function openDb() {
    return new Promise((resolve) => {
      let request;
      try { request = indexedDB.open(DB_NAME, 1); } catch { resolve(null); return; }
      request.onupgradeneeded = () => {
        request.result.createObjectStore('agent');
        request.result.createObjectStore('calls', { autoIncrement: true });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    });
  }

  function readStored() {
    return new Promise((resolve) => {
      const tx = db.transaction(['agent', 'calls']);
      const record = tx.objectStore('agent').get('agent');
      const calls = tx.objectStore('calls').getAll();
      tx.oncomplete = () => resolve({ record: record.result, calls: calls.result });
      tx.onabort = () => resolve({ record: null, calls: [] });
    });
  }

  // Without storage (a browser that refuses it) the worker runs as before, from the seed.
  async function boot() {
    db = await openDb();
    if (!db) return;
    const { record, calls } = await readStored();
    const fresh = record && record.version === RECORD_VERSION && Date.now() - record.savedAt < RESUME_MS;
    if (fresh) {
      restore(record, calls);
    } else {
      const tx = db.transaction(['agent', 'calls'], 'readwrite');
      tx.objectStore('agent').clear();
      tx.objectStore('calls').clear();
    }
    setInterval(save, HEARTBEAT_MS);
  }

  function restore({ agent, settings }, calls) {
    model = {
      chosen: stateByName(agent.chosen) || stateByName('Offline'), chosenSince: agent.chosenSince,
      overlay: agent.overlay, nextState: agent.nextState, contacts: agent.contacts, pending: [],
    };
    for (const key of SETTINGS) if (settings[key] !== undefined) configuration[key] = settings[key];
    apiCalls.push(...calls);
    // Steps that were due while no worker ran are done now, in their order.
    [...agent.pending].sort((a, b) => a.due - b.due).forEach((step) => { model.pending.push(step); arm(step); });
  }

  // One write per turn, however many changes it made. IndexedDB copies the value at put().
  function save() {
    if (!db || !model || saveQueued) return;
    saveQueued = true;
    queueMicrotask(() => {
      saveQueued = false;
      const { chosen, chosenSince, overlay, nextState, contacts, pending } = model;
      const record = {
        version: RECORD_VERSION, savedAt: Date.now(),
        agent: { chosen: chosen.name, chosenSince, overlay, nextState, contacts, pending },
        settings: Object.fromEntries(SETTINGS.map((key) => [key, configuration[key]])),
      };
      try { db.transaction('agent', 'readwrite').objectStore('agent').put(record, 'agent'); } catch { /* closing */ }
    });
  }

  function saveCall(call) {
    if (!db) return;
    try { db.transaction('calls', 'readwrite').objectStore('calls').add(call); } catch { /* closing */ }
  }

  const booted = boot().catch(() => {});

  // ------------------------------------------------ control channel (people)
  // The panel's commands act once on the shared agent; setUp takes every frame down or up.
  const channel = new BroadcastChannel('ccp-emulator');
  const PANEL_COMMANDS = new Set(['setUp', 'terminate', 'setAgentState', 'inbound', 'accept', 'reject', 'clear', 'agentHangsUp',
    'customerAnswers', 'customerHangsUp', 'miss', 'chatMessage', 'taskEvent', 'dial', 'contacts', 'snapshot']);
  channel.onmessage = (event) => {
    const { cmd, args = [], replyId } = event.data || {};
    if (!PANEL_COMMANDS.has(cmd) || !model) return;
    try {
      let result;
      if (cmd === 'setUp') {
        toAll({ type: 'control', cmd: 'setUp', args: [Boolean(args[0])] });
        result = Boolean(args[0]);
      } else if (cmd === 'snapshot') {
        result = panelSnapshot();
      } else {
        result = commands[cmd](...args);
      }
      channel.postMessage({ replyId, result: result ?? null });
    } catch (error) {
      channel.postMessage({ replyId, error: String((error && error.message) || error) });
    }
  };
})();
