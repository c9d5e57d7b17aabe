// audience.js — who will see a post. Facebook labels its composer's audience
// button "Edit privacy. Sharing with Public" (localized) and a post's audience
// icon "Shared with Public"; Instagram posts are public unless the account is
// private, which a composer does not show. Unknown counts as public.
'use strict';

(function (root) {
  // "<prefix> <audience>" in the UI languages we know; the audience word
  // decides. Prefixes are lower-case and compared after folding.
  const PREFIXES = [
    'edit privacy. sharing with', 'sharing with', 'shared with', 'audience:',
    'modifier la confidentialité. partagé avec', 'modifier la confidentialité. partage avec', 'partagé avec', 'partage avec', 'public cible :',
    'privatsphäre bearbeiten. geteilt mit', 'geteilt mit', 'teilen mit', 'zielgruppe:',
    'editar privacidad. compartido con', 'compartido con', 'compartiendo con', 'público:',
    'modifica la privacy. condiviso con', 'condiviso con', 'condivisione con', 'pubblico:',
  ];
  const PUBLIC = ['public', 'öffentlich', 'público', 'pubblico', 'tout le monde', 'everyone', 'todos', 'tutti', 'alle'];
  const RESTRICTED = [
    'friends', 'friends except', 'specific friends', 'only me', 'custom', 'close friends', 'members', 'your followers',
    'amis', 'amis sauf', 'amis spécifiques', 'moi uniquement', 'personnalisé', 'amis proches', 'membres',
    'freunde', 'freunde außer', 'bestimmte freunde', 'nur ich', 'benutzerdefiniert', 'enge freunde', 'mitglieder',
    'amigos', 'amigos excepto', 'amigos concretos', 'solo yo', 'personalizado', 'mejores amigos', 'miembros',
    'amici', 'amici tranne', 'amici specifici', 'solo io', 'personalizzato', 'amici più stretti', 'membri',
  ];

  /**
   * Reads an audience label. Returns 'public', 'restricted', 'unknown' (a
   * sharing label whose audience we do not know) or null (not an audience label).
   */
  function parseLabel(label) {
    const l = String(label).trim().toLowerCase().replace(/\s+/g, ' ');
    const prefix = PREFIXES.find((p) => l.startsWith(p));
    if (!prefix) return null;
    const who = l.slice(prefix.length).trim().replace(/[.…]+$/, '').trim();
    if (PUBLIC.includes(who)) return 'public';
    if (RESTRICTED.some((r) => who === r || who.startsWith(r + ' '))) return 'restricted';
    return 'unknown';
  }

  function fromLabels(container, selector) {
    if (!container || !selector) return null;
    for (const el of container.querySelectorAll(selector)) {
      const a = parseLabel(el.getAttribute('aria-label') || '');
      if (a) return a;
    }
    return null;
  }

  /**
   * The audience of what a composer will publish: its dialog's audience
   * button for a post, the post's audience icon for a comment.
   * @returns {'public'|'restricted'|'unknown'}
   */
  function detect(site, composerEl, kind) {
    if (!site.audienceSelector) return 'unknown';
    if (kind === 'comment') {
      return fromLabels(composerEl.closest(site.postSelector), site.audienceSelector) ?? 'unknown';
    }
    const scope = composerEl.closest('[role="dialog"], form') ?? composerEl.parentElement?.parentElement?.parentElement;
    return fromLabels(scope, site.audienceSelector) ?? 'unknown';
  }

  root.VigieAudience = Object.freeze({ parseLabel, detect });
})(globalThis);
