// server.mjs — the HTTPS fixture server the browser reaches as
// www.facebook.com and www.instagram.com (--host-resolver-rules map both to
// 127.0.0.1). It serves the fixture pages, the real lexical (ESM, through an
// import map) and react/react-dom (UMD) from node_modules, records what the
// fixtures submit, and logs every request so tests can prove no request
// carries typed text. The certificate is self-signed, made per run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, 'fixtures');
const MODULES = join(HERE, '..', '..', 'node_modules');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const SERVED_PACKAGES = ['lexical', '@lexical', '@preact/signals-core', 'react', 'react-dom'];

/** A self-signed certificate for both hosts, made with Debian's openssl. */
export function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=www.facebook.com',
    '-addext', 'subjectAltName=DNS:www.facebook.com,DNS:www.instagram.com',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

// Resolves a package.json "exports" target for the browser, development build first.
function target(entry) {
  if (typeof entry === 'string') return entry;
  for (const cond of ['development', 'browser', 'import', 'default']) {
    if (entry && entry[cond] !== undefined) {
      const t = target(entry[cond]);
      if (t) return t;
    }
  }
  return null;
}

/** The import map for lexical, every installed @lexical package and their one outside dependency. */
export function importMap() {
  const names = ['lexical', '@preact/signals-core', ...readdirSync(join(MODULES, '@lexical')).map((n) => `@lexical/${n}`)];
  const imports = {};
  for (const name of names) {
    const pkg = JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8'));
    for (const [key, entry] of Object.entries(pkg.exports ?? {})) {
      const t = target(entry);
      if (key.includes('*') || !t || !t.endsWith('.js') || key === './package.json') continue;
      imports[name + key.slice(1)] = `/node_modules/${name}/${t.replace(/^\.\//, '')}`;
    }
  }
  return { imports };
}

/**
 * Starts the server on 127.0.0.1 (random port).
 * @returns {Promise<{port:number, submissions:object[], requests:object[], close:()=>Promise<void>}>}
 */
export async function startServer() {
  const submissions = [];
  const requests = [];
  const map = JSON.stringify(importMap());

  function page(file, res, csp) {
    const nonce = randomBytes(12).toString('base64');
    const html = readFileSync(join(FIXTURES, file), 'utf8')
      .replaceAll('%NONCE%', nonce)
      .replace('<!--IMPORTMAP-->', `<script type="importmap" nonce="${nonce}">${map}</script>`);
    const headers = { 'content-type': TYPES['.html'], 'cache-control': 'no-store' };
    if (csp) {
      // As strict as it gets: no inline script or style, no eval, no wasm.
      headers['content-security-policy'] = `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'`;
    }
    res.writeHead(200, headers).end(html);
  }

  function file(root, rel, res) {
    const p = normalize(join(root, rel));
    if (!p.startsWith(root) || !existsSync(p)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(p)] ?? 'application/octet-stream' }).end(readFileSync(p));
  }

  const server = createServer(makeCertificate(), (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const host = (req.headers.host ?? '').split(':')[0];
      const url = new URL(req.url, `https://${host}`);
      requests.push({ method: req.method, host, url: url.href, body, headers: req.headers });
      if (req.method === 'POST' && url.pathname === '/submit') {
        submissions.push({ host, ...JSON.parse(body) });
        return res.writeHead(204).end();
      }
      if (url.pathname.startsWith('/node_modules/')) {
        const rel = url.pathname.slice('/node_modules/'.length);
        if (!SERVED_PACKAGES.some((p) => rel.startsWith(p + '/'))) return res.writeHead(404).end();
        return file(MODULES, rel, res);
      }
      if (url.pathname.startsWith('/fixtures/')) return file(FIXTURES, url.pathname.slice('/fixtures/'.length), res);
      if (host === 'www.instagram.com' && url.pathname === '/') return page('instagram.html', res, false);
      if (host === 'www.facebook.com' && url.pathname === '/') return page('facebook.html', res, false);
      if (host === 'www.facebook.com' && url.pathname === '/strict') return page('facebook.html', res, true);
      res.writeHead(404).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    submissions,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
