// The rule updater (src/background/updater.js) against fake fetch,
// chrome.storage.local and chrome.alarms, and a fake core whose
// checkUpdate/applyUpdate return reports shaped as wasm/js/engine.js documents.
// The verification itself is the core's job and is tested in Go.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  ALARM, JITTER_MINUTES, POLL_MINUTES, b64, createUpdater, storedSource, unb64,
} from '../../src/background/updater.js';

const STATE_KEY = 'vigie.update';
const SNAPSHOT_KEY = 'vigie.snapshot';
const ID_KEY = 'vigie.installId';
const SERVER = 'https://rules.example.eu/';
const ROOT_KEY = b64(new Uint8Array(32).fill(7));
const CONFIG = Object.freeze({ rootKey: ROOT_KEY, server: SERVER, channel: 'stable' });
const NOW = Date.parse('2025-06-01T12:00:00Z');

const enc = (s) => new TextEncoder().encode(s);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const hex = (bytes) => Buffer.from(bytes).toString('hex');

const PACKAGED = enc('{"packaged":true}');
const OLD_BUNDLE = enc('{"version":"1"}');
const NEW_BUNDLE = enc('{"version":"2"}');
const MANIFEST = enc('{"manifest":2}');
const KEYS_DOC = enc('{"keys":1}');

function release(version, bundle, extra = {}) {
  return {
    channel: 'stable', version, releaseId: `r${version}`, sha256: sha256(bundle), size: bundle.length,
    rollout: 100, minEngine: '1.0.0', publishedAt: '2025-05-01T00:00:00Z', expiresAt: '2025-09-01T00:00:00Z', ...extra,
  };
}

/** A state as the updater writes it after applying OLD_BUNDLE as version 1. */
function appliedState(extra = {}) {
  return {
    server: SERVER, channel: 'stable', version: 1, keysVersion: 1, etag: '"v1"', release: release(1, OLD_BUNDLE),
    bundle: b64(OLD_BUNDLE), lastCheck: { at: NOW - 1000, result: 'applied', error: '' }, ...extra,
  };
}

/** chrome.storage.local: get(key) gives only present keys; values are copied like structured clone. */
function fakeArea(initial = {}) {
  const data = structuredClone(initial);
  return {
    data,
    async get(key) {
      return key in data ? { [key]: structuredClone(data[key]) } : {};
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data[k] = structuredClone(v);
    },
  };
}

function fakePackaged() {
  const source = { loads: 0, name: 'packaged' };
  source.load = async () => {
    source.loads++;
    return { bytes: PACKAGED, origin: 'packaged', expiresAt: null };
  };
  return source;
}

/**
 * A rules server: routes by path; records every request (url as a string, init).
 * routes: {latest(init) → Response, keys() → Response, bundle(sha) → Response}
 */
function fakeServer(routes = {}) {
  const requests = [];
  const fetchFn = async (url, init) => {
    const u = new URL(String(url));
    requests.push({ url: String(url), init });
    if (u.origin + '/' !== SERVER) throw new TypeError('Failed to fetch');
    if (u.pathname === '/v1/channels/stable/latest') {
      return (routes.latest ?? (() => new Response(MANIFEST, { headers: { ETag: '"v2"' } })))(init);
    }
    if (u.pathname === '/v1/keys') return (routes.keys ?? (() => new Response(KEYS_DOC)))();
    const m = u.pathname.match(/^\/v1\/bundles\/([0-9a-f]{64})$/);
    if (m) return (routes.bundle ?? ((sha) => (sha === sha256(NEW_BUNDLE) ? new Response(NEW_BUNDLE) : new Response('', { status: 404 }))))(m[1]);
    return new Response('', { status: 404 });
  };
  return { requests, fetchFn, paths: () => requests.map((r) => new URL(r.url).pathname) };
}

function report(fields) {
  return { ok: false, code: 'ok', error: '', applied: false, bucket: 42, keysVersion: 0, release: null, ...fields };
}

/** What the fake core's snapshot() makes of a bundle. */
const snapshotOf = (bundle) => enc(`snapshot of ${new TextDecoder().decode(bundle)}`);

/** The core: accepts version 2 of NEW_BUNDLE unless told otherwise; records requests. */
function fakeEngine({ check, apply, snapshot } = {}) {
  const calls = { check: [], apply: [], snapshot: [] };
  const rel = release(2, NEW_BUNDLE);
  return {
    calls,
    snapshot(bundle) {
      calls.snapshot.push(bundle);
      return snapshot ? snapshot(bundle) : snapshotOf(bundle);
    },
    checkUpdate(req) {
      calls.check.push(req);
      return check ? check(req) : report({ ok: true, keysVersion: 1, release: rel });
    },
    applyUpdate(req) {
      calls.apply.push(req);
      return apply ? apply(req) : report({ ok: true, applied: true, keysVersion: 1, release: rel });
    },
  };
}

function setup({ stored = {}, config = CONFIG, settings = { server: { url: '', channel: 'stable' } }, engine = fakeEngine(), routes, engineFn } = {}) {
  const area = fakeArea(stored);
  const server = fakeServer(routes);
  const applied = [];
  const updater = createUpdater({
    area, config, settings: async () => settings, engine: engineFn ?? (async () => engine),
    applied: (info) => applied.push(info), fetchFn: server.fetchFn, now: () => NOW,
  });
  return { area, server, applied, engine, updater, state: () => area.data[STATE_KEY] };
}

test('storedSource: first run with empty storage loads the packaged bundle and writes nothing', async () => {
  const area = fakeArea();
  const packaged = fakePackaged();
  const rules = await storedSource(area, packaged).load();
  assert.equal(rules.origin, 'packaged');
  assert.deepEqual(rules.bytes, PACKAGED);
  assert.equal(packaged.loads, 1);
  assert.deepEqual(area.data, {});
});

test('storedSource: a verified stored bundle is served, even once expired', async () => {
  for (const expiresAt of ['2099-01-01T00:00:00Z', '2000-01-01T00:00:00Z']) {
    const state = appliedState({ release: release(1, OLD_BUNDLE, { expiresAt }) });
    const area = fakeArea({ [STATE_KEY]: state });
    const packaged = fakePackaged();
    const rules = await storedSource(area, packaged).load();
    assert.equal(rules.origin, 'update', expiresAt);
    assert.deepEqual(rules.bytes, OLD_BUNDLE, expiresAt);
    assert.equal(rules.expiresAt, expiresAt);
    assert.deepEqual(rules.release, state.release);
    assert.equal(packaged.loads, 0, expiresAt);
    assert.deepEqual(area.data[STATE_KEY], state, `${expiresAt}: state untouched`);
  }
});

test('storedSource: corrupt stored state falls back to the packaged bundle and is reset', async () => {
  const good = appliedState({ keysVersion: 5 });
  const { version: _v, ...noVersion } = good;
  const cases = [
    ['not an object', 'garbage', 0],
    ['null', null, 0],
    ['array', [1, 2], 0],
    ['version is a string', { ...good, version: '1' }, 5],
    ['negative keys version', { ...good, keysVersion: -1 }, 0],
    ['missing version', noVersion, 5],
    ['missing release sha256', { ...good, release: { version: 1 } }, 5],
    ['bundle without release', { ...good, release: null }, 5],
    ['bundle bytes do not hash to the release', { ...good, bundle: b64(NEW_BUNDLE) }, 5],
    ['bundle not base64', { ...good, bundle: '%%%not base64%%%' }, 5],
  ];
  for (const [name, stored, keysVersion] of cases) {
    const area = fakeArea({ [STATE_KEY]: stored });
    const packaged = fakePackaged();
    const rules = await storedSource(area, packaged).load();
    assert.equal(rules.origin, 'packaged', name);
    assert.deepEqual(rules.bytes, PACKAGED, name);
    assert.equal(packaged.loads, 1, name);
    const s = area.data[STATE_KEY];
    assert.deepEqual(
      { ...s, lastCheck: { ...s.lastCheck, at: 0 } },
      {
        server: '', channel: '', version: 0, keysVersion, etag: null, release: null, bundle: null,
        lastCheck: { at: 0, result: 'corrupt_state', error: '' },
      },
      name,
    );
  }
});

test('storedSource: the fallback of a stored bundle the core refuses resets to the packaged one', async () => {
  const area = fakeArea({ [STATE_KEY]: appliedState() });
  const packaged = fakePackaged();
  const rules = await storedSource(area, packaged).load();
  assert.equal(rules.origin, 'update');
  const back = await rules.fallback();
  assert.equal(back.origin, 'packaged');
  assert.equal(area.data[STATE_KEY].bundle, null);
  assert.equal(area.data[STATE_KEY].lastCheck.result, 'corrupt_state');
});

test('an applied update persists version, etag, release and bundle, and tells the host', async () => {
  const t = setup();
  const state = await t.updater.check();
  assert.deepEqual(t.server.paths(), ['/v1/channels/stable/latest', '/v1/keys', `/v1/bundles/${sha256(NEW_BUNDLE)}`]);
  const rel = release(2, NEW_BUNDLE);
  assert.deepEqual(t.state(), {
    server: SERVER, channel: 'stable', version: 2, keysVersion: 1, etag: '"v2"', release: rel,
    bundle: b64(NEW_BUNDLE), lastCheck: { at: NOW, result: 'applied', error: '' },
  });
  assert.deepEqual(state, t.state());
  assert.deepEqual(t.applied, [{ origin: 'update', expiresAt: rel.expiresAt, release: rel }]);
  // What the core was asked: first run, the pinned root key, the served bytes.
  const [req] = t.engine.calls.check;
  assert.deepEqual([req.channel, req.lastVersion, req.lastKeysVersion, req.now], ['stable', 0, 0, NOW]);
  assert.deepEqual(req.rootKey, unb64(ROOT_KEY));
  assert.deepEqual([req.manifest, req.keysDoc], [MANIFEST, KEYS_DOC]);
  assert.deepEqual(t.engine.calls.apply[0].bundle, NEW_BUNDLE);
  // The next start-up serves the stored bundle.
  const rules = await storedSource(t.area, fakePackaged()).load();
  assert.deepEqual([rules.origin, rules.bytes], ['update', NEW_BUNDLE]);
});

test('an applied update caches the core\'s snapshot of the bundle, which the next start-up gets', async () => {
  const t = setup();
  await t.updater.check();
  assert.deepEqual(t.engine.calls.snapshot, [NEW_BUNDLE]);
  assert.deepEqual(t.area.data[SNAPSHOT_KEY], { sha256: sha256(NEW_BUNDLE), data: b64(snapshotOf(NEW_BUNDLE)) });
  const rules = await storedSource(t.area, fakePackaged()).load();
  assert.deepEqual([rules.bytes, rules.snapshot], [NEW_BUNDLE, snapshotOf(NEW_BUNDLE)]);

  // A core that cannot make one still applies the update.
  const t2 = setup({ engine: fakeEngine({ snapshot: () => { throw new Error('no'); } }) });
  await t2.updater.check();
  assert.equal(t2.state().lastCheck.result, 'applied');
  assert.equal(t2.area.data[SNAPSHOT_KEY], undefined);
});

test('storedSource: a snapshot is served only with the bundle it was made of; saveSnapshot caches one', async () => {
  const cases = [
    ['none', undefined, undefined],
    ['of another bundle', { sha256: sha256(NEW_BUNDLE), data: b64(snapshotOf(NEW_BUNDLE)) }, undefined],
    ['damaged', { sha256: sha256(OLD_BUNDLE), data: '%%%' }, undefined],
    ['not an object', 'garbage', undefined],
    ['of this bundle', { sha256: sha256(OLD_BUNDLE), data: b64(snapshotOf(OLD_BUNDLE)) }, snapshotOf(OLD_BUNDLE)],
  ];
  for (const [name, cached, want] of cases) {
    const area = fakeArea({ [STATE_KEY]: appliedState(), ...(cached === undefined ? {} : { [SNAPSHOT_KEY]: cached }) });
    const rules = await storedSource(area, fakePackaged()).load();
    assert.deepEqual([rules.origin, rules.bytes], ['update', OLD_BUNDLE], name);
    assert.deepEqual(rules.snapshot, want, name);
    assert.deepEqual(area.data[STATE_KEY], appliedState(), `${name}: state untouched`);
    await rules.saveSnapshot(enc('fresh'));
    assert.deepEqual(area.data[SNAPSHOT_KEY], { sha256: sha256(OLD_BUNDLE), data: b64(enc('fresh')) }, name);
  }
  // The packaged bundle comes without one (the core embeds its snapshot).
  const rules = await storedSource(fakeArea(), fakePackaged()).load();
  assert.equal(rules.snapshot, undefined);
  assert.equal(rules.saveSnapshot, undefined);
});

test('storedSource: resetting a refused bundle drops its snapshot', async () => {
  const area = fakeArea({ [STATE_KEY]: appliedState(), [SNAPSHOT_KEY]: { sha256: sha256(OLD_BUNDLE), data: b64(snapshotOf(OLD_BUNDLE)) } });
  const rules = await storedSource(area, fakePackaged()).load();
  await rules.fallback();
  assert.equal(area.data[SNAPSHOT_KEY], null);
});

test('the keys version the core verified is kept, and the last accepted versions are passed on', async () => {
  const engine = fakeEngine({ check: () => report({ code: 'rollback', error: 'version 1 <= 1', keysVersion: 3, release: release(1, OLD_BUNDLE) }) });
  const t = setup({ stored: { [STATE_KEY]: appliedState() }, engine });
  await t.updater.check();
  const [req] = engine.calls.check;
  assert.deepEqual([req.lastVersion, req.lastKeysVersion], [1, 1]);
  assert.equal(t.state().keysVersion, 3);
  assert.equal(t.state().version, 1);
});

test('If-None-Match carries the stored ETag; a 304 records not_modified and keeps the rules', async () => {
  const seen = [];
  const before = appliedState();
  const engine = fakeEngine();
  const t = setup({
    stored: { [STATE_KEY]: before },
    engine,
    routes: { latest: (init) => { seen.push(init.headers['If-None-Match']); return new Response(null, { status: 304 }); } },
  });
  const state = await t.updater.check();
  assert.deepEqual(seen, ['"v1"']);
  assert.deepEqual(t.server.paths(), ['/v1/channels/stable/latest']);
  assert.deepEqual(t.state(), { ...before, lastCheck: { at: NOW, result: 'not_modified', error: '' } });
  assert.deepEqual(state, t.state());
  assert.equal(engine.calls.check.length + engine.calls.apply.length, 0);
  assert.deepEqual(t.applied, []);
});

test('no If-None-Match without a stored ETag or after a server change', async () => {
  for (const [name, stored, settings] of [
    ['first run', {}, undefined],
    ['other server', { [STATE_KEY]: appliedState({ server: 'https://old.example.eu/', keysVersion: 4 }) }, undefined],
    ['other channel', { [STATE_KEY]: appliedState({ channel: 'beta', keysVersion: 4 }) }, undefined],
  ]) {
    const t = setup({ stored, settings });
    await t.updater.check();
    assert.equal('If-None-Match' in t.server.requests[0].init.headers, false, name);
    // Starting over keeps only the keys version (it only protects).
    assert.equal(t.engine.calls.check[0].lastVersion, 0, name);
    assert.equal(t.engine.calls.check[0].lastKeysVersion, stored[STATE_KEY] ? 4 : 0, name);
  }
});

test('every request omits credentials, has no query string and no identifying header, and never holds the install id', async () => {
  const t = setup({ stored: { [ID_KEY]: b64(new Uint8Array(16).fill(0xab)) } });
  await t.updater.check(); // 200: latest, keys, bundle
  await t.updater.check(); // with If-None-Match
  assert.equal(t.server.requests.length, 6);
  const id = unb64(t.area.data[ID_KEY]);
  const idForms = [hex(id), hex(id).toUpperCase(), b64(id), Buffer.from(id).toString('base64url'), encodeURIComponent(b64(id))];
  for (const { url, init } of t.server.requests) {
    const u = new URL(url);
    assert.equal(u.search, '', url);
    assert.equal(u.username + u.password, '', url);
    assert.equal(init.method, 'GET', url);
    assert.equal(init.credentials, 'omit', url);
    assert.equal(init.referrerPolicy, 'no-referrer', url);
    const names = Object.keys(init.headers).map((h) => h.toLowerCase());
    assert.ok(names.every((h) => h === 'if-none-match'), `${url}: headers ${names}`);
    const everything = url + JSON.stringify(init);
    for (const form of idForms) assert.ok(!everything.includes(form), `${url} holds the install id`);
  }
  // The core did get the id: the check above was not vacuous.
  assert.deepEqual(t.engine.calls.check[0].installId, id);
});

test('the install id is 128 random bits, made once and reused', async () => {
  const t = setup();
  await t.updater.check();
  const stored = t.area.data[ID_KEY];
  assert.equal(typeof stored, 'string');
  const id = unb64(stored);
  assert.equal(id.length, 16);
  assert.deepEqual(t.engine.calls.check[0].installId, id);
  await t.updater.check();
  assert.equal(t.area.data[ID_KEY], stored);
  assert.deepEqual(t.engine.calls.check[1].installId, id);
  // Another install draws another id.
  const other = setup();
  await other.updater.check();
  assert.notEqual(other.area.data[ID_KEY], stored);
  // A corrupt stored id is replaced by a fresh 16-byte one.
  for (const bad of ['%%%', b64(new Uint8Array(8)), 12]) {
    const c = setup({ stored: { [ID_KEY]: bad } });
    await c.updater.check();
    assert.notEqual(c.area.data[ID_KEY], bad);
    assert.equal(unb64(c.area.data[ID_KEY]).length, 16, String(bad));
  }
});

test('a refused check keeps the current rules, records the code and does not fetch the bundle', async () => {
  for (const [code, keysVersion, rel] of [['rollout_out', 2, release(2, NEW_BUNDLE, { rollout: 10 })], ['bad_signature', 0, null]]) {
    const before = appliedState();
    const engine = fakeEngine({ check: () => report({ code, error: `${code}!`, bucket: 77, keysVersion, release: rel }) });
    const t = setup({ stored: { [STATE_KEY]: before }, engine });
    await t.updater.check();
    assert.deepEqual(t.server.paths(), ['/v1/channels/stable/latest', '/v1/keys'], code);
    assert.equal(engine.calls.apply.length, 0, code);
    assert.deepEqual(t.applied, [], code);
    assert.deepEqual(t.state(), {
      ...before, keysVersion: Math.max(before.keysVersion, keysVersion), lastCheck: { at: NOW, result: code, error: `${code}!` },
    }, code);
  }
});

test('a bundle the core refuses at apply time keeps the current rules and records why', async () => {
  const before = appliedState();
  const engine = fakeEngine({ apply: () => report({ ok: false, code: 'sha256_mismatch', error: 'bad hash', keysVersion: 1 }) });
  const t = setup({ stored: { [STATE_KEY]: before }, engine });
  await t.updater.check();
  assert.equal(engine.calls.apply.length, 1);
  assert.deepEqual(t.applied, []);
  assert.deepEqual(t.state(), { ...before, lastCheck: { at: NOW, result: 'sha256_mismatch', error: 'bad hash' } });
});

test('network and HTTP failures record why and keep the current rules', async () => {
  const down = () => { throw new TypeError('Failed to fetch'); };
  const cases = [
    ['latest unreachable', { latest: down }, 'network_error', ['/v1/channels/stable/latest']],
    ['keys unreachable', { keys: down }, 'network_error', ['/v1/channels/stable/latest', '/v1/keys']],
    ['bundle unreachable', { bundle: down }, 'network_error', ['/v1/channels/stable/latest', '/v1/keys', `/v1/bundles/${sha256(NEW_BUNDLE)}`]],
    ['latest 500', { latest: () => new Response('oops', { status: 500 }) }, 'http_error', ['/v1/channels/stable/latest']],
    ['bundle 404', { bundle: () => new Response('', { status: 404 }) }, 'http_error', ['/v1/channels/stable/latest', '/v1/keys', `/v1/bundles/${sha256(NEW_BUNDLE)}`]],
  ];
  for (const [name, routes, result, paths] of cases) {
    const before = appliedState();
    const t = setup({ stored: { [STATE_KEY]: before }, routes });
    await t.updater.check();
    assert.deepEqual(t.server.paths(), paths, name);
    assert.equal(t.engine.calls.apply.length, 0, name);
    assert.deepEqual(t.applied, [], name);
    const { lastCheck, ...rest } = t.state();
    const { lastCheck: _l, ...kept } = before;
    assert.deepEqual(rest, kept, name);
    assert.equal(lastCheck.result, result, name);
    assert.equal(lastCheck.at, NOW, name);
    assert.ok(lastCheck.error.length > 0, name);
  }
});

test('no server, no root key or no core: nothing is fetched and the reason is recorded', async () => {
  const cases = [
    ['no server', { config: { ...CONFIG, server: '' } }, 'not_configured'],
    ['no root key', { config: { ...CONFIG, rootKey: '' } }, 'not_configured'],
    ['core failed', { engineFn: async () => null }, 'core_failed'],
  ];
  for (const [name, opts, result] of cases) {
    const t = setup(opts);
    await t.updater.check();
    assert.deepEqual(t.server.requests, [], name);
    assert.equal(t.state().lastCheck.result, result, name);
    assert.equal(t.state().bundle, null, name);
  }
});

test('the server and channel set in the options replace the build default', async () => {
  const t = setup({ settings: { server: { url: 'https://mine.example.org', channel: 'beta' } } });
  await t.updater.check();
  assert.deepEqual(t.server.requests.map((r) => r.url), ['https://mine.example.org/v1/channels/beta/latest']);
  assert.equal(t.state().server, 'https://mine.example.org/');
  assert.equal(t.state().channel, 'beta');
  assert.deepEqual(await t.updater.status(), {
    configured: true, server: 'https://mine.example.org/', channel: 'beta',
    lastCheck: { at: NOW, result: 'network_error', error: 'Failed to fetch' }, release: null,
  });
});

test('concurrent checks share one run', async () => {
  const t = setup();
  const [a, b] = await Promise.all([t.updater.check(), t.updater.check()]);
  assert.equal(t.server.requests.length, 3);
  assert.deepEqual(a, b);
  await t.updater.check(); // this fake server ignores If-None-Match: a full run again
  assert.equal(t.server.requests.length, 6, 'a later check runs again');
});

test('a corrupt stored bundle reset while the core loads is not written back by the check', async () => {
  // On a fresh worker the first check is what loads the core, which reads
  // the stored bundle through storedSource: a bundle that no longer hashes to
  // its release is reset to the packaged one. The check that follows must not
  // resend the old ETag, nor restore the corrupt state when the server says 304.
  const corrupt = appliedState({ bundle: b64(enc('{"tampered":1}')) });
  const t = setup({
    stored: { [STATE_KEY]: corrupt },
    routes: { latest: (init) => (init.headers['If-None-Match'] === corrupt.etag ? new Response(null, { status: 304 }) : new Response(MANIFEST, { headers: { ETag: '"v2"' } })) },
  });
  const packaged = fakePackaged();
  let loaded = null;
  const engine = t.engine;
  const updater = createUpdater({
    area: t.area, config: CONFIG, settings: async () => ({ server: { url: '', channel: 'stable' } }),
    engine: async () => {
      loaded ??= await storedSource(t.area, packaged).load();
      return engine;
    },
    applied: () => {}, fetchFn: t.server.fetchFn, now: () => NOW,
  });
  await updater.check();
  assert.equal(loaded.origin, 'packaged');
  assert.equal('If-None-Match' in t.server.requests[0].init.headers, false);
  assert.equal(engine.calls.check[0].lastVersion, 0);
  assert.equal(t.state().lastCheck.result, 'applied');
  assert.equal(t.state().bundle, b64(NEW_BUNDLE));
  // Loaded again (next start-up), the state serves the new bundle, not the packaged one.
  assert.equal((await storedSource(t.area, fakePackaged()).load()).origin, 'update');
});

test('the alarm is one-shot, 6 h plus up to 30 min of jitter, re-armed after each run', async () => {
  assert.equal(POLL_MINUTES, 360);
  assert.equal(JITTER_MINUTES, 30);
  const { updater } = setup();
  const created = [];
  const alarms = { create: async (name, info) => { created.push([name, info]); } };
  await updater.schedule(alarms, () => 0);
  await updater.schedule(alarms, () => 0.5);
  await updater.schedule(alarms, () => 0.999999);
  assert.deepEqual(created, [
    [ALARM, { delayInMinutes: 360 }],
    [ALARM, { delayInMinutes: 375 }],
    [ALARM, { delayInMinutes: 360 + 0.999999 * 30 }],
  ]);
  // With the default source of randomness: within [6 h, 6 h 30 min) and not constant.
  created.length = 0;
  for (let i = 0; i < 20; i++) await updater.schedule(alarms);
  for (const [name, info] of created) {
    assert.equal(name, ALARM);
    assert.deepEqual(Object.keys(info), ['delayInMinutes']);
    assert.ok(info.delayInMinutes >= 360 && info.delayInMinutes < 390, String(info.delayInMinutes));
  }
  assert.ok(new Set(created.map(([, i]) => i.delayInMinutes)).size > 1, 'jitter varies');
});
