// engine-host.js — owns the detection core in the background: one memoized
// start (wasm + rules), scans, a status for the popup, and load() as the seam
// through which the updater swaps rules. It fails open: when the core cannot
// start, scan() resolves to null and callers let the page work untouched.

// SNAPSHOT_DELAY_MS: how long after start the host makes a missing snapshot
// (it keeps the core busy for about half a second).
const SNAPSHOT_DELAY_MS = 5000;

/**
 * @param {object} deps
 * @param {(wasm: ArrayBuffer, bundle: Uint8Array) => Promise<object>} deps.createEngine engine.js createEngine
 * @param {() => Promise<ArrayBuffer>} deps.loadWasm bytes of vigie.wasm
 * @param {import('./rules-source.js').RulesSource} deps.source
 * @param {() => number} [deps.now] milliseconds since the epoch
 * @param {(fn: () => void) => void} [deps.later] runs fn a few seconds later
 */
export function createEngineHost({ createEngine, loadWasm, source, now = Date.now, later = (fn) => setTimeout(fn, SNAPSHOT_DELAY_MS) }) {
  let started = null;
  let state = { state: 'idle', error: '', rules: null };

  function describe(engine, rules) {
    const { id, version, created_at: createdAt } = engine.meta;
    return {
      id, version, createdAt, origin: rules.origin, expiresAt: rules.expiresAt, release: rules.release ?? null,
      fromSnapshot: engine.fromSnapshot,
    };
  }

  /** Starts the core once; resolves to the engine, or null when it failed. */
  function ready() {
    started ??= (async () => {
      state = { state: 'loading', error: '', rules: null };
      try {
        const [wasm, first] = await Promise.all([loadWasm(), source.load()]);
        let rules = first;
        let engine;
        try {
          engine = await createEngine(wasm, rules.bytes, rules.snapshot);
        } catch (err) {
          // Stored rules that no longer load: the source's fallback (packaged).
          if (!rules.fallback) throw err;
          rules = await rules.fallback();
          engine = await createEngine(wasm, rules.bytes, rules.snapshot);
        }
        if (!engine.fromSnapshot && rules.saveSnapshot) {
          // Compiled from the bundle: no snapshot yet, or one the core
          // refused (made by another version). Make one for the next start,
          // once the first scans are done, unless the rules changed since
          // (the updater caches the snapshot of what it applies).
          const loaded = engine.meta.id;
          later(() => {
            if (engine.meta.id !== loaded) return;
            try {
              rules.saveSnapshot(engine.snapshot(rules.bytes))?.catch?.(() => {});
            } catch {
              // a cache: the next start compiles again
            }
          });
        }
        state = { state: 'ready', error: '', rules: describe(engine, rules) };
        return engine;
      } catch (err) {
        state = { state: 'failed', error: String(err?.message ?? err), rules: null };
        return null;
      }
    })();
    return started;
  }

  return {
    ready,

    /** Findings in text, or null when the core is not available. */
    async scan(text, opts) {
      const engine = await ready();
      return engine ? engine.scan(text, opts) : null;
    },

    /** Rule explanations by rule id ({fr, en}), from the loaded bundle. */
    async explanations() {
      const engine = await ready();
      const out = {};
      for (const r of engine?.meta.rules ?? []) out[r.id] = r.explain;
      return out;
    },

    /**
     * Replaces the rules (the updater's entry point). Throws and keeps the
     * current rules when the bundle does not load.
     */
    async load(bytes, info) {
      const engine = await ready();
      if (!engine) throw new Error('core not loaded');
      engine.load(bytes);
      state = { ...state, rules: describe(engine, info) };
    },

    /**
     * Records rules the updater swapped in through the engine itself
     * (engine.applyUpdate verified and loaded them).
     * @param {{origin: string, expiresAt: string|null, release: object|null}} info
     */
    async applied(info) {
      const engine = await ready();
      if (engine) state = { ...state, rules: describe(engine, info) };
    },

    /** {state: idle|loading|ready|failed, error, rules:{…, outdated}} for the popup. */
    status() {
      const rules = state.rules && {
        ...state.rules,
        outdated: state.rules.expiresAt !== null && Date.parse(state.rules.expiresAt) < now(),
      };
      return { ...state, rules };
    },
  };
}
