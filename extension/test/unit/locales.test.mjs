// Every locale must carry every key of en (a missing key shows the raw key
// to users), and every key the code uses must exist in en.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SRC } from './load.mjs';

const LOCALES = join(SRC, '_locales');
const messages = (lang) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8'));
const en = messages('en');
const langs = readdirSync(LOCALES).filter((l) => l !== 'en');

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('en and fr are present', () => {
  assert.ok(langs.includes('fr'), 'no fr locale');
});

for (const lang of langs) {
  test(`${lang} has exactly the keys of en, none empty`, () => {
    const m = messages(lang);
    const missing = Object.keys(en).filter((k) => !Object.hasOwn(m, k));
    const extra = Object.keys(m).filter((k) => !Object.hasOwn(en, k));
    const empty = Object.keys(m).filter((k) => typeof m[k].message !== 'string' || m[k].message.trim() === '');
    assert.deepEqual({ missing, extra, empty }, { missing: [], extra: [], empty: [] });
  });

  test(`${lang} keeps the $n substitutions of en`, () => {
    const m = messages(lang);
    const subs = (s) => (s.match(/\$\d/g) ?? []).sort().join();
    const differ = Object.keys(en).filter((k) => m[k] && subs(m[k].message) !== subs(en[k].message));
    assert.deepEqual(differ, []);
  });
}

test('every key used in the sources exists in en', () => {
  const used = new Set();
  for (const f of files(SRC).filter((p) => /\.(js|html|json)$/.test(p) && !p.includes('_locales'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bt\('([A-Za-z_]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/t\(n === 1 \? '(\w+)' : '(\w+)'/g)) used.add(m[1]).add(m[2]);
    for (const m of text.matchAll(/t\([^)]*\? '(\w+)' : '(\w+)'/g)) used.add(m[1]).add(m[2]);
    for (const m of text.matchAll(/data-i18n="(\w+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
  }
  // type_<TYPE> keys are built from the core's types.
  const types = readFileSync(join(SRC, 'background', 'settings.js'), 'utf8').match(/TYPES = Object\.freeze\(\[([^\]]+)\]/)[1];
  for (const m of types.matchAll(/'(\w+)'/g)) used.add(`type_${m[1]}`);
  assert.ok(used.size > 40, `only ${used.size} keys found: the scan above is broken`);
  assert.deepEqual([...used].filter((k) => !Object.hasOwn(en, k)), []);
});
