// load.mjs — runs the extension's classic scripts in this realm (they
// define one global each, as in the browser) and builds DOMs with linkedom.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { parseHTML } from 'linkedom';

export const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Runs src/<file> for each file, once. */
export function load(...files) {
  for (const f of files) {
    const key = `__vigie_loaded_${f}`;
    if (globalThis[key]) continue;
    runInThisContext(readFileSync(join(SRC, f), 'utf8'), { filename: f });
    globalThis[key] = true;
  }
}

/** A document parsed from html. */
export function dom(html) {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}
