import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dom, load } from './load.mjs';

load('content/sites.js', 'content/audience.js');
const { parseLabel, detect } = globalThis.VigieAudience;
const facebook = globalThis.VigieSites.siteFor('www.facebook.com');
const instagram = globalThis.VigieSites.siteFor('www.instagram.com');

const labels = [
  ['Edit privacy. Sharing with Public', 'public'],
  ['Edit privacy. Sharing with Friends', 'restricted'],
  ['Edit privacy. Sharing with Only me', 'restricted'],
  ['Edit privacy. Sharing with Friends except…', 'restricted'],
  ['Modifier la confidentialité. Partagé avec Public', 'public'],
  ['Modifier la confidentialité. Partagé avec Amis', 'restricted'],
  ['Modifier la confidentialité. Partagé avec Moi uniquement', 'restricted'],
  ['Privatsphäre bearbeiten. Geteilt mit Öffentlich', 'public'],
  ['Privatsphäre bearbeiten. Geteilt mit Freunde', 'restricted'],
  ['Editar privacidad. Compartido con Público', 'public'],
  ['Editar privacidad. Compartido con Amigos', 'restricted'],
  ['Modifica la privacy. Condiviso con Pubblico', 'public'],
  ['Modifica la privacy. Condiviso con Amici', 'restricted'],
  ['Shared with Public', 'public'],
  ['Partagé avec : Public', 'unknown'],
  ['Edit privacy. Sharing with Members of Marché de Biarritz', 'restricted'],
  ['Edit privacy. Sharing with Some new audience', 'unknown'],
  ['Post', null],
  ['', null],
];

for (const [label, want] of labels) {
  test(`parseLabel ${JSON.stringify(label)}`, () => {
    const got = parseLabel(label);
    assert.equal(got, want, `got ${got}, want ${want}`);
  });
}

test('detect reads the composer dialog, the post for comments, and defaults to unknown', () => {
  const doc = dom(`
    <div role="dialog"><div role="button" aria-label="Edit privacy. Sharing with Friends">Friends</div>
      <div id="post" contenteditable="true" role="textbox"></div></div>
    <div role="article"><span role="img" aria-label="Shared with Public"></span>
      <div id="comment" contenteditable="true" role="textbox" aria-label="Write a comment…"></div></div>
    <div role="article"><div id="comment2" contenteditable="true" role="textbox" aria-label="Write a comment…"></div></div>
    <textarea id="ig" aria-label="Add a comment…"></textarea>`);
  const cases = [
    ['post', facebook, 'post', 'restricted'],
    ['comment', facebook, 'comment', 'public'],
    ['comment2', facebook, 'comment', 'unknown'],
    ['ig', instagram, 'comment', 'unknown'],
  ];
  for (const [id, site, kind, want] of cases) {
    const got = detect(site, doc.getElementById(id), kind);
    assert.equal(got, want, `${id}: got ${got}, want ${want}`);
  }
});
