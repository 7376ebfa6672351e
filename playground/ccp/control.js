// Control panel for the CCP emulator: talks to its shared worker (the one agent of every CCP frame) over
// BroadcastChannel('ccp-emulator'), the same commands `window.ccpEmu` offers to tests.
(function () {
  'use strict';
  const channel = new BroadcastChannel('ccp-emulator');
  const $ = (id) => document.getElementById(id);
  let nextId = 1;
  let latest = null;
  const waiting = new Map();

  function send(cmd, ...args) {
    const replyId = `c${nextId++}`;
    channel.postMessage({ cmd, args, replyId });
    return new Promise((resolve) => {
      const timer = setTimeout(() => { waiting.delete(replyId); resolve({ error: 'the CCP emulator did not answer (is the softphone open?)' }); }, 2000);
      waiting.set(replyId, (reply) => { clearTimeout(timer); resolve(reply); });
    });
  }

  function show(reply, what) {
    // false: the command did nothing (for a websocket item: no page subscribed to its topic).
    $('result').textContent = reply.error ? `${what}: ${reply.error}` : reply.result === false ? `${what}: nothing happened` : `${what}: ok`;
  }

  channel.onmessage = (event) => {
    const message = event.data || {};
    if (message.replyId && waiting.has(message.replyId)) {
      waiting.get(message.replyId)(message);
      waiting.delete(message.replyId);
    } else if (message.type === 'state') {
      render(message.snapshot);
    }
  };

  function render(snapshot) {
    latest = snapshot;
    $('link').textContent = snapshot.up ? 'CCP connected to the softphone'
      : snapshot.terminated ? 'CCP signed out (terminated); Streams reloads it in a few seconds'
        : 'CCP is down (no acknowledgements)';
    $('toggle-up').textContent = snapshot.up ? 'Take CCP down' : 'Bring CCP up';
    $('agent').textContent = `${snapshot.agent.name} (${snapshot.agent.type})${snapshot.agent.next ? ` → next ${snapshot.agent.next}` : ''}`;
    $('contacts').replaceChildren(...snapshot.contacts.map((c) => {
      const item = document.createElement('li');
      item.textContent = `${c.channel} ${c.phone || c.name || ''} · ${c.state}`;
      return item;
    }));
    if (!snapshot.contacts.length) {
      const item = document.createElement('li');
      item.textContent = 'none';
      $('contacts').replaceChildren(item);
    }
  }

  function attributes() {
    const result = {};
    for (const line of $('attributes').value.split('\n')) {
      const at = line.indexOf('=');
      if (at > 0) result[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    const record = $('record').value.trim();
    if (record) result['acsf-screenpop-record'] = record;
    return result;
  }

  $('inbound').addEventListener('click', async () => {
    const channelName = $('channel').value;
    const options = {
      channel: channelName,
      phone: $('phone').value.trim() || null,
      name: $('name').value.trim() || null,
      email: $('email').value.trim() || null,
      attributes: attributes(),
    };
    if (channelName === 'chat' || channelName === 'task') options.phone = null;
    show(await send('inbound', options), `inbound ${channelName}`);
  });
  for (const b of document.querySelectorAll('[data-cmd]')) {
    b.addEventListener('click', async () => show(await send(b.dataset.cmd), b.textContent));
  }
  const writes = (role) => async () => show(await send('chatMessage', null, { text: $('chat-text').value, role }), `${role.toLowerCase()} writes`);
  $('customer-writes').addEventListener('click', writes('CUSTOMER'));
  $('agent-writes').addEventListener('click', writes('AGENT'));
  $('task-event-send').addEventListener('click', async () => show(await send('taskEvent', null, $('task-event').value), 'task event'));
  $('toggle-up').addEventListener('click', async () => {
    const up = !(latest && latest.up);
    show(await send('setUp', up), up ? 'CCP up' : 'CCP down');
  });
  // Ask for a first snapshot; afterwards the CCP frame broadcasts every change.
  send('snapshot').then((reply) => { if (reply.result) render(reply.result); });
})();
