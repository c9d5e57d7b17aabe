// router.js — dispatches runtime messages through a type → handler table,
// after the contract's allowlist (VigieMessages.isAllowed) accepted the sender.
// Unknown types and refused senders get no answer at all.

/**
 * @param {Record<string, (msg: object, sender: object) => any>} handlers
 * @param {{isAllowed: Function, extensionId: string, extensionBase: string}} policy
 * @returns {(msg: any, sender: object, sendResponse: Function) => boolean} a runtime.onMessage listener
 */
export function createRouter(handlers, { isAllowed, extensionId, extensionBase }) {
  return function onMessage(msg, sender, sendResponse) {
    const type = msg && typeof msg.type === 'string' ? msg.type : '';
    if (!Object.hasOwn(handlers, type) || !isAllowed(type, sender, extensionId, extensionBase)) return false;
    Promise.resolve()
      .then(() => handlers[type](msg, sender))
      .then(
        (res) => sendResponse(res ?? { ok: true }),
        (err) => sendResponse({ ok: false, error: String(err?.message ?? err) }),
      );
    return true; // the answer comes asynchronously
  };
}
