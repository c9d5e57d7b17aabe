// status.js — wording of the rules status shared by the popup and the
// options page (extension pages only; the keys live in _locales).
const { t } = globalThis.VigieI18n;

/** A date from an ISO string, in the page's language (the string itself if unparsable). */
export function date(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(document.documentElement.lang);
}

/** The last update check as one line: when, and what happened. */
export function checkText(update) {
  const c = update?.lastCheck;
  if (!update?.configured && (!c || c.result === 'not_configured')) return t('updateNotConfigured');
  if (!c) return t('updateNever');
  const when = new Date(c.at).toLocaleString(document.documentElement.lang);
  const what = {
    applied: () => t('updateApplied'),
    not_modified: () => t('updateUpToDate'),
    not_configured: () => t('updateNotConfigured'),
    network_error: () => t('updateUnreachable', c.error),
    http_error: () => t('updateUnreachable', c.error),
  }[c.result] ?? (() => t('updateRefused', c.result));
  return `${when} — ${what()}`;
}
