// serve.mjs: a small static file server for the built web app. It serves the site folder only (no
// path outside it, symbolic links included), on 127.0.0.1 unless --host says otherwise, with correct
// MIME types (application/wasm for .wasm), revalidation with ETags, gzip for the large files when the
// browser accepts it (compressed once per file version and kept in memory; nothing is written into
// the site), and the page's Content Security Policy as a header on every response (index.html holds
// the same policy in a <meta>; Web Workers and the service worker take theirs from their own response,
// and frame-ancestors can only be sent as a header).
// Usage: node scripts/serve.mjs --root DIR [--port 8080] [--host 127.0.0.1] [--embed ORIGINS]
// --port 0 picks a free port; the address is printed as "OrgSim is served at http://HOST:PORT/".
//
// Framing is a deliberate choice. By default no page may show OrgSim in a frame (frame-ancestors
// 'none') and its files serve only its own pages (Cross-Origin-Resource-Policy: same-origin).
// --embed ORIGINS lets the pages of ORIGINS (space- or comma-separated, e.g.
// "https://canvas.example.edu", or * for any) embed it, as a course page or a learning-management
// system does: frame-ancestors 'self' ORIGINS, and the files become readable from any origin
// (Access-Control-Allow-Origin: * and Cross-Origin-Resource-Policy: cross-origin), because a frame
// sandboxed without allow-same-origin runs in an opaque origin ("null") whose requests for the
// app's scripts and WebAssembly are cross-origin. The files are public and sent without
// credentials, so this exposes nothing that a plain download would not.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const port = Number(opt('--port', process.env.PORT || '8080'));
const host = opt('--host', '127.0.0.1');
const embedArg = opt('--embed', null);
// The origins allowed to frame the page: null = none. Each must be a scheme://host[:port] or *.
let embedOrigins = null;
if (embedArg !== null) {
  embedOrigins = embedArg.split(/[\s,]+/).filter(Boolean);
  const bad = embedOrigins.find((o) => o !== '*' && !/^https?:\/\/[A-Za-z0-9.*-]+(:\d{1,5})?$/.test(o));
  if (!embedOrigins.length || bad !== undefined) {
    console.error(`serve.mjs: --embed wants origins like https://lms.example.edu (or *), got '${bad ?? embedArg}'`);
    process.exit(2);
  }
}
let root;
try {
  root = fs.realpathSync(path.resolve(opt('--root', '.')));  // links resolved, so that paths compare
} catch {
  root = path.resolve(opt('--root', '.'));
}
const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`serve.mjs: ${root}/index.html not found (build the web app first)`);
  process.exit(1);
}
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.data': 'application/octet-stream', '.webmanifest': 'application/manifest+json',
  '.otf': 'font/otf', '.ttf': 'font/ttf', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
};
// Files worth compressing (the rest are small or compressed already).
const GZIP = new Set(['.wasm', '.js', '.mjs', '.data', '.html', '.css', '.json', '.svg', '.txt', '.md']);
const GZIP_MAX_BYTES = 256 * 1024 * 1024;

// The policy of index.html's <meta http-equiv="Content-Security-Policy">, plus frame-ancestors.
const CSP = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'",
  "img-src 'self' data:", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
  embedOrigins ? `frame-ancestors 'self' ${embedOrigins.join(' ')}` : "frame-ancestors 'none'",
].join('; ');
const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': embedOrigins ? 'cross-origin' : 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  ...(embedOrigins ? { 'Access-Control-Allow-Origin': '*' } : {}),
};

// Does the request's Accept-Encoding allow gzip (and not with q=0)?
function acceptsGzip(req) {
  const header = req.headers['accept-encoding'];
  if (!header) return false;
  let gzip = null, star = null;
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    const qp = params.find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (name === 'gzip' || name === 'x-gzip') gzip = q;
    else if (name === '*') star = q;
  }
  const q = gzip !== null ? gzip : star;
  return q !== null && q > 0;
}

// Compressed versions, computed once per file version (path, size and mtime) and kept in memory.
const gzCache = new Map();  // file -> { key, promise of Buffer or null (not smaller) }
function gzipped(file, st) {
  const key = `${st.size}-${st.mtimeMs}`;
  const hit = gzCache.get(file);
  if (hit && hit.key === key) return hit.promise;
  const promise = fs.promises.readFile(file)
    .then((raw) => new Promise((resolve, reject) => {
      zlib.gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }, (err, gz) => (err ? reject(err) : resolve(gz.length < raw.length ? gz : null)));
    }))
    .catch(() => null);
  gzCache.set(file, { key, promise });
  return promise;
}

// The file for a request path, or null when it does not exist or lies outside the root (also through
// a symbolic link).
async function resolveFile(rel) {
  if (rel.includes('\0')) return null;
  const joined = path.join(root, path.normalize(rel));
  if (!joined.startsWith(rootPrefix)) return null;
  let real;
  try {
    real = await fs.promises.realpath(joined);
  } catch {
    return null;
  }
  if (!real.startsWith(rootPrefix)) return { outside: true };
  const st = await fs.promises.stat(real).catch(() => null);
  return st && st.isFile() ? { file: real, name: joined, st } : null;
}

// An If-None-Match header that names this ETag (a list, weak validators, or *).
function matches(header, etag) {
  if (!header) return false;
  return String(header).split(',').some((t) => {
    t = t.trim();
    return t === '*' || t === etag || t === 'W/' + etag;
  });
}

const server = http.createServer(async (req, res) => {
  const plain = (status, text, extra = {}) =>
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(text);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    plain(405, 'method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    plain(400, 'bad request');
    return;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const found = await resolveFile(rel);
  if (found && found.outside) {
    plain(403, 'forbidden');
    return;
  }
  if (!found) {
    plain(404, 'not found');
    return;
  }
  const { file, name, st } = found;
  const ext = path.extname(name).toLowerCase();  // the type of the name asked for
  const compressible = GZIP.has(ext) && st.size <= GZIP_MAX_BYTES;
  const gz = compressible && acceptsGzip(req) ? await gzipped(file, st) : null;
  // Each representation has its own ETag (a strong validator names exact bytes).
  const tag = `${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}`;
  const etag = gz ? `"${tag}-gz"` : `"${tag}"`;
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': types[ext] || 'application/octet-stream',
    'Cache-Control': 'no-cache',
    ETag: etag,
  };
  if (compressible) headers.Vary = 'Accept-Encoding';
  if (matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  if (gz) {
    // The decoded size, for the page's download progress (boot.js): Content-Length counts gzip bytes.
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': gz.length, 'X-Decoded-Content-Length': st.size });
    res.end(req.method === 'HEAD' ? undefined : gz);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': st.size });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
});
server.on('error', (e) => {
  console.error(`serve.mjs: cannot listen on ${host}:${port}: ${e.message}` +
    (e.code === 'EADDRINUSE' ? ` (choose another port: --port N or PORT=N)` : ''));
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`OrgSim is served at http://${host}:${server.address().port}/  (Ctrl+C to stop)`);
  if (embedOrigins) console.log(`Pages of ${embedOrigins.join(', ')} may embed it (add ?embed=1 to the address for the compact layout)`);
});
