// rules-source.js — where the engine's rules come from. A source's load()
// returns the bundle bytes plus what the popup shows about them. The packaged
// bundle (engine/bundle.json, written by the build) is the fallback for first
// run and corrupt state; updater.js's storedSource, in front of it, serves the
// last bundle the core verified and accepted.

/**
 * @typedef {{bytes: Uint8Array, origin: string, expiresAt: string|null, release?: object|null,
 *   fallback?: () => Promise<Rules>, snapshot?: Uint8Array,
 *   saveSnapshot?: (snapshot: Uint8Array) => Promise<void>}} Rules
 *   snapshot: the core's cached snapshot of bytes, if any (the packaged
 *   bundle needs none: the core embeds its snapshot); saveSnapshot caches one.
 * @typedef {{name: string, load: () => Promise<Rules>}} RulesSource
 */

/**
 * The bundle shipped inside the extension.
 * @param {(path: string) => string} getURL runtime.getURL
 * @param {typeof fetch} [fetchFn]
 * @returns {RulesSource}
 */
export function packagedSource(getURL, fetchFn = fetch) {
  return {
    name: 'packaged',
    async load() {
      const res = await fetchFn(getURL('engine/bundle.json'));
      if (!res.ok) throw new Error(`packaged bundle: HTTP ${res.status}`);
      // A packaged bundle never expires: it is as new as the extension.
      return { bytes: new Uint8Array(await res.arrayBuffer()), origin: 'packaged', expiresAt: null };
    },
  };
}
