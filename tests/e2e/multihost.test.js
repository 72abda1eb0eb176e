'use strict';
// Several app hosts on one database (issue 15, SPEC 11), the cheap part that make test runs:
// two portal processes (A and B) on the test MariaDB, each behind the project's nginx config,
// and one nginx whose upstream balances both. A write made through A must be seen by B's next
// request: the rendered list cache (pcache), the in-memory filter index (listidx) and the
// signed-in user's cached fields (mecache) are all keyed by the occupier's data version, which
// lives in the database. Also the schema rules a Galera cluster needs (scripts/cluster-test.sh
// runs the cluster itself): a primary key on every table, InnoDB only, no GET_LOCK or LOCK
// TABLES anywhere. Everything listens on 127.0.0.1 and is stopped by PID.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { BASE_URL, TEST_DIR, ROOT, CONF, BIN_DIR, freePort, DEMO_HASH, Client, formByButton, textOf, sql, sqlValue, sqlQuote } = require('./lib');

const RUN = path.join(TEST_DIR, 'run');
const WORK = path.join(TEST_DIR, 'multihost');
fs.mkdirSync(WORK, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = new Set();
const made = [];

function track(p) {
  children.add(p);
  p.exited = new Promise((resolve) => p.on('exit', (code, signal) => { children.delete(p); resolve({ code, signal }); }));
  return p;
}

async function until(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const canConnect = (sock) => new Promise((resolve) => {
  const c = net.connect(sock);
  c.on('connect', () => { c.destroy(); resolve(true); });
  c.on('error', () => resolve(false));
});

/** A portal process as scripts/stack.sh starts one, on its own socket. */
async function portal(name, extra = []) {
  const sock = path.join(RUN, `mh-${name}.sock`);
  try { fs.unlinkSync(sock); } catch { /* not there */ }
  const log = fs.openSync(path.join(WORK, `portal-${name}.log`), 'a');
  track(spawn(path.join(BIN_DIR, 'portal'), ['-c', CONF, '-o', `listen=${sock}`, '-o', `db_socket=${path.join(RUN, 'mysqld.sock')}`,
    '-o', `maildir=${path.join(TEST_DIR, 'mail')}`, '-o', `base_url=${BASE_URL.replace(/\/$/, '')}`, '-o', 'threads=2', ...extra],
  { cwd: ROOT, stdio: ['ignore', log, log] }));
  fs.closeSync(log);
  await until(`${sock} accepting`, () => canConnect(sock));
  return sock;
}

/** nginx from conf/nginx.conf.in with an upstream of socks; its base URL. */
async function nginx(name, socks) {
  const dir = path.join(WORK, name);
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const port = await freePort();
  const servers = socks.map((s) => `server unix:${s};`).join('\n        ');
  const conf = fs.readFileSync(path.join(ROOT, 'conf', 'nginx.conf.in'), 'utf8')
    .replaceAll('@PORT@', String(port)).replaceAll('@ROOT@', ROOT)
    .replaceAll('@USER_LINE@', process.getuid() === 0 ? 'user root;' : '')
    .replace('server @FCGI@;', servers);
  assert.ok(conf.includes(servers), 'conf/nginx.conf.in changed shape');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const out = fs.openSync(path.join(dir, 'logs', 'stdout.log'), 'a');
  track(spawn('nginx', ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'logs', 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', out, out] }));
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  await until(`${base}/healthz`, async () => (await fetch(`${base}/healthz`).catch(() => ({ status: 0 }))).status === 200);
  return base;
}

let A; let B; let AB;
test.before(async () => {
  const [sa, sb] = await Promise.all([portal('a'), portal('b')]);
  [A, B, AB] = await Promise.all([nginx('nginx-a', [sa]), nginx('nginx-b', [sb]), nginx('nginx-ab', [sa, sb])]);
});

test.after(async () => {
  for (const p of [...children]) {
    p.kill(p.spawnargs[0] === 'nginx' ? 'SIGQUIT' : 'SIGTERM');
    const t = setTimeout(() => p.kill('SIGKILL'), 15000);
    await p.exited;
    clearTimeout(t);
  }
  if (made.length) sql(`DELETE FROM users WHERE id IN (${made.join(',')})`);
});

/** One signed-in session used through two processes: the same cookies, another base URL. */
function through(c, base) {
  const o = new Client(base);
  o.cookies = c.cookies;
  return o;
}

function acmeUser({ role = 'user', first = 'Multi', last = 'Host' } = {}) {
  const email = `mh-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@acme.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, language, account_state,
      invited_portal, password_hash, last_sign_in) VALUES (1, 1, ${sqlQuote(role)}, ${sqlQuote(first)}, ${sqlQuote(last)},
      ${sqlQuote(email)}, 'en', 'VALIDATED', 1, ${sqlQuote(DEMO_HASH)}, UTC_TIMESTAMP())`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`));
  made.push(id);
  return { id, email };
}

test('a user added through process A is in process B\'s next list page and filter (list cache and filter index)', async () => {
  const a = new Client(A);
  assert.equal((await a.signIn('admin@acme.test')).status, 200);
  const b = through(a, B);
  const word = `Zq${Date.now().toString(36)}`;
  // B renders (and caches) the list and builds its filter index before the write.
  const before = await b.get(`/users?q=${word}`);
  assert.equal(before.status, 200);
  assert.ok(!before.text.includes(word.toLowerCase()) || !textOf(before.text).includes(`${word} Person`), 'not there yet');
  const firstPage = textOf((await b.get('/users')).text);
  const again = await b.get(`/users?q=${word}`); // a second time: served from B's caches
  assert.equal(again.text, before.text, 'B answers from its cache while nothing changed');

  const form = formByButton((await a.get('/users/new')).text, 'Add user');
  const email = `${word.toLowerCase()}@acme.test`;
  const r = await a.submit(form, { 'First name': word, 'Last name': 'Person', 'Email address': email, Language: 'en', Role: 'user' }, { follow: false });
  assert.equal(r.status, 303, textOf(r.text).slice(0, 200));
  made.push(Number(/\/users\/(\d+)/.exec(r.headers.get('location'))[1]));

  const after = await b.get(`/users?q=${word}`);
  assert.equal(after.status, 200);
  assert.ok(after.text.includes(`>${email}<`), `B's filtered list shows the user added through A: ${textOf(after.text).slice(0, 300)}`);
  assert.notEqual(textOf((await b.get('/users')).text), firstPage, 'B\'s first list page changed (its count at least)');
});

test('an edit through A shows on B, and B\'s edit on A (both directions, one session)', async () => {
  const u = acmeUser({ last: 'Before' });
  const a = new Client(A);
  await a.signIn('admin@acme.test');
  const b = through(a, B);
  assert.ok(textOf((await b.get(`/users/${u.id}`)).text).includes('Before'));
  assert.ok(textOf((await a.get(`/users?q=${u.email}`)).text).includes('Before'));
  let f = formByButton((await a.get(`/users/${u.id}/edit`)).text, 'Save changes');
  assert.equal((await a.submit(f, { 'Last name': 'Afterwards' }, { follow: false })).status, 303);
  assert.ok(textOf((await b.get(`/users/${u.id}`)).text).includes('Afterwards'), 'B shows A\'s edit');
  assert.ok(textOf((await b.get(`/users?q=${u.email}`)).text).includes('Afterwards'), 'and lists it');
  f = formByButton((await b.get(`/users/${u.id}/edit`)).text, 'Save changes');
  assert.equal((await b.submit(f, { 'Last name': 'Third' }, { follow: false })).status, 303);
  assert.ok(textOf((await a.get(`/users?q=${u.email}`)).text).includes('Third'), 'A lists B\'s edit');
});

test('a role taken away through A counts on B at its next request (session cache)', async () => {
  const admin2 = acmeUser({ role: 'admin', first: 'Second', last: 'Admin' });
  const viaB = new Client(B);
  assert.equal((await viaB.signIn(admin2.email)).status, 200);
  assert.equal((await viaB.get('/users')).status, 200, 'an admin on B');
  assert.equal((await viaB.get('/users')).status, 200, 'twice: its fields are cached in B');
  // An operator (the role of an invited user is locked for occupier admins) demotes it via A.
  const a = new Client(A);
  await a.signIn('ops@demo.test');
  const edit = `/platform/occupiers/1/users/${admin2.id}/edit`;
  const f = formByButton((await a.get(edit)).text, 'Save changes');
  assert.equal((await a.submit(f, { Role: 'user' }, { follow: false })).status, 303);
  assert.equal(sqlValue(`SELECT role FROM users WHERE id = ${admin2.id}`), 'user');
  const r = await viaB.get('/users', { follow: false });
  assert.equal(r.status, 403, 'B refuses User management at once');
  // Renamed through A: B's page header shows the new name.
  const f2 = formByButton((await a.get(edit)).text, 'Save changes');
  assert.equal((await a.submit(f2, { 'First name': 'Renamed' }, { follow: false })).status, 303);
  assert.ok(textOf((await viaB.get('/profile')).text).includes('Renamed'), 'B shows the new name');
});

test('one upstream of both processes: consecutive requests of one session alternate and agree', async () => {
  const c = new Client(AB);
  await c.signIn('admin@acme.test');
  const u = acmeUser({ last: 'Alternating' });
  const seen = [];
  for (let i = 0; i < 6; i++) {
    const f = formByButton((await c.get(`/users/${u.id}/edit`)).text, 'Save changes');
    assert.equal((await c.submit(f, { 'Job title': `round ${i}` }, { follow: false })).status, 303);
    const page = textOf((await c.get(`/users?q=${u.email}`)).text);
    seen.push(page.includes(`round ${i}`) || textOf((await c.get(`/users/${u.id}`)).text).includes(`round ${i}`));
  }
  assert.deepEqual(seen, Array(6).fill(true), 'every write seen by the next request, whichever process answers');
});

test('Galera rules: every table has a primary key and is InnoDB; no GET_LOCK or LOCK TABLES in the code', () => {
  const noPk = sql(`SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = 'portal'
    AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c
    WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')`);
  assert.deepEqual(noPk, [], 'tables without a primary key');
  const notInno = sql(`SELECT table_name, engine FROM information_schema.tables WHERE table_schema = 'portal'
    AND table_type = 'BASE TABLE' AND engine <> 'InnoDB'`);
  assert.deepEqual(notInno, [], 'tables not in InnoDB (Galera replicates InnoDB only)');
  const offenders = [];
  for (const dir of ['cgi-bin', 'sql', 'sql/demo']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir))) {
      if (!/\.(c|h|sql)$/.test(f)) continue;
      const text = fs.readFileSync(path.join(ROOT, dir, f), 'utf8');
      if (/\bGET_LOCK\s*\(|\bLOCK\s+TABLES?\b|\bRELEASE_LOCK\s*\(/i.test(text)) offenders.push(`${dir}/${f}`);
    }
  }
  assert.deepEqual(offenders, [], 'files with GET_LOCK or LOCK TABLES');
});

test('a transaction chosen as a deadlock victim is run again: the edit is saved, not answered 503', async () => {
  const u = acmeUser({ last: 'Deadlock' });
  const c = new Client(A);
  await c.signIn('admin@acme.test');
  const form = formByButton((await c.get(`/users/${u.id}/edit`)).text, 'Save changes');
  const deadlocks = () => Number(sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")[0][1]);
  const before = deadlocks();
  // A second session of the database: it holds Acme's version row (which the edit's trigger
  // updates after locking the user's row) and is the heavier transaction (100 rows written),
  // so InnoDB rolls the edit back when the two wait for each other.
  const { spawn: sp } = require('node:child_process');
  const os = require('node:os');
  const other = sp('mariadb', ['--no-defaults', `--socket=${path.join(RUN, 'mysqld.sock')}`, `--user=${os.userInfo().username}`,
    '--batch', '--unbuffered', 'portal'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  other.stdout.on('data', (d) => { out += d; });
  other.stderr.on('data', (d) => { out += d; });
  track(other);
  const say = (q) => other.stdin.write(`${q}\n`);
  say(`START TRANSACTION; INSERT INTO audit_log (operator_id, occupier_id, actor_label, action, subject_label)
    SELECT 1, 1, 'deadlock test', 'test.weight', 'x' FROM users LIMIT 100;
    UPDATE occupier_versions SET version = version + 1 WHERE occupier_id = 1; SELECT 'held';`);
  await until('the version row held', () => out.includes('held'));
  const edit = c.submit(form, { 'Job title': 'after a deadlock' }, { follow: false });
  await sleep(400); // the edit now holds the user's row and waits for the version row
  say(`UPDATE users SET job_title = job_title WHERE id = ${u.id}; SELECT 'second';`);
  await until('the deadlock resolved', () => out.includes('second') || /ERROR 1213/.test(out), 10000);
  await sleep(200); // the edit, run again, now waits for this session
  say('ROLLBACK; SELECT \'done\';');
  const r = await edit;
  other.stdin.end();
  await other.exited;
  assert.equal(deadlocks(), before + 1, `one deadlock (session: ${out.trim().replace(/\s+/g, ' ')})`);
  assert.ok(out.includes('second'), 'the heavy session was not the victim');
  assert.equal(r.status, 303, `the edit was run again and saved: ${r.status} ${textOf(r.text).slice(0, 200)}`);
  assert.equal(sqlValue(`SELECT job_title FROM users WHERE id = ${u.id}`), 'after a deadlock');
  assert.equal(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'test.weight'"), '0', 'the session rolled back');
});

/**
 * A TCP stand-in for a database server at host:port that passes everything to the test MariaDB
 * until frozen: then it stays silent (what it receives is dropped, connections are accepted
 * and never answered), like a hung node or an address that black-holes its traffic.
 */
async function dbProxy(host, port) {
  const p = { frozen: false, socks: new Set() };
  p.server = net.createServer((c) => {
    p.socks.add(c);
    c.on('close', () => p.socks.delete(c));
    c.on('error', () => {});
    if (p.frozen) return;
    const s = net.connect(path.join(RUN, 'mysqld.sock'));
    p.socks.add(s);
    s.on('close', () => { p.socks.delete(s); c.destroy(); });
    c.on('close', () => s.destroy());
    s.on('error', () => {});
    c.on('data', (d) => { if (!p.frozen) s.write(d); });
    s.on('data', (d) => { if (!p.frozen) c.write(d); });
  });
  await new Promise((resolve, reject) => { p.server.once('error', reject); p.server.listen(port, host, resolve); });
  p.close = () => { for (const x of p.socks) x.destroy(); return new Promise((r) => p.server.close(r)); };
  return p;
}

test('a database server that stops answering: the request runs again on the next server of db_host after db_timeout, and a second silent one gives 503 at once, not a hang', async () => {
  const port = await freePort();
  const [p1, p2] = await Promise.all([dbProxy('127.0.0.2', port), dbProxy('127.0.0.3', port)]);
  const name = 'silent';
  const sock = await portal(name, ['-o', 'db_socket=', '-o', 'db_host=127.0.0.2,127.0.0.3', '-o', `db_port=${port}`,
    '-o', 'db_timeout=2', '-o', 'threads=1']);
  const base = await nginx('nginx-silent', [sock]);
  const logText = () => fs.readFileSync(path.join(WORK, `portal-${name}.log`), 'utf8');
  try {
    const u = acmeUser({ last: 'Silent' });
    const c = new Client(base);
    assert.equal((await c.signIn('admin@acme.test')).status, 200);
    const form = formByButton((await c.get(`/users/${u.id}/edit`)).text, 'Save changes');
    p1.frozen = true; // the node the worker is connected to hangs
    let t0 = Date.now();
    const r = await c.submit(form, { 'Job title': 'saved on the next server' }, { follow: false });
    const took = Date.now() - t0;
    assert.equal(r.status, 303, `the edit was run again on the next server: ${r.status} ${textOf(r.text).slice(0, 200)}`);
    assert.ok(took >= 1500 && took < 9000, `answered after one db_timeout (2 s), not the old 30 s: ${took} ms`);
    assert.equal(sqlValue(`SELECT job_title FROM users WHERE id = ${u.id}`), 'saved on the next server');
    assert.match(logText(), /db: \S+ 127\.0\.0\.2: no answer, server counted as lost after 2\.\d s/);

    p2.frozen = true; // now both hang: an error page, promptly
    t0 = Date.now();
    const down = await c.get('/users');
    const took2 = Date.now() - t0;
    assert.equal(down.status, 503, `every server silent: 503 (${down.status})`);
    assert.ok(took2 < 12000, `503 within about twice db_timeout plus the connects: ${took2} ms`);

    p1.frozen = false;
    p2.frozen = false;
    for (const x of [...p1.socks, ...p2.socks]) x.destroy(); // what hung is gone
    const back = await c.get('/users');
    assert.equal(back.status, 200, 'answers again once a server does');
  } finally {
    await Promise.all([p1.close(), p2.close()]);
  }
});
