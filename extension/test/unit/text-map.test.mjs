import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dom, load } from './load.mjs';

load('content/text-map.js');
const { read, position } = globalThis.VigieTextMap;

// Lexical renders one <p> per paragraph, text in <span>s, <br> for empty lines.
const LEXICAL = '<div id="ed"><p><span>Hello</span><span> world</span></p><p><br></p><p><span>06 12</span> <span>😀x</span></p></div>';

test('read joins blocks and <br> with newlines', () => {
  const doc = dom(LEXICAL);
  const map = read(doc.getElementById('ed'));
  assert.equal(map.text, 'Hello world\n\n06 12 😀x');
  assert.equal(map.field, false);
  assert.deepEqual(map.segments.map((s) => [s.start, s.end]), [[0, 5], [5, 11], [13, 18], [18, 19], [19, 22]]);
});

test('read of a textarea is its value', () => {
  const doc = dom('<textarea id="t"></textarea>');
  const t = doc.getElementById('t');
  t.value = 'a\nb';
  assert.deepEqual({ ...read(t), segments: [] }, { text: 'a\nb', segments: [], field: true });
});

test('position maps offsets back to text nodes', () => {
  const doc = dom(LEXICAL);
  const map = read(doc.getElementById('ed'));
  const cases = [
    { name: 'start inside first node', offset: 1, isEnd: false, node: 'Hello', at: 1 },
    { name: 'start on a node boundary goes to the next node', offset: 5, isEnd: false, node: ' world', at: 0 },
    { name: 'end on a node boundary stays in the previous node', offset: 5, isEnd: true, node: 'Hello', at: 5 },
    { name: 'start on a synthetic newline snaps forward', offset: 11, isEnd: false, node: '06 12', at: 0 },
    { name: 'end on a synthetic newline snaps back', offset: 12, isEnd: true, node: ' world', at: 6 },
    { name: 'offsets after an emoji count UTF-16 units', offset: 21, isEnd: false, node: '😀x', at: 2 },
    { name: 'end of text', offset: 22, isEnd: true, node: '😀x', at: 3 },
  ];
  for (const c of cases) {
    const p = position(map.segments, c.offset, c.isEnd);
    assert.equal(p.node.nodeValue, c.node, `${c.name}: got node ${JSON.stringify(p.node.nodeValue)}, want ${JSON.stringify(c.node)}`);
    assert.equal(p.offset, c.at, `${c.name}: got offset ${p.offset}, want ${c.at}`);
  }
});
