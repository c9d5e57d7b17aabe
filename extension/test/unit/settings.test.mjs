import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSettingsStore, defaults, merge, minScore, siteOf } from '../../src/background/settings.js';

test('merge keeps valid values and drops the rest', () => {
  const base = defaults();
  const cases = [
    { name: 'category off', patch: { categories: { PHONE: false } }, check: (s) => s.categories.PHONE === false && s.categories.EMAIL === true },
    { name: 'unknown category ignored', patch: { categories: { SHOE_SIZE: false } }, check: (s) => !('SHOE_SIZE' in s.categories) },
    { name: 'non-boolean ignored', patch: { categories: { PHONE: 'no' } }, check: (s) => s.categories.PHONE === true },
    { name: 'sensitivity', patch: { sensitivity: 'high' }, check: (s) => s.sensitivity === 'high' },
    { name: 'bad sensitivity', patch: { sensitivity: 'max' }, check: (s) => s.sensitivity === 'normal' },
    { name: 'audience policy', patch: { audiencePolicy: 'everywhere' }, check: (s) => s.audiencePolicy === 'everywhere' },
    { name: 'language', patch: { language: 'fr' }, check: (s) => s.language === 'fr' },
    { name: 'bad language', patch: { language: 'xx' }, check: (s) => s.language === 'auto' },
    { name: 'site off', patch: { sites: { 'instagram.com': false } }, check: (s) => s.sites['instagram.com'] === false },
    { name: 'https server', patch: { server: { url: 'https://rules.example/', channel: 'beta' } }, check: (s) => s.server.url === 'https://rules.example/' && s.server.channel === 'beta' },
    { name: 'http server refused', patch: { server: { url: 'http://rules.example/' } }, check: (s) => s.server.url === '' },
    { name: 'loopback server allowed', patch: { server: { url: 'http://127.0.0.1:8080' } }, check: (s) => s.server.url === 'http://127.0.0.1:8080/' },
    { name: 'bad channel', patch: { server: { channel: '../x' } }, check: (s) => s.server.channel === 'stable' },
    { name: 'garbage', patch: 'nope', check: (s) => JSON.stringify(s) === JSON.stringify(base) },
  ];
  for (const c of cases) assert.ok(c.check(merge(base, c.patch)), c.name);
});

test('minScore and siteOf', () => {
  assert.equal(minScore('normal'), 0);
  assert.ok(minScore('low') > 0.5 && minScore('high') < 0.5);
  assert.equal(siteOf('m.facebook.com'), 'facebook.com');
  assert.equal(siteOf('facebook.com.evil.example'), '');
});

test('the store persists merged settings', async () => {
  const data = {};
  const area = { get: async (k) => ({ [k]: data[k] }), set: async (o) => Object.assign(data, o) };
  const store = createSettingsStore(area);
  assert.deepEqual(await store.get(), defaults());
  await store.update({ sensitivity: 'low', categories: { IBAN: false } });
  const s = await store.get();
  assert.equal(s.sensitivity, 'low');
  assert.equal(s.categories.IBAN, false);
});
