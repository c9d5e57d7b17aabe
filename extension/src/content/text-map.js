// text-map.js — the text a user sees in a composer, with a map from string
// offsets (UTF-16, as the core returns them) back to DOM positions, so
// findings can be highlighted and masked without touching the editor's DOM.
'use strict';

(function (root) {
  const BLOCKS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TR', 'TABLE', 'SECTION', 'ARTICLE']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

  /**
   * Reads an editable element.
   * For <textarea>/<input> the value is the text and offsets are its own.
   * For a contenteditable, text nodes are concatenated; <br> and the
   * boundary between blocks become "\n" so values never join across lines.
   * @returns {{text: string, segments: {node: Node, start: number, end: number}[], field: boolean}}
   */
  function read(el) {
    if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') {
      return { text: el.value, segments: [], field: true };
    }
    let text = '';
    let synthetic = false; // whether text ends with a block-boundary "\n"
    const segments = [];
    const newline = () => {
      if (text !== '' && !text.endsWith('\n')) {
        text += '\n';
        synthetic = true;
      }
    };
    const walk = (node) => {
      for (let n = node.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) {
          if (n.nodeValue.length === 0) continue;
          segments.push({ node: n, start: text.length, end: text.length + n.nodeValue.length });
          text += n.nodeValue;
          synthetic = false;
        } else if (n.nodeType === 1) {
          const tag = n.tagName.toUpperCase();
          if (SKIP.has(tag)) continue;
          if (tag === 'BR') {
            text += '\n';
            synthetic = false;
            continue;
          }
          const block = BLOCKS.has(tag);
          if (block) newline();
          walk(n);
          if (block) newline();
        }
      }
    };
    walk(el);
    if (synthetic) text = text.slice(0, -1);
    return { text, segments, field: false };
  }

  // The DOM position of a text offset. A start resolves inside the segment
  // holding the character at offset; an end inside the one holding the
  // character before it. Offsets on a synthetic "\n" snap to the nearest text.
  function position(segments, offset, isEnd) {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid];
      if (isEnd ? offset <= s.start : offset < s.start) hi = mid - 1;
      else if (isEnd ? offset > s.end : offset >= s.end) lo = mid + 1;
      else return { node: s.node, offset: offset - s.start };
    }
    // Between segments: lo is the first segment after offset.
    if (isEnd) {
      const s = segments[lo - 1] ?? segments[0];
      return s ? { node: s.node, offset: lo - 1 >= 0 ? s.end - s.start : 0 } : null;
    }
    const s = segments[lo] ?? segments[segments.length - 1];
    return s ? { node: s.node, offset: lo < segments.length ? 0 : s.end - s.start } : null;
  }

  /**
   * A DOM Range over [start, end) of a read() result, or null.
   * @param {Document} doc
   */
  function range(doc, map, start, end) {
    if (map.field || start >= end) return null;
    const a = position(map.segments, start, false);
    const b = position(map.segments, end, true);
    if (!a || !b) return null;
    const r = doc.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }

  root.VigieTextMap = Object.freeze({ read, range, position });
})(globalThis);
