'use strict';
// Sign-in and sessions (AUTH-1..5, AUTH-7, AUTH-8), the health check while the database is down.
// Accounts that a test signs in with wrongly, throttles, expires or resets are created for the
// test (Acme users with the demo password), so the demo accounts stay usable by other tests.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const {
  Client, forms, formByButton, field, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote,
  TEST_DIR, DEMO_PASSWORD, DEMO_HASH,
} = require('./lib');

const ROOT = path.resolve(__dirname, '../..');
const SIGNIN_FAILED = 'The email address or password is incorrect.';
const THROTTLED = 'Too many failed sign-in attempts';
const FORGOT_SENT = 'If that address belongs to an account, a link to reset the password is on its way.';
const LINK_INVALID = 'This link has expired or has already been used.';

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const uniqueEmail = (what, domain = 'acme.test') => `t7-${what}-${uid()}@${domain}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const created = [];
/** An Acme user (by default) made directly in the database, with the demo password. */
function createUser({
  email = uniqueEmail('auth'), first = 'Auth', last = 'Tester', operator = 1, occupier = 1,
  role = 'user', state = 'VALIDATED', password = true,
} = {}) {
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email,
        account_state, invited_portal, password_hash, last_sign_in)
       VALUES (${operator}, ${occupier === null ? 'NULL' : occupier}, ${sqlQuote(role)},
        ${sqlQuote(first)}, ${sqlQuote(last)}, ${sqlQuote(email)}, ${sqlQuote(state)},
        ${state === 'NOT_INVITED' ? 0 : 1}, ${password ? sqlQuote(DEMO_HASH) : 'NULL'},
        ${state === 'VALIDATED' ? 'UTC_TIMESTAMP()' : 'NULL'})`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE operator_id = ${operator} AND email = ${sqlQuote(email)}`));
  created.push({ id, email });
  return { id, email };
}

function clearThrottle(...emails) {
  const ids = created.filter((u) => emails.includes(u.email)).map((u) => sqlQuote(`u:${u.id}`));
  const keys = ["'ip:127.0.0.1'", ...ids, ...emails.map((e) => sqlQuote(`a:${e.toLowerCase()}`))];
  sql(`DELETE FROM signin_failures WHERE throttle_key IN (${keys.join(', ')})`);
}

test.before(() => clearThrottle());
test.after(() => {
  sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'a:t7-%'");
  if (created.length) {
    clearThrottle(...created.map((u) => u.email));
    sql(`DELETE FROM users WHERE id IN (${created.map((u) => u.id).join(', ')})`);
  } else {
    clearThrottle();
  }
});

/** The last Set-Cookie header for `name` that the client received, or undefined. */
function lastSetCookie(c, name) {
  return [...c.setCookies].reverse().find((s) => s.startsWith(`${name}=`));
}

/** GET path without following redirects: true when it answers 200 (the session works). */
async function sessionWorks(c, p = '/profile') {
  const r = await c.get(p, { follow: false });
  if (r.status === 200) return true;
  assert.equal(r.status, 303, `GET ${p}: expected 200 or a redirect to /signin, got ${r.status}`);
  assert.match(r.headers.get('location'), /^\/signin/);
  return false;
}

function pathOf(url) {
  return new URL(url).pathname;
}

// ---------------------------------------------------------------------------------------------
// Where each account lands

const LANDINGS = [
  ['admin@acme.test', '/users', 'User management'],
  ['admin@globex.test', '/users', 'User management'],
  ['admin@initech.test', '/users', 'User management'],
  ['user@acme.test', '/profile', 'My profile'],
  ['ops@demo.test', '/platform/occupiers', 'Occupiers'],
  ['ops@other.test', '/platform/occupiers', 'Occupiers'],
  ['staff@demo.test', '/platform/occupiers', 'Occupiers'],
];

for (const [email, where, heading] of LANDINGS) {
  test(`${email} signs in and lands on ${where}`, async () => {
    const c = new Client();
    const r = await c.signIn(email);
    assert.equal(r.status, 200);
    assert.equal(pathOf(r.url), where);
    assert.equal(r.redirects[0].status, 303);
    assert.ok(c.cookies.has('sid'), 'a session cookie is set');
    const text = textOf(r.text);
    assert.ok(text.includes(heading), `"${heading}" on the page`);
    assert.ok(text.includes(email), `the signed-in address ${email} is on the page`);
    if (where === '/users') assert.match(r.text, /<h1>User management<\/h1>/);
  });
}

test('the admin of Acme sees its users in User management', async () => {
  const c = new Client();
  const r = await c.signIn('admin@acme.test');
  assert.equal(pathOf(r.url), '/users');
  assert.ok(textOf(r.text).includes('Acme Ltd'));
  assert.match(r.text, /<a class="row-link" href="\/users\/2">admin@acme.test<\/a>/);
});

test('the email address is matched without regard to case or surrounding spaces', async () => {
  const c = new Client();
  const r = await c.signIn('  Admin@ACME.test ');
  assert.equal(pathOf(r.url), '/users');
});

// ---------------------------------------------------------------------------------------------
// Failed sign-ins (AUTH-1)

function assertRefused(c, r, email) {
  assert.equal(r.status, 400);
  assert.equal(pathOf(r.url), '/signin');
  assert.ok(textOf(r.text).includes(SIGNIN_FAILED), 'the generic message');
  assert.equal(lastSetCookie(c, 'sid'), undefined, 'no session cookie');
  assert.ok(!c.cookies.has('sid'));
  const f = forms(r.text).find((x) => field(x, 'Email address') && field(x, 'Password'));
  assert.ok(f, 'the sign-in form is shown again');
  assert.equal(field(f, 'Email address').value, email.trim().toLowerCase(), 'the address is kept');
  assert.equal(field(f, 'Password').value, '', 'the password is not sent back');
}

test('a wrong password is refused with the generic message, status 400 and no session', async () => {
  const u = createUser();
  const c = new Client();
  const r = await c.signIn(u.email, 'not-the-password-1');
  assertRefused(c, r, u.email);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  clearThrottle(u.email);
});

test('an unknown email address gets the same answer as a wrong password', async () => {
  const u = createUser();
  const a = new Client();
  const wrong = await a.signIn(u.email, 'not-the-password-1');
  const b = new Client();
  const unknown = uniqueEmail('nobody');
  const r = await b.signIn(unknown, DEMO_PASSWORD);
  assertRefused(b, r, unknown);
  const notice = (html) => (/<div class="notice notice-error"[^>]*>([\s\S]*?)<\/div>/.exec(html) || [])[1];
  assert.equal(notice(r.text), notice(wrong.text));
  assert.equal(r.status, wrong.status);
  clearThrottle(u.email, unknown);
});

test('an empty password or email is refused the same way', async () => {
  const c = new Client();
  const r = await c.signIn('admin@acme.test', '');
  assert.equal(r.status, 400);
  assert.ok(textOf(r.text).includes(SIGNIN_FAILED));
  assert.ok(!c.cookies.has('sid'));
});

test('reception@demo.test (team member of role user, no password) cannot sign in', async () => {
  const c = new Client();
  const r = await c.signIn('reception@demo.test', DEMO_PASSWORD);
  assertRefused(c, r, 'reception@demo.test');
  clearThrottle('reception@demo.test');
});

test('a team member of role user cannot sign in even with a password', async () => {
  const u = createUser({ email: uniqueEmail('member', 'demo.test'), occupier: null, role: 'user' });
  const c = new Client();
  const r = await c.signIn(u.email, DEMO_PASSWORD);
  assertRefused(c, r, u.email);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  clearThrottle(u.email);
});

// ---------------------------------------------------------------------------------------------
// CSRF (AUTH-4)

test('sign-out without a CSRF token, or with a wrong one, is refused 403 and the session goes on', async () => {
  const c = new Client();
  await c.signIn('admin@acme.test');
  const good = csrfOf((await c.get('/users')).text);
  assert.match(good, /^[0-9a-f]{64}$/);
  const other = new Client();
  await other.signIn('admin@acme.test');
  const othersToken = csrfOf((await other.get('/users')).text);
  assert.notEqual(othersToken, good, 'each session has its own token');

  for (const [what, fields] of [
    ['no token', {}],
    ['an empty token', { csrf: '' }],
    ['a wrong token', { csrf: crypto.randomBytes(32).toString('hex') }],
    ['the token of another session', { csrf: othersToken }],
    ['a truncated token', { csrf: good.slice(0, 63) }],
  ]) {
    const r = await c.post('/signout', fields, { follow: false });
    assert.equal(r.status, 403, `sign-out with ${what}`);
    assert.ok(textOf(r.text).includes('Access denied'), `the 403 page for ${what}`);
    assert.equal(lastSetCookie(c, 'sid').includes('Max-Age=0'), false, `the cookie is not cleared (${what})`);
    assert.ok(await sessionWorks(c, '/users'), `the session still works after sign-out with ${what}`);
  }
  assert.ok(await sessionWorks(other, '/users'));
});

test('a state-changing POST with a forged CSRF token changes nothing', async () => {
  const c = new Client();
  await c.signIn('admin@acme.test');
  const email = uniqueEmail('csrf');
  const fields = { first_name: 'Forged', last_name: 'Request', email, language: 'en', role: 'user' };
  let r = await c.post('/users/new', fields, { follow: false });
  assert.equal(r.status, 403);
  r = await c.post('/users/new', { ...fields, csrf: crypto.randomBytes(32).toString('hex') }, { follow: false });
  assert.equal(r.status, 403);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${sqlQuote(email)}`), '0');
});

test('the sign-in form itself needs its CSRF token and the pre-session cookie', async () => {
  const fields = { email: 'admin@acme.test', password: DEMO_PASSWORD, next: '' };
  // No cookie at all (a cross-site POST).
  let c = new Client();
  let r = await c.post('/signin', fields, { follow: false });
  assert.equal(r.status, 403);
  assert.ok(!c.cookies.has('sid'));
  // The pre-session cookie, but a token that is not the page's.
  c = new Client();
  await c.get('/signin');
  assert.ok(c.cookies.has('pre'));
  r = await c.post('/signin', { ...fields, csrf: crypto.randomBytes(32).toString('hex') }, { follow: false });
  assert.equal(r.status, 403);
  assert.ok(!c.cookies.has('sid'));
  // The page's token without its cookie.
  const token = csrfOf((await c.get('/signin')).text);
  const d = new Client();
  r = await d.post('/signin', { ...fields, csrf: token }, { follow: false });
  assert.equal(r.status, 403);
  assert.ok(!d.cookies.has('sid'));
});

test('GET /signout does not sign out', async () => {
  const c = new Client();
  await c.signIn('admin@acme.test');
  const r = await c.get('/signout', { follow: false });
  assert.ok(r.status === 405 || r.status === 404, `status ${r.status}`);
  assert.ok(await sessionWorks(c, '/users'));
});

// ---------------------------------------------------------------------------------------------
// Session cookie and token (AUTH-3)

test('the session cookie is HttpOnly, SameSite=Lax, Path=/, and not Secure over http', async () => {
  const c = new Client();
  await c.signIn('admin@acme.test');
  const sc = lastSetCookie(c, 'sid');
  assert.ok(sc, 'Set-Cookie: sid=...');
  const attrs = sc.split(';').slice(1).map((a) => a.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), sc);
  assert.ok(attrs.includes('samesite=lax'), sc);
  assert.ok(attrs.includes('path=/'), sc);
  assert.ok(!attrs.includes('secure'), `no Secure over http: ${sc}`);
  // 256 bits of randomness, and only its hash is in the database.
  const token = c.cookies.get('sid');
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(${sqlQuote(token)})
    OR HEX(token_hash) = ${sqlQuote(token.toUpperCase())}`), '0');
});

test('every sign-in gets a new session token, even over an existing cookie', async () => {
  const u = createUser();
  const c = new Client();
  const planted = crypto.randomBytes(32).toString('hex');
  c.cookies.set('sid', planted); // session fixation attempt
  await c.signIn(u.email);
  const first = c.cookies.get('sid');
  assert.notEqual(first, planted);
  // Signing in again while signed in (the form redirects a signed-in visitor, so POST it).
  const csrf = csrfOf((await c.get('/profile')).text);
  const r = await c.post('/signin', { csrf, email: u.email, password: DEMO_PASSWORD, next: '' });
  assert.equal(pathOf(r.url), '/profile');
  const second = c.cookies.get('sid');
  assert.notEqual(second, first);
  const d = new Client();
  await d.signIn(u.email);
  assert.notEqual(d.cookies.get('sid'), first);
  assert.notEqual(d.cookies.get('sid'), second);
  // issue 11: signing in ends the session the request came with: the first is gone, the
  // second (another browser's sign-in) and the third live.
  const old = new Client();
  old.cookies.set('sid', first);
  assert.equal(await sessionWorks(old), false, 'the session presented with the sign-in has ended');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '2');
});

test('signing in as another user ends the session the browser had (issue 11)', async () => {
  const a = createUser();
  const b = createUser();
  const c = new Client();
  await c.signIn(a.email);
  const aToken = c.cookies.get('sid');
  const csrf = csrfOf((await c.get('/profile')).text);
  const r = await c.post('/signin', { csrf, email: b.email, password: DEMO_PASSWORD, next: '' });
  assert.equal(pathOf(r.url), '/profile');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${a.id}`), '0', "a's session ended");
  const old = new Client();
  old.cookies.set('sid', aToken);
  assert.equal(await sessionWorks(old), false);
});

test('sign-out ends the session: the old cookie no longer works', async () => {
  const u = createUser();
  const c = new Client();
  await c.signIn(u.email);
  const copy = new Client();
  copy.cookies.set('sid', c.cookies.get('sid'));
  assert.ok(await sessionWorks(copy));
  let r = await c.get('/profile');
  const f = formByButton(r.text, 'Sign out');
  assert.ok(f, 'a Sign out button on the page');
  r = await c.submit(f, {}, { follow: false });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/signin/);
  assert.match(lastSetCookie(c, 'sid'), /^sid=;.*Max-Age=0/i);
  r = await c.get(r.headers.get('location'));
  assert.ok(textOf(r.text).includes('You have signed out.'));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  assert.equal(await sessionWorks(copy), false, 'the old cookie is refused');
  r = await copy.get('/profile');
  assert.equal(pathOf(r.url), '/signin');
});

test('a session idle for more than 30 minutes has expired', async () => {
  const u = createUser();
  const c = new Client();
  await c.signIn(u.email);
  sql(`UPDATE sessions SET last_seen = UTC_TIMESTAMP() - INTERVAL 29 MINUTE WHERE user_id = ${u.id}`);
  assert.ok(await sessionWorks(c), 'still valid after 29 minutes');
  sql(`UPDATE sessions SET last_seen = UTC_TIMESTAMP() - INTERVAL 31 MINUTE WHERE user_id = ${u.id}`);
  const r = await c.get('/profile', { follow: false });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/signin?next=%2Fprofile');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0', 'the expired session is deleted');
  assert.equal(await sessionWorks(c), false);
});

test('a session older than 12 hours has expired even when in use', async () => {
  const u = createUser();
  const c = new Client();
  await c.signIn(u.email);
  sql(`UPDATE sessions SET created_at = UTC_TIMESTAMP() - INTERVAL 11 HOUR, last_seen = UTC_TIMESTAMP() WHERE user_id = ${u.id}`);
  assert.ok(await sessionWorks(c), 'still valid after 11 hours');
  sql(`UPDATE sessions SET created_at = UTC_TIMESTAMP() - INTERVAL 13 HOUR, last_seen = UTC_TIMESTAMP() WHERE user_id = ${u.id}`);
  const r = await c.get('/profile');
  assert.equal(pathOf(r.url), '/signin');
  assert.equal(r.redirects[0].location, '/signin?next=%2Fprofile');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
});

// ---------------------------------------------------------------------------------------------
// Throttling (AUTH-5)

test('wrong passwords slow the account down (2 s, 4 s, 8 s ...) but never lock the right one out for long', async () => {
  const u = createUser();
  const bystander = createUser();
  clearThrottle(u.email);
  const key = sqlQuote(`u:${u.id}`);
  const attempt = (pw) => new Client().signIn(u.email, pw);
  try {
    for (let i = 1; i <= 2; i++) assert.equal((await attempt(`wrong-password-${i}`)).status, 400);
    assert.equal((await attempt('wrong-password-3')).status, 400);
    // After 3 failures: a 2 second delay, with a message that says how long and what else works.
    let r = await attempt(DEMO_PASSWORD);
    assert.equal(r.status, 429, 'right after the 3rd failure');
    assert.ok(textOf(r.text).includes(THROTTLED));
    assert.match(textOf(r.text), /Try again in \d+ seconds, or use “Forgot password\?”/);
    await sleep(2200);
    assert.equal((await attempt('wrong-password-4')).status, 400);
    // After 4: 4 seconds.
    r = await attempt(DEMO_PASSWORD);
    assert.equal(r.status, 429, 'right after the 4th failure');
    await sleep(4200);
    assert.equal((await attempt('wrong-password-5')).status, 400);
    const c = new Client();
    r = await c.signIn(u.email, DEMO_PASSWORD);
    assert.equal(r.status, 429);
    assert.ok(!c.cookies.has('sid'), 'no session');
    assert.ok(formByButton(r.text, 'Sign in'), 'the form again');
    const wait = Number(sqlValue(`SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), blocked_until) FROM signin_failures WHERE throttle_key = ${key}`));
    assert.ok(wait > 5 && wait <= 8, `8 s after the 5th failure (${wait} left)`);
    // The back-off has a ceiling: 50 failures still mean at most 5 minutes.
    sql(`UPDATE signin_failures SET failures = 50, blocked_until = NULL WHERE throttle_key = ${key}`);
    assert.equal((await attempt('wrong-password-51')).status, 400);
    const most = Number(sqlValue(`SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), blocked_until) FROM signin_failures WHERE throttle_key = ${key}`));
    assert.ok(most > 290 && most <= 300, `at most 300 s (${most})`);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
    // Per account: another account signs in meanwhile from the same address.
    r = await new Client().signIn(bystander.email, DEMO_PASSWORD);
    assert.equal(pathOf(r.url), '/profile');
    // Once the wait is over the right password works (simulated: the wait set in the past).
    sql(`UPDATE signin_failures SET blocked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE throttle_key = ${key}`);
    r = await new Client().signIn(u.email, DEMO_PASSWORD);
    assert.equal(pathOf(r.url), '/profile', 'the right password after the wait');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM signin_failures WHERE throttle_key = ${key}`), '0', 'and the count is gone');
  } finally {
    clearThrottle(u.email, bystander.email);
  }
});

test('the counter is the account, however its address is spelt', async () => {
  const u = createUser();
  clearThrottle(u.email);
  try {
    // the collation (utf8mb4_unicode_ci) finds the same row for a full-width first letter
    const fullWidth = `\uff54${u.email.slice(1)}`;
    for (const spelt of [u.email, fullWidth, `\uff54${u.email.slice(1).toUpperCase()}`]) {
      assert.equal((await new Client().signIn(spelt, 'wrong-password-x')).status, 400);
    }
    assert.equal(sqlValue(`SELECT failures FROM signin_failures WHERE throttle_key = ${sqlQuote(`u:${u.id}`)}`), '3');
    assert.equal((await new Client().signIn(fullWidth, DEMO_PASSWORD)).status, 429);
    assert.equal((await new Client().signIn(u.email, DEMO_PASSWORD)).status, 429);
  } finally {
    clearThrottle(u.email);
  }
});

test('30 parallel wrong passwords for an account in back-off: one reaches argon2id, not 30 (issue 11)', async () => {
  const u = createUser();
  clearThrottle(u.email);
  // 10 failures already, the last wait over: the next attempt takes the slot and starts a
  // wait of 300 s, so of 30 parallel attempts exactly one may be checked (a check-then-count
  // would let all 30 through).
  sql(`INSERT INTO signin_failures (throttle_key, failures, first_at) VALUES (${sqlQuote(`u:${u.id}`)}, 10, UTC_TIMESTAMP())`);
  const log = path.join(TEST_DIR, 'log', 'portal.log');
  const line = `portal: signin: password check for user ${u.id}\n`;
  const count = () => fs.readFileSync(log, 'utf8').split(line).length - 1;
  try {
    const clients = await Promise.all(Array.from({ length: 30 }, async () => {
      const c = new Client();
      const page = await c.get('/signin');
      return { c, csrf: csrfOf(page.text) };
    }));
    const before = count();
    const answers = await Promise.all(clients.map(({ c, csrf }, i) =>
      c.post('/signin', { csrf, email: u.email, password: `wrong-password-${i}`, next: '' })));
    const statuses = answers.map((r) => r.status);
    const checked = statuses.filter((s) => s === 400).length;
    assert.equal(checked + statuses.filter((s) => s === 429).length, 30, `400 or 429 only: ${statuses}`);
    assert.equal(checked, 1, `one attempt was checked: ${statuses}`);
    assert.equal(count() - before, 1, 'one argon2id verification (log line) for the account');
    assert.equal(sqlValue(`SELECT failures FROM signin_failures WHERE throttle_key = ${sqlQuote(`u:${u.id}`)}`), '11');
  } finally {
    clearThrottle(u.email);
  }
});

test('a successful sign-in resets the failure count of the account', async () => {
  const u = createUser();
  try {
    for (let i = 1; i <= 2; i++) assert.equal((await new Client().signIn(u.email, `wrong-${i}-password`)).status, 400);
    assert.equal(pathOf((await new Client().signIn(u.email)).url), '/profile');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM signin_failures WHERE throttle_key = ${sqlQuote(`u:${u.id}`)}`), '0');
    // Two more failures are 1 and 2 again, not 3 and 4: no delay.
    for (let i = 3; i <= 4; i++) assert.equal((await new Client().signIn(u.email, `wrong-${i}-password`)).status, 400);
    assert.equal(pathOf((await new Client().signIn(u.email)).url), '/profile');
  } finally {
    clearThrottle(u.email);
  }
});

test('30 failures from one address block that address for every account', async () => {
  const u = createUser();
  clearThrottle(u.email);
  try {
    // 28 failures already counted for 127.0.0.1 (as many sign-ins would leave), then two more
    // through the form, each for a different unknown account.
    sql(`INSERT INTO signin_failures (throttle_key, failures, first_at) VALUES ('ip:127.0.0.1', 28, UTC_TIMESTAMP())`);
    for (const n of [29, 30]) {
      const r = await new Client().signIn(uniqueEmail(`flood${n}`), 'wrong-password-x');
      assert.equal(r.status, 400, `failure ${n} is answered normally`);
    }
    assert.equal(sqlValue("SELECT failures FROM signin_failures WHERE throttle_key = 'ip:127.0.0.1'"), '30');
    let r = await new Client().signIn(uniqueEmail('flood31'), 'wrong-password-x');
    assert.equal(r.status, 429, 'the 31st attempt is refused');
    r = await new Client().signIn(u.email, DEMO_PASSWORD);
    assert.equal(r.status, 429, 'the right password of another account, from the blocked address');
    assert.ok(textOf(r.text).includes(THROTTLED));
    const minutes = Number(sqlValue(`SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), blocked_until) / 60
      FROM signin_failures WHERE throttle_key = 'ip:127.0.0.1'`));
    assert.ok(minutes > 14 && minutes <= 15, `blocked for ${minutes} more minutes`);
  } finally {
    clearThrottle(u.email);
  }
  assert.equal(pathOf((await new Client().signIn(u.email)).url), '/profile');
});

// ---------------------------------------------------------------------------------------------
// Health check and the database going away

function db(cmd) {
  execFileSync('bash', [path.join(ROOT, 'scripts/db.sh'), cmd, TEST_DIR], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000,
  });
}

async function waitHealthy(ms = 60000) {
  const until = Date.now() + ms;
  for (;;) {
    let status = 0;
    try {
      status = (await new Client().get('/healthz')).status;
    } catch (e) {
      status = 0;
    }
    if (status === 200) return;
    if (Date.now() > until) throw new Error(`/healthz did not come back to 200 (last ${status})`);
    await sleep(250);
  }
}

function assertLayoutPage(r, what) {
  assert.match(r.headers.get('content-type') || '', /^text\/html/, `${what}: an HTML page`);
  assert.match(r.text, /<main id="main"/, `${what}: in the layout`);
  assert.ok(r.text.includes('Workspace Portal'), `${what}: in the layout`);
}

test('/healthz answers 200, and 503 while the database is stopped; pages answer 503 in the layout', async () => {
  const r0 = await new Client().get('/healthz');
  assert.equal(r0.status, 200);
  const signedIn = new Client();
  await signedIn.signIn('admin@acme.test');
  const anon = new Client();
  const signinForm = formByButton((await anon.get('/signin')).text, 'Sign in');
  db('stop');
  try {
    let r = await new Client().get('/healthz');
    assert.equal(r.status, 503);
    r = await signedIn.get('/users', { follow: false });
    assert.equal(r.status, 503, 'a signed-in page');
    assertLayoutPage(r, 'GET /users');
    assert.ok(textOf(r.text).includes('Service unavailable'));
    r = await anon.submit(signinForm, { 'Email address': 'admin@acme.test', Password: DEMO_PASSWORD }, { follow: false });
    assert.equal(r.status, 503, 'POST /signin');
    assertLayoutPage(r, 'POST /signin');
    assert.ok(textOf(r.text).includes('Service unavailable'));
    r = await new Client().get('/signin', { follow: false });
    assert.ok(r.status === 200 || r.status === 503, `GET /signin: ${r.status} (not 502)`);
    assertLayoutPage(r, 'GET /signin');
    r = await new Client().get('/forgot', { follow: false });
    assert.ok(r.status === 200 || r.status === 503, `GET /forgot: ${r.status}`);
    assertLayoutPage(r, 'GET /forgot');
  } finally {
    db('start');
  }
  await waitHealthy();
  // The program reconnects: the same session works again.
  const r = await signedIn.get('/users', { follow: false });
  assert.equal(r.status, 200);
});

// ---------------------------------------------------------------------------------------------
// Forgotten password (AUTH-8)

async function askReset(c, email) {
  sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'f%'");
  const page = await c.get('/forgot');
  assert.equal(page.status, 200);
  const f = formByButton(page.text, 'Send reset link');
  assert.ok(f, 'the forgot-password form');
  return c.submit(f, { 'Email address': email });
}

async function resetLinkFor(box, email) {
  const m = await box.waitFor((x) => x.to.includes(email) && /reset/i.test(x.subject));
  assert.equal(m.subject, 'Reset your password');
  const link = m.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));
  assert.ok(link, `a set-password link in: ${m.text}`);
  return link;
}

function setPasswordError(html) {
  const m = /<p class="error-message" id="password-error">([\s\S]*?)<\/p>/.exec(html);
  return m ? textOf(m[1]) : null;
}

test('forgot password: the same answer for a known and an unknown address, a link only to the known one', async () => {
  const u = createUser();
  const unknown = uniqueEmail('unknown');
  const box = mailbox().mark();
  const known = await askReset(new Client(), u.email);
  const other = await askReset(new Client(), unknown);
  assert.equal(known.status, 200);
  assert.equal(other.status, known.status);
  assert.ok(textOf(known.text).includes(FORGOT_SENT));
  assert.ok(textOf(other.text).includes(FORGOT_SENT));
  const body = (r) => textOf(/<main[\s\S]*<\/main>/.exec(r.text)[0]);
  assert.equal(body(other), body(known), 'the pages say the same');
  await resetLinkFor(box, u.email);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${u.id} AND kind = 'reset'
    AND expires_at BETWEEN UTC_TIMESTAMP() + INTERVAL 110 MINUTE AND UTC_TIMESTAMP() + INTERVAL 121 MINUTE`), '1',
  'one reset token, expiring in 2 hours');
  await sleep(1000);
  assert.deepEqual(box.list().filter((m) => m.to.includes(unknown)), [], 'no mail to the unknown address');
});

test('forgot password: the link sets a new password (checked like any password), signs in, and works once', async () => {
  const u = createUser();
  const box = mailbox().mark();
  // A session elsewhere, which the new password ends (AUTH-7).
  const elsewhere = new Client();
  await elsewhere.signIn(u.email);
  await askReset(new Client(), u.email);
  const link = await resetLinkFor(box, u.email);
  const hashBefore = sqlValue(`SELECT password_hash FROM users WHERE id = ${u.id}`);

  const c = new Client();
  let r = await c.get(link);
  assert.equal(r.status, 200);
  assert.ok(textOf(r.text).includes(u.email), 'the page names the account');
  let f = formByButton(r.text, 'Save password and sign in');
  assert.ok(f);

  for (const [pw, confirm, message] of [
    ['short-pw-1', 'short-pw-1', 'The password must have at least 12 characters.'],
    ['password1234', 'password1234', 'This password is too common. Choose one that is harder to guess.'],
    ['PASSWORD12345', 'PASSWORD12345', 'This password is too common. Choose one that is harder to guess.'],
    ['a-long-enough-phrase-1', 'a-long-enough-phrase-2', 'The two passwords do not match.'],
    ['', '', 'Enter a password.'],
    ['x'.repeat(129), 'x'.repeat(129), 'The password must have at most 128 characters.'],
  ]) {
    r = await c.submit(f, { 'New password': pw, 'Confirm new password': confirm });
    assert.equal(r.status, 400, `"${pw}"`);
    assert.equal(setPasswordError(r.text), message, `field error for "${pw}"`);
    f = formByButton(r.text, 'Save password and sign in');
    assert.ok(f, 'the form again, still usable');
    assert.ok(!c.cookies.has('sid'), 'not signed in');
  }
  assert.equal(sqlValue(`SELECT password_hash FROM users WHERE id = ${u.id}`), hashBefore, 'nothing saved');

  const newPassword = `correct horse ${uid()}`;
  r = await c.submit(f, { 'New password': newPassword, 'Confirm new password': newPassword });
  assert.equal(r.status, 200);
  assert.equal(r.redirects[0].status, 303);
  assert.equal(pathOf(r.url), '/profile', 'signed in, on the home page of a user');
  assert.ok(c.cookies.has('sid'));
  assert.ok(await sessionWorks(c));
  assert.notEqual(sqlValue(`SELECT password_hash FROM users WHERE id = ${u.id}`), hashBefore);
  assert.equal(await sessionWorks(elsewhere), false, 'the other session has ended');
  assert.equal((await new Client().signIn(u.email, DEMO_PASSWORD)).status, 400, 'the old password no longer works');
  assert.equal(pathOf((await new Client().signIn(u.email, newPassword)).url), '/profile', 'the new one does');

  // Single use.
  r = await new Client().get(link);
  assert.equal(r.status, 404);
  assert.ok(textOf(r.text).includes(LINK_INVALID));
  assert.equal(formByButton(r.text, 'Save password and sign in'), null);
  const again = new Client();
  const token = new URL(link).hash.replace(/^#t=/, '');
  const page = await again.get('/signin');
  r = await again.post('/set-password', { csrf: csrfOf(page.text), t: token, password: 'another-long-phrase-9', password_confirm: 'another-long-phrase-9' });
  assert.equal(r.status, 404);
  assert.ok(textOf(r.text).includes(LINK_INVALID));
  assert.ok(!again.cookies.has('sid'));
  clearThrottle(u.email);
});

test('the notice "Your password is set" is shown after choosing a password', async () => {
  const u = createUser();
  const box = mailbox().mark();
  await askReset(new Client(), u.email);
  const link = await resetLinkFor(box, u.email);
  const c = new Client();
  const f = formByButton((await c.get(link)).text, 'Save password and sign in');
  const pw = `notice phrase ${uid()}`;
  const r = await c.submit(f, { 'New password': pw, 'Confirm new password': pw });
  assert.equal(pathOf(r.url), '/profile');
  assert.ok(textOf(r.text).includes('Your password is set. You are signed in.'),
    `the notice after the redirects ${JSON.stringify(r.redirects)}`);
});

test('once a password is chosen through one link, the other outstanding links of the account stop working', async () => {
  // An invited user (invitation link) who also asks for a reset link, and uses the reset one.
  const box = mailbox().mark();
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const email = uniqueEmail('twolinks');
  const add = await admin.submit(formByButton((await admin.get('/users/new')).text, 'Add user'), {
    'First name': 'Two', 'Last name': 'Links', 'Email address': email, 'Send invite to join portal': true,
  }, { follow: false });
  assert.equal(add.status, 303);
  const id = Number(/\/users\/(\d+)/.exec(add.headers.get('location'))[1]);
  created.push({ id, email });
  const inviteMail = await box.waitFor((m) => m.to.includes(email) && m.subject === 'You are invited to the portal');
  const invite = inviteMail.links().find((l) => /set-password/.test(l));
  await askReset(new Client(), email);
  const reset = await resetLinkFor(box, email);
  const c = new Client();
  const pw = `chosen via reset ${uid()}`;
  let r = await c.submit(formByButton((await c.get(reset)).text, 'Save password and sign in'), { 'New password': pw, 'Confirm new password': pw });
  assert.equal(pathOf(r.url), '/profile');
  // The invitation link must not set the password a second time (AUTH-6: single use).
  r = await new Client().get(invite);
  assert.equal(r.status, 404, 'the invitation link no longer works once the account has a password');
  assert.ok(textOf(r.text).includes(LINK_INVALID));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${id}`), '0', 'no outstanding link');
});

test('an expired or malformed reset link is refused', async () => {
  const u = createUser();
  const box = mailbox().mark();
  await askReset(new Client(), u.email);
  const link = await resetLinkFor(box, u.email);
  sql(`UPDATE user_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = ${u.id}`);
  let r = await new Client().get(link);
  assert.equal(r.status, 404);
  assert.ok(textOf(r.text).includes(LINK_INVALID));
  for (const t of ['', 'abc', '0'.repeat(64), `${'g'.repeat(64)}`]) {
    r = await new Client().get(`/set-password?t=${t}`);
    assert.equal(r.status, 404, `t=${t}`);
    assert.ok(textOf(r.text).includes(LINK_INVALID));
  }
});

test('forgot password is rate-limited per address and per account, saying nothing about accounts (issue 11)', async () => {
  const u = createUser();
  const unknown = uniqueEmail('unknown-limit');
  sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'f%'");
  const box = mailbox().mark();
  try {
    const c = new Client();
    const page = await c.get('/forgot');
    const form = formByButton(page.text, 'Send reset link');
    // Per account: 5 links in 15 minutes; the 6th and 7th request get the same answer and no mail.
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await c.submit(form, { 'Email address': u.email }));
    const unknownAnswers = [];
    for (let i = 0; i < 7; i++) unknownAnswers.push(await c.submit(form, { 'Email address': unknown }));
    for (const r of [...answers, ...unknownAnswers]) {
      assert.equal(r.status, 200);
      assert.ok(textOf(r.text).includes(FORGOT_SENT));
    }
    await box.waitFor((m) => m.to.includes(u.email) && box.list().filter((x) => x.to.includes(u.email)).length >= 5);
    await sleep(1500);
    assert.equal(box.list().filter((m) => m.to.includes(u.email)).length, 5, 'five reset mails, not seven');
    assert.equal(sqlValue(`SELECT failures FROM signin_failures WHERE throttle_key = ${sqlQuote(`fu:${u.id}`)}`), '5');
    assert.equal(sqlValue(`SELECT failures FROM signin_failures WHERE throttle_key = ${sqlQuote(`fa:${unknown}`)}`), '5',
      'an unknown address is counted the same way');
    // Per address: 20 requests in 15 minutes (14 made above), then a page that says so.
    let r;
    for (let i = 0; i < 6; i++) {
      r = await c.submit(form, { 'Email address': uniqueEmail(`limit${i}`) });
      assert.equal(r.status, 200, `request ${15 + i}`);
    }
    r = await c.submit(form, { 'Email address': uniqueEmail('limit21') });
    assert.equal(r.status, 429, 'the 21st request from the address');
    assert.ok(textOf(r.text).includes('Too many reset requests from your network.'));
    assert.ok(formByButton(r.text, 'Send reset link'), 'the form again');
  } finally {
    sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'f%'");
  }
});

test('a deactivated account gets no reset link', async () => {
  const u = createUser({ state: 'DEACTIVATED' });
  const box = mailbox().mark();
  const r = await askReset(new Client(), u.email);
  assert.ok(textOf(r.text).includes(FORGOT_SENT));
  await sleep(1500);
  assert.deepEqual(box.list().filter((m) => m.to.includes(u.email)), []);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${u.id}`), '0');
});
