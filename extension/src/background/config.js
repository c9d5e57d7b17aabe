// config.js — build-time configuration. vigie-pack replaces this file in the
// built extension when given -root-key/-server/-channel (or VIGIE_ROOT_KEY,
// VIGIE_SERVER, VIGIE_CHANNEL); as committed, no server is configured and the
// packaged bundle is the only rules source.
export const CONFIG = Object.freeze({
  // Ed25519 public key of the offline root, base64 (32 bytes); '' = updates off.
  rootKey: '',
  // Default rules server, e.g. https://rules.example.eu/ ; '' = updates off.
  server: '',
  channel: 'stable',
});
