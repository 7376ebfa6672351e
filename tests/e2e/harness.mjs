// Playwright harness for the end-to-end suite: starts the playground server on ephemeral
// loopback ports, launches Debian Chromium, and gives tests one page object per screen.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../../playground/server.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Playwright turns Chromium's third-party storage partitioning off; Chrome ships with it on.
// Without it a third-party frame under blocked third-party cookies (every Playwright context)
// gets no storage and no SharedWorker, and the CCP emulator's frames, like the real CCP's, share
// their agent through a SharedWorker. Chromium keeps only the last --disable-features, so this
// repeats playwright-core 1.65's list without ThirdPartyStoragePartitioning.
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin', 'OptimizationHints',
  'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
];

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export async function startServer() {
  return start({ hostPort: 0, ccpPort: 0, appPort: 0, dist: path.join(root, 'dist'), quiet: true });
}

// Polls `probe` until it returns a truthy value; fails with `what` after `timeout` ms.
export async function until(probe, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

// One playground session: the host page, the softphone frame, the CCP emulator frame.
export class Playground {
  constructor(page, server) {
    this.page = page;
    this.server = server;
    this.consoleErrors = [];
    this.sharedContext = false;
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(`${message.location().url}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`pageerror: ${error.message}`));
  }

  static async open(browser, server, query = '') {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const playground = new Playground(page, server);
    await page.goto(server.hostUrl + query);
    return playground;
  }

  // `n` sessions as tabs of one browser context, like Salesforce open in several tabs: their CCP
  // frames share the emulator's one shared worker, so one agent. Each `close()` closes its tab;
  // the last one closes the context.
  static async openMany(browser, server, n, query = '') {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const playgrounds = [];
    for (let i = 0; i < n; i++) {
      const playground = new Playground(await context.newPage(), server);
      playground.sharedContext = true;
      await playground.page.goto(server.hostUrl + query);
      playgrounds.push(playground);
    }
    return playgrounds;
  }

  softphone() {
    return this.page.frames().find((f) => new URL(f.url()).pathname.startsWith('/app/'));
  }

  // The CTI attributes editor page (the Visualforce tab "CTI Attributes"), once opened.
  editor() {
    return this.page.frames().find((f) => new URL(f.url()).pathname.startsWith('/editor/'));
  }

  // The newest CCP emulator frame (Streams replaces the iframe after a sign-out).
  ccp() {
    const frames = this.page.frames().filter((f) => {
      const url = f.url();
      return url.startsWith(this.server.ccpOrigin) && new URL(url).pathname.replace(/\/index\.html$/, '/') === '/ccp-v2/';
    });
    return frames[frames.length - 1];
  }

  async host(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  async ccpEval(fn, arg) {
    const frame = await until(() => this.ccp(), 'the CCP emulator frame');
    return frame.evaluate(fn, arg);
  }

  // The status line as a person reads it: the status text, then the agent state picker's value.
  async status() {
    const frame = this.softphone();
    if (!frame) return '';
    return frame.evaluate(() => {
      const text = document.querySelector('[data-testid=status]')?.textContent || '';
      const picker = document.querySelector('[data-testid=agent-state]');
      return picker ? `${text} · ${picker.value}` : text;
    }).catch(() => '');
  }

  async waitForStatus(pattern, timeout = 15000) {
    return until(async () => pattern.test(await this.status()), `status ${pattern}`, timeout);
  }

  async ready() {
    await this.waitForStatus(/^Signed in/);
    await until(() => this.calls('enableClickToDial').then((c) => c.length > 0), 'enableClickToDial');
  }

  // Open CTI calls the host emulator answered, optionally of one method.
  async calls(method) {
    const calls = await this.host(() => window.hostEmu.calls.map((c) => ({ method: c.method, args: c.args, response: c.response })));
    return method ? calls.filter((c) => c.method === method) : calls;
  }

  async ccpApiCalls(method) {
    const calls = await this.ccpEval(() => window.ccpEmu.apiCalls.map((c) => ({ method: c.method, params: c.params })));
    return method ? calls.filter((c) => c.method === method) : calls;
  }

  // Sign-out requests the CCP origin received (`/connect/logout`): `[{t, method, path}]`.
  ccpLogouts() {
    return this.server.logouts();
  }

  async notices() {
    const frame = this.softphone();
    return frame.locator('[data-testid=notice]').allTextContents();
  }

  async close() {
    const context = this.page.context();
    // The session watcher (a window the softphone opens for session end) is not a session.
    const sessions = context.pages().filter((p) => !p.url().includes('#session-watcher'));
    if (this.sharedContext && sessions.length > 1) await this.page.close();
    else await context.close();
  }

  // Puts `config` in the host emulator and reloads the softphone without its session copy (so it
  // asks Salesforce again), until it has signed in once more.
  async reloadWithConfig(config) {
    const enabled = (await this.calls('enableClickToDial')).length;
    await until(() => this.softphone().evaluate(() => sessionStorage.getItem('ctisoftphone:config:text') !== null), 'the session copy');
    await this.softphone().evaluate(() => sessionStorage.clear());
    await this.host((c) => {
      window.hostEmu.setConfig(c);
      window.hostEmu.reloadSoftphone();
    }, config);
    await until(async () => (await this.calls('enableClickToDial')).length > enabled, 'the reloaded softphone to sign in', 20000);
    await this.waitForStatus(/^Signed in/);
  }

  // The session watcher window the softphone opened, once it has loaded.
  async watcher(timeout = 15000) {
    const context = this.page.context();
    const page = await until(() => context.pages().find((p) => p.url().includes('#session-watcher')), 'the session watcher window', timeout);
    await page.locator('[data-testid=watcher-status]').waitFor({ timeout });
    return page;
  }
}

// One test file's shared set-up: the playground server and Chromium for the file, and after each
// test every page it opened is closed, with no console error allowed anywhere (unless
// `consoleErrors: false`, for tests that provoke them on purpose).
export function useSuite({ consoleErrors = true } = {}) {
  const suite = {
    server: null,
    browser: null,
    opened: [],
    async open(query = '') {
      const playground = await Playground.open(suite.browser, suite.server, query);
      suite.opened.push(playground);
      return playground;
    },
    // A playground whose softphone has signed in and enabled click-to-dial.
    async openReady(query = '') {
      const playground = await suite.open(query);
      await playground.ready();
      return playground;
    },
    async openMany(n, query = '') {
      const playgrounds = await Playground.openMany(suite.browser, suite.server, n, query);
      suite.opened.push(...playgrounds);
      return playgrounds;
    },
  };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  afterEach(async () => {
    const opened = suite.opened.splice(0);
    const errors = opened.flatMap((playground) => playground.consoleErrors);
    // A test may have closed some itself.
    for (const playground of opened) await playground.close().catch(() => {});
    if (consoleErrors) assert.deepEqual(errors, [], 'no console errors anywhere');
  });
  return suite;
}
