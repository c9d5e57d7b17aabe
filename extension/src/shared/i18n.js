// i18n.js — localized strings for content scripts and extension pages. Uses
// the browser's i18n (messages.json of the UI language) unless the user chose
// another language in the options, in which case the background hands over
// that locale's messages.json and they are used instead.
'use strict';

(function (root) {
  const api = root.browser ?? root.chrome;
  let override = null;
  let overrideLang = '';

  function substitute(message, subs) {
    const list = subs === undefined ? [] : [].concat(subs);
    return message.replace(/\$(\d)/g, (_, d) => String(list[Number(d) - 1] ?? ''));
  }

  /** Message for key, with $1…$9 replaced by subs. */
  function t(key, subs) {
    if (override && override[key]) return substitute(override[key].message, subs);
    const m = api?.i18n?.getMessage(key, subs === undefined ? undefined : [].concat(subs).map(String));
    return m || key;
  }

  /** Uses messages (a parsed messages.json) for language lang; null restores the browser's. */
  function setOverride(lang, messages) {
    override = messages || null;
    overrideLang = messages ? lang : '';
  }

  /** For extension pages: uses the language chosen in the options ('auto' keeps the browser's). */
  async function useLanguage(lang) {
    if (!lang || lang === 'auto') return;
    const res = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    if (res.ok) setOverride(lang, await res.json());
  }

  /** Two-letter language of the strings in use. */
  function language() {
    if (overrideLang) return overrideLang;
    return (api?.i18n?.getUILanguage?.() || 'en').slice(0, 2).toLowerCase();
  }

  /** Picks the text for the current language from {fr, en, …}, falling back to en. */
  function pick(texts) {
    if (!texts) return '';
    return texts[language()] || texts.en || Object.values(texts)[0] || '';
  }

  /** Fills elements carrying data-i18n (text) and data-i18n-attr ("attr:key;…"). */
  function localize(doc) {
    for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of doc.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of el.dataset.i18nAttr.split(';')) {
        const [attr, key] = pair.split(':');
        if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
      }
    }
    doc.documentElement.lang = language();
  }

  root.VigieI18n = Object.freeze({ t, setOverride, useLanguage, language, pick, localize });
})(globalThis);
