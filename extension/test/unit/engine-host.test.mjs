// The background's engine host, with the real core built by ./build.sh wasm.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEngineHost } from '../../src/background/engine-host.js';
import { packagedSource } from '../../src/background/rules-source.js';

const ENGINE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'extension', 'engine');
if (!existsSync(join(ENGINE, 'vigie.wasm'))) throw new Error(`${ENGINE} is not built: run ./build.sh wasm first`);
const { createEngine } = await import(pathToFileURL(join(ENGINE, 'engine.js')).href);

const files = { 'engine/bundle.json': readFileSync(join(ENGINE, 'bundle.json')) };
const fakeFetch = async (url) => {
  const body = files[url.slice('ext://'.length)];
  return body ? new Response(body) : new Response('', { status: 404 });
};
const getURL = (p) => `ext://${p}`;
const loadWasm = async () => readFileSync(join(ENGINE, 'vigie.wasm'));

test('ready host scans with the packaged rules and reports them', async () => {
  const host = createEngineHost({ createEngine, loadWasm, source: packagedSource(getURL, fakeFetch) });
  assert.equal(host.status().state, 'idle');
  const found = await host.scan('écrivez-moi 😊 à marie.dupont@gmail.com', {});
  assert.deepEqual(found.map((f) => [f.type, f.start, f.end]), [['EMAIL', 17, 39]]);
  const st = host.status();
  assert.equal(st.state, 'ready');
  assert.equal(st.rules.origin, 'packaged');
  assert.equal(st.rules.fromSnapshot, true, 'the core embeds the packaged rules\' snapshot');
  assert.equal(st.rules.outdated, false);
  assert.ok(st.rules.version);
  assert.ok((await host.explanations()).email.fr);
});

test('load keeps the current rules when a bundle is bad, swaps when it is good', async () => {
  const host = createEngineHost({ createEngine, loadWasm, source: packagedSource(getURL, fakeFetch) });
  await host.ready();
  await assert.rejects(host.load(new TextEncoder().encode('{"schema":1,"rules":[{"id":"x"'), { origin: 'server', expiresAt: null }));
  assert.equal((await host.scan('a@b.fr x marie.dupont@gmail.com')).length > 0, true);
  const bundle = JSON.parse(files['engine/bundle.json']);
  bundle.version = '9999.1.1';
  bundle.rules = bundle.rules.filter((r) => r.type !== 'EMAIL');
  await host.load(new TextEncoder().encode(JSON.stringify(bundle)), { origin: 'server', expiresAt: '2000-01-01T00:00:00Z' });
  assert.deepEqual(await host.scan('marie.dupont@gmail.com'), []);
  const st = host.status();
  assert.deepEqual([st.rules.version, st.rules.origin, st.rules.outdated], ['9999.1.1', 'server', true]);
});

test('fails open: a core that cannot load makes scans return null', async () => {
  const cases = [
    ['wasm missing', { loadWasm: async () => { throw new Error('HTTP 404'); }, source: packagedSource(getURL, fakeFetch) }],
    ['bundle missing', { loadWasm, source: packagedSource((p) => `ext://missing/${p}`, fakeFetch) }],
    ['wasm corrupt', { loadWasm: async () => new Uint8Array([0, 97, 115, 109, 9, 9]), source: packagedSource(getURL, fakeFetch) }],
  ];
  for (const [name, deps] of cases) {
    const host = createEngineHost({ createEngine, ...deps });
    assert.equal(await host.scan('marie.dupont@gmail.com'), null, name);
    assert.equal(host.status().state, 'failed', name);
    assert.ok(host.status().error, name);
  }
});

test('rules compiled from a bundle get a snapshot made later, and load from it at the next start', async () => {
  // An updated bundle: the packaged rules in other bytes, so the core's
  // embedded snapshot does not apply.
  const bytes = Buffer.concat([files['engine/bundle.json'], Buffer.from(' ')]);
  const saved = [];
  const source = (snapshot) => ({
    name: 'test',
    load: async () => ({ bytes, snapshot, origin: 'update', expiresAt: null, saveSnapshot: async (s) => { saved.push(s); } }),
  });
  const pending = [];
  const first = createEngineHost({ createEngine, loadWasm, source: source(undefined), later: (fn) => pending.push(fn) });
  const text = 'Appelez le 06 12 34 56 78 ou écrivez à marie.dupont@gmail.com';
  const want = await first.scan(text);
  assert.equal((await first.ready()).fromSnapshot, false);
  assert.equal(saved.length, 0, 'made later, not during start-up');
  assert.equal(pending.length, 1);
  pending[0]();
  assert.equal(saved.length, 1);

  const pendingAgain = [];
  const second = createEngineHost({ createEngine, loadWasm, source: source(saved[0]), later: (fn) => pendingAgain.push(fn) });
  assert.deepEqual(await second.scan(text), want);
  assert.equal((await second.ready()).fromSnapshot, true);
  assert.equal(pendingAgain.length, 0, 'nothing to make');

  // One the core refuses (damaged, or made by another version) is made again.
  const third = createEngineHost({ createEngine, loadWasm, source: source(saved[0].slice(0, 100)), later: (fn) => pendingAgain.push(fn) });
  assert.deepEqual(await third.scan(text), want);
  assert.equal(pendingAgain.length, 1);
  pendingAgain[0]();
  assert.equal(saved.length, 2);

  // Not when other rules were swapped in meanwhile (an update, which caches
  // its own).
  const fourth = createEngineHost({ createEngine, loadWasm, source: source(undefined), later: (fn) => pendingAgain.push(fn) });
  await fourth.ready();
  const other = JSON.parse(files['engine/bundle.json']);
  other.id = '00000000-0000-4000-8000-000000000001';
  await fourth.load(new TextEncoder().encode(JSON.stringify(other)), { origin: 'update', expiresAt: null });
  pendingAgain[1]();
  assert.equal(saved.length, 2);
});
