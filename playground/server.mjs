// The playground server: three origins laid out like production, where Lightning
// (*.lightning.force.com) and Visualforce (*.vf.force.com) are cross-origin but same-site, and the
// Connect CCP is another site (so the browser isolates it and every postMessage is cross-origin):
//   host 127.0.0.1:8710: the Lightning host emulator (/);
//   app  127.0.0.1:8712: the built softphone (/app/, with the Open CTI bridge injected), the CTI
//                        attributes editor page (/editor/, with Visualforce remoting injected) and
//                        a bare Streams page for the benchmark (/bench/bare.html);
//   CCP  127.0.0.2:8711: the CCP emulator (/ccp-v2/) and its control panel (/ccp-v2/control).
// Development and test asset only: nothing here ships to Salesforce.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

// Serves `relative` from `base`, refusing anything that resolves outside it.
function serveFile(res, base, relative, transform) {
  if (relative.includes('\0')) return send(res, 400, 'bad request');
  const file = path.resolve(base, '.' + path.posix.normalize('/' + relative));
  if (!file.startsWith(path.resolve(base) + path.sep) && file !== path.resolve(base)) return send(res, 403, 'forbidden');
  fs.readFile(file, (error, data) => {
    if (error) return send(res, 404, 'not found');
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    send(res, 200, transform ? transform(data.toString('utf8')) : data, type);
  });
}

// Runs a route table on the decoded path; a malformed %-escape is the client's error, and any
// other throw answers 500 instead of taking the server down.
const handler = (route) => (req, res) => {
  let url;
  let p;
  try {
    url = new URL(req.url, 'http://localhost');
    p = decodeURIComponent(url.pathname);
  } catch {
    return send(res, 400, 'bad request');
  }
  try {
    route(req, res, url, p);
  } catch (error) {
    if (!res.headersSent) send(res, 500, `playground error: ${error && error.message}`);
  }
};

const HOST_ADDRESS = '127.0.0.1';
const CONFIG_FIXTURE = path.join(root, 'visualforce/force-app/main/default/staticresources/CtiAdapterConfigFixture.json');
const CCP_ADDRESS = '127.0.0.2';

const escapeAttribute = (text) => String(text).replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]);

// Port 0 asks for an ephemeral port; the app port follows the host port's choice unless given.
export async function start({ hostPort = 8710, ccpPort = 8711, appPort = hostPort === 0 ? 0 : 8712, dist = path.join(root, 'dist'), quiet = false } = {}) {
  dist = path.resolve(dist);
  const env = {};
  // Sign-out requests the CCP origin received (Connect's /connect/logout), oldest first.
  const logouts = [];
  const hostServer = http.createServer(handler((req, res, url, p) => {
    if (p === '/favicon.ico') return send(res, 204, '');
    if (p === '/' || p === '/index.html') return serveFile(res, path.join(here, 'host'), 'index.html');
    if (p.startsWith('/host/')) return serveFile(res, path.join(here, 'host'), p.slice('/host/'.length));
    if (p === '/emu/env.js') return send(res, 200, `window.__PLAYGROUND_ENV = ${JSON.stringify(env)};\n`, TYPES['.js']);
    if (p === '/emu/sforce-bridge.js') return serveFile(res, path.join(here, 'host'), 'sforce-bridge.js');
    if (p === '/emu/remoting-bridge.js') return serveFile(res, path.join(here, 'host'), 'remoting-bridge.js');
    // The contract fixture: what the CtiAdapterConfig Apex class answers (host page only).
    if (p === '/contract/CtiAdapterConfigFixture.json') return serveFile(res, path.dirname(CONFIG_FIXTURE), path.basename(CONFIG_FIXTURE));
    if (p === '/emu/config-fixture.js') {
      return fs.readFile(CONFIG_FIXTURE, 'utf8', (error, text) => (error
        ? send(res, 500, `playground error: ${error.message}`)
        : send(res, 200, `window.__PLAYGROUND_CONFIG_FIXTURE = ${JSON.stringify(text)};\n`, TYPES['.js'])));
    }
    if (p.startsWith('/bench/')) return serveFile(res, path.join(here, 'bench'), p.slice('/bench/'.length));
    if (p === '/editor') { res.writeHead(302, { location: '/editor/' }); return res.end(); }
    if (p.startsWith('/editor/')) {
      // The CTI attributes editor (dist/editor/), as its Visualforce page serves it: with
      // Salesforce's remoting script, played by the bridge.
      const editorDist = path.join(dist, 'editor');
      const rest = p.slice('/editor/'.length) || 'index.html';
      if (rest !== 'index.html') return serveFile(res, editorDist, rest);
      if (!fs.existsSync(path.join(editorDist, 'index.html'))) {
        return send(res, 503, '<!doctype html><meta charset="utf-8"><title>Editor not built</title>'
          + '<p>The CTI attributes editor is not built yet: run <code>bash scripts/play.sh</code> (or <code>trunk build --release</code>) first, then reload.</p>',
        TYPES['.html']);
      }
      const inject = '<script src="/emu/env.js"></script><script src="/emu/remoting-bridge.js"></script>';
      return serveFile(res, editorDist, 'index.html', (html) => html.replace(/<head(\s[^>]*)?>/i, (tag) => tag + inject));
    }
    if (p === '/app' ) { res.writeHead(302, { location: '/app/' }); return res.end(); }
    if (p.startsWith('/app/')) {
      const rest = p.slice('/app/'.length) || 'index.html';
      if (rest === 'index.html') {
        if (!fs.existsSync(path.join(dist, 'index.html'))) {
          return send(res, 503, '<!doctype html><meta charset="utf-8"><title>Softphone not built</title>'
            + '<p>The softphone is not built yet: run <code>bash scripts/play.sh</code> (or <code>trunk build --release</code>) first, then reload.</p>',
          TYPES['.html']);
        }
        // The bridge plays opencti_min.js and integration.js (Omni-Channel presence); each can be
        // left out, so the softphone can be tried without it.
        const apis = [['opencti', 'emu-no-opencti'], ['presence', 'emu-no-presence']]
          .filter(([, off]) => url.searchParams.get(off) !== '1').map(([api]) => api);
        // What the Visualforce page renders server-side: the CCP address of its call center, so
        // the softphone starts the CCP without waiting for Open CTI.
        const withBoot = url.searchParams.get('emu-no-boot') !== '1';
        // The emulated instance's region is the one the contract fixture names (us-east-1).
        const boot = `<meta name="ctisoftphone-ccp-url" content="${escapeAttribute(env.ccpUrl)}">`
          + '<meta name="ctisoftphone-region" content="us-east-1">';
        const inject = (withBoot ? boot : '')
          + '<script src="/emu/env.js"></script>'
          + (apis.length ? `<script src="/emu/sforce-bridge.js" data-apis="${apis.join(' ')}"></script>` : '');
        // Tests count Content Security Policy violations (report-only: nothing is blocked, every
        // inline script, style, image or frame a payload could smuggle in is reported).
        if (url.searchParams.get('emu-csp') === 'report') {
          res.setHeader('Content-Security-Policy-Report-Only', [
            "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
            "img-src 'self'", "font-src 'self'", "connect-src 'self'", `frame-src ${env.ccpOrigin || "'self'"}`,
            "object-src 'none'", "base-uri 'none'", "form-action 'none'",
          ].join('; '));
        }
        // Right after the opening <head …> tag (not <header>), so they run before the app.
        return serveFile(res, dist, 'index.html', (html) => html.replace(/<head(\s[^>]*)?>/i, (tag) => tag + inject));
      }
      return serveFile(res, dist, rest);
    }
    send(res, 404, 'not found');
  }));
  const ccpServer = http.createServer(handler((req, res, url, p) => {
    if (p === '/favicon.ico') return send(res, 204, '');
    if (p === '/ccp-v2' ) { res.writeHead(302, { location: '/ccp-v2/' + url.search }); return res.end(); }
    if (p === '/ccp-v2/' || p === '/ccp-v2/index.html') return serveFile(res, path.join(here, 'ccp'), 'ccp.html');
    if (p === '/ccp-v2/control') return serveFile(res, path.join(here, 'ccp'), 'control.html');
    if (p.startsWith('/ccp-v2/')) return serveFile(res, path.join(here, 'ccp'), p.slice('/ccp-v2/'.length));
    // Connect's sign-out address, which a custom CCP fetches with the agent's cookies (Streams
    // documentation, "Logging out"; older pages name /connect/logout, newer ones /logout). It
    // ends the session on Connect's side and tells no CCP frame: the page itself then sends
    // `terminate` upstream. So the emulator only records it, and the agent is untouched.
    if (p === '/connect/logout' || p === '/logout') {
      logouts.push({ t: Date.now(), method: req.method, path: p });
      return send(res, 200, 'signed out');
    }
    // The same CCP started down (as ?up=0) at an address without a query, for configurations
    // (an instance address may not carry a query).
    if (p === '/down/ccp-v2/') return serveFile(res, path.join(here, 'ccp'), 'ccp.html');
    if (p.startsWith('/down/ccp-v2/')) return serveFile(res, path.join(here, 'ccp'), p.slice('/down/ccp-v2/'.length));
    send(res, 404, 'not found');
  }));
  const listen = (server, port, address) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve(server.address().port));
  });
  const realHost = await listen(hostServer, hostPort, HOST_ADDRESS);
  // The app origin shares the host's handler on its own port.
  const appServer = http.createServer(hostServer.listeners('request')[0]);
  let realApp;
  let realCcp;
  try {
    realApp = await listen(appServer, appPort, HOST_ADDRESS);
    realCcp = await listen(ccpServer, ccpPort, CCP_ADDRESS);
  } catch (error) {
    // One port taken: release the ones already bound before reporting it.
    for (const server of [hostServer, appServer]) if (server.listening) server.close();
    throw error;
  }
  env.hostOrigin = `http://${HOST_ADDRESS}:${realHost}`;
  env.appOrigin = `http://${HOST_ADDRESS}:${realApp}`;
  env.ccpOrigin = `http://${CCP_ADDRESS}:${realCcp}`;
  env.ccpUrl = `${env.ccpOrigin}/ccp-v2/`;
  if (!quiet) console.log(`Playground: ${env.hostOrigin}/  (softphone: ${env.appOrigin}/app/, CCP emulator: ${env.ccpUrl})`);
  return {
    hostUrl: `${env.hostOrigin}/`, hostOrigin: env.hostOrigin, appOrigin: env.appOrigin, appUrl: `${env.appOrigin}/app/`,
    ccpOrigin: env.ccpOrigin, ccpUrl: env.ccpUrl,
    logouts: () => logouts.map((l) => ({ ...l })),
    close: () => Promise.all([hostServer, appServer, ccpServer].map((s) => new Promise((r) => { s.closeAllConnections?.(); s.close(() => r()); }))),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const server = await start({
    hostPort: Number(option('--host-port', 8710)), ccpPort: Number(option('--ccp-port', 8711)),
    appPort: Number(option('--app-port', 8712)),
    dist: path.resolve(option('--dist', path.join(root, 'dist'))),
  });
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
