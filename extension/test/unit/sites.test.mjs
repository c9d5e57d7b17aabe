import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dom, load } from './load.mjs';

load('content/sites.js');
const Sites = globalThis.VigieSites;

test('siteFor accepts the sites and their subdomains only', () => {
  const cases = [
    ['www.facebook.com', 'facebook'], ['facebook.com', 'facebook'], ['m.facebook.com', 'facebook'],
    ['www.instagram.com', 'instagram'], ['facebook.com.evil.example', null], ['notfacebook.com', null],
  ];
  for (const [host, want] of cases) {
    const got = Sites.siteFor(host)?.id ?? null;
    assert.equal(got, want, `${host}: got ${got}, want ${want}`);
  }
});

test('classify names composers by role and localized labels, with a fallback', () => {
  const doc = dom(`
    <div role="dialog"><div id="fb-post" contenteditable="true" role="textbox" aria-label="What's on your mind, Marie?"></div></div>
    <div id="fb-comment-fr" contenteditable="true" role="textbox" aria-label="Écrivez un commentaire…"></div>
    <div id="fb-comment-de" contenteditable="true" role="textbox" aria-label="Schreibe einen Kommentar …"></div>
    <div id="fb-reply-it" contenteditable="true" role="textbox" aria-label="Rispondi come Marie"></div>
    <textarea id="ig-comment" aria-label="Add a comment…"></textarea>
    <textarea id="ig-comment-es" aria-label="Añade un comentario..."></textarea>
    <div id="ig-caption" contenteditable="true" aria-label="Write a caption..."></div>
    <textarea id="ig-caption-fr" aria-label="Écrivez une légende…"></textarea>
    <textarea id="other"></textarea>
    <button id="not-editable">Post</button>`);
  const cases = [
    ['facebook', 'fb-post', 'post', false], ['facebook', 'fb-comment-fr', 'comment', true],
    ['facebook', 'fb-comment-de', 'comment', true], ['facebook', 'fb-reply-it', 'comment', true],
    ['instagram', 'ig-comment', 'comment', true], ['instagram', 'ig-comment-es', 'comment', true],
    ['instagram', 'ig-caption', 'post', false], ['instagram', 'ig-caption-fr', 'post', false],
    ['instagram', 'other', 'other', false], ['facebook', 'other', 'other', false],
  ];
  for (const [site, id, kind, enterSubmits] of cases) {
    const got = Sites.classify(Sites.siteFor(`www.${site}.com`), doc.getElementById(id));
    assert.deepEqual(got, { kind, enterSubmits }, `${site} ${id}: got ${JSON.stringify(got)}`);
  }
  assert.equal(Sites.classify(Sites.siteFor('www.facebook.com'), doc.getElementById('not-editable')), null);
});

test('submitButtonFrom finds publish buttons in several languages', () => {
  const doc = dom(`
    <div role="button" id="post" aria-label="Post"><span id="post-inner">Post</span></div>
    <div role="button" id="publier"><span>Publier</span></div>
    <button id="teilen">Teilen</button>
    <button id="share-now">Share now</button>
    <div role="button" id="comment">Comment</div>
    <div role="button" id="disabled" aria-disabled="true">Post</div>
    <span id="loose">Post</span>`);
  const cases = [['post-inner', 'post'], ['publier', 'publier'], ['teilen', 'teilen'], ['share-now', 'share-now'],
    ['comment', null], ['disabled', null], ['loose', null]];
  for (const [id, want] of cases) {
    const got = Sites.submitButtonFrom(doc.getElementById(id))?.id ?? null;
    assert.equal(got, want, `${id}: got ${got}, want ${want}`);
  }
});
