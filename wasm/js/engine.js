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

/**
 * Instantiates the core.
 * @param {BufferSource|WebAssembly.Module} wasm vigie.wasm bytes or a compiled module
 * @param {Uint8Array} [bundleBytes] a rule bundle; the embedded default when absent
 * @returns {Promise<Engine>}
 */
export async function createEngine(wasm, bundleBytes) {
  const go = new globalThis.Go();
  const instance = wasm instanceof WebAssembly.Module
    ? await WebAssembly.instantiate(wasm, go.importObject)
    : (await WebAssembly.instantiate(wasm, go.importObject)).instance;
  // Runs Go's main until it blocks; the exports are usable from then on.
  go.run(instance);
  const engine = new Engine(instance.exports);
  engine.load(bundleBytes);
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
   * does not parse or compile.
   * @param {Uint8Array} [bundleBytes] absent or empty: the embedded default
   */
  load(bundleBytes) {
    let n = 0;
    if (bundleBytes && bundleBytes.length > 0) {
      this.#write(bundleBytes);
      n = bundleBytes.length;
    }
    const errLen = this.#x.vigie_load(n);
    if (errLen !== 0) throw new Error(this.#string(errLen));
    this.#meta = JSON.parse(this.#string(this.#x.vigie_meta()));
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
