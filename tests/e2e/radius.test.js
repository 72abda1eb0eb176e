'use strict';
// Wi-Fi Secure through FreeRADIUS (issue 14): the FreeRADIUS that scripts/test.sh starts
// (scripts/radius.sh, RADIUS_PORT auth, +1 accounting, secret demo-radius-secret) reads the
// accounts of the test database; radclient and radtest (freeradius-utils) ask it. Users are made
// for each test in Acme (sites London Bridge = 1, Canary Wharf = 2), removed at the end.
// NAS keys of sql/demo/002_radius.sql: 'london-bridge' and '127.0.0.1' are at London Bridge,
// 'canary-wharf' and '127.0.0.2' at Canary Wharf, 'leeds-dock' at Other Spaces' Leeds Dock.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const dgram = require('node:dgram');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const {
  Client, formByButton, forms, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote,
  DEMO_HASH, DEMO_WIFI_HEX,
} = require('./lib');

const ROOT = path.resolve(__dirname, '../..');
const PORT = Number(process.env.RADIUS_PORT);
const SECRET = 'demo-radius-secret';
const DEMO_WIFI = 'DemoWifi2026x';    // what DEMO_WIFI_HEX decrypts to under the demo key
const ACME = 1;

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const uniqueEmail = (what) => `t14-${what}-${uid()}@acme.test`;
const created = new Set();

/** A user of Acme with the demo account password and an ACTIVE Wi-Fi account whose password is
 * DEMO_WIFI, sealed as the demo data seals it and, unlike the demo data, without an NT hash
 * unless nt = true (then build/wifi-nthash is run to fill it). */
function createUser({ limit = 2, homesite = 1, nt = true } = {}) {
  const email = uniqueEmail('wifi');
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email,
        account_state, invited_portal, password_hash, last_sign_in)
       VALUES (1, ${ACME}, 'user', 'Radius', 'Tester', ${sqlQuote(email)}, 'VALIDATED', 1,
        ${sqlQuote(DEMO_HASH)}, UTC_TIMESTAMP())`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE operator_id = 1 AND email = ${sqlQuote(email)}`));
  created.add(id);
  sql(`INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
       VALUES (${id}, 'ACTIVE', ${limit}, ${homesite}, UNHEX('${DEMO_WIFI_HEX}'))`);
  if (nt) backfill();
  return { id, email };
}

/** build/wifi-nthash (the one of BIN_DIR) on the test database; its output line. */
function backfill() {
  const bin = path.resolve(ROOT, process.env.BIN_DIR || 'build-asan', 'wifi-nthash');
  return execFileSync(bin, ['-c', 'conf/portal.conf', '-o',
    `db_socket=${path.join(process.env.TEST_DIR, 'run', 'mysqld.sock')}`],
  { cwd: ROOT, encoding: 'utf8' });
}

/** The answer of radclient for attrs (an object) sent to port as `kind` (auth, acct):
 * { code: 'Access-Accept' | 'Access-Reject' | 'Accounting-Response' | null, attrs: {...} }. */
function radclient(kind, attrs, port = kind === 'acct' ? PORT + 1 : PORT) {
  const input = Object.entries(attrs).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : JSON.stringify(v)}`).join('\n');
  const r = spawnSync('radclient', ['-x', '-r', '2', '-t', '3', `127.0.0.1:${port}`, kind, SECRET],
    { input: `${input}\n`, encoding: 'utf8' });
  return parse(r.stdout);
}

function parse(out) {
  const m = /Received (\S+) Id \d+[^\n]*\n((?:\t[^\n]*\n?)*)/.exec(out || '');
  if (!m) return { code: null, attrs: {}, out };
  const attrs = {};
  for (const line of m[2].split('\n')) {
    const a = /^\t(\S+) = "?(.*?)"?$/.exec(line);
    if (a) attrs[a[1]] = a[2];
  }
  return { code: m[1], attrs, out };
}

/** PAP through radclient, the NAS named by NAS-Identifier. */
function pap(email, password, nas = 'london-bridge') {
  return radclient('auth', { 'User-Name': email, 'User-Password': password, 'NAS-Identifier': nas });
}

/** MS-CHAP through radtest -t mschap; the NAS named by its NAS-IP-Address (radtest's last argument). */
function mschap(email, password, nasIp = '127.0.0.1') {
  const r = spawnSync('radtest', ['-t', 'mschap', email, password, `127.0.0.1:${PORT}`, '0', SECRET, '0', nasIp],
    { encoding: 'utf8' });
  return parse(r.stdout);
}

/** MS-CHAPv2, as PEAP carries it: tests/radius/mschapv2 (built into BIN_DIR) computes the
 * MS-CHAP2-Response that radclient sends. */
function mschapv2(email, password, nas = 'london-bridge') {
  const bin = path.resolve(ROOT, process.env.BIN_DIR || 'build-asan', 'mschapv2');
  const req = execFileSync(bin, [email, password], { encoding: 'utf8' });
  const r = spawnSync('radclient', ['-x', '-r', '2', '-t', '3', `127.0.0.1:${PORT}`, 'auth', SECRET],
    { input: `${req}NAS-Identifier = "${nas}"\n`, encoding: 'utf8' });
  return parse(r.stdout);
}

function acct(email, status, session, mac, nas = 'london-bridge') {
  return radclient('acct', {
    'User-Name': email, 'Acct-Status-Type': status, 'Acct-Session-Id': session,
    'NAS-Identifier': nas, 'NAS-IP-Address': '127.0.0.1', 'Calling-Station-Id': mac,
  });
}

async function signedIn(email) {
  const c = new Client();
  const r = await c.signIn(email);
  assert.equal(r.status, 200, `${email} signs in`);
  c.csrf = csrfOf(r.text);
  return c;
}

function notice(html) {
  const m = /<div class="notice notice-success"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return m ? textOf(m[1]) : null;
}

/** The rows of the Connected devices table of a page: [[device, site, since], ...]. */
function devices(html) {
  const t = /<table class="table" id="connected-devices">([\s\S]*?)<\/table>/.exec(html);
  if (!t) return [];
  return [...t[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1)
    .map((row) => [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].slice(0, 3).map((c) => textOf(c[1])));
}

test.after(() => {
  if (!created.size) return;
  const list = [...created].join(',');
  sql(`DELETE FROM radacct WHERE user_id IN (${list});
       DELETE FROM wifi_accounts WHERE user_id IN (${list});
       DELETE FROM sessions WHERE user_id IN (${list});
       DELETE FROM users WHERE id IN (${list});
       UPDATE radius_nas SET coa_address = NULL, coa_secret = NULL`);
});

test('RADIUS_PORT is set: make test runs FreeRADIUS', () => {
  assert.ok(PORT > 0, 'scripts/test.sh exports RADIUS_PORT');
});

test('an ACTIVE account with the right password is accepted (PAP, MS-CHAP, MS-CHAPv2); wrong passwords, unknown users and unknown NASes are rejected', () => {
  const u = createUser();
  let r = pap(u.email, DEMO_WIFI);
  assert.equal(r.code, 'Access-Accept', r.out);
  assert.equal(r.attrs['Filter-Id'], 'homesite', 'London Bridge is the homesite');
  r = pap(u.email.toUpperCase(), DEMO_WIFI);
  assert.equal(r.code, 'Access-Accept', 'the address in any case');
  r = mschap(u.email, DEMO_WIFI);
  assert.equal(r.code, 'Access-Accept', r.out);
  assert.ok(r.attrs['MS-CHAP-MPPE-Keys'], 'MS-CHAP keys derived from the NT hash');
  r = mschapv2(u.email, DEMO_WIFI);
  assert.equal(r.code, 'Access-Accept', r.out);
  assert.match(r.attrs['MS-CHAP2-Success'] || '', /^0x01533d/, 'MS-CHAP2-Success: "S=" authenticator response');
  assert.equal(r.attrs['Filter-Id'], 'homesite');

  for (const [what, res] of [
    ['a wrong password (PAP)', pap(u.email, 'Wrong2026x')],
    ['a wrong password (MS-CHAP)', mschap(u.email, 'Wrong2026x')],
    ['a wrong password (MS-CHAPv2)', mschapv2(u.email, 'Wrong2026x')],
    ['an empty password', pap(u.email, '')],
    ['an address nobody has', pap(`nobody-${uid()}@acme.test`, DEMO_WIFI)],
    ['a NAS not in radius_nas', pap(u.email, DEMO_WIFI, 'nowhere')],
    ['a NAS of another operator (Leeds Dock)', pap(u.email, DEMO_WIFI, 'leeds-dock')],
    ['SQL in the user name', pap(`${u.email}' OR '1'='1`, DEMO_WIFI)],
  ]) {
    assert.equal(res.code, 'Access-Reject', `${what}: ${res.out}`);
    assert.equal(res.attrs['Filter-Id'], undefined, `${what}: a reject says nothing of the account`);
  }
});

test('an account stored before the NT hash existed is rejected until build/wifi-nthash fills it; a row it cannot decrypt is left alone', () => {
  const u = createUser({ nt: false });
  const bad = createUser({ nt: false });
  sql(`UPDATE wifi_accounts SET password_enc = UNHEX(REPEAT('AB', 53)) WHERE user_id = ${bad.id}`);
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Reject', 'no NT hash yet: no password for FreeRADIUS');
  const out = backfill();
  assert.match(out, /wifi-nthash: [1-9]\d* NT hash\(es\) filled, [1-9]\d* account\(s\) left without one/);
  assert.equal(sqlValue(`SELECT HEX(nt_hash) FROM wifi_accounts WHERE user_id = ${u.id}`),
    '1B87902C53AE7A804BCA4E35381E895D', 'MD4 of the UTF-16LE password');
  assert.equal(sqlValue(`SELECT nt_hash IS NULL FROM wifi_accounts WHERE user_id = ${bad.id}`), '1');
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Accept');
  assert.equal(pap(bad.email, DEMO_WIFI).code, 'Access-Reject');
  assert.match(backfill(), /: 0 NT hash\(es\) filled/, 'a second run has nothing to do');
});

test('a DEACTIVATED account and a deleted user are rejected at the next request, a reactivated one accepted again (no restart)', async () => {
  const u = createUser();
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Accept');
  sql(`UPDATE wifi_accounts SET state = 'DEACTIVATED' WHERE user_id = ${u.id}`);
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Reject', 'DEACTIVATED');
  assert.equal(mschap(u.email, DEMO_WIFI).code, 'Access-Reject', 'DEACTIVATED (MS-CHAP)');
  assert.equal(mschapv2(u.email, DEMO_WIFI).code, 'Access-Reject', 'DEACTIVATED (MS-CHAPv2)');
  sql(`UPDATE wifi_accounts SET state = 'ACTIVE' WHERE user_id = ${u.id}`);
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Accept', 'ACTIVE again');

  // deleted through the portal's "Delete user"
  const admin = await signedIn('admin@acme.test');
  const page = await admin.get(`/users/${u.id}`);
  const r = await admin.submit(formByButton(page.text, 'Delete user'), { confirmed: '1' });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE id = ${u.id}`), '0', 'deleted');
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Reject', 'deleted user');
});

test('with a device limit of 2, two open sessions (accounting Start) refuse a third authentication; a Stop frees a place', () => {
  const u = createUser({ limit: 2 });
  assert.equal(acct(u.email, 'Start', `s1-${uid()}`, 'AA-BB-CC-00-00-01').code, 'Accounting-Response');
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Accept', 'one session open: a second device may join');
  const s2 = `s2-${uid()}`;
  assert.equal(acct(u.email, 'Start', s2, 'AA-BB-CC-00-00-02', 'canary-wharf').code, 'Accounting-Response');
  assert.deepEqual(sql(`SELECT callingstationid, site_id, nas_key FROM radacct WHERE user_id = ${u.id}
    AND acctstoptime IS NULL ORDER BY radacctid`),
  [['AA-BB-CC-00-00-01', '1', 'london-bridge'], ['AA-BB-CC-00-00-02', '2', 'canary-wharf']],
  'FreeRADIUS wrote both sessions with their user and site');
  let r = pap(u.email, DEMO_WIFI);
  assert.equal(r.code, 'Access-Reject', `the limit is reached: ${r.out}`);
  assert.equal(mschap(u.email, DEMO_WIFI).code, 'Access-Reject', 'also with MS-CHAP');
  assert.equal(acct(u.email, 'Stop', s2, 'AA-BB-CC-00-00-02', 'canary-wharf').code, 'Accounting-Response');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM radacct WHERE user_id = ${u.id} AND acctstoptime IS NULL`), '1');
  r = pap(u.email, DEMO_WIFI);
  assert.equal(r.code, 'Access-Accept', 'one session again');
  // a limit lowered in the portal's data counts at once
  sql(`UPDATE wifi_accounts SET device_limit = 1 WHERE user_id = ${u.id}`);
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Reject', 'limit 1, one open session');
  // an Interim-Update whose Start was lost opens the session; Accounting-On (the NAS
  // restarted) ends every open session of that NAS, not those of others
  const s3 = `s3-${uid()}`;
  assert.equal(radclient('acct', {
    'User-Name': u.email, 'Acct-Status-Type': 'Interim-Update', 'Acct-Session-Id': s3, 'Acct-Session-Time': 60,
    'NAS-Identifier': 'canary-wharf', 'Calling-Station-Id': 'AA-BB-CC-00-00-03',
  }).code, 'Accounting-Response');
  assert.equal(sqlValue(`SELECT site_id FROM radacct WHERE acctsessionid = '${s3}' AND acctstoptime IS NULL`), '2');
  assert.equal(radclient('acct', { 'Acct-Status-Type': 'Accounting-On', 'NAS-Identifier': 'london-bridge',
    'Acct-Session-Id': `on-${uid()}` }).code, 'Accounting-Response');
  assert.deepEqual(sql(`SELECT nas_key, acctterminatecause FROM radacct WHERE user_id = ${u.id}
    AND acctstoptime IS NULL`), [['canary-wharf', '']], 'London Bridge sessions ended, Canary Wharf kept');
  sql(`UPDATE wifi_accounts SET device_limit = 2 WHERE user_id = ${u.id}`);
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Accept', 'one open session of two');
});

test('a homesite change and a password reset made in the portal count at the next authentication', async () => {
  const u = createUser({ homesite: 1 });
  assert.equal(pap(u.email, DEMO_WIFI, 'london-bridge').attrs['Filter-Id'], 'homesite');
  assert.equal(pap(u.email, DEMO_WIFI, 'canary-wharf').attrs['Filter-Id'], 'guest');

  const admin = await signedIn('admin@acme.test');
  const box = mailbox().mark();
  // homesite to Canary Wharf through the edit form: a new password is emailed (WIFI-2)
  let page = await admin.get(`/users/${u.id}/edit`);
  let r = await admin.submit(formByButton(page.text, 'Save changes'), { 'Wi-Fi homesite': '2' });
  assert.equal(r.status, 200);
  assert.equal(notice(r.text), 'Changes saved.');
  let m = await box.waitFor((x) => x.to.includes(u.email) && /Wi-Fi/.test(x.subject));
  const pw1 = /Password: (\S+)/.exec(m.text)[1];
  r = pap(u.email, pw1, 'london-bridge');
  assert.equal(r.code, 'Access-Accept', r.out);
  assert.equal(r.attrs['Filter-Id'], 'guest', 'London Bridge is no longer the homesite');
  r = pap(u.email, pw1, 'canary-wharf');
  assert.equal(r.attrs['Filter-Id'], 'homesite', 'Canary Wharf is');
  assert.equal(mschap(u.email, pw1, '127.0.0.2').attrs['Filter-Id'], 'homesite', 'by NAS-IP-Address too');
  assert.equal(pap(u.email, DEMO_WIFI).code, 'Access-Reject', 'the old password is gone');

  // "Reset password" on the details page
  box.mark();
  page = await admin.get(`/users/${u.id}`);
  r = await admin.submit(formByButton(page.text, 'Reset password'));
  assert.equal(r.status, 200);
  m = await box.waitFor((x) => x.to.includes(u.email) && /Wi-Fi/.test(x.subject));
  const pw2 = /Password: (\S+)/.exec(m.text)[1];
  assert.notEqual(pw2, pw1);
  assert.equal(pap(u.email, pw2, 'canary-wharf').code, 'Access-Accept', 'the reset password');
  assert.equal(mschap(u.email, pw2, '127.0.0.2').code, 'Access-Accept', 'the reset password (MS-CHAP)');
  assert.equal(mschapv2(u.email, pw2, 'canary-wharf').code, 'Access-Accept', 'the reset password (MS-CHAPv2)');
  assert.equal(mschapv2(u.email, pw1, 'canary-wharf').code, 'Access-Reject', 'not the previous one (MS-CHAPv2)');
  assert.equal(pap(u.email, pw1, 'canary-wharf').code, 'Access-Reject', 'the previous one');

  // the user's own "Set password" on My profile (PROF-2)
  const me = await signedIn(u.email);
  page = await me.get('/profile/wifi-password');
  r = await me.submit(formByButton(page.text, 'Set password'),
    { 'New Wi-Fi password': 'Gr\u00fcn3Harbour', 'Confirm new Wi-Fi password': 'Gr\u00fcn3Harbour' });
  assert.equal(r.status, 200);
  assert.equal(pap(u.email, 'Gr\u00fcn3Harbour', 'canary-wharf').code, 'Access-Accept', 'a non-ASCII password');
  assert.equal(mschapv2(u.email, 'Gr\u00fcn3Harbour', 'canary-wharf').code, 'Access-Accept', 'non-ASCII, MS-CHAPv2');
  assert.equal(pap(u.email, pw2, 'canary-wharf').code, 'Access-Reject');
});

/** A NAS that takes RFC 5176 Disconnect-Requests on a UDP port of its own: checks each request's
 * authenticator with secret, records it, and answers ACK (or NAK when nak is set). */
function fakeNas(secret) {
  const sock = dgram.createSocket('udp4');
  const nas = { sock, got: [], nak: false, port: 0 };
  sock.on('message', (msg, rinfo) => {
    const len = msg.readUInt16BE(2);
    const attrs = {};
    for (let i = 20; i + 2 <= len;) {
      const t = msg[i];
      const l = msg[i + 1];
      if (l < 2) break;
      attrs[t] = msg.subarray(i + 2, i + l);
      i += l;
    }
    const check = Buffer.concat([msg.subarray(0, 4), Buffer.alloc(16), msg.subarray(20, len), Buffer.from(secret)]);
    const valid = crypto.createHash('md5').update(check).digest().equals(msg.subarray(4, 20));
    nas.got.push({ code: msg[0], valid, user: attrs[1] && attrs[1].toString(), session: attrs[44] && attrs[44].toString(),
      calling: attrs[31] && attrs[31].toString() });
    const ans = Buffer.alloc(20);
    ans[0] = nas.nak ? 42 : 41;
    ans[1] = msg[1];
    ans.writeUInt16BE(20, 2);
    const auth = crypto.createHash('md5').update(Buffer.concat([ans.subarray(0, 4), msg.subarray(4, 20), Buffer.from(secret)])).digest();
    auth.copy(ans, 4);
    sock.send(ans, rinfo.port, rinfo.address);
  });
  return new Promise((resolve) => sock.bind(0, '127.0.0.1', () => {
    nas.port = sock.address().port;
    resolve(nas);
  }));
}

test('Connected devices on the details page (portal and platform) and My profile; an admin disconnects one (Disconnect-Request to the NAS)', async () => {
  const u = createUser({ limit: 3 });
  const s1 = `d1-${uid()}`;
  const s2 = `d2-${uid()}`;
  acct(u.email, 'Start', s1, 'AA-BB-CC-00-10-01', 'london-bridge');
  acct(u.email, 'Start', s2, 'AA-BB-CC-00-10-02', 'canary-wharf');
  const admin = await signedIn('admin@acme.test');
  let page = await admin.get(`/users/${u.id}`);
  assert.equal(page.status, 200);
  assert.ok(textOf(page.text).includes('Connected devices'));
  let rows = devices(page.text);
  assert.deepEqual(rows.map((x) => x.slice(0, 2)),
    [['AA-BB-CC-00-10-01', 'London Bridge'], ['AA-BB-CC-00-10-02', 'Canary Wharf']]);
  assert.match(rows[0][2], /^\d{4}-\d\d-\d\d \d\d:\d\d$/, 'since when');
  assert.match(page.text, /aria-label="Disconnect AA-BB-CC-00-10-01"/, 'each button names its device');

  const me = await signedIn(u.email);
  const prof = await me.get('/profile');
  assert.deepEqual(devices(prof.text).map((x) => x[0]), ['AA-BB-CC-00-10-01', 'AA-BB-CC-00-10-02'], 'My profile lists them');
  assert.equal(formByButton(prof.text, 'Disconnect'), null, 'the user cannot disconnect from My profile');
  assert.equal((await me.post(`/users/${u.id}/devices/disconnect`, { csrf: me.csrf, session: '1' }, { follow: false })).status, 403,
    'nor post to the admin route');

  // a shared device with that MAC is shown by its name (WIFI-5)
  sql(`INSERT INTO wifi_devices (operator_id, occupier_id, site_id, name, type, mac)
       VALUES (1, ${ACME}, 1, 'Meeting room TV ${uid()}', 'AV', 'aa:bb:cc:00:10:02')`);
  rows = devices((await admin.get(`/users/${u.id}`)).text);
  assert.match(rows[1][0], /^Meeting room TV \S+ AA-BB-CC-00-10-02$/);
  sql("DELETE FROM wifi_devices WHERE mac = 'aa:bb:cc:00:10:02'");

  // without CSRF: refused, nothing ended
  const id1 = sqlValue(`SELECT radacctid FROM radacct WHERE acctsessionid = '${s1}'`);
  let r = await admin.post(`/users/${u.id}/devices/disconnect`, { session: id1 }, { follow: false });
  assert.equal(r.status, 403);
  assert.equal(sqlValue(`SELECT acctstoptime IS NULL FROM radacct WHERE radacctid = ${id1}`), '1');
  for (const bad of ['', 'abc', '0', '-1', '99999999999']) {
    r = await admin.post(`/users/${u.id}/devices/disconnect`, { csrf: admin.csrf, session: bad }, { follow: false });
    assert.ok([400, 404].includes(r.status), `session "${bad}": ${r.status}`);
  }

  // the London Bridge NAS takes Disconnect-Requests
  const nas = await fakeNas('nas-secret-1');
  try {
    sql(`UPDATE radius_nas SET coa_address = '127.0.0.1', coa_port = ${nas.port}, coa_secret = 'nas-secret-1'
         WHERE nas_key = 'london-bridge'`);
    page = await admin.get(`/users/${u.id}`);
    const f = forms(page.text).find((x) => x.inputs.some((i) => i.name === 'session' && i.value === id1));
    assert.ok(f, 'a Disconnect form for the session');
    assert.equal(f.buttons[0].text, 'Disconnect');
    r = await admin.submit(f);
    assert.equal(r.status, 200);
    assert.equal(notice(r.text), 'The device has been disconnected.');
    assert.equal(nas.got.length, 1, 'one Disconnect-Request');
    assert.deepEqual(nas.got[0], { code: 40, valid: true, user: u.email, session: s1, calling: 'AA-BB-CC-00-10-01' });
    assert.deepEqual(sql(`SELECT acctstoptime IS NOT NULL, acctterminatecause FROM radacct WHERE radacctid = ${id1}`),
      [['1', 'Admin-Reset']]);
    assert.deepEqual(devices(r.text).map((x) => x[0]), ['AA-BB-CC-00-10-02'], 'no longer listed');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.id} AND action = 'wifi.disconnect'
      AND old_value = 'AA-BB-CC-00-10-01'`), '1', 'audited');
    // the same session again: it is over
    r = await admin.post(`/users/${u.id}/devices/disconnect`, { csrf: admin.csrf, session: id1 }, { follow: false });
    assert.equal(r.status, 404);

    // the operator, from the platform; a NAS that has no Disconnect support (Canary Wharf)
    const ops = await signedIn('ops@demo.test');
    const base = `/platform/occupiers/${ACME}/users/${u.id}`;
    page = await ops.get(base);
    assert.deepEqual(devices(page.text).map((x) => x.slice(0, 2)), [['AA-BB-CC-00-10-02', 'Canary Wharf']]);
    r = await ops.submit(formByButton(page.text, 'Disconnect'));
    assert.equal(r.status, 200);
    assert.match(notice(r.text), /marked as ended; the access point was not told/);
    assert.equal(nas.got.length, 1, 'nothing sent to a NAS without coa_address');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM radacct WHERE user_id = ${u.id} AND acctstoptime IS NULL`), '0');
    assert.ok(textOf(r.text).includes('No device is connected to Wi-Fi Secure.'));

    // a NAK: the session is ended in the database all the same, and the notice says so
    nas.nak = true;
    const s3 = `d3-${uid()}`;
    acct(u.email, 'Start', s3, 'AA-BB-CC-00-10-03', 'london-bridge');
    page = await admin.get(`/users/${u.id}`);
    r = await admin.submit(formByButton(page.text, 'Disconnect'));
    assert.match(notice(r.text), /marked as ended/);
    assert.equal(nas.got.length, 2);
    assert.equal(sqlValue(`SELECT acctterminatecause FROM radacct WHERE acctsessionid = '${s3}'`), 'Admin-Reset');
  } finally {
    nas.sock.close();
    sql("UPDATE radius_nas SET coa_address = NULL, coa_secret = NULL WHERE nas_key = 'london-bridge'");
  }
  // French
  sql(`UPDATE users SET language = 'fr' WHERE id = ${u.id}`);
  acct(u.email, 'Start', `d4-${uid()}`, 'AA-BB-CC-00-10-04', 'london-bridge');
  const fr = await signedIn(u.email);
  assert.ok(textOf((await fr.get('/profile')).text).includes('Appareils connectés'));
});

test('tenancy: an admin of another occupier or operator can neither see nor disconnect the devices', async () => {
  const u = createUser({ limit: 3 });
  const s = `t-${uid()}`;
  acct(u.email, 'Start', s, 'AA-BB-CC-00-20-01');
  const id = sqlValue(`SELECT radacctid FROM radacct WHERE acctsessionid = '${s}'`);
  for (const [who, paths] of [
    ['admin@globex.test', [`/users/${u.id}`]],
    ['admin@initech.test', [`/users/${u.id}`]],
    ['ops@other.test', [`/platform/occupiers/${ACME}/users/${u.id}`, `/platform/occupiers/4/users/${u.id}`]],
    ['ops@demo.test', [`/platform/occupiers/2/users/${u.id}`]],
  ]) {
    const c = await signedIn(who);
    for (const p of paths) {
      const view = await c.get(p, { follow: false });
      assert.equal(view.status, 404, `${who} GET ${p}`);
      assert.ok(!view.text.includes('AA-BB-CC-00-20-01'));
      const r = await c.post(`${p}/devices/disconnect`, { csrf: c.csrf, session: id }, { follow: false });
      assert.equal(r.status, 404, `${who} POST ${p}/devices/disconnect`);
      assert.equal(sqlValue(`SELECT acctstoptime IS NULL FROM radacct WHERE radacctid = ${id}`), '1', 'still open');
    }
  }
  // a session id of another user, posted on the page of a user the admin may manage
  const other = createUser();
  const admin = await signedIn('admin@acme.test');
  const r = await admin.post(`/users/${other.id}/devices/disconnect`, { csrf: admin.csrf, session: id }, { follow: false });
  assert.equal(r.status, 404);
  assert.equal(sqlValue(`SELECT acctstoptime IS NULL FROM radacct WHERE radacctid = ${id}`), '1', 'still open');
});
