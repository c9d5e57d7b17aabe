// mask.js — the text that replaces a finding when the user masks it: enough
// left to recognise one's own value, not enough to use it.
'use strict';

(function (root) {
  const BULLET = '•';
  const ALNUM = /[\p{L}\p{N}]/u;

  // Keeps the characters whose index among the value's letters/digits passes
  // keep(i, n); separators stay so the shape is familiar ("06 •• •• •• 78").
  function keepSome(value, keep) {
    const chars = Array.from(value);
    const n = chars.filter((c) => ALNUM.test(c)).length;
    let i = 0;
    return chars.map((c) => (ALNUM.test(c) ? (keep(i++, n) ? c : BULLET) : c)).join('');
  }

  const BY_TYPE = {
    // First two and last two digits: "06 •• •• •• 78", "+33 • •• •• •• 78".
    PHONE: (v) => keepSome(v, (i, n) => i < 2 || i >= n - 2),
    // Last four characters, as banks print them.
    IBAN: (v) => keepSome(v, (i, n) => i >= n - 4),
    PAYMENT_CARD: (v) => keepSome(v, (i, n) => i >= n - 4),
    // First letter of the mailbox, the domain: "m•••@gmail.com".
    EMAIL: (v) => {
      const at = v.lastIndexOf('@');
      if (at < 1) return keepSome(v, () => false);
      return Array.from(v.slice(0, at))[0] + BULLET.repeat(3) + v.slice(at);
    },
    // Initials only.
    PERSON_NAME: (v) => v.replace(/[\p{L}\p{N}]+/gu, (w) => Array.from(w)[0] + '.'),
  };

  /** The masked form of value, a finding of the given type. */
  function mask(type, value) {
    const f = BY_TYPE[type];
    return f ? f(value) : keepSome(value, () => false);
  }

  root.VigieMask = Object.freeze({ mask, BULLET });
})(globalThis);
