// sites.js — what Vigie knows about Facebook and Instagram, as data. The
// selectors and labels come from public automation scripts and the sites'
// accessibility labels, not from a live session, so every entry prefers
// robust signals (role, contenteditable, aria-label in en/fr/de/es/it) and the
// last composer entry of each site is "any textbox on these hosts".
'use strict';

(function (root) {
  // An editable element Vigie may watch.
  const EDITABLE = '[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"], textarea, input[type="text"], input:not([type])';

  // Labels are matched against aria-label, aria-placeholder and placeholder,
  // case-insensitively, as prefixes or substrings (see matchesLabel).
  const COMMENT_LABELS = [
    'write a comment', 'write a public comment', 'write a reply', 'comment as', 'reply as', 'add a comment',
    'écrivez un commentaire', 'écrire un commentaire', 'écrivez une réponse', 'commenter en tant que', 'répondre en tant que', 'ajouter un commentaire', 'ajoutez un commentaire',
    'schreibe einen kommentar', 'kommentieren als', 'antworten als', 'kommentar hinzufügen', 'kommentieren',
    'escribe un comentario', 'escribe una respuesta', 'comentar como', 'responder como', 'añade un comentario', 'agrega un comentario',
    'scrivi un commento', 'scrivi una risposta', 'commenta come', 'rispondi come', 'aggiungi un commento',
  ];

  const SITES = [
    {
      id: 'facebook',
      hosts: ['facebook.com'],
      composers: [
        // Comments and replies: Enter posts them.
        { kind: 'comment', selector: '[contenteditable="true"][role="textbox"], textarea', labels: COMMENT_LABELS, enterSubmits: true },
        // The post composer (Lexical) lives in a dialog; group and Page posts use the same one.
        { kind: 'post', selector: '[role="dialog"] [contenteditable="true"][role="textbox"]', enterSubmits: false },
        // Marketplace listing title and description.
        { kind: 'listing', selector: '[role="main"] label input[type="text"], [role="main"] label textarea', enterSubmits: false },
        { kind: 'other', selector: EDITABLE, enterSubmits: false },
      ],
      // The composer's audience selector: "Edit privacy. Sharing with Public".
      audienceSelector: '[aria-label][role="button"], button[aria-label], [aria-label][role="img"], [aria-label] > svg',
      // A post's own audience icon, used for comments: "Shared with Public".
      postSelector: '[role="article"], article',
    },
    {
      id: 'instagram',
      hosts: ['instagram.com'],
      composers: [
        { kind: 'comment', selector: 'textarea, [contenteditable="true"]', labels: COMMENT_LABELS, enterSubmits: true },
        // New-post caption: contenteditable "Write a caption…", a <textarea> in older builds.
        {
          kind: 'post',
          selector: '[contenteditable="true"], textarea',
          labels: ['write a caption', 'écrivez une légende', 'ajoutez une légende', 'bildunterschrift', 'escribe una descripción', 'escribe un pie de foto', 'scrivi una didascalia'],
          enterSubmits: false,
        },
        // Profile bio.
        { kind: 'bio', selector: 'textarea#pepBio, textarea[name="biography"], form textarea', enterSubmits: false },
        { kind: 'other', selector: EDITABLE, enterSubmits: false },
      ],
      audienceSelector: '',
      postSelector: 'article',
    },
  ];

  // Buttons that publish what a composer holds (accessible name, whole label).
  const SUBMIT_LABELS = [
    'post', 'share', 'share now', 'publish', 'next', 'reply', 'send', 'update', 'save',
    'publier', 'partager', 'partager maintenant', 'suivant', 'répondre', 'envoyer', 'enregistrer', 'mettre à jour',
    'posten', 'teilen', 'jetzt teilen', 'veröffentlichen', 'weiter', 'antworten', 'senden', 'speichern',
    'publicar', 'compartir', 'compartir ahora', 'siguiente', 'responder', 'enviar', 'guardar',
    'pubblica', 'condividi', 'condividi ora', 'avanti', 'rispondi', 'invia', 'salva',
  ];

  function labelOf(el) {
    return (el.getAttribute('aria-label') || el.getAttribute('aria-placeholder') || el.getAttribute('placeholder') || '')
      .trim().toLowerCase();
  }

  function matchesLabel(el, labels) {
    const label = labelOf(el);
    return label !== '' && labels.some((l) => label.startsWith(l) || label.includes(l));
  }

  /** The site entry for a hostname, or null. */
  function siteFor(hostname) {
    return SITES.find((s) => s.hosts.some((h) => hostname === h || hostname.endsWith('.' + h))) ?? null;
  }

  /** The editable element at or above node, or null. */
  function editableFrom(node) {
    const el = node && node.nodeType === 1 ? node : node?.parentElement;
    if (!el) return null;
    if (el.matches('textarea, input')) return el.matches(EDITABLE) ? el : null;
    // The outermost contenteditable is the composer (inner ones inherit it).
    let top = null;
    for (let e = el.closest('[contenteditable]'); e; e = e.parentElement?.closest('[contenteditable]')) {
      if (e.isContentEditable) top = e;
    }
    return top;
  }

  /** {kind, enterSubmits} for an editable element on a site, or null when it is not a composer. */
  function classify(site, el) {
    for (const c of site.composers) {
      if (!el.matches(c.selector)) continue;
      if (c.labels && !matchesLabel(el, c.labels)) continue;
      return { kind: c.kind, enterSubmits: c.enterSubmits };
    }
    return null;
  }

  /** Whether a clicked element is a publish button; returns the button or null. */
  function submitButtonFrom(node) {
    const el = node && node.nodeType === 1 ? node : node?.parentElement;
    const btn = el?.closest('button, [role="button"], input[type="submit"]');
    if (!btn || btn.closest('[aria-disabled="true"]') || btn.disabled) return null;
    const name = (btn.getAttribute('aria-label') || btn.value || btn.textContent || '').trim().toLowerCase();
    return SUBMIT_LABELS.includes(name) ? btn : null;
  }

  root.VigieSites = Object.freeze({ SITES, SUBMIT_LABELS, COMMENT_LABELS, siteFor, editableFrom, classify, submitButtonFrom, labelOf });
})(globalThis);
