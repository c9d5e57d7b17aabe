// options.js — the settings page. Every change is sent to the background,
// which validates it, stores it and tells open Facebook/Instagram tabs.
import { date, checkText } from '../shared/status.js';

const api = globalThis.browser ?? globalThis.chrome;
const M = globalThis.VigieMessages;
const { t, localize } = globalThis.VigieI18n;
const form = document.getElementById('form');

function send(msg) {
  return api.runtime.sendMessage(msg);
}

function fill(s) {
  const box = document.getElementById('categories');
  box.replaceChildren(...Object.entries(s.categories).map(([type, on]) => {
    const input = Object.assign(document.createElement('input'), { type: 'checkbox', name: `cat:${type}`, checked: on });
    const label = document.createElement('label');
    label.append(input, ' ', t(`type_${type}`));
    return label;
  }));
  form.sensitivity.value = s.sensitivity;
  form.audiencePolicy.value = s.audiencePolicy;
  form.language.value = s.language;
  form.serverUrl.value = s.server.url;
  form.channel.value = s.server.channel;
}

async function neverCount() {
  const { count } = await send({ type: M.PAGE_NEVER_WARN_COUNT });
  document.getElementById('never-count').textContent = t('optionsNeverWarnCount', count);
}

function patchFrom(target) {
  if (target.name.startsWith('cat:')) return { categories: { [target.name.slice(4)]: target.checked } };
  if (target.name === 'serverUrl' || target.name === 'channel') {
    if (!target.checkValidity()) return null;
    return { server: { url: form.serverUrl.value, channel: form.channel.value } };
  }
  return { [target.name]: target.value };
}

function showRules({ core, update }) {
  const $ = (id) => document.getElementById(id);
  const rules = core?.rules;
  const release = rules?.release;
  $('rules-version').textContent = rules ? (release ? `${rules.version} (v${release.version})` : rules.version) : '—';
  $('rules-date').textContent = rules ? date(release?.publishedAt ?? rules.createdAt) : '—';
  $('rules-channel').textContent = release?.channel ?? update?.channel ?? '—';
  $('rules-release').textContent = release?.releaseId ?? t('updateBuiltIn');
  $('last-check').textContent = checkText(update);
}

/**
 * A server set in the options needs its host permission, requested at run
 * time (the build only grants its own default server).
 */
async function allowServer(url) {
  if (!url || !api.permissions?.request) return true;
  const origins = [`${new URL(url).origin}/*`];
  if (await api.permissions.contains({ origins })) return true;
  return api.permissions.request({ origins }).catch(() => false);
}

document.getElementById('check-now').addEventListener('click', async () => {
  const button = document.getElementById('check-now');
  if (!(await allowServer(form.serverUrl.value))) {
    document.getElementById('saved').textContent = t('optionsPermissionDenied');
    return;
  }
  button.disabled = true;
  try {
    showRules(await send({ type: M.PAGE_CHECK_NOW }));
  } finally {
    button.disabled = false;
  }
});

form.addEventListener('change', async (ev) => {
  const patch = patchFrom(ev.target);
  if (!patch) return;
  if (patch.server && !(await allowServer(patch.server.url))) {
    document.getElementById('saved').textContent = t('optionsPermissionDenied');
    return;
  }
  const res = await send({ type: M.PAGE_SET_SETTINGS, settings: patch });
  if (patch.language) {
    // Reload so the page itself speaks the new language.
    location.reload();
    return;
  }
  fill(res.settings);
  document.getElementById('saved').textContent = t('optionsSaved');
});

document.getElementById('never-clear').addEventListener('click', async () => {
  await send({ type: M.PAGE_NEVER_WARN_CLEAR });
  neverCount();
});

async function start() {
  const { settings } = await send({ type: M.PAGE_GET_SETTINGS });
  await globalThis.VigieI18n.useLanguage(settings.language);
  localize(document);
  fill(settings);
  neverCount();
  showRules(await send({ type: M.PAGE_STATUS }));
}
start();
