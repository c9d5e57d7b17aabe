// Parity: the shipped wasm, through engine.js, must report exactly what the
// native engine reports (after converting UTF-16 offsets to code points) on
// every labeled post and on edge cases. Run after ./build.sh wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const engineDir = path.join(root, 'dist/extension/engine');
const { createEngine } = await import(path.join(engineDir, 'engine.js'));

function texts() {
  const out = [];
  const dir = path.join(root, 'wasm/testdata/posts');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        if (line.trim()) out.push(JSON.parse(line).text);
      }
    }
  }
  // Edge cases: astral characters before values, combining accents, long input.
  out.push('😊😊 FR76 3000 6000 0112 3456 7890 189 🎉 a.b@c.fr');
  out.push('Écrivez à e\u0301lise@exemple.fr ou 𝒳 marie@gmail.com');
  out.push('x'.repeat(30000) + ' a@b.fr');
  out.push('1 '.repeat(10000));
  return out;
}

// codePoints converts a UTF-16 offset of s to a code point offset.
function codePoints(s, units) {
  let n = 0;
  for (let i = 0; i < units; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    n++;
  }
  return n;
}

function native(all) {
  const input = all.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n';
  const bin = process.env.VIGIE_SCAN;
  const [cmd, args] = bin ? [bin, ['-jsonl']] : ['go', ['run', './wasm/cmd/vigie-scan', '-jsonl']];
  const out = execFileSync(cmd, args, { cwd: root, input, maxBuffer: 64 << 20 });
  return out.toString().trim().split('\n').map((l) => JSON.parse(l));
}

test('wasm through engine.js finds what the native engine finds', async () => {
  const engine = await createEngine(readFileSync(path.join(engineDir, 'vigie.wasm')));
  const all = texts();
  const want = native(all);
  assert.equal(want.length, all.length);
  let findings = 0;
  all.forEach((text, i) => {
    const got = engine.scan(text).map((f) => ({
      type: f.type,
      start: codePoints(text, f.start),
      end: codePoints(text, f.end),
      text: text.slice(f.start, f.end),
      score: f.score,
      rule: f.rule,
    }));
    findings += got.length;
    assert.deepEqual(got, want[i].findings, `text #${i}: ${text.slice(0, 80)}`);
  });
  assert.ok(findings > 0, 'the corpus produced no finding at all');
});

test('a bad bundle is refused and the previous rules stay', async () => {
  const engine = await createEngine(readFileSync(path.join(engineDir, 'vigie.wasm')));
  const before = engine.meta.id;
  assert.throws(() => engine.load(new TextEncoder().encode('{"schema":1}')), /no rules/);
  assert.equal(engine.meta.id, before);
  assert.equal(engine.scan('a.b@c.fr')[0]?.type, 'EMAIL');
});

test('the packaged bundle.json is the embedded default', async () => {
  const bundle = readFileSync(path.join(engineDir, 'bundle.json'));
  const a = await createEngine(readFileSync(path.join(engineDir, 'vigie.wasm')));
  const b = await createEngine(readFileSync(path.join(engineDir, 'vigie.wasm')), bundle);
  assert.equal(a.meta.id, b.meta.id);
});

// The packaged bundle loads from the snapshot the module embeds; the same
// rules in other bytes (here with a trailing space) are compiled from JSON.
// Both paths must find the same.
test('the embedded snapshot and the JSON bundle find the same', async () => {
  const bundle = readFileSync(path.join(engineDir, 'bundle.json'));
  const wasm = readFileSync(path.join(engineDir, 'vigie.wasm'));
  const fromSnapshot = await createEngine(wasm, bundle);
  const fromJSON = await createEngine(wasm, Buffer.concat([bundle, Buffer.from(' ')]));
  assert.deepEqual(fromJSON.meta, fromSnapshot.meta);
  let findings = 0;
  for (const text of texts()) {
    const want = fromJSON.scan(text);
    findings += want.length;
    assert.deepEqual(fromSnapshot.scan(text), want, text.slice(0, 80));
  }
  assert.ok(findings > 0, 'the corpus produced no finding at all');
});

// Other bundles (updates) can load from a snapshot the core made of them and
// the caller cached; one that is damaged or made for other bytes is ignored.
test('a cached snapshot of another bundle loads it, a bad one is ignored', async () => {
  const wasm = readFileSync(path.join(engineDir, 'vigie.wasm'));
  const bundle = Buffer.concat([readFileSync(path.join(engineDir, 'bundle.json')), Buffer.from(' ')]);
  const compiled = await createEngine(wasm, bundle);
  assert.equal(compiled.fromSnapshot, false);
  const snap = compiled.snapshot(bundle);
  assert.ok(snap.length > 1000);
  assert.throws(() => compiled.snapshot(new TextEncoder().encode('{"schema":1}')), /no rules/);

  const cached = await createEngine(wasm, bundle, snap);
  assert.equal(cached.fromSnapshot, true);
  assert.deepEqual(cached.meta, compiled.meta);
  for (const text of texts()) assert.deepEqual(cached.scan(text), compiled.scan(text), text.slice(0, 80));

  const damaged = snap.slice(0, snap.length - 7);
  const otherBytes = Buffer.concat([bundle, Buffer.from(' ')]);
  for (const [b, s] of [[bundle, damaged], [otherBytes, snap]]) {
    const e = await createEngine(wasm, b, s);
    assert.equal(e.fromSnapshot, false);
    assert.deepEqual(e.meta, compiled.meta);
    assert.equal(e.scan('a.b@c.fr')[0]?.type, 'EMAIL');
  }
  // The core describes the rules it compiled from these bytes, or compiles
  // them when it runs others: the same snapshot either way.
  const packaged = await createEngine(wasm);
  assert.equal(packaged.fromSnapshot, true);
  assert.deepEqual(packaged.snapshot(bundle), snap);
});
