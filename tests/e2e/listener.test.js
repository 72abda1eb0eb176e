'use strict';
// The FastCGI listener (issue 11, item 3): on TCP only peers in fcgi_allow are served; a peer
// that stalls in the middle of a record times out instead of holding a thread; a request's
// input has a cap on its records. Each test runs a portal of its own on a TCP port (the stack's
// listens on a unix socket), talked to by a raw FastCGI client.
const test = require('node:test');
const assert = require('node:assert/strict');
const { request, exchange, stall, startPortal } = require('./fcgi');

const HEALTHZ = { DOCUMENT_URI: '/healthz', REQUEST_URI: '/healthz' };

test('fcgi_allow: a peer outside the list gets nothing, one inside is served', async () => {
  const p = await startPortal('listener-allow', { fcgi_allow: '127.0.0.1/32', threads: 2 });
  try {
    const ok = await exchange(p.port, request(HEALTHZ));
    assert.equal(ok.status, 200, `allowed peer: ${ok.head}`);
    const refused = await exchange(p.port, request(HEALTHZ), { localAddress: '127.0.0.2' });
    assert.equal(refused.bytes, 0, 'a refused peer reads not one byte');
    assert.equal(refused.status, null);
    // and the program keeps serving the allowed one
    assert.equal((await exchange(p.port, request(HEALTHZ))).status, 200);
  } finally {
    assert.deepEqual(await p.stop(), { code: 0, signal: null });
  }
});

test('a peer that stalls in the middle of a record does not block other requests', { timeout: 60000 }, async () => {
  // Two threads, four stalled connections: without a read timeout every thread would wait on
  // one of them for ever and the good request below would never be answered.
  const p = await startPortal('listener-stall', { fcgi_allow: '127.0.0.1/32', threads: 2, fcgi_timeout: 1 });
  const stalled = [];
  try {
    for (let i = 0; i < 4; i++) stalled.push(await stall(p.port));
    const r = await exchange(p.port, request(HEALTHZ));
    assert.equal(r.status, 200, 'served while stalled peers are connected');
    const closed = await Promise.all(stalled.map((s) => new Promise((resolve) => {
      if (s.destroyed) resolve(true);
      s.on('close', () => resolve(true));
    })));
    assert.deepEqual(closed, [true, true, true, true], 'the stalled connections were closed by the program');
  } finally {
    for (const s of stalled) s.destroy();
    assert.deepEqual(await p.stop(), { code: 0, signal: null });
  }
});

test('a request whose input has more records than fcgi_max_records is refused', async () => {
  const p = await startPortal('listener-records', { fcgi_allow: '127.0.0.1/32', threads: 2, fcgi_max_records: 50 });
  try {
    const post = (n) => request({
      REQUEST_METHOD: 'POST', DOCUMENT_URI: '/signin', REQUEST_URI: '/signin',
      CONTENT_TYPE: 'application/x-www-form-urlencoded', CONTENT_LENGTH: String(n),
    }, { stdinRecords: Array.from({ length: n }, () => Buffer.from('a')) });
    const few = await exchange(p.port, post(40));
    assert.ok(few.status !== null && few.status !== 400, `40 one-byte records are read: ${few.head}`);
    const many = await exchange(p.port, post(500));
    assert.equal(many.status, 400, `500 one-byte records are cut off: ${many.head}`);
  } finally {
    assert.deepEqual(await p.stop(), { code: 0, signal: null });
  }
});
