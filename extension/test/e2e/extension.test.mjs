// End-to-end tests of the extension in real headless Chromium against
// fixture pages built with the real Lexical editor (Facebook-like) and React
// controlled textareas (Instagram-like). Values are ones the final rules
// must detect: a French mobile, a French IBAN, an email.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clickOverlay, contract, openFixture, overlayBox, overlayText, paste, start, stopWorkers, waitContract } from './harness.mjs';

// Screenshots go to dist/screenshots; VIGIE_UPDATE_SCREENSHOTS=1 writes the
// ones README.md shows (extension/docs) instead, so a test run never
// modifies tracked files.
const here = dirname(fileURLToPath(import.meta.url));
const DOCS = process.env.VIGIE_UPDATE_SCREENSHOTS === '1'
  ? join(here, '..', '..', 'docs')
  : join(here, '..', '..', '..', 'dist', 'screenshots');
mkdirSync(DOCS, { recursive: true });
const FB = 'https://www.facebook.com/';
const IG = 'https://www.instagram.com/';
const EMAIL = 'marie.dupont@gmail.com';
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const IBAN_MASKED = '•••• •••• •••• •••• •••• •••0 189';
const PHONE = '+33 6 12 34 56 78';

let h;
before(async () => {
  h = await start();
});
after(async () => {
  await h?.close();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const submissionsWith = (marker) => h.server.submissions.filter((s) => s.text.includes(marker));

async function typeInto(page, selector, text) {
  await page.click(selector);
  await page.keyboard.type(text);
}

async function waitSubmissions(marker, n) {
  for (let i = 0; i < 100 && submissionsWith(marker).length < n; i++) await sleep(20);
  // Give a duplicate replay the time to show up before counting.
  await sleep(300);
  return submissionsWith(marker);
}

async function shot(page, file, className, around) {
  const a = await overlayBox(page, className);
  const b = around ? await page.locator(around).boundingBox() : a;
  const x = Math.max(0, Math.min(a.x, b.x) - 16);
  const y = Math.max(0, Math.min(a.y, b.y) - 16);
  const clip = { x, y, width: Math.min(1280 - x, Math.max(a.x + a.width, b.x + b.width) - x + 16), height: Math.min(800 - y, Math.max(a.y + a.height, b.y + b.height) - y + 16) };
  await page.screenshot({ path: join(DOCS, file), clip });
}

test('typing an email and an IBAN in a public post: highlights, banner, contract', async () => {
  const page = await openFixture(h.context, FB);
  await typeInto(page, '#post-editor', `Cagnotte pour Léa 🎁 : RIB ${IBAN}, écrivez-moi à ${EMAIL} !`);
  const c = await waitContract(page, { state: 'warning', count: 2, types: 'EMAIL,IBAN', audience: 'public' });
  assert.equal(c.dialog, null);
  // The highlight lives in the document's registry; the editor DOM is untouched.
  const highlighted = await page.evaluate(() => [...(CSS.highlights.get('vigie-finding') ?? [])].map((r) => r.toString()));
  assert.deepEqual(highlighted.sort(), [EMAIL, IBAN].sort());
  assert.equal(await page.locator('#post-editor mark, #post-editor [data-vigie]').count(), 0);
  const banner = await overlayText(page, 'banner');
  for (const want of ['Email address', 'IBAN', 'm•••@gmail.com', IBAN_MASKED, 'Mask']) assert.ok(banner.includes(want), `banner lacks ${want}: ${banner}`);
  await shot(page, 'banner.png', 'banner', '[role="dialog"]');
  await page.close();
});

test('typing a French mobile number warns (PHONE)', async () => {
  const page = await openFixture(h.context, FB);
  await typeInto(page, '#post-editor', `Appelez-moi au ${PHONE} ce soir`);
  await waitContract(page, { state: 'warning', count: 1, types: 'PHONE' });
  assert.ok((await overlayText(page, 'banner')).includes('+33 • •• •• •• 78'));
  await page.close();
});

test('pasting into Lexical (no input event) warns', async () => {
  const page = await openFixture(h.context, FB);
  await page.click('#post-editor');
  await paste(page, `Virement sur ${IBAN} merci`);
  await waitContract(page, { state: 'warning', count: 1, types: 'IBAN' });
  assert.ok((await page.evaluate(() => window.fixture.postText())).includes(IBAN));
  await page.close();
});

test('clean text: nothing shown and Post goes through once', async () => {
  const page = await openFixture(h.context, FB);
  const text = 'Rendez-vous samedi à 10h au marché, apportez des fraises ! clean-1';
  await typeInto(page, '#post-editor', text);
  await waitContract(page, { state: 'clean', count: 0, types: '' });
  assert.equal(await overlayText(page, 'banner'), '');
  await page.click('#post-button');
  assert.equal((await waitSubmissions('clean-1', 1)).length, 1);
  assert.equal((await contract(page)).dialog, null);
  await page.close();
});

test('Friends audience: a quiet hint and no confirmation', async () => {
  const page = await openFixture(h.context, FB);
  await page.click('#audience');
  await typeInto(page, '#post-editor', `friends-1 écrivez-moi à ${EMAIL}`);
  await waitContract(page, { state: 'warning', count: 1, audience: 'restricted' });
  assert.ok((await overlayText(page, 'banner')).includes('restricted'));
  await page.click('#post-button');
  assert.equal((await waitSubmissions('friends-1', 1)).length, 1);
  assert.equal((await contract(page)).dialog, null);
  await page.close();
});

test('Public post: Post opens the dialog, Cancel submits nothing', async () => {
  const page = await openFixture(h.context, FB);
  await typeInto(page, '#post-editor', `cancel-1 RIB ${IBAN} et ${EMAIL}`);
  await waitContract(page, { state: 'warning', count: 2 });
  await page.click('#post-button');
  await waitContract(page, { dialog: 'open' });
  const text = await overlayText(page, 'dialog');
  assert.ok(text.includes('Post anyway') && text.includes(IBAN_MASKED), text);
  await shot(page, 'dialog.png', 'dialog');
  await clickOverlay(page, 'cancel');
  await waitContract(page, { dialog: null });
  assert.equal((await waitSubmissions('cancel-1', 0)).length, 0);
  assert.ok((await page.evaluate(() => window.fixture.postText())).includes(EMAIL));
  await page.close();
});

test('Public post: Post anyway submits exactly once, unchanged', async () => {
  const page = await openFixture(h.context, FB);
  await typeInto(page, '#post-editor', `anyway-1 écrivez à ${EMAIL}`);
  await waitContract(page, { state: 'warning', count: 1 });
  await page.click('#post-button');
  await waitContract(page, { dialog: 'open' });
  await clickOverlay(page, 'post');
  const subs = await waitSubmissions('anyway-1', 1);
  assert.equal(subs.length, 1);
  assert.ok(subs[0].text.includes(EMAIL));
  await page.close();
});

test('Mask in the banner: Lexical state holds the masked text, Ctrl+Z restores', async () => {
  const page = await openFixture(h.context, FB);
  const original = `Mon IBAN : ${IBAN}`;
  await typeInto(page, '#post-editor', original);
  await waitContract(page, { state: 'warning', count: 1, types: 'IBAN' });
  await clickOverlay(page, 'mask-all');
  await page.waitForFunction((want) => window.fixture.postText() === want, `Mon IBAN : ${IBAN_MASKED}`);
  await waitContract(page, { state: 'clean', count: 0 });
  await page.keyboard.press('Control+z');
  await page.waitForFunction((want) => window.fixture.postText() === want, original);
  await waitContract(page, { state: 'warning', count: 1 });
  await page.close();
});

test('Mask all and post from the dialog publishes the masked text once', async () => {
  const page = await openFixture(h.context, FB);
  await typeInto(page, '#post-editor', `maskpost-1 contact ${EMAIL}`);
  await waitContract(page, { state: 'warning', count: 1 });
  await page.click('#post-button');
  await waitContract(page, { dialog: 'open' });
  await clickOverlay(page, 'mask-post');
  const subs = await waitSubmissions('maskpost-1', 1);
  assert.deepEqual(subs.map((s) => s.text), ['maskpost-1 contact m•••@gmail.com']);
  await page.close();
});

test('Enter in a Facebook comment box: dialog, then Post anyway sends one comment', async () => {
  const page = await openFixture(h.context, FB);
  await typeInto(page, '#comment-editor', `comment-1 mon mail ${EMAIL}`);
  await waitContract(page, { state: 'warning', count: 1, audience: 'public' });
  await page.keyboard.press('Enter');
  await waitContract(page, { dialog: 'open' });
  assert.equal(submissionsWith('comment-1').length, 0);
  await clickOverlay(page, 'post');
  const subs = await waitSubmissions('comment-1', 1);
  assert.deepEqual(subs.map((s) => s.kind), ['comment']);
  await page.close();
});

test('Instagram comment (React textarea): mirror, Enter → Cancel, Mask → React state, undo', async () => {
  const page = await openFixture(h.context, IG);
  const box = 'textarea[aria-label="Add a comment…"]';
  const original = `ig-1 écris-moi : ${EMAIL}`;
  await typeInto(page, box, original);
  await waitContract(page, { state: 'warning', count: 1, types: 'EMAIL', audience: 'unknown' });
  assert.ok(await overlayBox(page, 'mirror'), 'no highlight mirror over the textarea');
  await page.keyboard.press('Enter');
  await waitContract(page, { dialog: 'open' });
  await clickOverlay(page, 'cancel');
  await waitContract(page, { dialog: null });
  assert.equal((await waitSubmissions('ig-1', 0)).length, 0);
  await clickOverlay(page, 'mask-all');
  await page.waitForFunction(() => window.fixture.state.comment === 'ig-1 écris-moi : m•••@gmail.com');
  await waitContract(page, { state: 'clean', count: 0 });
  await page.keyboard.press('Control+z');
  await page.waitForFunction((want) => window.fixture.state.comment === want, original);
  await waitContract(page, { state: 'warning', count: 1 });
  await page.close();
});

test('Instagram caption: Share → dialog → Post anyway, once', async () => {
  const page = await openFixture(h.context, IG);
  await typeInto(page, 'textarea[aria-label="Write a caption…"]', `caption-1 IBAN ${IBAN}`);
  await waitContract(page, { state: 'warning', count: 1, types: 'IBAN' });
  await page.click('text=Share');
  await waitContract(page, { dialog: 'open' });
  await clickOverlay(page, 'post');
  const subs = await waitSubmissions('caption-1', 1);
  assert.deepEqual(subs.map((s) => s.kind), ['caption']);
  await page.close();
});

test('the worker is stopped (idle kill): the next scan still works', async () => {
  const page = await openFixture(h.context, FB);
  await typeInto(page, '#post-editor', 'avant ');
  await waitContract(page, { state: 'clean' });
  await stopWorkers(page);
  await page.keyboard.type(`après ${EMAIL}`);
  await waitContract(page, { state: 'warning', count: 1, types: 'EMAIL' }, 8000);
  await page.close();
});

test('a page with a strict CSP: warnings work and the page sees no CSP violation', async () => {
  const page = await openFixture(h.context, `${FB}strict`);
  await typeInto(page, '#post-editor', `strict-1 ${EMAIL}`);
  await waitContract(page, { state: 'warning', count: 1 });
  assert.ok((await overlayText(page, 'banner')).includes('Email address'));
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.close();
});

test('no request carries the typed text', async () => {
  const marker = 'zoe.leak7f3a@orange.fr';
  const seen = [];
  await h.context.route('**/*', (route) => {
    const r = route.request();
    seen.push(`${r.method()} ${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`);
    route.continue();
  });
  try {
    const before = h.server.requests.length;
    const page = await openFixture(h.context, FB);
    await typeInto(page, '#post-editor', `leak-1 ${marker} ${IBAN}`);
    await waitContract(page, { state: 'warning', count: 2 });
    await page.click('#comment-editor');
    await page.keyboard.type(marker);
    await waitContract(page, { state: 'warning', count: 1 });
    await sleep(500);
    assert.ok(seen.length > 0, 'interception saw no request at all');
    assert.deepEqual(seen.filter((s) => s.includes('leak7f3a')), []);
    const reached = h.server.requests.slice(before).map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`);
    assert.deepEqual(reached.filter((s) => s.includes('leak7f3a')), []);
    await page.close();
  } finally {
    await h.context.unrouteAll();
  }
});

test('popup: core loaded, rules version and date, no text', async () => {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup/popup.html`);
  await page.waitForFunction(() => document.getElementById('rules-version').textContent !== '—');
  const bundle = await h.worker.evaluate(async () => (await (await fetch(chrome.runtime.getURL('engine/bundle.json'))).json()).version);
  assert.equal(await page.textContent('#rules-version'), bundle);
  assert.equal(await page.getAttribute('#status', 'data-state'), 'idle'); // the popup's own tab is not a watched site
  assert.ok((await page.textContent('.meta-ai summary')).includes('Meta AI'));
  await page.close();
});
