import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNeverWarn, normalize } from '../../src/background/never-warn.js';

function memory() {
  const data = {};
  return { data, get: async (k) => ({ [k]: data[k] }), set: async (o) => Object.assign(data, o) };
}

test('normalize ignores spacing and case', () => {
  assert.equal(normalize('06 12.34-56 78'), normalize('0612345678'));
  assert.equal(normalize('Marie@Gmail.com'), 'marie@gmailcom');
});

test('a never-warn value is filtered, stored only as a salted hash', async () => {
  const area = memory();
  const nw = createNeverWarn(area);
  const text = 'call 06 12 34 56 78 or marie@gmail.com';
  const findings = [{ type: 'PHONE', start: 5, end: 19 }, { type: 'EMAIL', start: 23, end: 38 }];
  assert.equal((await nw.filter(findings, text)).length, 2);
  await nw.add('PHONE', '0612345678');
  assert.deepEqual(await nw.filter(findings, text), [findings[1]]);
  assert.equal(await nw.count(), 1);
  const stored = JSON.stringify(area.data);
  assert.ok(!stored.includes('0612345678') && !stored.includes('06 12'), stored);
  assert.match(area.data.neverWarn.hashes[0], /^[0-9a-f]{64}$/);
  // The same value under another type is another finding.
  assert.equal((await nw.filter([{ type: 'IBAN', start: 5, end: 19 }], text)).length, 1);
  await nw.clear();
  assert.equal(await nw.count(), 0);
  assert.equal((await nw.filter(findings, text)).length, 2);
});

test('two installs hash the same value differently', async () => {
  const a = memory();
  const b = memory();
  await createNeverWarn(a).add('EMAIL', 'x@y.fr');
  await createNeverWarn(b).add('EMAIL', 'x@y.fr');
  assert.notEqual(a.data.neverWarn.hashes[0], b.data.neverWarn.hashes[0]);
});
