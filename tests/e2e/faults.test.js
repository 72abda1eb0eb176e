'use strict';
// Fault tests (issue 6): a FastCGI process killed under load behind a two-process upstream, the
// database stopped and started under a load of reads and writes, and a graceful SIGTERM. Run by
// `make test` against its stack (BASE_URL, TEST_DIR); everything listens on 127.0.0.1 and every
// load is bounded in requests and time. Processes started here (extra portal processes, their
// supervisors' children, two small nginx instances) are stopped by PID even when a test fails,
// and the database is started again if a test left it stopped.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn, execFile } = require('node:child_process');
const { BASE_URL, TEST_DIR, Client, csrfOf, sql, sqlValue, sqlQuote } = require('./lib');
const {
  ROOT, RUN, WORK, children, sleep, hit, waitSocket, waitStatus, startPortal, Supervised, stopChild,
  startNginx, stopAll,
} = require('./procs');

/** Runs fn(i) for i = 0 .. total-1 with `concurrency` at a time, while keepGoing(); the results. */
async function load(total, concurrency, fn, keepGoing = () => true) {
  const out = [];
  let next = 0;
  const worker = async () => {
    while (next < total && keepGoing()) {
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out.filter((x) => x !== undefined);
}

function sh(args, ms = 90000) {
  return new Promise((resolve, reject) => {
    execFile('bash', args, { cwd: ROOT, timeout: ms }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
const dbUp = () => sh([path.join(ROOT, 'scripts', 'db.sh'), 'status', TEST_DIR]).then(() => true, () => false);

test.after(async () => {
  await stopAll();
  if (!(await dbUp())) await sh([path.join(ROOT, 'scripts', 'db.sh'), 'start', TEST_DIR]);
});

test('two FastCGI processes behind one upstream: kill -9 of one under load loses no GET, and it is restarted', async () => {
  const a = new Supervised('portal-a', path.join(RUN, 'fa.sock'));
  const b = new Supervised('portal-b', path.join(RUN, 'fb.sock'));
  let ngx;
  try {
    await Promise.all([waitSocket(a.sock), waitSocket(b.sock)]);
    ngx = await startNginx('nginx-ab', [a.sock, b.sock]);
    await waitStatus(`${ngx.base}/healthz`, 200);
    const killed = a.pid;
    let done = 0;
    // 400 GETs at 8 at a time; the process a is killed once 100 have been answered.
    const results = await load(400, 8, async (i) => {
      const r = await hit(`${ngx.base}${i % 2 ? '/signin' : '/healthz'}`);
      if (++done === 100) process.kill(killed, 'SIGKILL');
      return r;
    });
    assert.equal(results.length, 400);
    // Every GET succeeds: a request that was in flight on the killed process fails before any
    // byte of its answer reached nginx (the program writes a response whole, at the end), and
    // nginx passes such a GET on to the other process (fastcgi_next_upstream error).
    const failed = results.filter((r) => r.status !== 200);
    assert.deepEqual(failed.map((r) => r.status || r.error), [], 'GETs that failed');
    // The supervisor started a new process, which listens and serves on its own.
    const until = Date.now() + 10000;
    while ((a.restarts < 1 || a.pid === killed) && Date.now() < until) await sleep(50);
    assert.equal(a.restarts, 1, 'restarts of the killed process');
    assert.notEqual(a.pid, killed);
    await waitSocket(a.sock);
    await b.stop();
    // nginx may still hold a's or b's last failure (max_fails=1, fail_timeout=1s): until both
    // marks expire a request can find no server up. Wait them out (at most 10 s), then require
    // every request to succeed through the restarted process alone.
    const settle = Date.now() + 10000;
    let streak = 0;
    while (streak < 5 && Date.now() < settle) {
      await sleep(200);
      streak = (await hit(`${ngx.base}/signin`)).status === 200 ? streak + 1 : 0;
    }
    assert.equal(streak, 5, 'the restarted process answers on its own');
    const after = await load(20, 4, () => hit(`${ngx.base}/signin`));
    assert.deepEqual(after.map((r) => r.status), Array(20).fill(200), 'served by the restarted process alone');
  } finally {
    await a.stop();
    await b.stop();
    if (ngx) await stopChild(ngx, 'SIGQUIT');
  }
});

/** What the "Add a user" writes of one run left, in one transaction each: emails in users, and
 * emails named by a user.create entry of audit_log. */
function traces(run) {
  const like = sqlQuote(`fault-${run}-%`);
  const users = new Set(sql(`SELECT email FROM users WHERE email LIKE ${like}`).map((r) => r[0]));
  const audit = new Set(sql(`SELECT subject_label FROM audit_log WHERE action = 'user.create' AND subject_label LIKE ${sqlQuote(`%<fault-${run}-%`)}`)
    .map((r) => /<([^>]*)>$/.exec(r[0])[1]));
  return { users, audit };
}

test('MariaDB stopped under reads and writes: 503 in the layout meanwhile, then every worker reconnects and no write is half done', async (t) => {
  const db = path.join(ROOT, 'scripts', 'db.sh');
  const pidBefore = fs.readFileSync(path.join(RUN, 'portal.pid'), 'utf8').trim();
  const c = new Client();
  await c.signIn('admin@acme.test');
  const cookie = c.cookieHeader();
  const csrf = csrfOf((await c.get('/users/new')).text);
  assert.ok(csrf, 'a CSRF token on the Add a user form');
  const run = `${Date.now().toString(36)}`;
  const base = BASE_URL.replace(/\/$/, '');
  let phase = 'up';
  const ops = [];
  let stop = false;
  const op = async (i) => {
    const at = phase;
    let r;
    if (i % 2 === 0) {
      const email = `fault-${run}-${i}@acme.test`;
      r = await hit(`${base}/users/new`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, first_name: 'Fault', last_name: `Write ${i}`, email, job_title: '', mobile_phone: '',
          direct_line: '', language: 'en', role: 'user' }).toString(),
      });
      r.email = email;
    } else {
      r = await hit(`${base}/users?q=${i % 3 ? 'fault' : ''}`, { headers: { cookie } });
    }
    r.phase = at === phase ? at : `${at}->${phase}`;
    ops.push(r);
    await sleep(20); // about 150 requests a second in all: the outage sees a few hundred
    return r;
  };
  try {
    // A bounded load (3,000 requests, 45 s at most), 4 at a time, through the whole outage.
    const until = Date.now() + 45000;
    const running = load(3000, 4, op, () => !stop && Date.now() < until);
    await sleep(1500);
    phase = 'stopping';
    await sh([db, 'stop', TEST_DIR]);
    phase = 'down';
    await sleep(1500);
    // While it is down: signed-in pages and the health check answer 503, pages in the layout.
    const page = await hit(`${base}/users`, { headers: { cookie } });
    assert.equal(page.status, 503);
    assert.match(page.text, /<title>Service unavailable<\/title>/);
    assert.match(page.text, /<h1>Service unavailable<\/h1>/);
    assert.match(page.text, /<main id="main"/, 'the error page is in the layout');
    assert.equal((await hit(`${base}/healthz`)).status, 503);
    phase = 'starting';
    await sh([db, 'start', TEST_DIR]);
    await waitStatus(`${base}/healthz`, 200);
    phase = 'up again';
    await sleep(1500);
    stop = true;
    await running;
  } finally {
    stop = true;
    if (!(await dbUp())) await sh([db, 'start', TEST_DIR]);
  }

  const by = (p) => ops.filter((r) => r.phase === p);
  const summary = {};
  for (const r of ops) {
    const k = `${r.phase} ${r.email ? 'POST' : 'GET'} ${r.status || r.error}`;
    summary[k] = (summary[k] || 0) + 1;
  }
  t.diagnostic(JSON.stringify(summary));
  // Never a 502, a hang or a broken connection; only answers the program chose.
  const odd = ops.filter((r) => ![200, 303, 503].includes(r.status));
  assert.deepEqual(odd.map((r) => `${r.phase} ${r.status || r.error}`), [], `unexpected answers; all: ${JSON.stringify(summary)}`);
  assert.ok(by('up').some((r) => r.status === 303), 'writes succeeded before the stop');
  assert.ok(by('down').length > 0 && by('down').every((r) => r.status === 503), `every request while down answers 503: ${JSON.stringify(summary)}`);
  assert.ok(by('up again').length > 0 && by('up again').every((r) => r.status === 200 || r.status === 303),
    `everything succeeds after the restart: ${JSON.stringify(summary)}`);
  // The same process serves on (it did not crash), and each of its workers reconnects: twice as
  // many concurrent requests as it has threads all succeed.
  assert.equal(fs.readFileSync(path.join(RUN, 'portal.pid'), 'utf8').trim(), pidBefore);
  const after = await load(48, 16, () => hit(`${base}/users`, { headers: { cookie } }));
  assert.deepEqual([...new Set(after.map((r) => r.status))], [200]);
  // Every write answered 303 is there whole; one answered otherwise is there whole or not at all
  // (its COMMIT may have been applied with the answer lost), never in part.
  const { users, audit } = traces(run);
  for (const w of ops.filter((r) => r.email)) {
    const u = users.has(w.email);
    const a = audit.has(w.email);
    if (w.status === 303) assert.ok(u && a, `${w.email} answered 303: users ${u}, audit ${a}`);
    else assert.equal(u, a, `${w.email} answered ${w.status} is half there: users ${u}, audit ${a}`);
  }
});

test('the stack\'s other programs (mailer, provisioner) are still running after the database restart', async () => {
  await sh([path.join(ROOT, 'scripts', 'stack.sh'), 'status', TEST_DIR]);
});

test('connections nginx keeps open hold no thread: 2 threads answer bursts over 30 kept connections at once', async () => {
  const sock = path.join(RUN, 'fk.sock');
  const p = startPortal('portal-k', sock, ['-o', 'threads=2']);
  let ngx;
  try {
    await waitSocket(sock);
    ngx = await startNginx('nginx-k', [sock]);
    assert.match(fs.readFileSync(path.join(WORK, 'nginx-k', 'nginx.conf'), 'utf8'), /keepalive \d+;[\s\S]*fastcgi_keep_conn on;/,
      'the config keeps connections');
    const fds = () => fs.readdirSync(`/proc/${p.pid}/fd`).length;
    const before = fds();
    // Each burst makes nginx open (or reuse) up to 30 connections and keep them when idle. Had a
    // kept connection tied up the thread that served it, the second burst would wait on 28
    // connections that no thread reads (until nginx's keepalive timeout, a minute).
    for (let burst = 0; burst < 3; burst++) {
      const t0 = Date.now();
      const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => hit(`${ngx.base}/signin?b=${burst}-${i}`)));
      assert.deepEqual([...new Set(rs.map((r) => r.status || r.error))], [200], `burst ${burst}: every request answered`);
      assert.ok(Date.now() - t0 < 5000, `burst ${burst} took ${Date.now() - t0} ms`);
    }
    assert.ok(fds() >= before + 5, `the process keeps the connections open (${before} -> ${fds()} descriptors)`);
    p.kill('SIGTERM');
    const exit = await Promise.race([p.exited, sleep(10000).then(() => ({ code: 'still running after 10 s' }))]);
    assert.deepEqual(exit, { code: 0, signal: null }, 'SIGTERM ends it at once although connections are kept');
  } finally {
    await stopChild(p, 'SIGKILL');
    if (ngx) await stopChild(ngx, 'SIGQUIT');
  }
});

test('SIGTERM: the requests in flight are answered, then the process exits 0', async () => {
  const sock = path.join(RUN, 'fc.sock');
  const p = startPortal('portal-c', sock);
  let ngx;
  let locker;
  try {
    await waitSocket(sock);
    ngx = await startNginx('nginx-c', [sock]);
    // The requests are held in flight by a row lock: a transaction of ours locks the row of
    // user@acme.test, which a successful sign-in updates (last_sign_in). The database shows
    // them waiting, so they were accepted and are being served when the SIGTERM comes.
    locker = spawn('mariadb', ['--no-defaults', `--socket=${path.join(RUN, 'mysqld.sock')}`,
      `--user=${require('node:os').userInfo().username}`, 'portal'], { stdio: ['pipe', 'ignore', 'inherit'] });
    children.add(locker);
    locker.exited = new Promise((resolve) => locker.on('exit', (code, signal) => { children.delete(locker); resolve({ code, signal }); }));
    locker.stdin.write("SET SESSION innodb_lock_wait_timeout = 60; START TRANSACTION; SELECT id FROM users WHERE email = 'user@acme.test' FOR UPDATE;\n");
    const c = new Client(`${ngx.base}/`);
    const csrf = csrfOf((await c.get('/signin')).text);
    const waiting = () => Number(sqlValue("SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'UPDATE users SET last_sign_in%'"));
    const signins = Array.from({ length: 3 }, () => hit(`${ngx.base}/signin`, {
      method: 'POST',
      headers: { cookie: c.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, email: 'user@acme.test', password: 'demo-password-1' }).toString(),
    }));
    const until = Date.now() + 20000;
    while (waiting() < 3 && Date.now() < until) await sleep(50);
    assert.equal(waiting(), 3, 'three sign-ins waiting on the lock');
    p.kill('SIGTERM');
    await sleep(500);
    assert.equal(p.exitCode, null, 'the process waits for its requests in flight');
    locker.stdin.end('COMMIT;\n');
    const answers = await Promise.all(signins);
    const exit = await Promise.race([p.exited, sleep(20000).then(() => ({ code: 'still running after 20 s' }))]);
    assert.deepEqual(answers.map((r) => r.status || r.error), [303, 303, 303], 'sign-ins in flight at SIGTERM');
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.ok(!fs.existsSync(sock), 'the socket is removed');
  } finally {
    if (locker) await stopChild(locker, 'SIGTERM');
    await stopChild(p, 'SIGKILL');
    if (ngx) await stopChild(ngx, 'SIGQUIT');
  }
});
