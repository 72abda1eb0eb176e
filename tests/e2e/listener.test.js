'use strict';
// The FastCGI listener (issue 11, item 3): on TCP only peers in fcgi_allow are served; a peer
// that stalls in the middle of a record times out instead of holding a thread; a request's
// input has a cap on its records. Each test runs a portal of its own on a TCP port (the stack's
// listens on a unix socket), talked to by a raw FastCGI client.
const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
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

test('a peer that trickles its input (each read in time) is cut off after 3 x fcgi_timeout', { timeout: 60000 }, async () => {
  const p = await startPortal('listener-trickle', { fcgi_allow: '127.0.0.1/32', threads: 2, fcgi_timeout: 1 });
  try {
    // 40 one-byte records, one every 250 ms (10 s in all; each read is well within the 1 s
    // timeout): the program stops reading after 3 s and answers 400 at once, while the
    // trickle is still going.
    const bytes = request({
      REQUEST_METHOD: 'POST', DOCUMENT_URI: '/signin', REQUEST_URI: '/signin',
      CONTENT_TYPE: 'application/x-www-form-urlencoded', CONTENT_LENGTH: '40',
    }, { stdinRecords: Array.from({ length: 40 }, () => Buffer.from('a')) });
    // each one-byte STDIN record is 16 bytes (8 of header, 1 of data, 7 of padding); the
    // empty one that ends the input is 8
    const head = bytes.subarray(0, bytes.length - (40 * 16 + 8));
    const records = [];
    for (let at = head.length; at < bytes.length; at += 16) records.push(bytes.subarray(at, Math.min(at + 16, bytes.length)));
    assert.equal(records.length, 41);
    let sent = 0;
    const answer = await new Promise((resolve) => {
      const chunks = [];
      const sock = net.connect({ host: '127.0.0.1', port: p.port }, async () => {
        sock.write(head);
        for (const r of records) {
          if (sock.destroyed) break;
          await new Promise((res) => setTimeout(res, 250));
          if (!sock.writable) break;
          sock.write(r);
          sent++;
        }
      });
      sock.on('data', (c) => chunks.push(c));
      sock.on('error', () => {});
      sock.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    });
    assert.match(answer, /Status: 400/, 'answered 400');
    assert.ok(sent < records.length, `closed while the trickle went on (${sent} of ${records.length} records sent)`);
  } finally {
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
