// updater.js — fetches rule updates and hands them to the core, which
// verifies everything (see engine.js checkUpdate/applyUpdate for the order).
// Network: GET {server}/v1/channels/{channel}/latest with If-None-Match, then
// /v1/keys and /v1/bundles/{sha256} only for a manifest the core would
// accept. Requests carry no cookies, credentials, referrer or identifying
// header; the install id used for staged rollout never leaves the browser.
//
// Storage (chrome.storage.local):
//   vigie.installId  base64 of 16 random bytes, made on first use
//   vigie.update     {server, channel, version, keysVersion, etag, release,
//                     bundle (base64), lastCheck: {at, result, error}}
//   vigie.snapshot   {sha256, data (base64)}: the core's snapshot of the bundle
//                     whose SHA-256 it names (engine.js snapshot()), so that a
//                     restarted worker loads updated rules as fast as packaged
//                     ones. A cache: a missing, stale or damaged one only
//                     costs time. Kept apart from vigie.update, which the
//                     check rewrites from an earlier read.
// A missing or corrupt vigie.update means "packaged bundle" (see storedSource).

export const POLL_MINUTES = 6 * 60;
export const JITTER_MINUTES = 30;
export const ALARM = 'vigie-update';
// FETCH_TIMEOUT_MS bounds each request of a check.
const FETCH_TIMEOUT_MS = 30_000;
const STATE_KEY = 'vigie.update';
const SNAPSHOT_KEY = 'vigie.snapshot';
const ID_KEY = 'vigie.installId';

export function b64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function unb64(s) {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function sha256Hex(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A stored update state, or null when absent or not what we wrote. */
export function validState(s) {
  if (!s || typeof s !== 'object') return null;
  const ok = typeof s.server === 'string' && typeof s.channel === 'string'
    && Number.isSafeInteger(s.version) && s.version >= 0
    && Number.isSafeInteger(s.keysVersion) && s.keysVersion >= 0
    && (s.etag === null || typeof s.etag === 'string')
    && (s.release === null || (typeof s.release === 'object' && typeof s.release.sha256 === 'string'))
    && (s.bundle === null || typeof s.bundle === 'string');
  return ok ? s : null;
}

function emptyState(server, channel, keysVersion = 0) {
  return { server, channel, version: 0, keysVersion, etag: null, release: null, bundle: null, lastCheck: null };
}

/**
 * The verified bundle from the last update, falling back to the packaged one
 * on first run and whenever the stored state is corrupt (bad JSON shape,
 * bundle bytes that do not hash to the accepted release).
 * @param {chrome.storage.StorageArea} area
 * @param {import('./rules-source.js').RulesSource} packaged
 */
export function storedSource(area, packaged) {
  const source = {
    name: 'stored',
    async load() {
      const raw = (await area.get(STATE_KEY))[STATE_KEY];
      const s = validState(raw);
      if (s?.bundle && s.release) {
        try {
          const bytes = unb64(s.bundle);
          const sha256 = s.release.sha256;
          if ((await sha256Hex(bytes)) === sha256) {
            return {
              bytes, snapshot: await loadSnapshot(area, sha256),
              origin: 'update', expiresAt: s.release.expiresAt, release: s.release,
              fallback: () => source.reset(),
              saveSnapshot: (snapshot) => saveSnapshot(area, sha256, snapshot),
            };
          }
        } catch {
          // not base64: corrupt, below
        }
      }
      if (raw !== undefined && (!s || s.bundle)) return source.reset();
      return packaged.load();
    },
    /** Forgets a corrupt stored bundle (keeps the keys version: it only protects). */
    async reset() {
      const raw = (await area.get(STATE_KEY))[STATE_KEY];
      const keysVersion = Number.isSafeInteger(raw?.keysVersion) && raw.keysVersion >= 0 ? raw.keysVersion : 0;
      await area.set({
        [STATE_KEY]: { ...emptyState('', '', keysVersion), lastCheck: { at: Date.now(), result: 'corrupt_state', error: '' } },
        [SNAPSHOT_KEY]: null,
      });
      return packaged.load();
    },
  };
  return source;
}

/** The cached snapshot of the bundle with this SHA-256, or undefined. */
async function loadSnapshot(area, sha256) {
  const c = (await area.get(SNAPSHOT_KEY))[SNAPSHOT_KEY];
  if (c?.sha256 !== sha256 || typeof c.data !== 'string') return undefined;
  try {
    return unb64(c.data);
  } catch {
    return undefined; // damaged: the bundle loads without it
  }
}

async function saveSnapshot(area, sha256, snapshot) {
  await area.set({ [SNAPSHOT_KEY]: { sha256, data: b64(snapshot) } });
}

/**
 * @param {object} deps
 * @param {chrome.storage.StorageArea} deps.area storage.local
 * @param {{rootKey: string, server: string, channel: string}} deps.config build config
 * @param {() => Promise<{server:{url:string,channel:string}}>} deps.settings current settings
 * @param {() => Promise<object|null>} deps.engine the loaded engine (engine.js Engine) or null
 * @param {(info: object) => void} deps.applied tells the engine host which rules are live
 * @param {typeof fetch} [deps.fetchFn]
 * @param {() => number} [deps.now]
 */
export function createUpdater({ area, config, settings, engine, applied, fetchFn = fetch, now = Date.now }) {
  let running = null;

  async function installId() {
    const got = (await area.get(ID_KEY))[ID_KEY];
    if (typeof got === 'string') {
      try {
        const b = unb64(got);
        if (b.length === 16) return b;
      } catch {
        // corrupt: make a new one
      }
    }
    const id = crypto.getRandomValues(new Uint8Array(16));
    await area.set({ [ID_KEY]: b64(id) });
    return id;
  }

  /** Server URL and channel in effect: the options' when set, else the build's. */
  async function target() {
    const s = await settings();
    const url = s.server?.url || config.server;
    const channel = s.server?.url ? s.server.channel : config.channel;
    return { url: url ? new URL(url).href : '', channel };
  }

  async function get(url, headers = {}) {
    // A server that never answers must not leave the check pending forever:
    // the next poll is only armed once a check ends.
    const res = await fetchFn(url, {
      method: 'GET', headers, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    return res;
  }

  async function body(res, what) {
    if (!res.ok) throw Object.assign(new Error(`${what}: HTTP ${res.status}`), { code: 'http_error' });
    return new Uint8Array(await res.arrayBuffer());
  }

  async function save(state) {
    await area.set({ [STATE_KEY]: state });
    return state;
  }

  async function checkOnce() {
    const { url, channel } = await target();
    const read = async () => validState((await area.get(STATE_KEY))[STATE_KEY]) ?? emptyState(url, channel, 0);
    if (!config.rootKey || !url) {
      return save({ ...(await read()), lastCheck: { at: now(), result: 'not_configured', error: '' } });
    }
    const eng = await engine();
    // Read only now: loading the core may have just reset a corrupt stored
    // bundle (storedSource), which an earlier copy would write back.
    let state = await read();
    if (!eng) return save({ ...state, lastCheck: { at: now(), result: 'core_failed', error: '' } });
    // A different server or channel starts over, except the keys version.
    if (state.server !== url || state.channel !== channel) state = emptyState(url, channel, state.keysVersion);
    const record = (result, error = '') => save({ ...state, lastCheck: { at: now(), result, error } });
    try {
      const base = url.endsWith('/') ? url : url + '/';
      const latest = await get(new URL(`v1/channels/${encodeURIComponent(channel)}/latest`, base), state.etag ? { 'If-None-Match': state.etag } : {});
      if (latest.status === 304) return record('not_modified');
      const manifest = await body(latest, 'latest');
      const etag = latest.headers.get('ETag');
      const keysDoc = await body(await get(new URL('v1/keys', base)), 'keys');
      const req = {
        rootKey: unb64(config.rootKey), channel, installId: await installId(),
        lastVersion: state.version, lastKeysVersion: state.keysVersion, now: now(), keysDoc, manifest,
      };
      const check = eng.checkUpdate(req);
      if (check.keysVersion > state.keysVersion) state = { ...state, keysVersion: check.keysVersion };
      if (!check.ok) return record(check.code, check.error);
      const bundle = await body(await get(new URL(`v1/bundles/${check.release.sha256}`, base)), 'bundle');
      const rep = eng.applyUpdate({ ...req, bundle });
      if (!rep.applied) return record(rep.code, rep.error);
      state = { ...state, version: rep.release.version, etag, release: rep.release, bundle: b64(bundle) };
      applied({ origin: 'update', expiresAt: rep.release.expiresAt, release: rep.release });
      // Worth the core's time now (an update is rare): the next worker start
      // loads the new rules from it. Without it they still load, slower.
      try {
        await saveSnapshot(area, rep.release.sha256, eng.snapshot(bundle));
      } catch {
        // the engine host makes one at the next start
      }
      return record('applied');
    } catch (err) {
      return record(err.code ?? 'network_error', String(err?.message ?? err));
    }
  }

  return {
    /** Runs one check (concurrent calls share it); resolves to the stored state. */
    check() {
      running ??= checkOnce().finally(() => { running = null; });
      return running;
    },

    /** Schedules the periodic check: every 6 h plus up to 30 min of jitter. */
    async schedule(alarms, random = Math.random) {
      await alarms.create(ALARM, { delayInMinutes: POLL_MINUTES + random() * JITTER_MINUTES });
    },

    /** For the popup and options: what the last check did, and the target. */
    async status() {
      const s = validState((await area.get(STATE_KEY))[STATE_KEY]);
      const { url, channel } = await target();
      return {
        configured: Boolean(config.rootKey && url), server: url, channel,
        lastCheck: s?.lastCheck ?? null, release: s?.release ?? null,
      };
    },
  };
}
