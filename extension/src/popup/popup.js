// popup.js — status of the core and rules, this tab's findings count (a
// number; the popup never sees text), on/off for the current site, and what
// Meta does with public posts.
import { date, checkText } from '../shared/status.js';

const api = globalThis.browser ?? globalThis.chrome;
const M = globalThis.VigieMessages;
const { t, localize } = globalThis.VigieI18n;
const $ = (id) => document.getElementById(id);

async function render() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  let res = null;
  try {
    res = await api.runtime.sendMessage({ type: M.PAGE_STATUS, tabId: tab?.id });
  } catch {
    res = null; // background unreachable: we are not checking anything
  }
  const status = $('status');
  if (!res?.ok || res.core.state !== 'ready') {
    status.dataset.state = 'off';
    status.textContent = t('popupNotChecking');
    return;
  }
  const { core, tab: info } = res;
  const release = core.rules.release;
  $('rules-version').textContent = release ? `${core.rules.version} (v${release.version})` : core.rules.version;
  $('rules-date').textContent = date(release?.publishedAt ?? core.rules.createdAt);
  $('rules-channel').textContent = release?.channel ?? res.update?.channel ?? '—';
  $('rules-release').textContent = release?.releaseId ?? t('updateBuiltIn');
  $('last-check').textContent = checkText(res.update);
  if (core.rules.outdated) {
    $('outdated').hidden = false;
    $('outdated').textContent = t('popupOutdated', date(core.rules.expiresAt));
  }
  if (!info?.site) {
    status.dataset.state = 'idle';
    status.textContent = t('popupOtherSite');
    return;
  }
  status.dataset.state = info.enabled ? 'on' : 'off';
  status.textContent = t(info.enabled ? 'popupChecking' : 'popupSiteOff', info.site);
  $('site-row').hidden = false;
  $('site-label').textContent = t('popupSiteToggle', info.site);
  const toggle = $('site-toggle');
  toggle.checked = info.enabled;
  toggle.onchange = async () => {
    await api.runtime.sendMessage({ type: M.PAGE_SET_SITE, site: info.site, enabled: toggle.checked });
    render();
  };
  if (info.enabled) {
    $('count').hidden = false;
    $('count').textContent = info.count === 0 ? t('popupNoFindings') : t('popupFindings', info.count);
  }
}

try {
  const { settings } = await api.runtime.sendMessage({ type: M.PAGE_GET_SETTINGS });
  await globalThis.VigieI18n.useLanguage(settings.language);
} catch {
  // No background: the browser's language it is.
}
localize(document);
$('open-options').addEventListener('click', (ev) => {
  ev.preventDefault();
  api.runtime.openOptionsPage();
});
render();
