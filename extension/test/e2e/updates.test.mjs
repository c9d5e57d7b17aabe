// updates.test.mjs — rule updates end to end (issue 5): a real vigie-server
// (SQLite, temp data dir) behind a loopback proxy that counts bytes and can
// tamper with bundles, vigie-admin publishing, and the extension built with
// vigie-pack against that root and URL, in Debian Chromium. With
// VIGIE_TEST_WORKER=1 the same flow runs against the worker under
// `wrangler dev` (D1) instead of the native server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, EXTENSION, openFixture, stopWorkers, waitContract } from './harness.mjs';
import { startServer } from './server.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WORKER = process.env.VIGIE_TEST_WORKER === '1';
const FB = 'https://www.facebook.com/';
const MEMBER = 'VIG-123-456';
const MEMBER_RULE = {
  id: 'member-vig', type: 'NATIONAL_ID', locales: ['*'], anchor: 'digits',
  pattern: 'VIG-[0-9]{3}-[0-9]{3}', score: 0.9,
  explain: { fr: "Numéro d'adhérent fictif (test des mises à jour).", en: 'Fictitious membership number (update test).' },
  examples: {
    positive: [{ text: `adhérent ${MEMBER} merci`, match: MEMBER }, { text: 'n° VIG-654-321.', match: 'VIG-654-321' }],
    negative: ['VIG-12-456 trop court', 'rien ici 2026'],
  },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmp = mkdtempSync(join(tmpdir(), 'vigie-updates-'));
const bin = (name) => join(tmp, name);

function freePort() {
  return new Promise((res) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitHealthy(base, ms = 60000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
  }
  throw new Error(`${base} not healthy after ${ms} ms`);
}

/**
 * A proxy in front of the rules server: counts what each response puts on
 * the wire (status line + headers + body) and, when tamper is set, flips one
 * byte of every bundle it serves.
 */
function startProxy(target) {
  const log = [];
  const proxy = { tamper: false, log, port: 0 };
  const server = createServer((req, res) => {
    const tampering = proxy.tamper && req.url.startsWith('/v1/bundles/');
    // Tamper with the bundle bytes themselves, not with a compressed body.
    const headers = { ...req.headers, host: new URL(target).host, ...(tampering ? { 'accept-encoding': 'identity' } : {}) };
    const up = request(new URL(req.url, target), { method: req.method, headers }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        let body = Buffer.concat(chunks);
        if (tampering && body.length > 100) {
          body = Buffer.from(body);
          body[body.length - 10] ^= 0x01;
        }
        const headers = { ...r.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(r.statusCode, headers);
        res.end(body);
        const head = `HTTP/1.1 ${r.statusCode} ${r.statusMessage}\r\n` + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
        log.push({ path: req.url, status: r.statusCode, bytes: Buffer.byteLength(head) + body.length, reqHeaders: req.headers });
      });
    });
    up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(up);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => {
    proxy.port = server.address().port;
    proxy.close = () => new Promise((r) => server.close(r));
    res(proxy);
  }));
}

let ctx;

function admin(...args) {
  return execFileSync(bin('vigie-admin'), args, { env: { ...process.env, VIGIE_SERVER: ctx.base, VIGIE_ADMIN_TOKEN: ctx.token }, encoding: 'utf8' });
}

function startNative(data, port) {
  return spawn(bin('vigie-server'), ['-addr', `127.0.0.1:${port}`, '-data', data], { stdio: 'ignore' });
}

/** The Worker under wrangler dev (workerdev prints its URL when healthy). */
async function startWorker() {
  execFileSync('go', ['build', '-o', bin('workerdev'), './extension/test/e2e/workerdev'], { cwd: REPO });
  const proc = spawn(bin('workerdev'), ['-root-key', ctx.rootKey, '-token', ctx.token, '-persist', join(tmp, 'd1')],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((res, rej) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) res(out.trim());
    });
    proc.on('exit', (code) => rej(new Error(`workerdev exited ${code}`)));
  });
  return { proc, url };
}

before(async () => {
  execFileSync('go', ['build', '-o', bin('vigie-server'), './server/cmd/vigie-server'], { cwd: REPO });
  execFileSync('go', ['build', '-o', bin('vigie-admin'), './server/cmd/vigie-admin'], { cwd: REPO });
  const data = join(tmp, 'data');
  const port = await freePort();
  ctx = { base: `http://127.0.0.1:${port}`, token: '' };
  const out = admin('dev-init', '-data', data).trim().split('\n');
  ctx.rootKey = out[out.length - 1].trim();
  ctx.token = readFileSync(join(data, 'admin.token'), 'utf8').trim();
  if (WORKER) {
    const w = await startWorker();
    ctx.server = w.proc;
    ctx.base = w.url;
  } else {
    ctx.server = startNative(data, port);
  }
  await waitHealthy(ctx.base, 20000);
  admin('keys', 'push', join(data, 'keys.json'));
  ctx.releaseKey = join(data, 'release.key');
  admin('publish', '-default', '-channel', 'stable', '-key', ctx.releaseKey);

  ctx.proxy = await startProxy(ctx.base);
  // The extension, built against this root and the proxy's URL.
  const dist = join(tmp, 'dist');
  cpSync(join(EXTENSION, 'engine'), join(dist, 'extension', 'engine'), { recursive: true });
  execFileSync('go', ['run', './extension/cmd/vigie-pack', '-src', 'extension/src', '-dist', dist,
    '-root-key', ctx.rootKey, '-server', `http://127.0.0.1:${ctx.proxy.port}`, '-channel', 'stable'], { cwd: REPO, stdio: 'ignore' });
  const ext = join(dist, 'extension');
  assert.ok(existsSync(join(ext, 'background', 'config.js')));

  ctx.fixtures = await startServer();
  ctx.browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'vigie-profile-')), {
    executablePath: CHROMIUM, headless: true, ignoreDefaultArgs: ['--disable-extensions'], ignoreHTTPSErrors: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
      `--host-resolver-rules=MAP www.facebook.com 127.0.0.1:${ctx.fixtures.port}`, '--ignore-certificate-errors',
    ],
  });
  ctx.worker = ctx.browser.serviceWorkers()[0] ?? (await ctx.browser.waitForEvent('serviceworker'));
  ctx.id = new URL(ctx.worker.url()).host;
});

after(async () => {
  await ctx?.browser?.close();
  await ctx?.fixtures?.close();
  await ctx?.proxy?.close();
  ctx?.server?.kill('SIGINT');
});

/** The updater's stored state, read in the service worker. */
async function stored() {
  const w = ctx.browser.serviceWorkers()[0] ?? (await ctx.browser.waitForEvent('serviceworker'));
  return w.evaluate(async () => (await chrome.storage.local.get('vigie.update'))['vigie.update'] ?? null);
}

/** Waits for the cached snapshot of the bundle with this SHA-256. */
async function waitCached(sha256, ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    const w = ctx.browser.serviceWorkers()[0] ?? (await ctx.browser.waitForEvent('serviceworker'));
    const c = await w.evaluate(async () => (await chrome.storage.local.get('vigie.snapshot'))['vigie.snapshot'] ?? null);
    if (c?.sha256 === sha256) return c;
  }
  throw new Error(`no snapshot cached for ${sha256}`);
}

async function waitStored(pred, what, ms = 20000) {
  let s;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
    s = await stored();
    if (s && pred(s)) return s;
  }
  throw new Error(`never ${what}; last state ${JSON.stringify({ ...s, bundle: s?.bundle?.length })}`);
}

/** Clicks "Check now" in the options page and waits for that check to finish. */
async function checkNow() {
  const page = await ctx.browser.newPage();
  await page.goto(`chrome-extension://${ctx.id}/options/options.html`);
  await page.waitForFunction(() => document.getElementById('last-check').textContent !== '—');
  const before = (await stored())?.lastCheck?.at ?? 0;
  await page.click('#check-now');
  const s = await waitStored((x) => (x.lastCheck?.at ?? 0) > before, 'checked');
  const shown = await page.locator('#last-check').textContent();
  await page.close();
  return { state: s, shown };
}

/** The core's status as the popup gets it (PAGE_STATUS). */
async function coreStatus() {
  const page = await ctx.browser.newPage();
  await page.goto(`chrome-extension://${ctx.id}/popup/popup.html`);
  const { core } = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'page:status' }));
  await page.close();
  return core;
}

async function popup() {
  const page = await ctx.browser.newPage();
  await page.goto(`chrome-extension://${ctx.id}/popup/popup.html`);
  await page.waitForFunction(() => document.getElementById('rules-version').textContent !== '—');
  const out = {};
  for (const id of ['rules-version', 'rules-channel', 'rules-release', 'rules-date', 'last-check']) out[id] = await page.locator(`#${id}`).textContent();
  await page.close();
  return out;
}

async function typed(text) {
  const page = await openFixture(ctx.browser, FB);
  await page.click('#post-editor');
  await page.keyboard.type(text);
  const got = await waitContract(page, { state: text.includes(MEMBER) && ctx.expectMember ? 'warning' : 'clean' }, 8000);
  await page.close();
  return got;
}

function packRules(version) {
  const rules = join(tmp, `rules-${version}`);
  cpSync(join(REPO, 'wasm', 'rules'), rules, { recursive: true, filter: (s) => !s.endsWith('.go') });
  writeFileSync(join(rules, 'detectors', 'member-vig.json'), JSON.stringify(MEMBER_RULE, null, 2));
  const out = join(tmp, `bundle-${version}.json`);
  admin('pack', '-rules', rules, '-version', version, '-out', out);
  return out;
}

test('updates: publish, verify, apply, refuse, roll back, stage', async () => {
  // v1 (the default bundle) arrives through the install-time check.
  const s1 = await waitStored((s) => s.version === 1, 'applied v1');
  assert.equal(s1.lastCheck.result, 'applied');
  const p1 = await popup();
  assert.match(p1['rules-version'], /\(v1\)$/);
  assert.equal(p1['rules-channel'], 'stable');
  assert.equal(p1['rules-release'], s1.release.releaseId);
  ctx.expectMember = false;
  await typed(`Mon adhérent ${MEMBER} clean-v1`);

  // v2 adds the membership-number rule; "Check now" applies it.
  const b2 = packRules('e2e-v2');
  const t0 = performance.now();
  admin('publish', '-bundle', b2, '-channel', 'stable', '-key', ctx.releaseKey);
  const c2 = await checkNow();
  const publishToApplied = performance.now() - t0;
  assert.equal(c2.state.version, 2, JSON.stringify(c2.state.lastCheck));
  assert.equal(c2.state.lastCheck.result, 'applied');
  const poll200 = ctx.proxy.log.filter((l) => l.path.endsWith('/latest') && l.status === 200).at(-1);
  const keys200 = ctx.proxy.log.filter((l) => l.path === '/v1/keys').at(-1);
  const bundle200 = ctx.proxy.log.filter((l) => l.path.startsWith('/v1/bundles/')).at(-1);
  ctx.expectMember = true;
  const warned = await typed(`Mon adhérent ${MEMBER}`);
  assert.equal(warned.types, 'NATIONAL_ID');

  // The core's snapshot of v2 is cached beside it, and a restarted worker
  // (idle kill) loads v2 again: from the snapshot.
  const cached = await waitCached(c2.state.release.sha256);
  assert.ok(cached.data.length > 1000);
  const page = await openFixture(ctx.browser, FB);
  await stopWorkers(page);
  await page.close();
  const restarted = await typed(`Après redémarrage ${MEMBER}`);
  assert.equal(restarted.types, 'NATIONAL_ID');
  assert.equal((await coreStatus()).rules.fromSnapshot, true);

  // Nothing new: a 304.
  const c304 = await checkNow();
  assert.equal(c304.state.lastCheck.result, 'not_modified');
  const poll304 = ctx.proxy.log.filter((l) => l.path.endsWith('/latest')).at(-1);
  assert.equal(poll304.status, 304);
  assert.ok(poll304.reqHeaders['if-none-match'], 'If-None-Match sent');

  // Privacy of every request: no cookie, no credentials, no query, no id.
  for (const l of ctx.proxy.log) {
    assert.ok(!l.path.includes('?'), `query in ${l.path}`);
    assert.equal(l.reqHeaders.cookie, undefined);
    assert.equal(l.reqHeaders.authorization, undefined);
  }

  // A tampered bundle (new manifest, same signed sha256, altered bytes on
  // the wire) is refused and v2 stays.
  admin('rollout', '-percent', '100', '-channel', 'stable', '-key', ctx.releaseKey);
  ctx.proxy.tamper = true;
  const ct = await checkNow();
  ctx.proxy.tamper = false;
  assert.equal(ct.state.lastCheck.result, 'sha256_mismatch');
  assert.equal(ct.state.version, 2);
  await typed(`Toujours détecté ${MEMBER}`);

  // Rollback: v1's bytes again, as a new version, is applied.
  admin('rollback', '-to', '1', '-channel', 'stable', '-key', ctx.releaseKey);
  const cr = await checkNow();
  assert.equal(cr.state.lastCheck.result, 'applied');
  assert.equal(cr.state.version, 4);
  assert.equal(cr.state.release.sha256, s1.release.sha256);
  ctx.expectMember = false;
  await typed(`Plus détecté ${MEMBER}`);

  // Rollout 0%: a valid release this install stays out of.
  admin('rollout', '-percent', '0', '-channel', 'stable', '-key', ctx.releaseKey);
  const c0 = await checkNow();
  assert.equal(c0.state.lastCheck.result, 'rollout_out');
  assert.equal(c0.state.version, 4);
  assert.match((await popup())['last-check'], /rollout_out/);

  const where = WORKER ? 'worker (wrangler dev, D1)' : 'native server (SQLite)';
  console.log(`[updates ${where}] publish → applied with "Check now": ${publishToApplied.toFixed(0)} ms`);
  console.log(`[updates ${where}] bytes per poll: 200 latest ${poll200.bytes} B (+ keys ${keys200.bytes} B + bundle ${bundle200.bytes} B when new); 304 latest ${poll304.bytes} B`);
});
