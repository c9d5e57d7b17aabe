// messages.js — the whole message protocol between the extension's parts, in
// one file. Names are prefixed by direction: CS_ content script → background,
// PAGE_ extension page (popup, options) → background, BG_ background → content
// scripts. It is a classic script that defines one global, so the same file
// serves the content scripts (classic), the background module (side-effect
// import) and the extension pages.
'use strict';

(function (root) {
  const CS = Object.freeze({
    // Wakes the worker and loads the core when a composer gets focus and when
    // a scan's debounce starts, so that a worker stopped while idle starts
    // during the debounce instead of after it. → {ok}
    CS_WARMUP: 'cs:warmup',
    // {text} → {ok, findings:[{type,start,end,score,rule}], explain:{rule:{fr,en}}}
    CS_SCAN: 'cs:scan',
    // → {enabled, settings, strings} for the sender's site
    CS_HELLO: 'cs:hello',
    // {kind, value} → stores a salted hash of the finding (never the value itself)
    CS_NEVER_WARN: 'cs:neverWarn',
    // {count} → findings count of the tab (a number, no text) for the popup
    CS_COUNT: 'cs:count',
  });

  const PAGE = Object.freeze({
    // → {core:{state,error,rules:{id,version,createdAt,origin,expiresAt,outdated,release,fromSnapshot}},
    //    tab:{site,enabled,count}, update:{configured,server,channel,lastCheck:{at,result,error},release}}
    PAGE_STATUS: 'page:status',
    // Runs an update check now (options "Check now") → {core, update} as above
    PAGE_CHECK_NOW: 'page:checkNow',
    PAGE_GET_SETTINGS: 'page:getSettings',
    // {settings} (partial) → {settings}
    PAGE_SET_SETTINGS: 'page:setSettings',
    // {host, enabled}
    PAGE_SET_SITE: 'page:setSite',
    // → {count}
    PAGE_NEVER_WARN_COUNT: 'page:neverWarnCount',
    PAGE_NEVER_WARN_CLEAR: 'page:neverWarnClear',
  });

  const BG = Object.freeze({
    // {settings, strings} pushed to content scripts after a settings change
    BG_SETTINGS_CHANGED: 'bg:settingsChanged',
  });

  // Hosts whose pages may talk to the background (the content scripts'
  // matches); anything else with a tab is refused.
  const CONTENT_HOSTS = Object.freeze(['facebook.com', 'instagram.com']);

  function hostAllowed(host) {
    return CONTENT_HOSTS.some((h) => host === h || host.endsWith('.' + h));
  }

  function urlOf(s) {
    try {
      return new URL(s);
    } catch {
      return null;
    }
  }

  /**
   * Says whether a message of this type may come from this sender.
   * Content-script messages need sender.tab on an allowed https host;
   * settings/status messages only come from the extension's own pages.
   * @param {string} type
   * @param {{id?:string,tab?:object,url?:string}} sender runtime.MessageSender
   * @param {string} extensionId runtime.id
   * @param {string} extensionBase runtime.getURL(''), e.g. chrome-extension://id/
   *   (compared as a prefix: URL.origin is "null" for moz-extension: in some engines)
   */
  function isAllowed(type, sender, extensionId, extensionBase) {
    if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return false;
    if (Object.values(CS).includes(type)) {
      const url = urlOf(sender.url);
      return Boolean(sender.tab) && url !== null && url.protocol === 'https:' && hostAllowed(url.hostname);
    }
    if (Object.values(PAGE).includes(type)) {
      return sender.url.startsWith(extensionBase);
    }
    return false;
  }

  root.VigieMessages = Object.freeze({ ...CS, ...PAGE, ...BG, CS, PAGE, BG, CONTENT_HOSTS, hostAllowed, isAllowed });
})(globalThis);
