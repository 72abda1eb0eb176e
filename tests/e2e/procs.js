'use strict';
// Processes that e2e tests start besides the stack (extra portal processes with their own
// options, small nginx instances in front of them), with their files under TEST_DIR/procs, and
// the waits that go with them. Every process is kept in `children` and stopped by its PID
// (stopAll in a test's after hook). Everything listens on 127.0.0.1 or a unix socket.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { BASE_URL, TEST_DIR, ROOT, CONF, BIN_DIR, freePort } = require('./lib');

const RUN = path.join(TEST_DIR, 'run');
const WORK = path.join(TEST_DIR, 'procs');
const REQ_TIMEOUT_MS = 15000; // a request that takes longer counts as a hang

fs.mkdirSync(WORK, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One HTTP request with a time limit; {status, text, ms} or {status: 0, error} when it failed. */
async function hit(url, opts = {}) {
  const t0 = Date.now();
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(REQ_TIMEOUT_MS), ...opts });
    const text = await res.text();
    return { status: res.status, text, t0, t1: Date.now() };
  } catch (e) {
    return { status: 0, error: String(e && (e.cause || e)), t0, t1: Date.now() };
  }
}

/** Waits until a unix socket accepts connections (ms at most). */
async function waitSocket(sock, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(sock);
      c.on('connect', () => { c.destroy(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`${sock} does not accept connections after ${ms} ms`);
}

async function waitStatus(url, want, ms = 30000) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    last = await hit(url);
    if (last.status === want) return;
    await sleep(100);
  }
  throw new Error(`${url} did not answer ${want} within ${ms} ms (last: ${last && (last.status || last.error)})`);
}

// Everything started here, for the clean-up.
const children = new Set();

/** Starts a portal process as scripts/stack.sh does, listening on `sock`. */
function startPortal(name, sock, extra = []) {
  try { fs.unlinkSync(sock); } catch { /* not there */ }
  const log = fs.openSync(path.join(WORK, `${name}.log`), 'a');
  const p = spawn(path.join(BIN_DIR, 'portal'), [
    '-c', CONF, '-o', `listen=${sock}`, '-o', `db_socket=${path.join(RUN, 'mysqld.sock')}`,
    '-o', `maildir=${path.join(TEST_DIR, 'mail')}`, '-o', `base_url=${BASE_URL.replace(/\/$/, '')}`,
    ...extra,
  ], { cwd: ROOT, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  children.add(p);
  p.exited = new Promise((resolve) => p.on('exit', (code, signal) => {
    children.delete(p);
    resolve({ code, signal });
  }));
  return p;
}

/** A tiny supervisor: runs a portal process and starts it again whenever it exits. */
class Supervised {
  constructor(name, sock) {
    this.name = name;
    this.sock = sock;
    this.restarts = 0;
    this.stopped = false;
    this.run();
  }

  run() {
    this.proc = startPortal(this.name, this.sock);
    this.proc.exited.then(() => {
      if (this.stopped) return;
      this.restarts++;
      setTimeout(() => { if (!this.stopped) this.run(); }, 100);
    });
  }

  get pid() { return this.proc.pid; }

  async stop() {
    this.stopped = true;
    await stopChild(this.proc, 'SIGTERM');
  }
}

/** Signals one child of ours by its PID and waits for it (SIGKILL after 15 s). */
async function stopChild(p, signal = 'SIGTERM') {
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  p.kill(signal);
  const t = setTimeout(() => p.kill('SIGKILL'), 15000);
  await p.exited;
  clearTimeout(t);
}

/** nginx with the project's config (conf/nginx.conf.in) in front of `socks`, on its own port. */
async function startNginx(name, socks) {
  const dir = path.join(WORK, name);
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const port = await freePort();
  const servers = socks.map((s) => `server unix:${s} max_fails=1 fail_timeout=1s;`).join('\n        ');
  let conf = fs.readFileSync(path.join(ROOT, 'conf', 'nginx.conf.in'), 'utf8')
    .replaceAll('@PORT@', String(port))
    .replaceAll('@ROOT@', ROOT)
    .replaceAll('@USER_LINE@', process.getuid() === 0 ? 'user root;' : '')
    .replace('server @FCGI@;', servers)
    // A request whose process failed before answering goes to the next one (GETs only: nginx
    // never passes a POST on once it was sent).
    .replace('server_name localhost;', 'server_name localhost;\n        fastcgi_next_upstream error timeout;');
  assert.ok(conf.includes(servers) && conf.includes('fastcgi_next_upstream error timeout;'), 'nginx.conf.in changed shape');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const out = fs.openSync(path.join(dir, 'logs', 'stdout.log'), 'a');
  const p = spawn('nginx', ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'logs', 'error.log'),
    '-g', 'daemon off;'], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  children.add(p);
  p.exited = new Promise((resolve) => p.on('exit', (code, signal) => { children.delete(p); resolve({ code, signal }); }));
  p.base = `http://127.0.0.1:${port}`;
  await waitStatus(`${p.base}/static/app.css`, 200, 10000);
  return p;
}

/** Stops every process started here (nginx with SIGQUIT, the others with SIGTERM). */
async function stopAll() {
  for (const p of [...children]) await stopChild(p, p.spawnargs[0] === 'nginx' ? 'SIGQUIT' : 'SIGTERM');
}

module.exports = {
  ROOT, RUN, WORK, children, sleep, freePort, hit, waitSocket, waitStatus, startPortal, Supervised,
  stopChild, startNginx, stopAll,
};
