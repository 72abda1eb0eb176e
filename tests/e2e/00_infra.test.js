'use strict';
// The web server in front of the program: static files, security headers, body limits (SEC-1,
// SEC-2) and the health check.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Client } = require('./lib');

const CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

function assertSecurityHeaders(r) {
  // Exactly one copy of each: two CSP headers would read as "..., default-src ..." here.
  assert.equal(r.headers.get('content-security-policy'), CSP);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('referrer-policy'), 'same-origin');
}

test('GET /healthz answers 200 while the database is up', async () => {
  const r = await new Client().get('/healthz');
  assert.equal(r.status, 200);
});

test('static files are served by nginx as text/css, with the security headers', async () => {
  const r = await new Client().get('/static/app.css');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/css\b/);
  assertSecurityHeaders(r);
  assert.match(r.headers.get('cache-control') || '', /max-age=\d+/);
});

test('a page that does not exist is a 404 with the security headers', async () => {
  const r = await new Client().get('/no-such-page-' + Date.now());
  assert.equal(r.status, 404);
  assertSecurityHeaders(r);
});

test('a static file that does not exist is a 404 with the security headers', async () => {
  const r = await new Client().get('/static/no-such-file.css');
  assert.equal(r.status, 404);
  assertSecurityHeaders(r);
});

test('the server does not tell its version', async () => {
  const r = await new Client().get('/healthz');
  assert.doesNotMatch(r.headers.get('server') || '', /\d/);
});

test('a form body over 1 MiB is refused with 413, and the server keeps serving', async () => {
  const c = new Client();
  const r = await c.post('/signin', { email: 'x'.repeat(1100 * 1024) }, { follow: false });
  assert.equal(r.status, 413);
  assert.equal((await c.get('/healthz')).status, 200);
});

test('request headers beyond the limits are refused with a 4xx', async () => {
  const r = await new Client().get('/healthz', { headers: { 'x-filler': 'a'.repeat(16 * 1024) } });
  assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
});
