// main.js — wires the content script together at document_start: finds
// composers as they get focus, renders their findings, and holds Post/Share
// clicks and Enter in comment boxes (capture phase on window, so before the
// page's own handlers) while a public post holds personal data.
'use strict';

(function (root) {
  const api = root.browser ?? root.chrome;
  const M = root.VigieMessages;
  const Sites = root.VigieSites;
  const { range, read } = root.VigieTextMap;
  const { mask } = root.VigieMask;
  const { Composer } = root.VigieComposer;
  const { Overlay } = root.VigieOverlay;
  const I18n = root.VigieI18n;

  // At submit time, how long a pending scan may hold the action before we
  // let it through (fail open). A clean post is otherwise never delayed.
  const PENDING_WAIT_MS = 400;
  // How long masking waits for the editor to see the new selection.
  const SELECTION_WAIT_MS = 100;

  const site = Sites.siteFor(location.hostname);
  if (!site) return;

  /** @type {Map<Element, InstanceType<typeof Composer>>} */
  const composers = new Map();
  let overlay = null;
  let active = null;
  let enabled = null; // null until the background answered
  let settings = { audiencePolicy: 'public' };
  let lastCount = -1;

  // A reply slower than this means the background is gone (extension
  // reloaded, worker killed mid-answer): treat it as an error and fail open.
  // A cold start of the core stays well below it.
  const REPLY_TIMEOUT_MS = 8000;

  async function send(msg) {
    let timer = 0;
    try {
      return await Promise.race([
        api.runtime.sendMessage(msg),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(null), REPLY_TIMEOUT_MS);
        }),
      ]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  function applyHello(res) {
    if (!res || !res.ok) return;
    enabled = res.enabled;
    settings = res.settings;
    I18n.setOverride(res.strings?.lang, res.strings?.messages);
    if (!enabled) {
      for (const c of composers.values()) c.detach();
      composers.clear();
      active = null;
      overlay?.reset();
    }
    for (const c of composers.values()) c.ctx.changed(c);
  }

  const ready = send({ type: M.CS_HELLO }).then(applyHello);
  api.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id === api.runtime.id && msg?.type === M.BG_SETTINGS_CHANGED) {
      applyHello({ ok: true, enabled: msg.settings.sites[site.hosts[0]] !== false, settings: msg.settings, strings: msg.strings });
      for (const c of composers.values()) {
        c.invalidate();
        c.schedule();
      }
    }
  });

  function audienceOf(c) {
    c.audience = root.VigieAudience.detect(site, c.el, c.kind);
    return c.audience;
  }

  // Restricted audiences get a quiet hint unless the user asked to be warned everywhere.
  function isQuiet(c) {
    return c.audience === 'restricted' && settings.audiencePolicy !== 'everywhere';
  }

  function view(c) {
    return {
      audience: c.audience,
      quiet: isQuiet(c),
      findings: c.visible().map((f) => ({ ...f, masked: mask(f.type, f.value), explain: c.explain[f.rule] })),
    };
  }

  function render(c) {
    if (!overlay || enabled === false) return;
    audienceOf(c);
    const findings = c.visible();
    const map = c.map;
    if (map.field) overlay.paint(c.el, null, findings);
    else overlay.paint(c.el, findings.map((f) => range(document, map, f.start, f.end)).filter(Boolean), null);
    if (c === active) {
      const state = c.state === 'warning' && findings.length === 0 ? 'clean' : c.state;
      overlay.set({ state, count: findings.length, types: findings.map((f) => f.type), audience: c.audience });
      overlay.banner(c.el, view(c), actionsFor(c));
    }
    let count = 0;
    for (const x of composers.values()) count += x.visible().length;
    if (count !== lastCount) {
      lastCount = count;
      send({ type: M.CS_COUNT, count });
    }
  }

  function actionsFor(c) {
    return {
      mask: (f) => maskFindings(c, [f]),
      maskAll: () => maskFindings(c, c.visible()),
      ignore: () => {
        c.ignored = true;
        render(c);
      },
      neverWarn: async (f) => {
        await send({ type: M.CS_NEVER_WARN, kind: f.type, value: f.value });
        c.invalidate();
        c.schedule();
      },
    };
  }

  function nextEvent(target, type, ms) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        target.removeEventListener(type, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      target.addEventListener(type, done);
    });
  }

  // Replaces each finding through the editor's own editing path (select, then
  // execCommand('insertText')), so Lexical and React update their state and
  // Ctrl+Z restores. Works from the last finding back so offsets stay valid.
  async function maskFindings(c, list) {
    c.el.focus();
    for (const f of [...list].sort((a, b) => b.start - a.start)) {
      const map = read(c.el);
      if (map.text.slice(f.start, f.end) !== f.value) continue; // edited since the scan
      if (map.field) {
        c.el.setSelectionRange(f.start, f.end);
      } else {
        const r = range(document, map, f.start, f.end);
        if (!r) continue;
        const sel = getSelection();
        const seen = nextEvent(document, 'selectionchange', SELECTION_WAIT_MS);
        sel.removeAllRanges();
        sel.addRange(r);
        await seen;
      }
      document.execCommand('insertText', false, mask(f.type, f.value));
    }
    c.flush();
  }

  function attach(el) {
    let c = composers.get(el);
    if (c) return c;
    const info = Sites.classify(site, el);
    if (!info) return null;
    overlay ??= new Overlay(document);
    c = new Composer(el, info, { send, changed: render, warm: () => send({ type: M.CS_WARMUP }) });
    composers.set(el, c);
    for (const [e, x] of composers) {
      if (!e.isConnected) {
        x.detach();
        composers.delete(e);
      }
    }
    return c;
  }

  function onFocus(ev) {
    if (enabled === false) return;
    const el = Sites.editableFrom(ev.target);
    if (!el) return;
    const c = attach(el);
    if (!c) return;
    active = c;
    // Wake the worker and the core now so the first scan is warm.
    send({ type: M.CS_WARMUP });
    ready.then(() => {
      if (enabled === false) return;
      if (c.scannedText === null && read(el).text.trim() !== '') c.schedule();
      else render(c);
    });
  }

  // The composer a publish button belongs to: the one sharing its dialog,
  // form or post; else the active one when they share a close ancestor.
  function composerFor(btn) {
    for (const c of composers.values()) {
      const scope = c.el.closest('[role="dialog"], form, [role="article"], article');
      if (scope && scope.contains(btn)) return c;
    }
    if (!active || !active.el.isConnected) return null;
    let a = active.el.parentElement;
    for (let i = 0; a && i < 6 && a !== document.body; i++, a = a.parentElement) if (a.contains(btn)) return active;
    return null;
  }

  function blocking(c) {
    return enabled === true && c.state === 'warning' && c.visible().length > 0 && !isQuiet(c);
  }

  // Holds a publish action when it would publish findings; replay() performs
  // it again exactly once if the user goes ahead.
  async function intercept(ev, c, replay) {
    audienceOf(c);
    c.flush();
    if (!c.pending && !blocking(c)) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    if (c.pending) {
      const done = await c.settled(PENDING_WAIT_MS);
      if (!done || !blocking(c)) {
        replay(); // clean, or the scan took too long: fail open
        return;
      }
    }
    const choice = await overlay.confirm(view(c));
    if (choice === 'post') {
      replay();
    } else if (choice === 'mask') {
      await maskFindings(c, c.visible());
      await c.settled(PENDING_WAIT_MS);
      replay();
    }
  }

  function onClick(ev) {
    // Our own replays (and page scripts' synthetic clicks) pass untouched.
    if (!ev.isTrusted || enabled === false || overlay?.host === ev.target) return;
    const btn = Sites.submitButtonFrom(ev.target);
    const c = btn && composerFor(btn);
    if (c) intercept(ev, c, () => btn.click());
  }

  function onKeyDown(ev) {
    if (!ev.isTrusted || ev.key !== 'Enter' || ev.shiftKey || ev.ctrlKey || ev.altKey || ev.metaKey || ev.isComposing) return;
    if (enabled === false || overlay?.host === ev.target) return;
    const c = composers.get(Sites.editableFrom(ev.target));
    if (!c || !c.enterSubmits) return;
    intercept(ev, c, () => {
      c.el.focus();
      c.el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true }));
    });
  }

  let placing = 0;
  function onViewport() {
    if (!active || placing) return;
    placing = requestAnimationFrame(() => {
      placing = 0;
      if (active?.el.isConnected) overlay.place(active.el);
    });
  }

  addEventListener('click', onClick, true);
  addEventListener('keydown', onKeyDown, true);
  addEventListener('focusin', onFocus, true);
  addEventListener('scroll', onViewport, true);
  addEventListener('resize', onViewport);
  addEventListener('input', onViewport, true);
  // A composer focused before this script ran (autofocus).
  if (document.activeElement) onFocus({ target: document.activeElement });
})(globalThis);
