// harness.mjs — launches Debian Chromium with the built extension (per
// FACTS.md: playwright-core, headless, --load-extension, host resolver rules
// to the fixture server) and reads the extension's closed shadow root the way
// DevTools does (CDP DOM with pierce), since page scripts cannot reach it.
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const EXTENSION = resolve(HERE, '..', '..', '..', 'dist', 'extension');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Starts the fixture server and a browser with the extension loaded. */
export async function start() {
  if (!existsSync(join(EXTENSION, 'manifest.json')) || !existsSync(join(EXTENSION, 'engine', 'vigie.wasm'))) {
    throw new Error(`${EXTENSION} is not built: run ./build.sh wasm && ./build.sh ext`);
  }
  const server = await startServer();
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'vigie-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`,
      `--host-resolver-rules=MAP www.facebook.com 127.0.0.1:${server.port}, MAP www.instagram.com 127.0.0.1:${server.port}`,
      '--ignore-certificate-errors',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    server,
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      await server.close();
    },
  };
}

/** Opens a fixture page and waits until its editors are ready. */
export async function openFixture(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.fixture?.ready === true);
  return page;
}

/** The <vigie-overlay> contract attributes, or null when there is no overlay. */
export function contract(page) {
  return page.evaluate(() => {
    const o = document.querySelector('html > vigie-overlay');
    if (!o) return null;
    return { state: o.dataset.state, count: Number(o.dataset.count), types: o.dataset.types, audience: o.dataset.audience, dialog: o.dataset.dialog ?? null };
  });
}

/** Waits until the contract matches every field of want. */
export async function waitContract(page, want, timeout = 5000) {
  try {
    await page.waitForFunction((w) => {
      const o = document.querySelector('html > vigie-overlay');
      if (!o) return false;
      const got = { state: o.dataset.state, count: Number(o.dataset.count), types: o.dataset.types, audience: o.dataset.audience, dialog: o.dataset.dialog ?? null };
      return Object.entries(w).every(([k, v]) => got[k] === v);
    }, want, { timeout, polling: 20 });
  } catch (err) {
    throw new Error(`contract never matched ${JSON.stringify(want)}; last ${JSON.stringify(await contract(page))}: ${err.message}`);
  }
  return contract(page);
}

// Finds, through CDP with pierce, the element in the overlay's closed shadow
// root that matches a test; returns its node id (or 0).
async function findInOverlay(cdp, test) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  let found = 0;
  const walk = (node, inOverlay) => {
    if (found) return;
    const here = inOverlay || node.nodeName === 'VIGIE-OVERLAY';
    const attrs = {};
    for (let i = 0; i < (node.attributes?.length ?? 0); i += 2) attrs[node.attributes[i]] = node.attributes[i + 1];
    if (here && node.nodeType === 1 && test(node, attrs)) {
      found = node.nodeId;
      return;
    }
    for (const c of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) walk(c, here);
  };
  walk(root, false);
  return found;
}

/** Clicks, like a user, the overlay button with data-action=action. */
export async function clickOverlay(page, action) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await findInOverlay(cdp, (n, a) => n.nodeName === 'BUTTON' && a['data-action'] === action);
    if (!nodeId) throw new Error(`no overlay button ${action}`);
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, , , x3, y3] = model.content;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

/** Text of the overlay part with the given class (banner, dialog), or ''. */
export async function overlayText(page, className) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await findInOverlay(cdp, (n, a) => (a.class ?? '').split(' ').includes(className) && !('hidden' in a));
    if (!nodeId) return '';
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { return this.textContent; }', returnByValue: true });
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** Box of the overlay part with the given class, for screenshots. */
export async function overlayBox(page, className) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const nodeId = await findInOverlay(cdp, (n, a) => (a.class ?? '').split(' ').includes(className));
    if (!nodeId) return null;
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    return { x: x1, y: y1, width: x3 - x1, height: y3 - y1 };
  } finally {
    await cdp.detach();
  }
}

/** Pastes text into the focused editor with a real ClipboardEvent (Lexical reads it; no `input` fires). */
export function paste(page, text) {
  return page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Stops every service worker, as Chromium does after ~30 s idle. */
export async function stopWorkers(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
}
