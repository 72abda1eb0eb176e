'use strict';
// Issue 16 item 2: two-factor sign-in (TOTP, RFC 6238). Codes are computed here from the shared
// secret shown on the set-up page (node's HMAC-SHA1), never read from the server: set-up with a
// wrong and a right first code, sign-in's second step (one step of drift either way, no more; a
// code never twice; recovery codes once each), its own throttling, turning it off, the
// operator's requirement (set-up at the next sign-in) and an admin's reset, audited.
const test = require('node:test');
const assert = require('node:assert/strict');
const { b32decode, totp, stepNow, midStep } = require('./totp');
const { Client, forms, formByButton, field, textOf, sql, sqlValue, sqlQuote } = require('./lib');
const { runLikeScheduler } = require('./scheduler_lib');



/** The secret of a set-up panel, from its text. */
function secretOf(html) {
  const m = /<code class="twofa-secret">([A-Z2-7 ]+)<\/code>/.exec(html);
  assert.ok(m, 'the secret is shown as text');
  return b32decode(m[1]);
}

const codeForm = (html) => forms(html).find((f) => field(f, 'code'));

/** A demo user of occupier `occ` who can sign in, no other test's. */
function pickUser(occ, role = 'user') {
  const email = sqlValue(`SELECT u.email FROM users u JOIN occupiers o ON o.id = u.occupier_id
    WHERE o.name = ${sqlQuote(occ)} AND u.role = ${sqlQuote(role)} AND u.password_hash IS NOT NULL
    AND u.account_state = 'VALIDATED' AND u.language = 'en' AND u.email NOT LIKE 'user@%'
    AND u.email NOT LIKE 'admin@%'
    ORDER BY u.id LIMIT 1 OFFSET 3`);
  assert.ok(email, `a signed-up ${role} of ${occ}`);
  return email;
}

const userId = (email) => sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`);
const clearThrottle = (id) => sql(`DELETE FROM signin_failures WHERE throttle_key = '2fa:${id}'`);

/** Password step: lands on the code page, no session yet. */
async function passwordStep(c, email) {
  const r = await c.signIn(email);
  assert.equal(r.status, 200);
  assert.match(r.url, /\/signin\/code$/, 'the second step follows the password');
  return r;
}

async function sendCode(c, page, code) {
  return c.submit(codeForm(page.text), { code });
}

test('2FA: set-up (QR code and secret, first code checked), then sign-in asks for the code: drift of one step, no replay, recovery codes once', async () => {
  const email = pickUser('Acme Ltd');
  const id = userId(email);
  const lastAudit = Number(sqlValue('SELECT IFNULL(MAX(id), 0) FROM audit_log'));
  sql(`UPDATE users SET totp_secret_enc = NULL, totp_last_step = 0 WHERE id = ${id}`); // off to begin with
  const c = new Client();
  assert.equal((await c.signIn(email)).url.endsWith('/profile'), true);
  let r = await c.get('/profile');
  assert.match(textOf(r.text), /Two-factor sign-in\s+Manage\s+Status\s+Off/);
  r = await c.get('/profile/two-factor');
  assert.equal(r.status, 200);
  assert.match(r.text, /<svg class="qr"[^>]*viewBox="0 0 (\d+) \1"[\s\S]*<path fill="#000" d="M\d+ \d+h\d+v1h-\d+z/, 'an inline SVG QR code');
  assert.doesNotMatch(r.text, /https?:\/\/(?!127\.0\.0\.1)[^"]*qr/i, 'no outside QR service');
  assert.match(r.text, /<label for="code">6-digit code<\/label>/);
  const secret = secretOf(r.text);
  assert.equal(secret.length, 20);

  // a wrong first code: refused by the field, nothing stored
  let bad = await sendCode(c, r, totp(secret, stepNow() + 5));
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="code-error">This code is not correct/);
  assert.equal(sqlValue(`SELECT totp_secret_enc IS NULL FROM users WHERE id = ${id}`), '1');
  // a forged set-up field is refused
  const forged = await c.post('/profile/two-factor', { csrf: /name="csrf" value="([0-9a-f]+)"/.exec(r.text)[1], setup: 'ab'.repeat(60), code: '123456' });
  assert.equal(forged.status, 400);

  await midStep();
  const s0 = stepNow();
  r = await sendCode(c, bad, totp(secret, s0));
  assert.equal(r.status, 200);
  const codes = [...r.text.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10, 'ten recovery codes shown once');
  assert.equal(new Set(codes).size, 10);
  const stored = sql(`SELECT code_hash FROM twofa_recovery WHERE user_id = ${id}`).map((x) => x[0]);
  assert.equal(stored.length, 10, 'stored hashed');
  for (const h of stored) assert.match(h, /^\$argon2id\$/);
  for (const code of codes) assert.ok(!stored.some((h) => h.includes(code) || h.includes(code.replace('-', ''))));
  const enc = sqlValue(`SELECT HEX(totp_secret_enc) FROM users WHERE id = ${id}`);
  assert.ok(enc && !enc.includes(secret.toString('hex').toUpperCase()), 'the secret is stored encrypted');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${id} AND action = 'user.twofa_on' AND id > ${lastAudit}`), '1');
  // build/rekey (key rotation) knows the sealed secrets: it opens every one of them
  const rk = await runLikeScheduler('rekey', ['--check']);
  assert.match(rk.out, /rekey: two-factor secrets to re-seal 0, current [1-9]\d*, unreadable 0/);
  r = await c.get('/profile/two-factor');
  assert.match(textOf(r.text), /Unused recovery codes: 10/);
  await c.post('/signout', { csrf: /name="csrf" value="([0-9a-f]+)"/.exec(r.text)[1] });

  // the password alone is not a session: a half-signed-in record and a short-lived cookie
  const sessions = () => Number(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${id}`));
  const before = sessions();
  const c2 = new Client();
  let page = await passwordStep(c2, email);
  assert.ok(c2.setCookies.some((h) => /^tfa=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=300/.test(h)));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM twofa_pending WHERE user_id = ${id}`), '1');
  assert.equal(sessions(), before, 'no session made by the password alone');
  assert.match((await c2.get('/profile')).url, /\/signin\?next=/, 'no access before the code');
  page = await c2.get('/signin/code');
  assert.match(page.text, /<label for="code">Code from your authenticator app, or a recovery code<\/label>/);

  // the code that turned it on was used: refused (replay)
  r = await sendCode(c2, page, totp(secret, s0));
  assert.equal(r.status, 400);
  assert.match(r.text, /This code has already been used/);
  r = await sendCode(c2, r, '12345');
  assert.equal(r.status, 400);
  assert.match(r.text, /This code is not correct/);
  clearThrottle(id);
  // two steps ahead or behind: refused
  await midStep();
  r = await sendCode(c2, r, totp(secret, stepNow() + 2));
  assert.match(r.text, /This code is not correct/);
  clearThrottle(id);
  // the next step (clock drift of one step): accepted, signed in
  await midStep();
  const s1 = stepNow() + 1;
  r = await sendCode(c2, r, totp(secret, s1));
  assert.equal(r.status, 200);
  assert.match(r.url, /\/profile$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM twofa_pending WHERE user_id = ${id}`), '0');

  // the same code again at the next sign-in: refused; an earlier one too
  const c3 = new Client();
  page = await passwordStep(c3, email);
  r = await sendCode(c3, page, totp(secret, s1));
  assert.match(r.text, /This code has already been used/);
  clearThrottle(id);
  // a recovery code works once, typed in any case with spaces
  r = await sendCode(c3, r, codes[0].toUpperCase().replace('-', ' '));
  assert.match(r.url, /\/profile$/);
  const c4 = new Client();
  page = await passwordStep(c4, email);
  r = await sendCode(c4, page, codes[0]);
  assert.equal(r.status, 400, 'a used recovery code is refused');
  clearThrottle(id);

  // the previous step (drift backwards) once the last accepted step is older
  sql(`UPDATE users SET totp_last_step = ${stepNow() - 3} WHERE id = ${id}`);
  await midStep();
  r = await sendCode(c4, r, totp(secret, stepNow() - 1));
  assert.equal(r.status, 200);
  assert.match(r.url, /\/profile$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${id} AND action = 'user.twofa_on' AND id > ${lastAudit}`), '1');
});

test('2FA: the second step has its own throttling, and a record ends after 5 wrong codes', async () => {
  const email = pickUser('Acme Ltd');
  const id = userId(email);
  assert.equal(sqlValue(`SELECT totp_secret_enc IS NOT NULL FROM users WHERE id = ${id}`), '1', 'set up by the test before');
  clearThrottle(id);
  const c = new Client();
  let r = await passwordStep(c, email);
  const statuses = [];
  for (let i = 0; i < 6; i++) {
    const f = codeForm(r.text);
    if (!f) break;
    r = await c.submit(f, { code: '000000' });
    statuses.push(r.status);
  }
  assert.ok(statuses.includes(429), `throttled (${statuses})`);
  assert.match(textOf(r.text), /Too many failed sign-in attempts|took too long/);
  assert.equal(sqlValue(`SELECT failures >= 3 FROM signin_failures WHERE throttle_key = '2fa:${id}'`), '1');
  // the password counters are separate: the password still leads to the second step
  clearThrottle(id);
  sql(`UPDATE twofa_pending SET failures = 5 WHERE user_id = ${id}`);
  r = await c.get('/signin/code');
  assert.match(r.url, /\/signin\?n=twofa_expired$/, 'a record with 5 wrong codes is over');
  assert.match(textOf(r.text), /The sign-in took too long/);
  sql(`UPDATE twofa_pending SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = ${id}`);
  r = await passwordStep(new Client(), email);
  assert.equal(r.status, 200);
});

test('2FA: an occupier admin resets a user of its occupier (lost device), audited; not another occupier\'s', async () => {
  const email = pickUser('Acme Ltd');
  const id = userId(email);
  const globex = new Client();
  await globex.signIn('admin@globex.test');
  let r = await globex.get(`/users/${id}`);
  assert.equal(r.status, 404, 'another occupier\'s user is not found');
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  r = await admin.get(`/users/${id}`);
  assert.match(textOf(r.text), /Two-factor sign-in\s+On/);
  const f = formByButton(r.text, 'Reset two-factor sign-in');
  assert.ok(f);
  r = await admin.submit(f);
  assert.match(r.url, new RegExp(`/users/${id}\\?n=twofa_reset$`));
  assert.match(textOf(r.text), /Two-factor sign-in was reset/);
  assert.equal(sqlValue(`SELECT totp_secret_enc IS NULL FROM users WHERE id = ${id}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM twofa_recovery WHERE user_id = ${id}`), '0');
  assert.equal(sqlValue(`SELECT actor_label FROM audit_log WHERE subject_user_id = ${id} AND action = 'user.twofa_reset'`), 'admin@acme.test');
  // the password alone signs in again
  r = await new Client().signIn(email);
  assert.match(r.url, /\/profile$/);
});

test('2FA: an operator requires it for occupier admins: set up at the next sign-in, cannot be turned off; the operator resets it', async (t) => {
  const ops = new Client();
  await ops.signIn('ops@demo.test');
  const setRequired = async (on) => {
    const page = await ops.get('/platform/account/settings');
    const f = formByButton(page.text, 'Save changes');
    assert.ok(field(f, 'Require two-factor sign-in for the team and for occupier admins'));
    const r = await ops.submit(f, { twofa_required: on ? '1' : null });
    assert.equal(r.status, 200);
    return r;
  };
  const adminId = userId('admin@globex.test');
  t.after(() => {
    sql(`UPDATE operators SET twofa_required = 0 WHERE name = 'Demo Workspaces'`);
    sql(`UPDATE users SET totp_secret_enc = NULL, totp_last_step = 0 WHERE id = ${adminId}`);
    sql(`DELETE FROM twofa_recovery WHERE user_id = ${adminId}`);
  });
  await setRequired(true);
  assert.equal(sqlValue(`SELECT twofa_required FROM operators WHERE name = 'Demo Workspaces'`), '1');
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'operator.update' AND field = 'twofa_required'`)) >= 1);
  // an occupier user of role user is not concerned
  const plain = await new Client().signIn(pickUser('Globex'));
  assert.doesNotMatch(plain.url, /signin\/code/);

  const before = Number(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${adminId}`));
  const c = new Client();
  let r = await passwordStep(c, 'admin@globex.test');
  assert.match(textOf(r.text), /Your operator requires two-factor sign-in/);
  const secret = secretOf(r.text);
  r = await sendCode(c, r, '99999x');
  assert.equal(r.status, 400);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${adminId}`)), before, 'no session yet');
  clearThrottle(adminId);
  await midStep();
  r = await sendCode(c, r, totp(secret, stepNow()));
  assert.equal(r.status, 200);
  assert.equal([...r.text.matchAll(/<li><code>/g)].length, 10);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${adminId}`)), before + 1);
  r = await c.get('/profile/two-factor');
  assert.match(textOf(r.text), /Your operator requires two-factor sign-in for your account/);
  assert.equal(formByButton(r.text, 'Turn off two-factor sign-in'), null, 'no way to turn it off');
  assert.equal(sqlValue(`SELECT actor_label FROM audit_log WHERE subject_user_id = ${adminId} AND action = 'user.twofa_on'`), 'admin@globex.test');

  // the operator resets it from the platform's user page
  const occ = sqlValue(`SELECT occupier_id FROM users WHERE id = ${adminId}`);
  r = await ops.get(`/platform/occupiers/${occ}/users/${adminId}`);
  r = await ops.submit(formByButton(r.text, 'Reset two-factor sign-in'));
  assert.match(textOf(r.text), /Two-factor sign-in was reset/);
  assert.equal(sqlValue(`SELECT actor_label FROM audit_log WHERE subject_user_id = ${adminId} AND action = 'user.twofa_reset'`), 'ops@demo.test');
  // required still: the next sign-in sets it up again
  r = await passwordStep(new Client(), 'admin@globex.test');
  assert.match(textOf(r.text), /Your operator requires two-factor sign-in/);
  await setRequired(false);
});

test('2FA: a team member turns it on from the platform, and turns it off with a current code', async (t) => {
  const email = 'ops@other.test';
  const id = userId(email);
  t.after(() => sql(`UPDATE users SET totp_secret_enc = NULL WHERE id = ${id}`));
  const c = new Client();
  await c.signIn(email);
  let r = await c.get('/platform/two-factor');
  assert.equal(r.status, 200);
  assert.match(r.text, /<a href="\/platform\/two-factor"[^>]*>Two-factor sign-in<\/a>/, 'in the navigation');
  const secret = secretOf(r.text);
  await midStep();
  const s = stepNow();
  r = await sendCode(c, r, totp(secret, s));
  assert.equal(r.status, 200);
  r = await c.get('/platform/two-factor');
  const off = formByButton(r.text, 'Turn off two-factor sign-in');
  r = await c.submit(off, { code: totp(secret, s) });
  assert.equal(r.status, 400, 'the code already used does not turn it off');
  clearThrottle(id);
  await midStep();
  r = await c.submit(formByButton(r.text, 'Turn off two-factor sign-in'), { code: totp(secret, stepNow() + 1) });
  assert.match(textOf(r.text), /Two-factor sign-in is off/);
  assert.equal(sqlValue(`SELECT totp_secret_enc IS NULL FROM users WHERE id = ${id}`), '1');
  // other operators' users are out of reach of this operator's reset route
  const acme = sqlValue(`SELECT u.id FROM users u WHERE u.email = 'user@acme.test'`);
  const occ = sqlValue(`SELECT occupier_id FROM users WHERE id = ${acme}`);
  r = await c.get(`/platform/occupiers/${occ}/users/${acme}`);
  assert.equal(r.status, 404);
});

test('2FA: the super admin resets a team member\'s (lost device) from the team page, audited; not another super admin\'s', async (t) => {
  const member = sqlValue(`SELECT email FROM users WHERE operator_id = 1 AND occupier_id IS NULL
    AND role = 'admin' AND password_hash IS NOT NULL ORDER BY id LIMIT 1`);
  assert.ok(member, 'a team member of role admin');
  const id = userId(member);
  t.after(() => sql(`UPDATE users SET totp_secret_enc = NULL WHERE id = ${id}`));
  const c = new Client();
  await c.signIn(member);
  let r = await c.get('/platform/two-factor');
  const secret = secretOf(r.text);
  await midStep();
  r = await sendCode(c, r, totp(secret, stepNow()));
  assert.equal(r.status, 200);
  const ops = new Client();
  await ops.signIn('ops@demo.test');
  r = await ops.get('/platform/account');
  const forms_ = forms(r.text).filter((f) => /two-factor-reset$/.test(f.action));
  assert.deepEqual(forms_.map((f) => f.action), [`/platform/account/members/${id}/two-factor-reset`], 'a button for the member with it on, only');
  r = await ops.submit(forms_[0]);
  assert.match(textOf(r.text), /Two-factor sign-in was reset/);
  assert.equal(sqlValue(`SELECT totp_secret_enc IS NULL FROM users WHERE id = ${id}`), '1');
  assert.equal(sqlValue(`SELECT actor_label FROM audit_log WHERE subject_user_id = ${id} AND action = 'user.twofa_reset' ORDER BY id DESC LIMIT 1`), 'ops@demo.test');
  // a super admin (itself here) and another operator's member are refused
  const self = userId('ops@demo.test');
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(r.text)[1];
  assert.equal((await ops.post(`/platform/account/members/${self}/two-factor-reset`, { csrf })).status, 404);
  const other = userId('ops@other.test');
  assert.equal((await ops.post(`/platform/account/members/${other}/two-factor-reset`, { csrf })).status, 404);
  // an admin of the platform has no such route
  assert.equal((await c.post(`/platform/account/members/${id}/two-factor-reset`, { csrf: /name="csrf" value="([0-9a-f]+)"/.exec((await c.get('/platform/two-factor')).text)[1] })).status, 403);
});
