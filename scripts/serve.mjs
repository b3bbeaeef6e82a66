// serve.mjs: a small static file server for the built web app (correct MIME types for .wasm,
// revalidation with ETags). Usage: node scripts/serve.mjs --root DIR [--port 8080] [--host 127.0.0.1]
// --port 0 picks a free port; the address is printed as "OrgSim is served at http://HOST:PORT/".
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const root = path.resolve(opt('--root', '.'));
const port = Number(opt('--port', process.env.PORT || '8080'));
const host = opt('--host', '127.0.0.1');
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`serve.mjs: ${root}/index.html not found (build the web app first)`);
  process.exit(1);
}
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.data': 'application/octet-stream', '.webmanifest': 'application/manifest+json',
  '.otf': 'font/otf', '.ttf': 'font/ttf', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

const server = http.createServer((req, res) => {
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403).end('forbidden');
    return;
  }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Type': types[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': st.size });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
});
server.on('error', (e) => {
  console.error(`serve.mjs: cannot listen on ${host}:${port}: ${e.message}` +
    (e.code === 'EADDRINUSE' ? ` (choose another port: --port N or PORT=N)` : ''));
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`OrgSim is served at http://${host}:${server.address().port}/  (Ctrl+C to stop)`);
});
