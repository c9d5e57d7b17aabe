// overlay.js — everything Vigie draws on a page: one <vigie-overlay> element
// on <html> holding a closed shadow root (banner, confirmation dialog,
// <textarea> mirrors) styled through adoptedStyleSheets, because a strict page
// style-src blocks <style>. Findings in contenteditable composers are painted
// with the CSS Custom Highlight API, which never touches the editor's DOM.
// The host carries the test contract attributes (data-state, data-count,
// data-types, data-audience, data-dialog).
'use strict';

(function (root) {
  const { t, pick } = root.VigieI18n;
  const HIGHLIGHT = 'vigie-finding';

  const CSS_TEXT = `
:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important; width: 0 !important; height: 0 !important;
  z-index: 2147483647 !important; pointer-events: none !important; display: block !important; }
* { box-sizing: border-box; }
.theme { --bg: #ffffff; --fg: #1c1e21; --muted: #5f6368; --accent: #b3261e; --accent-fg: #ffffff; --quiet: #1a73e8;
  --border: rgba(0,0,0,.16); --shadow: 0 6px 24px rgba(0,0,0,.22); --btn: #eef0f3; --mark: rgba(255, 196, 0, .38);
  font: 14px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); }
.theme.dark { --bg: #242526; --fg: #e4e6eb; --muted: #b0b3b8; --accent: #f28b82; --accent-fg: #202124; --quiet: #8ab4f8;
  --border: rgba(255,255,255,.18); --btn: #3a3b3c; --mark: rgba(255, 196, 0, .30); }
.banner { position: fixed; pointer-events: none; background: var(--bg); color: var(--fg); border: 1px solid var(--border);
  border-left: 4px solid var(--accent); border-radius: 8px; box-shadow: var(--shadow); padding: 10px 12px; width: 360px;
  max-width: calc(100vw - 16px); animation: in .16s ease-out; }
.banner.quiet { border-left-color: var(--quiet); box-shadow: none; padding: 6px 10px; }
.banner[hidden], .dialog-wrap[hidden] { display: none; }
.sr { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.title { font-weight: 600; margin: 0 0 4px; }
.why { margin: 0 0 8px; color: var(--muted); font-size: 13px; }
ul { list-style: none; margin: 0 0 8px; padding: 0; }
li { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; padding: 4px 0; border-top: 1px solid var(--border); }
li:first-child { border-top: 0; }
.type { font-weight: 600; }
.value { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.explain { flex-basis: 100%; color: var(--muted); font-size: 12px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
button { pointer-events: auto; font: inherit; font-size: 13px; border: 1px solid var(--border); border-radius: 6px;
  background: var(--btn); color: var(--fg); padding: 4px 10px; cursor: pointer; }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: transparent; font-weight: 600; }
button.link { background: none; border: 0; padding: 0 2px; text-decoration: underline; font-size: 12px; }
button:focus-visible { outline: 2px solid var(--quiet); outline-offset: 2px; }
.dialog-wrap { position: fixed; inset: 0; width: 100vw; height: 100vh; pointer-events: auto; background: rgba(0,0,0,.45);
  display: flex; align-items: center; justify-content: center; }
.dialog { animation: in .16s ease-out; background: var(--bg); color: var(--fg); border-radius: 12px; box-shadow: var(--shadow); padding: 18px 20px;
  width: 440px; max-width: calc(100vw - 24px); max-height: calc(100vh - 24px); overflow: auto; }
.dialog h2 { font-size: 17px; margin: 0 0 8px; }
.dialog .actions { justify-content: flex-end; margin-top: 12px; }
.mirror { position: fixed; pointer-events: none; overflow: hidden; color: transparent; white-space: pre-wrap;
  overflow-wrap: break-word; border-color: transparent !important; background: transparent; }
.mirror mark { color: transparent; background: var(--mark); border-bottom: 2px solid #d93025; border-radius: 2px; }
@keyframes in { from { transform: translateY(-4px); } }
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
`;

  // Copied from a textarea so its mirror wraps text at the same places.
  const MIRROR_PROPS = ['font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing', 'line-height', 'text-transform',
    'word-spacing', 'text-indent', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width',
    'border-right-width', 'border-bottom-width', 'border-left-width', 'border-style', 'text-align', 'direction', 'tab-size'];

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) el.append(c);
    return el;
  }

  function isDark(doc) {
    for (const el of [doc.body, doc.documentElement]) {
      if (!el) continue;
      const m = getComputedStyle(el).backgroundColor.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
      if (!m || m[4] === '0') continue;
      return 0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3] < 128;
    }
    return matchMedia('(prefers-color-scheme: dark)').matches;
  }

  /** The overlay of one document; created once a composer is seen. */
  class Overlay {
    #host;
    #shadow;
    #theme;
    #banner;
    #live;
    #dialog = null;
    #mirrors = new Map();
    #ranges = new Map();
    #guard;
    #bannerFor = null;

    constructor(doc) {
      this.doc = doc;
      this.#host = doc.createElement('vigie-overlay');
      this.#shadow = this.#host.attachShadow({ mode: 'closed' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS_TEXT);
      this.#shadow.adoptedStyleSheets = [sheet];
      this.#theme = h('div', { class: 'theme' });
      this.#banner = h('div', { class: 'banner', role: 'region', hidden: '' });
      this.#live = h('div', { 'aria-live': 'polite', role: 'status', class: 'sr' });
      this.#theme.append(this.#banner, this.#live);
      this.#shadow.append(this.#theme);
      this.set({ state: 'idle', count: 0, types: [], audience: 'unknown' });
      this.#attach();
      // Pages that rebuild <html>'s children would drop the host: put it back.
      this.#guard = new MutationObserver(() => {
        if (this.#host.parentNode !== doc.documentElement) this.#attach();
      });
      this.#guard.observe(doc.documentElement, { childList: true });
    }

    #attach() {
      this.doc.documentElement.append(this.#host);
    }

    /** The host element (tests read its attributes; events from it are ours). */
    get host() {
      return this.#host;
    }

    /** Updates the test contract attributes. */
    set({ state, count, types, audience }) {
      const a = this.#host;
      if (state !== undefined) a.dataset.state = state;
      if (count !== undefined) a.dataset.count = String(count);
      if (types !== undefined) a.dataset.types = [...new Set(types)].sort().join(',');
      if (audience !== undefined) a.dataset.audience = audience;
    }

    /** Removes every highlight, mirror and the banner (the site was switched off). */
    reset() {
      this.#ranges.clear();
      globalThis.CSS?.highlights?.delete(HIGHLIGHT);
      for (const m of this.#mirrors.values()) m.remove();
      this.#mirrors.clear();
      this.#banner.hidden = true;
      this.#banner.replaceChildren();
      this.#bannerFor = null;
      this.set({ state: 'idle', count: 0, types: [], audience: 'unknown' });
    }

    /** Paints findings of one composer: Ranges for contenteditable, a mirror for fields. */
    paint(composerEl, ranges, fieldFindings) {
      if (ranges) this.#ranges.set(composerEl, ranges);
      else this.#ranges.delete(composerEl);
      if (typeof Highlight === 'function' && globalThis.CSS?.highlights) {
        const all = [...this.#ranges.values()].flat();
        if (all.length) CSS.highlights.set(HIGHLIGHT, new Highlight(...all));
        else CSS.highlights.delete(HIGHLIGHT);
      }
      if (fieldFindings) this.#mirror(composerEl, fieldFindings);
    }

    #mirror(el, findings) {
      let m = this.#mirrors.get(el);
      if (findings.length === 0) {
        m?.remove();
        this.#mirrors.delete(el);
        return;
      }
      if (!m) {
        m = h('div', { class: 'mirror', 'aria-hidden': 'true' });
        this.#theme.append(m);
        this.#mirrors.set(el, m);
      }
      const value = el.value;
      m.replaceChildren();
      let at = 0;
      for (const f of findings) {
        m.append(value.slice(at, f.start), h('mark', null, value.slice(f.start, f.end)));
        at = f.end;
      }
      // A trailing newline needs a character after it to take up its line.
      m.append(value.slice(at) + '\u200b');
      this.place(el);
    }

    /** Re-positions the banner and mirrors after scrolling, resizing or typing. */
    place(el) {
      const r = el.getBoundingClientRect();
      const m = this.#mirrors.get(el);
      if (m) {
        const cs = getComputedStyle(el);
        for (const p of MIRROR_PROPS) m.style.setProperty(p, cs.getPropertyValue(p));
        Object.assign(m.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
        m.scrollTop = el.scrollTop;
        m.scrollLeft = el.scrollLeft;
      }
      if (!this.#banner.hidden && this.#bannerFor === el) {
        // Beside the composer when there is room (so the Post button stays
        // visible), else below it, else above it.
        const b = this.#banner.getBoundingClientRect();
        let left;
        let top = Math.min(Math.max(8, r.top), Math.max(8, innerHeight - b.height - 8));
        if (r.right + 12 + b.width <= innerWidth) left = r.right + 12;
        else if (r.left - 12 - b.width >= 0) left = r.left - 12 - b.width;
        else {
          left = Math.min(Math.max(8, r.left), Math.max(8, innerWidth - b.width - 8));
          top = r.bottom + 8 + b.height <= innerHeight ? r.bottom + 8 : Math.max(8, r.top - 8 - b.height);
        }
        Object.assign(this.#banner.style, { top: `${top}px`, left: `${left}px` });
      }
    }

    /**
     * Shows (or hides, when findings is empty) the banner for a composer.
     * @param {Element} el the composer
     * @param {{findings: {type,start,end,value,masked,explain}[], audience: string, quiet: boolean}} view
     * @param {{mask: Function, maskAll: Function, ignore: Function, neverWarn: Function}} actions
     */
    banner(el, view, actions) {
      const b = this.#banner;
      if (view.findings.length === 0) {
        if (this.#bannerFor === el || this.#bannerFor === null) {
          b.hidden = true;
          b.replaceChildren();
          this.#bannerFor = null;
        }
        return;
      }
      this.#theme.classList.toggle('dark', isDark(this.doc));
      b.classList.toggle('quiet', view.quiet);
      const n = view.findings.length;
      const title = view.quiet ? t('bannerQuietTitle', n) : t(n === 1 ? 'bannerTitleOne' : 'bannerTitleMany', n);
      const items = view.quiet ? null : h('ul', null, ...view.findings.map((f) => h('li', null,
        h('span', { class: 'type' }, t(`type_${f.type}`)),
        h('span', { class: 'value' }, f.masked),
        h('button', { type: 'button', 'data-action': 'mask-one', onclick: () => actions.mask(f) }, t('actionMask')),
        h('button', { type: 'button', class: 'link', 'data-action': 'never', onclick: () => actions.neverWarn(f) }, t('actionNeverWarn')),
        f.explain ? h('span', { class: 'explain' }, pick(f.explain)) : null,
      )));
      b.replaceChildren(
        h('p', { class: 'title' }, title),
        view.quiet ? null : h('p', { class: 'why' }, t('bannerWhy')),
        items,
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: view.quiet ? '' : 'primary', 'data-action': 'mask-all', onclick: () => actions.maskAll() },
            t(n === 1 ? 'actionMask' : 'actionMaskAll')),
          h('button', { type: 'button', 'data-action': 'ignore', onclick: () => actions.ignore() }, t('actionIgnore'))),
      );
      b.setAttribute('aria-label', t('extName'));
      const changed = this.#bannerFor !== el || b.hidden;
      this.#bannerFor = el;
      b.hidden = false;
      if (changed) this.#live.textContent = title;
      this.place(el);
    }

    /** Whether the confirmation dialog is showing. */
    get dialogOpen() {
      return this.#dialog !== null;
    }

    /**
     * Asks before publishing. Resolves to 'mask' (mask all, then post),
     * 'cancel' (back to editing) or 'post' (post anyway).
     */
    confirm(view) {
      if (this.#dialog) return this.#dialog.promise;
      this.#theme.classList.toggle('dark', isDark(this.doc));
      let settle;
      const promise = new Promise((resolve) => {
        settle = resolve;
      });
      const previous = this.doc.activeElement;
      const close = (choice) => {
        wrap.remove();
        this.#dialog = null;
        delete this.#host.dataset.dialog;
        if (choice === 'cancel' && previous instanceof HTMLElement) previous.focus();
        settle(choice);
      };
      const n = view.findings.length;
      const buttons = [
        h('button', { type: 'button', class: 'primary', 'data-action': 'mask-post', onclick: () => close('mask') }, t('dialogMaskPost')),
        h('button', { type: 'button', 'data-action': 'cancel', onclick: () => close('cancel') }, t('dialogEdit')),
        h('button', { type: 'button', 'data-action': 'post', onclick: () => close('post') }, t('dialogPostAnyway')),
      ];
      const dialog = h('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'vigie-dlg-title', 'aria-describedby': 'vigie-dlg-body' },
        h('h2', { id: 'vigie-dlg-title' }, t(n === 1 ? 'dialogTitleOne' : 'dialogTitleMany', n)),
        h('p', { id: 'vigie-dlg-body', class: 'why' }, t(view.audience === 'public' ? 'dialogBodyPublic' : 'dialogBodyUnknown')),
        h('ul', null, ...view.findings.map((f) => h('li', null,
          h('span', { class: 'type' }, t(`type_${f.type}`)), h('span', { class: 'value' }, f.masked)))),
        h('div', { class: 'actions' }, ...buttons));
      const wrap = h('div', { class: 'dialog-wrap' }, dialog);
      // Keyboard: Escape cancels, Tab stays inside the dialog.
      wrap.addEventListener('keydown', (ev) => {
        if (ev.key === 'Escape') {
          ev.preventDefault();
          close('cancel');
        } else if (ev.key === 'Tab') {
          ev.preventDefault();
          const i = buttons.indexOf(this.#shadow.activeElement);
          buttons[(i + (ev.shiftKey ? buttons.length - 1 : 1)) % buttons.length].focus();
        }
        ev.stopPropagation();
      });
      this.#theme.append(wrap);
      this.#host.dataset.dialog = 'open';
      this.#dialog = { promise };
      buttons[1].focus();
      return promise;
    }
  }

  root.VigieOverlay = Object.freeze({ Overlay, HIGHLIGHT });
})(globalThis);
