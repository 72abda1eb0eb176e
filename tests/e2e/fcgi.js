'use strict';
// A raw FastCGI client and a private portal process for the tests of the FastCGI listener
// (issue 11): what nginx would send, written by hand, so that a test can be a bad peer.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { TEST_DIR } = require('./lib');

const ROOT = path.resolve(__dirname, '../..');
const BEGIN = 1;
const END = 3;
const PARAMS = 4;
const STDIN = 5;
const STDOUT = 6;

function record(type, content = Buffer.alloc(0), id = 1) {
  const pad = (8 - (content.length % 8)) % 8;
  const h = Buffer.from([1, type, id >> 8, id & 255, content.length >> 8, content.length & 255, pad, 0]);
  return Buffer.concat([h, content, Buffer.alloc(pad)]);
}

function lenBytes(n) {
  return n < 128 ? Buffer.from([n]) : Buffer.from([0x80 | (n >> 24), (n >> 16) & 255, (n >> 8) & 255, n & 255]);
}

function params(obj) {
  return Buffer.concat(Object.entries(obj).map(([k, v]) => {
    const kb = Buffer.from(k);
    const vb = Buffer.from(String(v));
    return Buffer.concat([lenBytes(kb.length), lenBytes(vb.length), kb, vb]);
  }));
}

/** The bytes of one request: BEGIN (responder, no keep-alive), PARAMS, empty PARAMS, STDIN. */
function request(env, { stdinRecords = [] } = {}) {
  return Buffer.concat([
    record(BEGIN, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])),
    record(PARAMS, params({ REQUEST_METHOD: 'GET', SERVER_PROTOCOL: 'HTTP/1.1', REMOTE_ADDR: '127.0.0.1', ...env })),
    record(PARAMS),
    ...stdinRecords.map((b) => record(STDIN, b)),
    record(STDIN),
  ]);
}

/**
 * Sends bytes to 127.0.0.1:port (from localAddress when given) and collects the answer until
 * the program closes the connection. Resolves { bytes, stdout, status, headers }.
 */
function exchange(port, bytes, { localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sock = net.connect({ host: '127.0.0.1', port, localAddress }, () => sock.write(bytes));
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', (e) => (e.code === 'ECONNRESET' ? null : reject(e)));
    sock.on('close', () => {
      const all = Buffer.concat(chunks);
      let out = Buffer.alloc(0);
      let ended = false;
      for (let at = 0; at + 8 <= all.length;) {
        const type = all[at + 1];
        const len = all.readUInt16BE(at + 4);
        const pad = all[at + 6];
        if (type === STDOUT) out = Buffer.concat([out, all.subarray(at + 8, at + 8 + len)]);
        if (type === END) ended = true;
        at += 8 + len + pad;
      }
      const text = out.toString('latin1');
      const head = text.split('\r\n\r\n')[0];
      const status = /^Status: (\d+)/m.exec(head);
      resolve({ bytes: all.length, ended, stdout: text, head, status: status ? Number(status[1]) : null });
    });
  });
}

/** A connection that sends the start of a request and then nothing (a stalled peer). */
function stall(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port }, () => {
      const begin = record(BEGIN, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]));
      const half = record(PARAMS, params({ REQUEST_METHOD: 'GET', DOCUMENT_URI: '/healthz' })).subarray(0, 12);
      sock.write(Buffer.concat([begin, half]), () => resolve(sock));
    });
    sock.on('error', () => {});
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * A portal of its own on 127.0.0.1:<free port> (TCP), on the test database, with options
 * (-o key=value). Its log goes to TEST_DIR/log/<name>.log (checked for sanitizer reports).
 * Resolves { port, stop() } once it answers.
 */
async function startPortal(name, options = {}) {
  let bin = process.env.BIN_DIR || 'build';
  if (!path.isAbsolute(bin)) bin = path.join(ROOT, bin);
  const port = await freePort();
  const log = path.join(TEST_DIR, 'log', `${name}.log`);
  const out = fs.openSync(log, 'a');
  const args = ['-c', path.join(ROOT, 'conf', 'portal.conf'), '-o', `listen=127.0.0.1:${port}`,
    '-o', `db_socket=${TEST_DIR}/run/mysqld.sock`];
  for (const [k, v] of Object.entries(options)) args.push('-o', `${k}=${v}`);
  const child = spawn(path.join(bin, 'portal'), args, { cwd: ROOT, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  for (let i = 0; i < 300; i++) {
    const up = await new Promise((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null) throw new Error(`portal exited: see ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port, log, child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

module.exports = { record, params, request, exchange, stall, startPortal, STDIN };
