'use strict';
// The delivery program build/mailer (MAIL-2, MAIL-3), against the stack of scripts/stack.sh
// (BASE_URL, TEST_DIR): mail waits in the outbox while the mailer is down and is delivered
// exactly once when it is back, even after a kill -9 in the middle of a batch or a crash
// between writing a file and recording it; every file is a well-formed RFC 5322 message; and
// the SMTP transport talks to a small SMTP server on 127.0.0.1.
//
// The stack's mailer is stopped by the PID in TEST_DIR/run/mailer.pid (after checking that the
// process is the mailer of TEST_DIR) and started again with the very command line, working
// directory and environment it had (read from /proc before it was stopped), its output appended
// to TEST_DIR/log/mailer.log and its PID written back to the pid file, so `stack.sh stop` and
// `stack.sh status` find it as if stack.sh had started it. Whatever happens, the mailer is left
// running at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { BASE_URL, TEST_DIR, Client, forms, csrfOf, parseMail, sql, sqlValue, sqlQuote } = require('./lib');

const ROOT = path.resolve(__dirname, '../..');
const PID_FILE = path.join(TEST_DIR, 'run', 'mailer.pid');
const LOG = path.join(TEST_DIR, 'log', 'mailer.log');
const MAILDIR = path.join(TEST_DIR, 'mail');
const POLL_MS = 1000; // the mailer looks for work once a second when idle

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what, fn, timeoutMs = 20000, stepMs = 50) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

// ---------------------------------------------------------------------------------------------
// The mailer process

/** argv of a live process, or null (gone, or a zombie: empty command line). */
function cmdline(pid) {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    return argv.length && argv[0] !== '' ? argv : null;
  } catch {
    return null;
  }
}

/** True when pid is a mailer of TEST_DIR (the check stack.sh makes before it signals). */
function isOurMailer(pid) {
  const argv = cmdline(pid);
  return argv !== null && /(^|\/)mailer$/.test(argv[0]) && argv.join(' ').includes(`${TEST_DIR}/run/portal.sock`);
}

function pidFromFile() {
  try {
    const pid = Number(fs.readFileSync(PID_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && isOurMailer(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** How stack.sh started the mailer, read from the running process. */
function launchOf(pid) {
  const argv = cmdline(pid);
  const env = {};
  for (const kv of fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return { argv, env, cwd: fs.readlinkSync(`/proc/${pid}/cwd`) };
}

/** The same command line stack.sh uses, for when no mailer was running to copy it from. */
function launchLikeStackSh() {
  let bin = process.env.BIN_DIR || 'build';
  if (!path.isAbsolute(bin)) bin = path.join(ROOT, bin);
  return {
    argv: [path.join(bin, 'mailer'), '-c', path.join(ROOT, 'conf', 'portal.conf'),
      '-o', `listen=${TEST_DIR}/run/portal.sock`, '-o', `db_socket=${TEST_DIR}/run/mysqld.sock`,
      '-o', `maildir=${TEST_DIR}/mail`, '-o', `base_url=${new URL(BASE_URL).origin}/`],
    env: process.env,
    cwd: ROOT,
  };
}

let launch = null;

function rememberLaunch() {
  const pid = pidFromFile();
  if (pid !== null) launch = launchOf(pid);
  if (launch === null) launch = launchLikeStackSh();
  return pid;
}

/** Starts the mailer as stack.sh does (extra arguments, e.g. --once, appended); returns the child. */
function startMailer(extra = [], { pidFile = true } = {}) {
  fs.appendFileSync(LOG, `\n=== ${new Date().toISOString()} mailer started by tests/e2e/mailer.test.js\n`);
  const out = fs.openSync(LOG, 'a');
  const child = spawn(launch.argv[0], [...launch.argv.slice(1), ...extra], {
    cwd: launch.cwd, env: launch.env, detached: true, stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (pidFile) fs.writeFileSync(PID_FILE, `${child.pid}\n`);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  // Left running, it must not keep this process alive; waited for, it must.
  child.unref();
  child.exited = () => {
    child.ref();
    return exited;
  };
  return child;
}

/** Every mailer of TEST_DIR (as stack.sh's find_ours, when a pid file was lost). */
function ourMailers() {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
    .filter((p) => p !== process.pid && isOurMailer(p));
}

/** Sends sig to our mailer (pid checked first), and to any other mailer of TEST_DIR, and waits
 * until they are gone: while "stopped", nothing may deliver. */
async function stopMailer(sig = 'SIGTERM', pid = pidFromFile()) {
  const pids = new Set(ourMailers());
  if (pid !== null) pids.add(pid);
  for (const p of pids) {
    assert.ok(isOurMailer(p), `pid ${p} is not the mailer of ${TEST_DIR}`);
    process.kill(p, sig);
  }
  for (const p of pids) await waitUntil(`mailer ${p} to exit after ${sig}`, () => !isOurMailer(p), 15000, 10);
}

// ---------------------------------------------------------------------------------------------
// Mail: the outbox and the maildir

/** Asks for a password reset of each address through the "forgot password" form. */
async function forgot(addresses) {
  const c = new Client();
  const page = await c.get('/forgot');
  assert.equal(page.status, 200);
  const form = forms(page.text).find((f) => f.action === '/forgot');
  assert.ok(form, 'the forgot-password form');
  assert.ok(csrfOf(page.text), 'with a CSRF token');
  for (const email of addresses) {
    // the reset requests of this address and account are limited (issue 11): these tests
    // are about delivery, so the counters start afresh
    sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'f%'");
    const r = await c.submit(form, { 'Email address': email });
    assert.equal(r.status, 200, `POST /forgot for ${email}`);
  }
}

const maxOutboxId = () => Number(sqlValue('SELECT IFNULL(MAX(id), 0) FROM mail_outbox'));

/** Outbox rows after id: [{id, to, sent}]. */
function outboxAfter(id) {
  return sql(`SELECT id, to_addr, sent_at IS NOT NULL FROM mail_outbox WHERE id > ${Number(id)} ORDER BY id`)
    .map(([i, to, sent]) => ({ id: Number(i), to, sent: sent === '1' }));
}

/** The maildir's files by outbox id (the name starts with it): Map id -> [paths], new/ and cur/. */
function filesById() {
  const byId = new Map();
  for (const sub of ['new', 'cur']) {
    let names = [];
    try {
      names = fs.readdirSync(path.join(MAILDIR, sub));
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    for (const n of names) {
      const m = /^(\d+)\./.exec(n);
      if (!m) continue;
      const id = Number(m[1]);
      if (!byId.has(id)) byId.set(id, []);
      byId.get(id).push(path.join(MAILDIR, sub, n));
    }
  }
  return byId;
}

const countDelivered = (ids) => {
  const files = filesById();
  return ids.filter((id) => files.has(id)).length;
};

/** Waits until every id has its file, then one poll interval more, and checks each has one. */
async function expectExactlyOnce(rows) {
  const ids = rows.map((r) => r.id);
  await waitUntil(`${ids.length} messages in ${MAILDIR}/new`, () => countDelivered(ids) === ids.length, 30000);
  await sleep(POLL_MS + 500); // a duplicate would have shown up by now
  const files = filesById();
  const messages = [];
  for (const r of rows) {
    const list = files.get(r.id) || [];
    assert.equal(list.length, 1, `outbox #${r.id} (${r.to}) delivered ${list.length} times: ${list.join(', ')}`);
    const m = parseMail(list[0]);
    assert.equal(m.to, r.to, `the file of #${r.id} is addressed to its row's recipient`);
    messages.push(m);
  }
  const msgIds = messages.map((m) => m.headers['message-id']);
  assert.equal(new Set(msgIds).size, msgIds.length, 'one Message-ID per message');
  // Every row is recorded as sent, with its bodies (links, passwords) wiped.
  const left = sql(`SELECT id FROM mail_outbox WHERE id IN (${ids.join(',')})
    AND (sent_at IS NULL OR LENGTH(body_text) > 0 OR LENGTH(body_html) > 0 OR last_error IS NOT NULL)`);
  assert.deepEqual(left, [], 'rows not recorded as sent, or with their bodies kept');
  return messages;
}

/** Demo occupier users that can ask for a reset (bulk users, not the named demo accounts). */
function bulkUsers(n) {
  return sql(`SELECT email FROM users WHERE id > 8 AND occupier_id IS NOT NULL
    AND account_state IN ('AWAITING_VALIDATION', 'VALIDATED') ORDER BY id LIMIT ${Number(n)}`).map((r) => r[0]);
}

// ---------------------------------------------------------------------------------------------
// RFC 5322 / MIME checks of one raw message

const DATE_RE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const ADDR = String.raw`[A-Za-z0-9.!#$%&'*+/=?^_\`{|}~-]+@[A-Za-z0-9.-]+`;
const WORD = String.raw`=\?UTF-8\?[BQ]\?[^?\s]*\?=`;

/** Asserts raw (a Buffer) is a well-formed RFC 5322 message with a MIME multipart/alternative body. */
function assertRfc5322(raw, label) {
  // 7-bit, CRLF line ends only, lines within the limits (998 characters; 78 for the header).
  assert.ok(!raw.some((b) => b === 0 || b > 127), `${label}: only 7-bit ASCII, no NUL`);
  const text = raw.toString('latin1');
  assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(text), `${label}: every line ends with CRLF`);
  assert.ok(text.endsWith('\r\n'), `${label}: ends with a line end`);
  const lines = text.slice(0, -2).split('\r\n');
  const blank = lines.indexOf('');
  assert.ok(blank > 0, `${label}: a header section, an empty line, a body`);
  const head = lines.slice(0, blank);
  for (const l of lines) assert.ok(l.length <= 998, `${label}: a line over 998 characters`);
  for (const l of head) assert.ok(l.length <= 78, `${label}: header line over 78 characters: ${l}`);

  // Header fields: name ":" value, or a continuation line (folding white space).
  const fields = [];
  for (const l of head) {
    if (/^[ \t]/.test(l)) {
      assert.ok(fields.length, `${label}: a continuation line first`);
      fields[fields.length - 1].value += l;
      continue;
    }
    const m = /^([\x21-\x39\x3b-\x7e]+):[ \t]?(.*)$/.exec(l);
    assert.ok(m, `${label}: not a header field: ${l}`);
    fields.push({ name: m[1].toLowerCase(), value: m[2] });
  }
  const one = (name) => {
    const f = fields.filter((x) => x.name === name);
    assert.equal(f.length, 1, `${label}: exactly one ${name} field`);
    return f[0].value.replace(/\s+/g, ' ').trim();
  };
  // RFC 5322 3.6: Date and From exactly once; To, Subject, Message-ID at most once (here: once).
  const date = one('date');
  assert.match(date, DATE_RE, `${label}: Date`);
  const when = Date.parse(date);
  assert.ok(Math.abs(when - Date.now()) < 15 * 60 * 1000, `${label}: Date ${date} is about now`);
  assert.match(one('from'), new RegExp(String.raw`^(?:(?:"[^"\\]*"|${WORD}(?: ${WORD})*) )?<${ADDR}>$|^${ADDR}$`),
    `${label}: From is a mailbox`);
  assert.match(one('to'), new RegExp(`^${ADDR}$`), `${label}: To is an address`);
  const subject = one('subject');
  assert.ok(subject.length > 0, `${label}: a Subject`);
  if (/[^\x20-\x7e]/.test(subject) || subject.includes('=?')) {
    assert.match(subject, new RegExp(`^${WORD}(?: ${WORD})*$`), `${label}: Subject encoded words`);
  }
  for (const w of subject.match(new RegExp(WORD, 'g')) || []) assert.ok(w.length <= 75, `${label}: an encoded word over 75`);
  assert.match(one('message-id'), /^<[^<>@\s]+@[^<>@\s]+>$/, `${label}: Message-ID`);
  assert.equal(one('mime-version'), '1.0', `${label}: MIME-Version`);

  // MIME: multipart/alternative, text/plain then text/html, each UTF-8, QP or base64.
  const ctype = one('content-type');
  assert.match(ctype, /^multipart\/alternative;/i, `${label}: multipart/alternative`);
  const bm = /boundary="([^"]+)"|boundary=([^\s;"]+)/i.exec(ctype);
  assert.ok(bm, `${label}: a boundary`);
  const boundary = bm[1] || bm[2];
  assert.ok(boundary.length >= 1 && boundary.length <= 70, `${label}: a boundary of 1 to 70 characters`);
  const body = lines.slice(blank + 1);
  const delims = body.map((l, i) => [l, i]).filter(([l]) => l === `--${boundary}` || l === `--${boundary}--`);
  assert.ok(delims.length >= 3, `${label}: two parts and the closing delimiter`);
  assert.equal(delims[delims.length - 1][0], `--${boundary}--`, `${label}: ends with the closing delimiter`);
  const types = [];
  for (let k = 0; k + 1 < delims.length; k++) {
    const part = body.slice(delims[k][1] + 1, delims[k + 1][1]);
    const pb = part.indexOf('');
    assert.ok(pb >= 0, `${label}: part ${k + 1} has a header and a body`);
    const ph = {};
    for (const l of part.slice(0, pb)) {
      const m = /^([^:]+):\s*(.*)$/.exec(l);
      assert.ok(m, `${label}: part ${k + 1}: not a header field: ${l}`);
      ph[m[1].toLowerCase()] = m[2];
    }
    assert.match(ph['content-type'] || '', /^text\/(plain|html); charset=(UTF-8|"UTF-8")$/i, `${label}: part ${k + 1} type`);
    types.push(ph['content-type'].split(';')[0].toLowerCase());
    const cte = (ph['content-transfer-encoding'] || '').toLowerCase();
    assert.ok(['quoted-printable', 'base64'].includes(cte), `${label}: part ${k + 1} transfer encoding ${cte}`);
    for (const l of part.slice(pb + 1)) {
      assert.ok(l.length <= 76, `${label}: part ${k + 1}: an encoded line over 76 characters`);
      if (cte === 'quoted-printable') {
        assert.ok(!/=(?![0-9A-F]{2}|$)/.test(l), `${label}: part ${k + 1}: a bad "=" in ${l}`);
        assert.ok(!/[ \t]$/.test(l), `${label}: part ${k + 1}: white space at the end of a line`);
      } else {
        assert.match(l, /^[A-Za-z0-9+/]*={0,2}$/, `${label}: part ${k + 1}: base64`);
      }
    }
  }
  assert.deepEqual(types, ['text/plain', 'text/html'], `${label}: text, then HTML`);
}

const LINK_RE = /https?:\/\/[^\s<>"]+\/set-password#t=[0-9a-f]{64}/;

/** The reset link of a message: in the text part, and the same in the HTML part. */
function resetLink(m) {
  const link = (LINK_RE.exec(m.text) || [])[0];
  assert.ok(link, `a reset link in the text part of ${m.file}`);
  assert.ok(link.startsWith(new URL(BASE_URL).origin + '/'), `the link ${link} points at the portal`);
  assert.ok(m.html.includes(link), `the same link in the HTML part of ${m.file}`);
  return link;
}

// ---------------------------------------------------------------------------------------------

test.before(() => {
  fs.mkdirSync(path.join(MAILDIR, 'new'), { recursive: true });
  rememberLaunch();
});

// Whatever happened, the stack keeps a running mailer, known by its pid file.
test.after(async () => {
  if (pidFromFile() === null && launch !== null) {
    startMailer();
    await sleep(300);
  }
});

test('mail queued while the mailer is stopped waits in the outbox, then each is delivered exactly once', async (t) => {
  const pid = rememberLaunch();
  if (pid === null) t.diagnostic(`no mailer in ${PID_FILE}: started as stack.sh would`);
  await stopMailer('SIGTERM', pid);
  if (pid !== null) assert.match(fs.readFileSync(LOG, 'utf8').slice(-2000), /mailer: stopped\n/, 'SIGTERM: it says it stopped');

  const addresses = ['user@acme.test', 'admin@acme.test', 'admin@globex.test', 'admin@initech.test',
    'ops@demo.test', 'ops@other.test'];
  const before = maxOutboxId();
  const filesBefore = filesById();
  await forgot(addresses);
  const rows = outboxAfter(before);
  assert.deepEqual(rows.map((r) => r.to).sort(), [...addresses].sort(), 'one email queued per address');

  await sleep(2 * POLL_MS + 500);
  assert.deepEqual(outboxAfter(before).filter((r) => r.sent), [], 'nothing is sent while the mailer is down');
  assert.equal(countDelivered(rows.map((r) => r.id)), 0, 'no file while the mailer is down');
  assert.equal([...filesById().values()].flat().length, [...filesBefore.values()].flat().length);

  startMailer();
  const messages = await expectExactlyOnce(rows);
  const links = new Set();
  for (const m of messages) {
    assert.match(m.headers['message-id'], /^<\d+\.[0-9a-f]+@[^>]+>$/);
    assert.ok(m.headers['message-id'].startsWith(`<${path.basename(m.file).split('.')[0]}.`),
      'the Message-ID carries the outbox id');
    assert.match(m.headers.date, DATE_RE);
    assert.equal(m.headers['mime-version'], '1.0');
    assert.match(m.headers['content-type'], /^multipart\/alternative; boundary=/);
    assert.deepEqual(m.parts.map((p) => p.type), ['text/plain', 'text/html']);
    assert.ok(m.subject.length > 0);
    const operator = /@(acme|globex|demo)\.test$/.test(m.to) ? 'Demo Workspaces' : 'Other Spaces';
    assert.match(m.from, new RegExp(`^"?${operator}"? <[^>]+@[^>]+>$`), `From names the operator of ${m.to}`);
    links.add(resetLink(m));
  }
  assert.equal(links.size, messages.length, 'each email carries its own link');
});

test('a delivered message is a well-formed RFC 5322 message, non-ASCII subject included', async () => {
  await stopMailer('SIGTERM');
  const before = maxOutboxId();
  await forgot(['user@acme.test']);
  const [row] = outboxAfter(before);
  assert.ok(row, 'queued');
  // A copy of the same sealed message with a long subject in several scripts, to see it
  // encoded (RFC 2047) and folded.
  const subject = 'Réinitialisez votre mot de passe — Passwort zurücksetzen — パスワードの再設定 🙂 '
    + 'Restablecer la contraseña de su cuenta';
  sql(`INSERT INTO mail_outbox (operator_id, to_addr, subject, body_text, body_html)
    SELECT operator_id, to_addr, ${sqlQuote(subject)}, body_text, body_html FROM mail_outbox WHERE id = ${row.id}`);
  const rows = outboxAfter(before);
  assert.equal(rows.length, 2);
  startMailer();
  const messages = await expectExactlyOnce(rows);
  for (const m of messages) assertRfc5322(fs.readFileSync(m.file), path.basename(m.file));
  assert.equal(messages[1].subject, subject, 'the encoded subject decodes to the original');
  assert.equal(resetLink(messages[0]), resetLink(messages[1]));
  // The text part decodes to UTF-8 text with the link on a line of its own.
  assert.match(messages[0].text, new RegExp(`^${LINK_RE.source}$`, 'm'));
});

test('killed with SIGKILL in the middle of batches, restarted, it still delivers each email exactly once', async (t) => {
  await stopMailer('SIGTERM');
  const addresses = bulkUsers(30);
  assert.equal(addresses.length, 30, 'thirty demo users to write to');
  const before = maxOutboxId();
  await forgot(addresses);
  const rows = outboxAfter(before);
  assert.equal(rows.length, 30, 'thirty emails queued');
  const ids = rows.map((r) => r.id);

  // Three times: start, kill -9 as soon as a new file shows up.
  const seen = [];
  for (let round = 0; round < 3; round++) {
    const had = countDelivered(ids);
    if (had === ids.length) break;
    const child = startMailer();
    await waitUntil('a delivery', () => countDelivered(ids) > had, 20000, 2);
    process.kill(child.pid, 'SIGKILL');
    const { signal } = await child.exited();
    assert.equal(signal, 'SIGKILL');
    seen.push(countDelivered(ids));
  }
  t.diagnostic(`files after each kill: ${seen.join(', ')} of ${ids.length}`);
  // Rows whose file is there but whose COMMIT the kill prevented are due again: the next
  // mailer delivers them a second time, onto the same file name.
  startMailer();
  await expectExactlyOnce(rows);
});

test('delivered again after a crash between the file and the COMMIT, a message replaces its own file', async () => {
  await stopMailer('SIGTERM');
  const before = maxOutboxId();
  await forgot(['admin@globex.test']);
  const [row] = outboxAfter(before);
  const [[textHex, htmlHex]] = sql(`SELECT HEX(body_text), HEX(body_html) FROM mail_outbox WHERE id = ${row.id}`);
  // Deliver it once (--once: everything due, then exit 0).
  const once = startMailer(['--once'], { pidFile: false });
  assert.deepEqual(await once.exited(), { code: 0, signal: null });
  const [first] = await expectExactlyOnce([row]);
  const bytes = fs.readFileSync(first.file);
  // The state a kill -9 after the rename and before the COMMIT leaves: the file in new/, the
  // row not sent, its bodies still there.
  sql(`UPDATE mail_outbox SET sent_at = NULL, body_text = UNHEX('${textHex}'), body_html = UNHEX('${htmlHex}')
    WHERE id = ${row.id}`);
  startMailer();
  await waitUntil(`#${row.id} recorded as sent again`,
    () => sqlValue(`SELECT sent_at IS NOT NULL FROM mail_outbox WHERE id = ${row.id}`) === '1');
  const [again] = await expectExactlyOnce([row]);
  assert.equal(again.file, first.file, 'the same file name');
  assert.ok(fs.readFileSync(again.file).equals(bytes), 'the same bytes: one message, not two');
});

test('tmp/ after a crash: a row committed as sent by the file\'s claim is moved to new/, a claim not committed is given back and delivered once', async () => {
  await stopMailer('SIGTERM');
  const before = maxOutboxId();
  await forgot(['admin@acme.test', 'admin@globex.test']);
  const [sentRow, heldRow] = outboxAfter(before);
  assert.ok(sentRow && heldRow, 'two emails queued');
  const tok = (c) => c.repeat(32);
  const tag = '0123456789abcdef';
  fs.mkdirSync(path.join(MAILDIR, 'tmp'), { recursive: true });
  // 1. Killed after the COMMIT "sent by token a..a", before the rename: the file is complete.
  const bytes = Buffer.from(`To: ${sentRow.to}\r\nSubject: recovered\r\n\r\nbody\r\n`);
  const tmp1 = path.join(MAILDIR, 'tmp', `${sentRow.id}.${tag}.${tok('a')}.eml`);
  fs.writeFileSync(tmp1, bytes);
  sql(`UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), claim_token = '${tok('a')}' WHERE id = ${sentRow.id}`);
  // 2. Killed before its COMMIT: claimed by token b..b for another hour, a partial file.
  const tmp2 = path.join(MAILDIR, 'tmp', `${heldRow.id}.${tag}.${tok('b')}.eml`);
  fs.writeFileSync(tmp2, 'To: half a mess');
  sql(`UPDATE mail_outbox SET claim_token = '${tok('b')}', next_try_at = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE id = ${heldRow.id}`);
  startMailer();
  const moved = path.join(MAILDIR, 'new', `${sentRow.id}.${tag}.eml`);
  await waitUntil('the sent row\'s file moved to new/', () => fs.existsSync(moved));
  assert.ok(fs.readFileSync(moved).equals(bytes), 'moved as it was, not written again');
  assert.ok(!fs.existsSync(tmp1) && !fs.existsSync(tmp2), 'nothing left in tmp/');
  // The held row is due again at once (not in an hour) and delivered once, with its own file.
  const [m] = await expectExactlyOnce([heldRow]);
  assert.ok(m.text.length > 0, 'a whole message');
  assert.equal(sqlValue(`SELECT sent_at IS NOT NULL AND claim_token <> '${tok('b')}' FROM mail_outbox WHERE id = ${heldRow.id}`), '1');
  assert.equal((filesById().get(sentRow.id) || []).length, 1, 'the sent row has one file');
});

// ---------------------------------------------------------------------------------------------
// SMTP

/** A small SMTP server on 127.0.0.1 (no TLS): records each transaction; rcptReply() decides. */
function smtpServer({ rcptReply = () => '250 OK' } = {}) {
  const received = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let data = null;
    let tx = { from: null, rcpt: [] };
    sock.setEncoding('latin1');
    sock.write('220 localhost ESMTP test\r\n');
    sock.on('data', (chunk) => {
      buf += chunk;
      for (;;) {
        if (data !== null) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          data += buf.slice(0, end + 2);
          buf = buf.slice(end + 5);
          received.push({ ...tx, data: Buffer.from(data.replace(/^\.\./gm, '.'), 'latin1') });
          data = null;
          tx = { from: null, rcpt: [] };
          sock.write('250 OK queued\r\n');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') sock.write('250-localhost\r\n250 SIZE 10485760\r\n');
        else if (verb === 'HELO' || verb === 'NOOP') sock.write('250 OK\r\n');
        else if (verb === 'RSET') {
          tx = { from: null, rcpt: [] };
          sock.write('250 OK\r\n');
        } else if (verb === 'MAIL') {
          tx.from = (/<([^>]*)>/.exec(line) || [])[1];
          sock.write('250 OK\r\n');
        } else if (verb === 'RCPT') {
          const to = (/<([^>]*)>/.exec(line) || [])[1];
          const reply = rcptReply(to);
          if (reply.startsWith('2')) tx.rcpt.push(to);
          sock.write(`${reply}\r\n`);
        } else if (verb === 'DATA') {
          data = '';
          sock.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') {
          sock.end('221 Bye\r\n');
          return;
        } else sock.write('502 Not implemented\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port, received, close: () => new Promise((r) => server.close(r)),
  })));
}

test('smtp_starttls = require: a relay without STARTTLS gets nothing (issue 11)', async () => {
  await stopMailer('SIGTERM');
  const smtp = await smtpServer();
  try {
    const before = maxOutboxId();
    await forgot(['admin@globex.test']);
    const [row] = outboxAfter(before);
    assert.ok(row);
    const run = startMailer(['-o', 'mail_transport=smtp', '-o', `smtp_url=smtp://127.0.0.1:${smtp.port}`,
      '-o', 'smtp_starttls=require', '--once'], { pidFile: false });
    assert.deepEqual(await run.exited(), { code: 0, signal: null });
    assert.equal(smtp.received.length, 0, 'nothing handed to the relay');
    assert.equal(sqlValue(`SELECT CONCAT(sent_at IS NULL, ',', attempts, ',', last_error LIKE 'smtp:%') FROM mail_outbox WHERE id = ${row.id}`),
      '1,1,1', 'not sent, one attempt, the error kept');
  } finally {
    await smtp.close();
    sql(`UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), body_text = '', body_html = ''
      WHERE sent_at IS NULL AND to_addr = 'admin@globex.test'`);
    startMailer();
  }
});

test('mail_transport = smtp: the same messages go to an SMTP relay; a refusal is retried later', async () => {
  await stopMailer('SIGTERM');
  const refused = 'admin@initech.test';
  const smtp = await smtpServer({ rcptReply: (to) => (to === refused ? '451 4.3.0 Try again later' : '250 OK') });
  try {
    const before = maxOutboxId();
    await forgot(['user@acme.test', 'ops@demo.test', refused]);
    const rows = outboxAfter(before);
    assert.equal(rows.length, 3);
    const run = startMailer(['-o', 'mail_transport=smtp', '-o', `smtp_url=smtp://127.0.0.1:${smtp.port}`, '--once'],
      { pidFile: false });
    assert.deepEqual(await run.exited(), { code: 0, signal: null }, '--once exits 0 when nothing is due');
    assert.equal(smtp.received.length, 2, 'two messages accepted by the relay');
    for (const r of rows.filter((x) => x.to !== refused)) {
      const got = smtp.received.filter((x) => x.rcpt.length === 1 && x.rcpt[0] === r.to);
      assert.equal(got.length, 1, `one SMTP transaction to ${r.to}`);
      assert.match(got[0].from, /^[^<>\s]+@[^<>\s]+$/, 'MAIL FROM the sender address');
      assertRfc5322(got[0].data, `smtp to ${r.to}`);
      assert.ok(got[0].data.toString('latin1').includes(`\r\nTo: ${r.to}\r\n`));
    }
    const state = Object.fromEntries(sql(`SELECT to_addr, sent_at IS NOT NULL, attempts, last_error IS NOT NULL,
      next_try_at > UTC_TIMESTAMP(), LENGTH(body_text) > 0 FROM mail_outbox WHERE id > ${before}`)
      .map(([to, ...rest]) => [to, rest.join(',')]));
    assert.equal(state['user@acme.test'], '1,0,0,0,0', 'sent, bodies wiped');
    assert.equal(state['ops@demo.test'], '1,0,0,0,0', 'sent, bodies wiped');
    assert.equal(state[refused], '0,1,1,1,1', 'not sent: one attempt, the error kept, a later try, bodies kept');
    assert.equal(countDelivered(rows.map((r) => r.id)), 0, 'nothing went to the maildir');
    // issue 11: smtp_starttls = try (the default) sent them, but says loudly that the relay
    // offered no TLS, once per message.
    const warnings = fs.readFileSync(LOG, 'utf8').split('\n')
      .filter((l) => /WARNING: #\d+ to .* went to the relay WITHOUT TLS/.test(l));
    for (const r of rows.filter((x) => x.to !== refused)) {
      assert.ok(warnings.some((l) => l.includes(`#${r.id} to ${r.to} `)), `a warning for #${r.id}`);
    }
  } finally {
    await smtp.close();
    // The refused one must not turn up in a later test's mailbox: record it as given up.
    sql(`UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), body_text = '', body_html = ''
      WHERE sent_at IS NULL AND to_addr = 'admin@initech.test'`);
    startMailer();
  }
});
