// composer.js — one watched composer: reads its text through the offset map,
// scans it in the background on a short debounce after `input` and after DOM
// mutations (Lexical's paste fires no `input`), and keeps the latest findings.
'use strict';

(function (root) {
  const M = root.VigieMessages;
  const { read } = root.VigieTextMap;
  const DEBOUNCE_MS = 120;

  /**
   * @typedef {{type:string,start:number,end:number,score:number,rule:string,value:string}} Finding
   */
  class Composer {
    /**
     * @param {Element} el the editable element
     * @param {{kind:string, enterSubmits:boolean}} info from VigieSites.classify
     * @param {{send: Function, changed: (c: Composer) => void, warm: () => void}} ctx
     */
    constructor(el, info, ctx) {
      this.el = el;
      this.kind = info.kind;
      this.enterSubmits = info.enterSubmits;
      this.ctx = ctx;
      this.map = read(el);
      /** @type {Finding[]} */
      this.findings = [];
      this.explain = {};
      this.state = 'idle';
      this.audience = 'unknown';
      this.ignored = false;
      this.scannedText = null;
      this.timer = 0;
      this.seq = 0;
      this.inflight = 0;
      this.waiters = [];
      this.onChange = () => this.schedule();
      el.addEventListener('input', this.onChange);
      this.observer = new MutationObserver(this.onChange);
      this.observer.observe(el, { childList: true, subtree: true, characterData: true });
    }

    /** True while a scan is due or running. */
    get pending() {
      return this.timer !== 0 || this.inflight > 0;
    }

    /** Scans after the debounce; called on every change. */
    schedule() {
      // A debounce starts: wake the worker now (a no-op when it runs), so
      // that one stopped while the user paused boots during the wait.
      if (this.timer === 0) this.ctx.warm();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.scan(), DEBOUNCE_MS);
      if (this.state !== 'scanning') {
        this.state = 'scanning';
        this.ctx.changed(this);
      }
    }

    /** Scans now when the text differs from the last scanned one (skips the debounce). */
    flush() {
      if (this.timer !== 0 || read(this.el).text !== this.scannedText) {
        clearTimeout(this.timer);
        this.scan();
      }
    }

    /** Resolves once no scan is pending, or after ms (fail open). */
    settled(ms) {
      if (!this.pending) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    }

    async scan() {
      this.timer = 0;
      const seq = ++this.seq;
      const map = read(this.el);
      let res = { ok: true, findings: [], explain: {} };
      if (map.text.trim() === '') {
        this.ignored = false;
      } else if (map.text === this.scannedText) {
        res = { ok: true, findings: this.findings, explain: this.explain };
      } else {
        this.inflight++;
        try {
          res = await this.ctx.send({ type: M.CS_SCAN, text: map.text });
          // No answer at all (a worker restarting can drop a message): ask once more.
          if (res === null && seq === this.seq) res = await this.ctx.send({ type: M.CS_SCAN, text: map.text });
        } finally {
          this.inflight--;
        }
        if (seq !== this.seq) {
          this.release(); // a newer scan owns the result
          return;
        }
      }
      this.map = map;
      this.scannedText = map.text;
      if (!res || !res.ok) {
        // Fail open: the page keeps working as if Vigie were not there.
        this.findings = [];
        this.explain = {};
        this.state = 'error';
      } else {
        this.findings = res.findings.map((f) => ({ ...f, value: map.text.slice(f.start, f.end) }));
        this.explain = res.explain ?? {};
        this.state = this.visible().length > 0 ? 'warning' : 'clean';
      }
      this.release();
      this.ctx.changed(this);
    }

    release() {
      if (!this.pending) for (const w of this.waiters.splice(0)) w();
    }

    /** Findings the user is warned about (none once they chose "Ignore for this post"). */
    visible() {
      return this.ignored ? [] : this.findings;
    }

    /** Forgets the last result so the next scan asks the core again. */
    invalidate() {
      this.scannedText = null;
    }

    detach() {
      clearTimeout(this.timer);
      this.el.removeEventListener('input', this.onChange);
      this.observer.disconnect();
    }
  }

  root.VigieComposer = Object.freeze({ Composer, DEBOUNCE_MS });
})(globalThis);
