// settings.js — the user's choices, validated against their defaults and kept
// in storage.local. Nothing here ever holds text the user typed.

/** Every type the core can report (engine.Type); each can be switched off. */
export const TYPES = Object.freeze([
  'EMAIL', 'PHONE', 'IBAN', 'PAYMENT_CARD', 'NATIONAL_ID', 'PASSPORT', 'POSTAL_ADDRESS',
  'DATE_OF_BIRTH', 'IP_ADDRESS', 'GEO_COORDINATES', 'LICENSE_PLATE', 'CREDENTIAL', 'PERSON_NAME',
]);

/** Sites the content scripts run on; each can be switched off from the popup. */
export const SITES = Object.freeze(['facebook.com', 'instagram.com']);

const SENSITIVITY = Object.freeze({ low: 0.75, normal: 0, high: 0.35 });
const AUDIENCE_POLICIES = Object.freeze(['public', 'everywhere']);
export const LANGUAGES = Object.freeze(['auto', 'en', 'fr', 'de', 'es', 'it']);

/** The settings of a fresh install. */
export function defaults() {
  return {
    sites: Object.fromEntries(SITES.map((s) => [s, true])),
    categories: Object.fromEntries(TYPES.map((t) => [t, true])),
    sensitivity: 'normal',
    audiencePolicy: 'public',
    language: 'auto',
    // Used by the updater (issue 5); empty URL means "packaged rules only".
    server: { url: '', channel: 'stable' },
  };
}

function bools(keys, base, patch) {
  const out = { ...base };
  if (patch && typeof patch === 'object') {
    for (const k of keys) if (typeof patch[k] === 'boolean') out[k] = patch[k];
  }
  return out;
}

function serverURL(v, fallback) {
  if (v === '') return '';
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost' ? u.href : fallback;
  } catch {
    return fallback;
  }
}

/** Applies a partial, untrusted patch to settings; unknown keys and bad values are dropped. */
export function merge(base, patch) {
  const p = patch && typeof patch === 'object' ? patch : {};
  return {
    sites: bools(SITES, base.sites, p.sites),
    categories: bools(TYPES, base.categories, p.categories),
    sensitivity: Object.hasOwn(SENSITIVITY, p.sensitivity) ? p.sensitivity : base.sensitivity,
    audiencePolicy: AUDIENCE_POLICIES.includes(p.audiencePolicy) ? p.audiencePolicy : base.audiencePolicy,
    language: LANGUAGES.includes(p.language) ? p.language : base.language,
    server: {
      url: typeof p.server?.url === 'string' ? serverURL(p.server.url.trim(), base.server.url) : base.server.url,
      channel: typeof p.server?.channel === 'string' && /^[a-z0-9-]{1,32}$/.test(p.server.channel)
        ? p.server.channel : base.server.channel,
    },
  };
}

/** The scan's minScore for a sensitivity (0 = the engine's own threshold). */
export function minScore(sensitivity) {
  return SENSITIVITY[sensitivity] ?? 0;
}

/** The settings entry ("facebook.com") covering a host, or ''. */
export function siteOf(host) {
  return SITES.find((s) => host === s || host.endsWith('.' + s)) ?? '';
}

/**
 * Settings persisted in a storage area (storage.local).
 * @param {{get: Function, set: Function}} area
 */
export function createSettingsStore(area) {
  return {
    async get() {
      const { settings } = await area.get('settings');
      return merge(defaults(), settings);
    },
    async update(patch) {
      const next = merge(await this.get(), patch);
      await area.set({ settings: next });
      return next;
    },
  };
}
