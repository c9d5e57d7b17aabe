// background.js — the extension's background: a module service worker on
// Chromium, an event page on Firefox (same file, see manifest.json). It runs
// the detection core, because a strict page CSP blocks wasm in content scripts
// (and would reveal the extension through a securitypolicyviolation report).
import '../shared/messages.js';
import { createEngine } from '../engine/engine.js';
import { createEngineHost } from './engine-host.js';
import { createNeverWarn } from './never-warn.js';
import { packagedSource } from './rules-source.js';
import { createRouter } from './router.js';
import { createSettingsStore, minScore, siteOf } from './settings.js';
import { CONFIG } from './config.js';
import { ALARM, createUpdater, storedSource } from './updater.js';

const api = globalThis.browser ?? globalThis.chrome;
const M = globalThis.VigieMessages;
const MAX_UNITS = 40000; // what engine.js scans at most; longer text is cut before it travels

const getURL = (p) => api.runtime.getURL(p);
const host = createEngineHost({
  createEngine,
  loadWasm: async () => {
    const res = await fetch(getURL('engine/vigie.wasm'));
    if (!res.ok) throw new Error(`vigie.wasm: HTTP ${res.status}`);
    return res.arrayBuffer();
  },
  source: storedSource(api.storage.local, packagedSource(getURL)),
});
const settings = createSettingsStore(api.storage.local);
const updater = createUpdater({
  area: api.storage.local,
  config: CONFIG,
  settings: () => settings.get(),
  engine: () => host.ready(),
  applied: (info) => host.applied(info),
});
const neverWarn = createNeverWarn(api.storage.local);

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

// A chosen UI language replaces the browser's: its messages.json travels to
// content scripts, which cannot switch chrome.i18n themselves.
async function strings(language) {
  if (language === 'auto') return null;
  const res = await fetch(getURL(`_locales/${language}/messages.json`));
  return res.ok ? { lang: language, messages: await res.json() } : null;
}

async function setCount(tabId, count) {
  await api.storage.session?.set({ [`count:${tabId}`]: count });
  await api.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  await api.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
}

async function broadcast(s) {
  const payload = { type: M.BG_SETTINGS_CHANGED, settings: s, strings: await strings(s.language) };
  const tabs = await api.tabs.query({ url: ['https://*.facebook.com/*', 'https://*.instagram.com/*'] });
  // A tab without our content script (still loading, or discarded) just misses it.
  await Promise.allSettled(tabs.map((t) => api.tabs.sendMessage(t.id, payload)));
}

const handlers = {
  async [M.CS_WARMUP]() {
    return { ok: (await host.ready()) !== null };
  },

  async [M.CS_HELLO](msg, sender) {
    const s = await settings.get();
    const site = siteOf(hostOf(sender.url));
    return { ok: true, enabled: s.sites[site] !== false, settings: s, strings: await strings(s.language) };
  },

  async [M.CS_SCAN](msg, sender) {
    const text = typeof msg.text === 'string' ? msg.text.slice(0, MAX_UNITS) : '';
    const s = await settings.get();
    if (s.sites[siteOf(hostOf(sender.url))] === false) return { ok: true, findings: [], explain: {} };
    const found = await host.scan(text, { minScore: minScore(s.sensitivity) });
    if (found === null) return { ok: false, error: 'core' };
    const findings = await neverWarn.filter(found.filter((f) => s.categories[f.type] !== false), text);
    const all = await host.explanations();
    const explain = {};
    for (const f of findings) explain[f.rule] = all[f.rule];
    return { ok: true, findings, explain };
  },

  async [M.CS_NEVER_WARN](msg) {
    if (typeof msg.kind !== 'string' || typeof msg.value !== 'string' || msg.value.length > 200) {
      return { ok: false, error: 'bad value' };
    }
    await neverWarn.add(msg.kind, msg.value);
    return { ok: true };
  },

  async [M.CS_COUNT](msg, sender) {
    await setCount(sender.tab.id, Number.isInteger(msg.count) && msg.count > 0 ? msg.count : 0);
    return { ok: true };
  },

  async [M.PAGE_STATUS](msg) {
    const core = host.status();
    let tab = null;
    if (Number.isInteger(msg.tabId)) {
      const t = await api.tabs.get(msg.tabId).catch(() => null);
      const site = siteOf(hostOf(t?.url ?? ''));
      const s = await settings.get();
      const key = `count:${msg.tabId}`;
      const stored = (await api.storage.session?.get(key)) ?? {};
      tab = { site, enabled: site !== '' && s.sites[site] !== false, count: stored[key] ?? 0 };
    }
    if (core.state === 'idle') await host.ready();
    return { ok: true, core: host.status(), tab, update: await updater.status() };
  },

  async [M.PAGE_GET_SETTINGS]() {
    return { ok: true, settings: await settings.get() };
  },

  async [M.PAGE_SET_SETTINGS](msg) {
    const s = await settings.update(msg.settings);
    await broadcast(s);
    return { ok: true, settings: s };
  },

  async [M.PAGE_SET_SITE](msg) {
    if (typeof msg.site !== 'string' || typeof msg.enabled !== 'boolean') return { ok: false, error: 'bad site' };
    const s = await settings.update({ sites: { [msg.site]: msg.enabled } });
    await broadcast(s);
    return { ok: true, settings: s };
  },

  async [M.PAGE_NEVER_WARN_COUNT]() {
    return { ok: true, count: await neverWarn.count() };
  },

  async [M.PAGE_CHECK_NOW]() {
    await updater.check();
    return { ok: true, core: host.status(), update: await updater.status() };
  },

  async [M.PAGE_NEVER_WARN_CLEAR]() {
    await neverWarn.clear();
    return { ok: true, count: 0 };
  },
};

api.runtime.onMessage.addListener(
  createRouter(handlers, { isAllowed: M.isAllowed, extensionId: api.runtime.id, extensionBase: getURL('') }),
);
api.tabs.onRemoved.addListener((tabId) => api.storage.session?.remove(`count:${tabId}`));

// Updates: a check when the browser starts or the extension is installed or
// updated, then every 6 h with jitter. The next alarm is armed before the
// check, so a worker killed mid-check still polls again.
async function pollAndReschedule() {
  await updater.schedule(api.alarms);
  await updater.check();
}
api.runtime.onStartup.addListener(pollAndReschedule);
api.runtime.onInstalled.addListener(pollAndReschedule);
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) pollAndReschedule();
});
