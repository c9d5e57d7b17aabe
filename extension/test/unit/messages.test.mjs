import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './load.mjs';
import { createRouter } from '../../src/background/router.js';

load('shared/messages.js');
const M = globalThis.VigieMessages;
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const tab = { id: 7 };

test('names are prefixed by direction and unique', () => {
  const all = [...Object.values(M.CS), ...Object.values(M.PAGE), ...Object.values(M.BG)];
  assert.equal(new Set(all).size, all.length);
  for (const v of Object.values(M.CS)) assert.match(v, /^cs:/);
  for (const v of Object.values(M.PAGE)) assert.match(v, /^page:/);
  for (const v of Object.values(M.BG)) assert.match(v, /^bg:/);
});

test('isAllowed: content messages need a tab on an allowed https host; settings only from our pages', () => {
  const cases = [
    ['content script on facebook', M.CS_SCAN, { id: ID, tab, url: 'https://www.facebook.com/' }, true],
    ['content script on instagram', M.CS_HELLO, { id: ID, tab, url: 'https://www.instagram.com/p/x/' }, true],
    ['content message without a tab', M.CS_SCAN, { id: ID, url: 'https://www.facebook.com/' }, false],
    ['content message over http', M.CS_SCAN, { id: ID, tab, url: 'http://www.facebook.com/' }, false],
    ['content message from another site', M.CS_SCAN, { id: ID, tab, url: 'https://evil.example/' }, false],
    ['look-alike host', M.CS_SCAN, { id: ID, tab, url: 'https://facebook.com.evil.example/' }, false],
    ['another extension', M.CS_SCAN, { id: 'other', tab, url: 'https://www.facebook.com/' }, false],
    ['popup asks status', M.PAGE_STATUS, { id: ID, url: `${BASE}popup/popup.html` }, true],
    ['options page in a tab changes settings', M.PAGE_SET_SETTINGS, { id: ID, tab, url: `${BASE}options/options.html` }, true],
    ['content script changes settings', M.PAGE_SET_SETTINGS, { id: ID, tab, url: 'https://www.facebook.com/' }, false],
    ['content script clears the never-warn list', M.PAGE_NEVER_WARN_CLEAR, { id: ID, tab, url: 'https://www.facebook.com/' }, false],
    ['extension page sends a content message', M.CS_SCAN, { id: ID, url: `${BASE}popup/popup.html` }, false],
    ['background-to-content type sent to the background', M.BG_SETTINGS_CHANGED, { id: ID, url: `${BASE}popup/popup.html` }, false],
    ['unknown type', 'cs:evil', { id: ID, tab, url: 'https://www.facebook.com/' }, false],
    ['no sender', M.CS_SCAN, undefined, false],
  ];
  for (const [name, type, sender, want] of cases) {
    assert.equal(M.isAllowed(type, sender, ID, BASE), want, `${name}: got ${!want}, want ${want}`);
  }
});

function call(router, msg, sender) {
  return new Promise((resolve) => {
    const async = router(msg, sender, resolve);
    if (!async) resolve('no answer');
  });
}

test('router dispatches through the table, only after the allowlist', async () => {
  const seen = [];
  const router = createRouter({
    [M.CS_SCAN]: (msg) => {
      seen.push(msg.text);
      return { ok: true, findings: [] };
    },
    [M.PAGE_NEVER_WARN_CLEAR]: () => {
      throw new Error('storage broken');
    },
  }, { isAllowed: M.isAllowed, extensionId: ID, extensionBase: BASE });
  const content = { id: ID, tab, url: 'https://www.facebook.com/' };
  const page = { id: ID, url: `${BASE}options/options.html` };
  assert.deepEqual(await call(router, { type: M.CS_SCAN, text: 'x' }, content), { ok: true, findings: [] });
  assert.equal(await call(router, { type: M.CS_SCAN, text: 'y' }, page), 'no answer');
  assert.equal(await call(router, { type: M.PAGE_NEVER_WARN_CLEAR }, content), 'no answer');
  assert.deepEqual(await call(router, { type: M.PAGE_NEVER_WARN_CLEAR }, page), { ok: false, error: 'storage broken' });
  assert.equal(await call(router, { type: 'toString' }, content), 'no answer');
  assert.equal(await call(router, null, content), 'no answer');
  assert.deepEqual(seen, ['x']);
});
