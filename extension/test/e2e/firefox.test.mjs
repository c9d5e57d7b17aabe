// Firefox smoke test: Debian firefox-esr driven by puppeteer-core (WebDriver
// BiDi) loads dist/extension as a temporary add-on; its background runs as an
// event page (background.scripts) and the Facebook fixture gets a warning.
// Firefox has no --host-resolver-rules: network.dns.forceResolve sends every
// name to 127.0.0.1, so pages are reached as https://www.facebook.com:PORT/.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { EXTENSION } from './harness.mjs';
import { startServer } from './server.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'vigie-ff-')),
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'network.proxy.type': 0,
      'extensions.webextensions.restrictedDomains': '',
      // Grant the manifest's host permissions at install, as the store install prompt does.
      'extensions.originControls.grantByDefault': true,
    },
  });
  await browser.installExtension(EXTENSION);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Firefox: the event page scans and the Facebook fixture warns', async () => {
  const page = await browser.newPage();
  await page.goto(`https://www.facebook.com:${server.port}/`);
  await page.waitForFunction(() => window.fixture?.ready === true);
  await page.click('#post-editor');
  await page.keyboard.type('écrivez-moi à marie.dupont@gmail.com');
  await page.waitForFunction(() => {
    const o = document.querySelector('html > vigie-overlay');
    return o?.dataset.state === 'warning' && o.dataset.types === 'EMAIL';
  }, { timeout: 15000 });
  const count = await page.evaluate(() => document.querySelector('vigie-overlay').dataset.count);
  assert.equal(count, '1');
  await page.close();
});
