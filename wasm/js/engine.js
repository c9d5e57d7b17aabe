// engine.js — ES module wrapper around vigie.wasm (the Go detection core).
// Runs unchanged in Node 20, in an MV3 service worker and in a Firefox event
// page: it only needs WebAssembly, TextEncoder/TextDecoder and wasm_exec.js,
// which defines globalThis.Go and ships beside this file (copied from the Go
// toolchain at build time).
import './wasm_exec.js';

const FIELDS = 5; // per finding: type, rule, start, end, score (see main.go)
// A scan looks at 20,000 code points at most (engine.MaxInputRunes), which is
// at most 40,000 UTF-16 units: longer text is not even copied.
const MAX_UNITS = 40000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The Go runtime's soft memory limit, read at start-up: WebAssembly memory
// never shrinks, and the collector works harder before the heap grows past
// it. Measured with the benchmark's scans: 14–15 MiB of linear memory with
// it, 17–21 MiB without (README, "Memory"). At 12 MiB the collector's goal
// was the live heap itself: once the core let collections finish (a yield
// after each scan, vigie-wasm), one ran all the time, and scans alternating
// with another engine's took 1.2–1.7 times as long. Set here rather than
// with runtime/debug in Go, which would link fmt and os into the core (see
// wasm/cmd/vigie-wasm).
const GO_ENV = { GOMEMLIMIT: '13MiB' };

/**
 * Instantiates the core.
 * @param {BufferSource|WebAssembly.Module} wasm vigie.wasm bytes or a compiled module
 * @param {Uint8Array} [bundleBytes] a rule bundle; the embedded default when absent
 * @param {Uint8Array} [snapshotBytes] a snapshot of that bundle (see Engine.snapshot)
 * @returns {Promise<Engine>}
 */
export async function createEngine(wasm, bundleBytes, snapshotBytes) {
  const go = new globalThis.Go();
  go.env = { ...GO_ENV };
  const instance = wasm instanceof WebAssembly.Module
    ? await WebAssembly.instantiate(wasm, go.importObject)
    : (await WebAssembly.instantiate(wasm, go.importObject)).instance;
  // Runs Go's main until it blocks; the exports are usable from then on.
  go.run(instance);
  const engine = new Engine(instance.exports);
  engine.load(bundleBytes, snapshotBytes);
  return engine;
}

/** A loaded core. Scans are synchronous and allocation-light. */
export class Engine {
  #x;
  #meta;

  constructor(exports) {
    this.#x = exports;
  }

  #mem() {
    return this.#x.mem.buffer;
  }

  #string(len) {
    return decoder.decode(new Uint8Array(this.#mem(), this.#x.vigie_output(), len));
  }

  #write(bytes) {
    const p = this.#x.vigie_input(bytes.length);
    new Uint8Array(this.#mem(), p, bytes.length).set(bytes);
  }

  /**
   * Replaces the rules. Throws (and keeps the current rules) when the bundle
   * does not parse or compile. A snapshot of the bundle (from snapshot())
   * loads several times faster than the bundle; one that does not match the
   * bundle or this core's version is ignored (see fromSnapshot). The packaged
   * default always loads from the snapshot embedded in the core.
   * @param {Uint8Array} [bundleBytes] absent or empty: the embedded default
   * @param {Uint8Array} [snapshotBytes]
   */
  load(bundleBytes, snapshotBytes) {
    const n = bundleBytes?.length ?? 0;
    const m = n > 0 ? snapshotBytes?.length ?? 0 : 0;
    if (n + m > 0) {
      const p = this.#x.vigie_input(n + m);
      const mem = new Uint8Array(this.#mem(), p, n + m);
      mem.set(bundleBytes);
      if (m > 0) mem.set(snapshotBytes, n);
    }
    const errLen = this.#x.vigie_load(n, m);
    if (errLen !== 0) throw new Error(this.#string(errLen));
    this.#meta = JSON.parse(this.#string(this.#x.vigie_meta()));
  }

  /** Whether the loaded rules came from a snapshot (given or embedded) rather than compiled from the bundle. */
  get fromSnapshot() {
    return this.#x.vigie_snapshot_used() === 1;
  }

  /**
   * Compiles a bundle into a snapshot to cache beside it and give back to
   * load() or createEngine(). It takes as long as loading the bundle
   * without one, or longer: call it when nothing waits on the core.
   * Throws when the bundle does not parse or compile.
   * @param {Uint8Array} bundleBytes
   * @returns {Uint8Array} a copy, owned by the caller
   */
  snapshot(bundleBytes) {
    this.#write(bundleBytes);
    const len = this.#x.vigie_snapshot(bundleBytes.length);
    if (len < 0) throw new Error(this.#string(-len));
    return new Uint8Array(this.#mem(), this.#x.vigie_output(), len).slice();
  }

  /**
   * Rule updates (issue 5). Verification runs inside the core, in this order:
   * keys document chained to the pinned root (version never lower than
   * lastKeysVersion, not expired) → manifest signed by a release key allowed
   * for its channel → channel equals `channel` → manifest not expired →
   * version > lastVersion → rollout bucket sha256(installId ‖ bundle sha256)
   * mod 100 < rollout → then, in applyUpdate only: bundle size ≤ the
   * manifest's and the hard cap → sha256 → min engine → every rule compiles
   * and its examples pass → swap.
   *
   * checkUpdate runs the steps that need no bundle, so the updater downloads
   * the bundle only for a release it would accept; applyUpdate runs every
   * step again over the same inputs and swaps the rules only when all pass.
   * Neither throws on a refusal: the report says why.
   *
   * @typedef {{rootKey: Uint8Array, channel: string, installId: Uint8Array,
   *   lastVersion: number, lastKeysVersion: number, now: number,
   *   keysDoc: Uint8Array, manifest: Uint8Array, bundle?: Uint8Array}} UpdateRequest
   *   rootKey: 32-byte Ed25519 public key; installId: 16 random bytes (never sent
   *   anywhere); versions: last accepted (0: none); now: ms since the epoch;
   *   keysDoc/manifest/bundle: bytes as served by /v1/keys,
   *   /v1/channels/{channel}/latest and /v1/bundles/{sha256}
   * @typedef {{ok: boolean, code: string, error: string, applied: boolean,
   *   bucket: number, keysVersion: number, release: null|{channel: string,
   *   version: number, releaseId: string, sha256: string, size: number,
   *   rollout: number, minEngine: string, publishedAt: string, expiresAt: string}}} UpdateReport
   *   code: "ok" or a reason (bad_signature, unknown_key, key_expired,
   *   key_channel, keys_expired, keys_version, wrong_channel, manifest_expired,
   *   rollback, rollout_out, size_over, size_mismatch, sha256_mismatch,
   *   min_engine, rules_invalid, examples_failed, malformed, bad_request);
   *   keysVersion: the keys document's version once it verified, else 0;
   *   release: the manifest once it verified, else null
   */

  /**
   * @param {UpdateRequest} req
   * @returns {UpdateReport}
   */
  checkUpdate(req) {
    return this.#update(req, 0);
  }

  /**
   * @param {UpdateRequest} req with bundle
   * @returns {UpdateReport} applied: true when the new rules are live
   */
  applyUpdate(req) {
    const report = this.#update(req, 1);
    if (report.applied) this.#meta = JSON.parse(this.#string(this.#x.vigie_meta()));
    return report;
  }

  #update(req, apply) {
    const fields = [
      req.rootKey, encoder.encode(req.channel), req.installId, req.keysDoc, req.manifest,
      apply ? req.bundle : new Uint8Array(0),
    ];
    let n = 0;
    for (const f of fields) n += 4 + (f?.length ?? 0);
    const p = this.#x.vigie_input(n);
    const mem = new Uint8Array(this.#mem(), p, n);
    const view = new DataView(this.#mem(), p, n);
    let o = 0;
    for (const f of fields) {
      const len = f?.length ?? 0;
      view.setUint32(o, len, true); // frame: little-endian length, then bytes (update.DecodeFrame)
      if (len) mem.set(f, o + 4);
      o += 4 + len;
    }
    const len = this.#x.vigie_update(n, req.lastVersion ?? 0, req.lastKeysVersion ?? 0, req.now ?? Date.now(), apply);
    const r = JSON.parse(this.#string(len));
    const m = r.release;
    return {
      ok: r.ok, code: r.code, error: r.error, applied: r.applied, bucket: r.bucket, keysVersion: r.keys_version,
      release: m && {
        channel: m.channel, version: m.version, releaseId: m.release_id, sha256: m.sha256, size: m.size,
        rollout: m.rollout, minEngine: m.min_engine, publishedAt: m.published_at, expiresAt: m.expires_at,
      },
    };
  }

  /** Bundle description: {engine, id, version, created_at, types, rules:[{id,type,explain}]}. */
  get meta() {
    return this.#meta;
  }

  get bundleVersion() {
    return this.#meta.version;
  }

  /** Size of the core's linear memory in bytes (it grows, never shrinks). */
  get memoryBytes() {
    return this.#mem().byteLength;
  }

  /**
   * Finds personal data in text.
   * @param {string} text
   * @param {{minScore?: number}} [opts] minScore in (0,1]; default: the engine's threshold
   * @returns {{type:string,start:number,end:number,score:number,rule:string}[]}
   *   sorted, non-overlapping, offsets in UTF-16 code units (JS string indexes)
   */
  scan(text, opts = {}) {
    if (text.length > MAX_UNITS) text = text.slice(0, MAX_UNITS);
    const cap = text.length * 3;
    const p = this.#x.vigie_input(cap);
    const { written } = encoder.encodeInto(text, new Uint8Array(this.#mem(), p, cap));
    const minScore = Math.round((opts.minScore ?? 0) * 1000);
    const n = this.#x.vigie_scan(written, minScore);
    if (n < 0) throw new Error('vigie: no rules loaded');
    const r = new Int32Array(this.#mem(), this.#x.vigie_results(), n * FIELDS);
    const { types, rules } = this.#meta;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const o = i * FIELDS;
      out[i] = {
        type: types[r[o]],
        start: r[o + 2],
        end: r[o + 3],
        score: r[o + 4] / 1000,
        rule: rules[r[o + 1]].id,
      };
    }
    return out;
  }
}
