// never-warn.js — values the user asked never to be warned about, kept as
// salted SHA-256 hashes (the salt is random per install and never leaves it),
// so the list cannot be read back into values.

/** Canonical form of a value so "06 12 34 56 78" and "0612345678" match. */
export function normalize(value) {
  return value.normalize('NFKC').toLowerCase().replace(/[\s.\-()/]+/g, '');
}

function hex(buf) {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @param {{get: Function, set: Function}} area storage.local
 * @param {Crypto} [cryptoImpl]
 */
export function createNeverWarn(area, cryptoImpl = globalThis.crypto) {
  async function state() {
    const { neverWarn } = await area.get('neverWarn');
    if (neverWarn && typeof neverWarn.salt === 'string' && Array.isArray(neverWarn.hashes)) return neverWarn;
    const salt = hex(cryptoImpl.getRandomValues(new Uint8Array(16)));
    const fresh = { salt, hashes: [] };
    await area.set({ neverWarn: fresh });
    return fresh;
  }

  async function hash(salt, type, value) {
    const data = new TextEncoder().encode(`${salt}\u0000${type}\u0000${normalize(value)}`);
    return hex(await cryptoImpl.subtle.digest('SHA-256', data));
  }

  return {
    async add(type, value) {
      const s = await state();
      const h = await hash(s.salt, type, value);
      if (!s.hashes.includes(h)) await area.set({ neverWarn: { salt: s.salt, hashes: [...s.hashes, h] } });
    },

    /** Drops findings whose value (text.slice(start, end)) is on the list. */
    async filter(findings, text) {
      const s = await state();
      if (s.hashes.length === 0 || findings.length === 0) return findings;
      const keep = [];
      for (const f of findings) {
        if (!s.hashes.includes(await hash(s.salt, f.type, text.slice(f.start, f.end)))) keep.push(f);
      }
      return keep;
    },

    async count() {
      return (await state()).hashes.length;
    },

    async clear() {
      const s = await state();
      await area.set({ neverWarn: { salt: s.salt, hashes: [] } });
    },
  };
}
