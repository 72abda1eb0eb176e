'use strict';
// The JSON API of the mobile app (issue 16 item 1), through nginx with node's fetch: each
// operation with good and bad input, tokens (revoked, expired, signed out, refused without an
// invitation to the app, never a cookie), tenancy, the limits of a body, and every answer
// checked against the OpenAPI document at /api/v1/openapi.json (apilib.js). The last test
// requires that every documented operation was exercised and that every route of the API
// (cgi-bin/api.c) is documented.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const {
  Client, formByButton, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote, DEMO_PASSWORD, DEMO_HASH,
  DEMO_WIFI_HEX, BASE_URL,
} = require('./lib');
const { doc, exercised, api, apiToken, fieldErrors } = require('./apilib');

const DE_SIGNIN_FAILED = fs.readFileSync(path.resolve(__dirname, '../../templates/i18n/de/common.txt'), 'utf8')
  .split('\n').find((l) => l.startsWith('signin_failed =')).replace(/^signin_failed = /, '');
const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const created = new Set();
const numbers = new Set();

/** A user of occupier `occupier` (operator 1 unless given) made for the test. */
function createUser({
  what = 'api', occupier = 1, operator = 1, role = 'user', app = 1, state = 'VALIDATED', wifi = 'ACTIVE',
  domain = 'acme.test', lang = 'en',
} = {}) {
  const email = `t16-${what}-${uid()}@${domain}`;
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, job_title, language,
        account_state, invited_portal, invited_app, password_hash, last_sign_in)
       VALUES (${operator}, ${occupier}, ${sqlQuote(role)}, 'Api', 'Tester', ${sqlQuote(email)}, 'Original',
        ${sqlQuote(lang)}, ${sqlQuote(state)}, 1, ${app}, ${sqlQuote(DEMO_HASH)}, UTC_TIMESTAMP())`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`));
  created.add(id);
  if (wifi) {
    sql(`INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
         VALUES (${id}, ${sqlQuote(wifi)}, 3, 1, UNHEX('${DEMO_WIFI_HEX}'))`);
  }
  return { id, email };
}

/** A phone number of Acme at London Bridge assigned to user id, a digital handset logged in. */
function giveNumber(id) {
  const n = `+4420794${String(Math.floor(Math.random() * 90000) + 10000)}`;
  sql(`INSERT INTO phone_numbers (operator_id, site_id, occupier_id, allocated, user_id, number, extension,
        status, default_pin, handset_type, handset_logged_in, voicemail, call_waiting)
       VALUES (1, 1, 1, 1, ${id}, ${sqlQuote(n)}, '9${String(id).slice(-3)}', 'ACTIVE', '123456', 'digital', 1, 1, 0)`);
  const nid = Number(sqlValue(`SELECT id FROM phone_numbers WHERE number = ${sqlQuote(n)}`));
  numbers.add(nid);
  return nid;
}

test.after(() => {
  if (numbers.size) {
    const list = [...numbers].join(', ');
    sql(`DELETE FROM provisioning_jobs WHERE number_id IN (${list}); DELETE FROM phone_numbers WHERE id IN (${list})`);
  }
  if (created.size) sql(`DELETE FROM users WHERE id IN (${[...created].join(', ')})`);
  sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'a:t16-%'");
  if (created.size) sql(`DELETE FROM signin_failures WHERE throttle_key IN (${[...created].map((id) => `'u:${id}'`).join(', ')})`);
});

// ---------------------------------------------------------------------------------------------
// The document

test('GET /api/v1/openapi.json is the OpenAPI 3 document of the repository', async () => {
  const r = await api('GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.match(r.json.openapi, /^3\./);
  assert.deepEqual(r.json, doc, 'served as committed (static/openapi.json)');
});

// ---------------------------------------------------------------------------------------------
// Sign-in and tokens

test('sign-in gives a bearer token to a user invited to the app; the token is stored hashed', async () => {
  const u = createUser({ what: 'signin' });
  const r = await api('POST', '/api/v1/signin', { body: { email: u.email.toUpperCase(), password: DEMO_PASSWORD, client: 'Pixel 8' } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user_id, u.id);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const hex = r.json.token;
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE token_hash = UNHEX(${sqlQuote(hex)})`), '0', 'not stored in the clear');
  assert.equal(sqlValue(`SELECT client FROM api_tokens WHERE user_id = ${u.id}`), 'Pixel 8');
  const p = await api('GET', '/api/v1/profile', { token: hex });
  assert.equal(p.status, 200);
  assert.equal(p.json.user.email, u.email);
});

test('sign-in refuses: wrong password and unknown address alike (401), no invitation to the app (403), team members (403)', async () => {
  const u = createUser({ what: 'refuse' });
  const wrong = await api('POST', '/api/v1/signin', { body: { email: u.email, password: 'not-the-password-1' } });
  const unknown = await api('POST', '/api/v1/signin', { body: { email: `t16-nobody-${uid()}@acme.test`, password: 'not-the-password-1' } });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.json.error.message, unknown.json.error.message, 'the same words whether the address exists or not');
  assert.equal(wrong.json.error.message, 'The email address or password is incorrect.');
  const de = await api('POST', '/api/v1/signin', { body: { email: u.email, password: 'not-the-password-2' }, headers: { 'accept-language': 'de' } });
  assert.equal(de.status, 401);
  assert.equal(de.json.error.message, DE_SIGNIN_FAILED, 'before sign-in: the language the app asks for');
  const notApp = createUser({ what: 'noapp', app: 0 });
  for (const email of [notApp.email, 'admin@globex.test', 'ops@demo.test']) {
    const r = await api('POST', '/api/v1/signin', { body: { email, password: DEMO_PASSWORD } });
    assert.equal(r.status, 403, email);
    assert.equal(r.json.error.code, 'not_invited');
  }
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${notApp.id}`), '0', 'no token left behind');
  const deact = createUser({ what: 'deact', state: 'DEACTIVATED' });
  assert.equal((await api('POST', '/api/v1/signin', { body: { email: deact.email, password: DEMO_PASSWORD } })).status, 401);
  sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'a:t16-%'");
  if (created.size) sql(`DELETE FROM signin_failures WHERE throttle_key IN (${[...created].map((id) => `'u:${id}'`).join(', ')})`);
});

test('sign-in is throttled as the page is: 5 wrong passwords block even the right one (429, Retry-After)', async () => {
  const u = createUser({ what: 'throttle' });
  let r;
  for (let i = 0; i < 5; i++) r = await api('POST', '/api/v1/signin', { body: { email: u.email, password: `wrong-password-${i}` } });
  r = await api('POST', '/api/v1/signin', { body: { email: u.email, password: DEMO_PASSWORD } });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  // the page refuses the same account too: one counter
  const c = new Client();
  const page = await c.signIn(u.email);
  assert.equal(page.status, 429);
  assert.match(r.json.error.message, /\d+ second/, 'says for how long, as the page does');
  sql(`DELETE FROM signin_failures WHERE throttle_key IN (${sqlQuote(`a:${u.email}`)}, ${sqlQuote(`u:${u.id}`)});
       UPDATE signin_failures SET failures = GREATEST(0, failures - 6) WHERE throttle_key = 'ip:127.0.0.1'`);
});

test('sign-in input: wrong types, unknown members, missing fields, too long a client name', async () => {
  let r = await api('POST', '/api/v1/signin', { body: { email: 5, password: true } });
  assert.equal(r.status, 400);
  assert.deepEqual(fieldErrors(r), { email: 'This must be a text string.', password: 'This must be a text string.' });
  r = await api('POST', '/api/v1/signin', { body: { email: 'user@acme.test', password: DEMO_PASSWORD, admin: true } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)), ['admin']);
  r = await api('POST', '/api/v1/signin', { body: { email: 'user@acme.test' } });
  assert.equal(r.status, 401, 'no password: refused like a wrong one');
  r = await api('POST', '/api/v1/signin', { body: ['user@acme.test'] });
  assert.equal(r.status, 400);
  r = await api('POST', '/api/v1/signin', { body: { email: 'user@acme.test', password: DEMO_PASSWORD, client: 'x'.repeat(101) } });
  assert.equal(r.status, 400);
});

test('a session cookie is never enough: without a bearer token every operation is 401', async () => {
  const c = new Client();
  await c.signIn('admin@acme.test');
  const cookie = c.cookieHeader();
  assert.match(cookie, /sid=/);
  for (const [m, p] of [['GET', '/api/v1/profile'], ['GET', '/api/v1/users'], ['POST', '/api/v1/users'],
    ['DELETE', '/api/v1/users/3'], ['PATCH', '/api/v1/profile'], ['POST', '/api/v1/profile/pin-reset']]) {
    const r = await api(m, p, { headers: { cookie }, body: m === 'GET' || m === 'DELETE' ? undefined : { first_name: 'x' } });
    assert.equal(r.status, 401, `${m} ${p}`);
    assert.equal(r.headers.get('www-authenticate'), 'Bearer');
  }
  for (const bad of ['Bearer', 'Bearer 123', `Basic ${'a'.repeat(64)}`, `Bearer ${'g'.repeat(64)}`, `Bearer ${'0'.repeat(64)}`]) {
    const r = await api('GET', '/api/v1/profile', { headers: { authorization: bad } });
    assert.equal(r.status, 401, bad);
  }
});

test('tokens: listed, revoked through the API (own only), signed out, expired, ended with the account', async () => {
  const u = createUser({ what: 'tokens' });
  const t1 = await apiToken(u.email, DEMO_PASSWORD, 'Phone');
  const t2 = await apiToken(u.email, DEMO_PASSWORD, 'Tablet');
  let r = await api('GET', '/api/v1/tokens', { token: t1 });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.tokens.map((t) => [t.client, t.current]).sort(), [['Phone', true], ['Tablet', false]]);
  const tabletId = r.json.tokens.find((t) => t.client === 'Tablet').id;
  // another user's token id is not found
  const other = createUser({ what: 'tokens2' });
  const t3 = await apiToken(other.email);
  r = await api('DELETE', `/api/v1/tokens/${tabletId}`, { token: t3 });
  assert.equal(r.status, 404);
  assert.equal((await api('GET', '/api/v1/profile', { token: t2 })).status, 200, 'still valid');
  r = await api('DELETE', `/api/v1/tokens/${tabletId}`, { token: t1 });
  assert.equal(r.status, 200);
  r = await api('GET', '/api/v1/profile', { token: t2 });
  assert.equal(r.status, 401, 'a revoked token is refused');
  // sign-out
  r = await api('POST', '/api/v1/signout', { token: t3 });
  assert.equal(r.status, 200);
  assert.equal((await api('GET', '/api/v1/profile', { token: t3 })).status, 401, 'signed out');
  // expired
  sql(`UPDATE api_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = ${u.id}`);
  r = await api('GET', '/api/v1/profile', { token: t1 });
  assert.equal(r.status, 401, 'an expired token is refused');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${u.id}`), '0', 'and deleted');
  // an expired token never presented again goes at the user's next sign-in
  await apiToken(u.email, DEMO_PASSWORD, 'Old');
  sql(`UPDATE api_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE user_id = ${u.id}`);
  // an invitation to the app taken back, or a deactivated account: refused
  const t4 = await apiToken(u.email);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${u.id}`), '1', 'the expired one deleted');
  sql(`UPDATE users SET invited_app = 0 WHERE id = ${u.id}`);
  assert.equal((await api('GET', '/api/v1/profile', { token: t4 })).status, 401);
  sql(`UPDATE users SET invited_app = 1 WHERE id = ${u.id}`);
  const admin = await apiToken('admin@acme.test');
  r = await api('POST', `/api/v1/users/${u.id}/account`, { token: admin, body: { action: 'deactivate' } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.account_state, 'DEACTIVATED');
  assert.equal((await api('GET', '/api/v1/profile', { token: t4 })).status, 401, 'deactivation ends the tokens');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${u.id}`), '0');
  r = await api('POST', `/api/v1/users/${u.id}/account`, { token: admin, body: { action: 'reactivate' } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.account_state, 'VALIDATED');
  r = await api('POST', `/api/v1/users/${u.id}/account`, { token: admin, body: { action: 'explode' } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)), ['action']);
  r = await api('POST', '/api/v1/users/2/account', { token: admin, body: { action: 'deactivate' } });
  assert.equal(r.status, 403, 'never one\'s own account');
  assert.equal(sqlValue('SELECT account_state FROM users WHERE id = 2'), 'VALIDATED');
});

test('App sign-ins on My profile and on the user\'s details page: Revoke ends the token', async () => {
  const u = createUser({ what: 'revoke' });
  const t1 = await apiToken(u.email, DEMO_PASSWORD, 'Revoke me');
  const t2 = await apiToken(u.email, DEMO_PASSWORD, 'Admin revokes me');
  // the user itself on My profile
  const c = new Client();
  assert.equal((await c.signIn(u.email)).status, 200);
  let page = await c.get('/profile');
  assert.ok(textOf(page.text).includes('App sign-ins'));
  const ids = [...page.text.matchAll(/name="token" value="(\d+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 2);
  const id1 = sqlValue(`SELECT id FROM api_tokens WHERE user_id = ${u.id} AND client = 'Revoke me'`);
  let r = await c.post('/profile/tokens/revoke', { csrf: csrfOf(page.text), token: id1 }, { follow: false });
  assert.equal(r.status, 303);
  assert.equal((await api('GET', '/api/v1/profile', { token: t1 })).status, 401);
  assert.equal((await api('GET', '/api/v1/profile', { token: t2 })).status, 200);
  // without the CSRF token: refused
  const id2 = sqlValue(`SELECT id FROM api_tokens WHERE user_id = ${u.id} AND client = 'Admin revokes me'`);
  r = await c.post('/profile/tokens/revoke', { token: id2 }, { follow: false });
  assert.equal(r.status, 403);
  // another user's token through one's own profile: not found
  const victim = createUser({ what: 'revoke-victim' });
  const tv = await apiToken(victim.email);
  const idv = sqlValue(`SELECT id FROM api_tokens WHERE user_id = ${victim.id}`);
  page = await c.get('/profile');
  r = await c.post('/profile/tokens/revoke', { csrf: csrfOf(page.text), token: idv }, { follow: false });
  assert.equal(r.status, 404);
  assert.equal((await api('GET', '/api/v1/profile', { token: tv })).status, 200);
  // the admin on the user's details page
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  page = await admin.get(`/users/${u.id}`);
  assert.ok(page.text.includes('Admin revokes me'));
  const f = formByButton(page.text, 'Revoke');
  assert.ok(f, 'a Revoke button');
  r = await admin.submit(f, {}, { follow: false });
  assert.equal(r.status, 303);
  assert.equal((await api('GET', '/api/v1/profile', { token: t2 })).status, 401);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.id} AND action = 'api_token.revoke'`), '2');
  // the admin of Globex cannot revoke an Acme user's token
  const globex = new Client();
  await globex.signIn('admin@globex.test');
  page = await globex.get('/profile');
  r = await globex.post(`/users/${victim.id}/tokens/revoke`, { csrf: csrfOf(page.text), token: idv }, { follow: false });
  assert.equal(r.status, 404);
  assert.equal((await api('GET', '/api/v1/profile', { token: tv })).status, 200);
  // nor the other operator on its platform; Acme's operator can
  const other = new Client();
  await other.signIn('ops@other.test');
  page = await other.get('/platform/occupiers');
  r = await other.post(`/platform/occupiers/1/users/${victim.id}/tokens/revoke`, { csrf: csrfOf(page.text), token: idv }, { follow: false });
  assert.equal(r.status, 404);
  assert.equal((await api('GET', '/api/v1/profile', { token: tv })).status, 200);
  const ops = new Client();
  await ops.signIn('ops@demo.test');
  page = await ops.get(`/platform/occupiers/1/users/${victim.id}`);
  assert.ok(textOf(page.text).includes('App sign-ins'));
  r = await ops.submit(formByButton(page.text, 'Revoke'), {}, { follow: false });
  assert.equal(r.status, 303);
  assert.equal((await api('GET', '/api/v1/profile', { token: tv })).status, 401);
});

// ---------------------------------------------------------------------------------------------
// Limits of a body

test('bodies: not JSON, not an object, invalid UTF-8, too deep, too long, too big, duplicate members: 4xx in JSON', async () => {
  const t = await apiToken('admin@acme.test');
  const send = (raw, type = 'application/json') => api('POST', '/api/v1/users', { token: t, raw, headers: { 'content-type': type }, unchecked: true });
  const cases = [
    ['{"first_name": ', 400, 'bad_json'],
    ['{"a":1,}', 400, 'bad_json'],
    ['{"first_name":"a","first_name":"b"}', 400, 'bad_json'],
    [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), 400, 'bad_utf8'],
    ['{"first_name":"\\ud800"}', 400, 'bad_utf8'],
    ['{"first_name":"a\\u0000b"}', 400, 'bad_utf8'],
    ['[[[[[[[[[[1]]]]]]]]]]', 413, 'too_large'],
    [`{"first_name":"${'x'.repeat(5000)}"}`, 413, 'too_large'],
    [`{"job_title":"${'x'.repeat(70 * 1024)}"}`, 413, null],
    [`{"job_title":"${'x'.repeat(1100 * 1024)}"}`, 413, 'too_large'],
  ];
  for (const [raw, status, code] of cases) {
    const r = await send(raw);
    assert.equal(r.status, status, String(raw).slice(0, 60));
    assert.ok(r.json.error && typeof r.json.error.message === 'string' && r.json.error.message, 'a message');
    if (code) assert.equal(r.json.error.code, code, String(raw).slice(0, 60));
  }
  let r = await send('{"first_name":"A"}', 'text/plain');
  assert.equal(r.status, 415, 'only application/json (a form post from another site is not JSON)');
  r = await send('first_name=A', 'application/x-www-form-urlencoded');
  assert.equal(r.status, 415);
  r = await api('POST', '/api/v1/users', { token: t, body: 'just a string' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.message, 'The request body must be a JSON object.');
  r = await api('PUT', '/api/v1/users', { token: t, body: {}, unchecked: true });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /GET.*POST/);
  r = await api('GET', '/api/v1/nothing-here', { token: t, unchecked: true });
  assert.equal(r.status, 404);
  // the server keeps serving
  assert.equal((await api('GET', '/api/v1/profile', { token: t })).status, 200);
});

// ---------------------------------------------------------------------------------------------
// My profile

test('My profile: read, edit (partial), refused values with the field and message in the user\'s language, stale version 409', async () => {
  const u = createUser({ what: 'prof' });
  const t = await apiToken(u.email);
  let r = await api('GET', '/api/v1/profile', { token: t });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.job_title, 'Original');
  assert.equal(r.json.wifi.state, 'ACTIVE');
  assert.equal(r.json.telephony, null);
  const v = r.json.user.version;
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { job_title: 'Architect', version: v } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.job_title, 'Architect');
  assert.equal(r.json.user.first_name, 'Api', 'members not sent keep their values');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.id} AND field = 'job_title'`), '1', 'audited');
  // text round-trips exactly through the JSON reader and writer
  const odd = 'Q "uote" \\ back </script> \u2603 \ud83d\ude00 caf\u00e9';
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { mobile_phone: '', job_title: odd, version: r.json.user.version } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.job_title, odd);
  assert.equal(sqlValue(`SELECT job_title FROM users WHERE id = ${u.id}`), odd);
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { job_title: 'Architect', version: r.json.user.version } });
  assert.equal(r.status, 200);
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { job_title: 'Stale', version: v } });
  assert.equal(r.status, 409, 'a save over a newer version');
  assert.equal(sqlValue(`SELECT job_title FROM users WHERE id = ${u.id}`), 'Architect');
  const v2 = (await api('GET', '/api/v1/profile', { token: t })).json.user.version;
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { first_name: '', last_name: 'x'.repeat(101), mobile_phone: 'call me', version: v2 } });
  assert.equal(r.status, 400);
  assert.deepEqual(fieldErrors(r), {
    first_name: 'Enter your first name.', last_name: 'This is too long.', mobile_phone: fieldErrors(r).mobile_phone,
  });
  assert.ok(fieldErrors(r).mobile_phone);
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { first_name: 'A' } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)), ['version']);
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { first_name: 7, version: '1', email: 'x@acme.test' } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)).sort(), ['email', 'first_name', 'version'], 'the email is never editable here');
  // in the user's language
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { language: 'fr', version: v2 } });
  assert.equal(r.status, 200);
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { first_name: '', version: r.json.user.version }, headers: { 'accept-language': 'en' } });
  assert.equal(r.status, 400);
  assert.equal(fieldErrors(r).first_name, 'Saisissez votre prénom.');
  assert.equal(r.json.error.message, 'Certaines valeurs ne sont pas valides.');
  r = await api('PATCH', '/api/v1/profile', { token: t, body: { language: 'xx', version: r.json.user ? 0 : 0 } });
  assert.equal(r.status, 400);
  assert.ok(fieldErrors(r).language);
});

test('My profile: Wi-Fi Set password (8-50, a letter and a digit, confirmed), stored sealed, audited; no ACTIVE account 404', async () => {
  const u = createUser({ what: 'wifi' });
  const t = await apiToken(u.email);
  const before = sqlValue(`SELECT HEX(password_enc) FROM wifi_accounts WHERE user_id = ${u.id}`);
  let r = await api('POST', '/api/v1/profile/wifi-password', { token: t, body: { password: 'short1', password_confirm: 'short1' } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)), ['password']);
  r = await api('POST', '/api/v1/profile/wifi-password', { token: t, body: { password: 'longenough1', password_confirm: 'longenough2' } });
  assert.equal(r.status, 400);
  assert.deepEqual(fieldErrors(r), { password_confirm: 'The two passwords do not match.' });
  r = await api('POST', '/api/v1/profile/wifi-password', { token: t, body: { password: 12345678 } });
  assert.equal(r.status, 400);
  assert.equal(sqlValue(`SELECT HEX(password_enc) FROM wifi_accounts WHERE user_id = ${u.id}`), before, 'nothing saved');
  r = await api('POST', '/api/v1/profile/wifi-password', { token: t, body: { password: 'new-wifi-pass-9', password_confirm: 'new-wifi-pass-9' } });
  assert.equal(r.status, 200);
  const after = sqlValue(`SELECT HEX(password_enc) FROM wifi_accounts WHERE user_id = ${u.id}`);
  assert.notEqual(after, before);
  assert.ok(!Buffer.from(after, 'hex').toString('latin1').includes('new-wifi-pass-9'), 'not in the clear');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.id} AND action = 'wifi.password_set'`), '1');
  const none = createUser({ what: 'nowifi', wifi: null });
  r = await api('POST', '/api/v1/profile/wifi-password', { token: await apiToken(none.email), body: { password: 'new-wifi-pass-9', password_confirm: 'new-wifi-pass-9' } });
  assert.equal(r.status, 404);
});

test('My profile: telephony features (TEL-4 set only, TEL-5 rules), Reset PIN, Handset logout; without a number 404', async () => {
  const u = createUser({ what: 'tel' });
  const nid = giveNumber(u.id);
  const t = await apiToken(u.email);
  let r = await api('GET', '/api/v1/profile', { token: t });
  const tel = r.json.telephony;
  assert.equal(tel.handset_type, 'digital');
  assert.equal(tel.features.tel_voicemail, true);
  assert.ok(tel.editable.includes('tel_call_waiting'));
  assert.ok(!tel.editable.includes('tel_auth_code'), 'the portal may not set an authorization code');
  // TEL-5: voicemail to email needs an address; Busy forwarding needs a number
  r = await api('PATCH', '/api/v1/profile/telephony', { token: t, body: { tel_vm_to_email: true, tel_fwd_busy: true, tel_version: tel.tel_version } });
  assert.equal(r.status, 400);
  const fe = fieldErrors(r);
  assert.equal(fe.tel_vm_email, 'Enter the email address to send voicemail to.');
  assert.ok(fe.tel_fwd_busy_to);
  r = await api('PATCH', '/api/v1/profile/telephony', { token: t, body: { tel_vm_to_email: 'yes', tel_version: tel.tel_version } });
  assert.equal(r.status, 400);
  assert.deepEqual(fieldErrors(r), { tel_vm_to_email: 'This must be true or false.' });
  r = await api('PATCH', '/api/v1/profile/telephony', { token: t, body: { tel_voicemail: false } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)), ['tel_version']);
  // outside the portal's set: kept whatever is sent
  r = await api('PATCH', '/api/v1/profile/telephony', {
    token: t, body: { tel_call_waiting: true, tel_auth_code: true, tel_vm_to_email: true, tel_vm_email: 'VM@Acme.test', tel_version: tel.tel_version },
  });
  assert.equal(r.status, 200);
  assert.equal(r.json.telephony.features.tel_call_waiting, true);
  assert.equal(r.json.telephony.features.tel_voicemail, true, 'not sent: kept');
  assert.equal(r.json.telephony.features.tel_auth_code, false, 'not the portal\'s to set');
  assert.equal(r.json.telephony.features.tel_vm_email, 'vm@acme.test');
  assert.equal(r.json.telephony.status, 'PENDING', 'TEL-6');
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ${nid}`)) >= 1, 'a provisioning job');
  r = await api('PATCH', '/api/v1/profile/telephony', { token: t, body: { tel_dnd: true, tel_version: tel.tel_version } });
  assert.equal(r.status, 409, 'stale tel_version');
  // Reset PIN, Handset logout
  sql(`UPDATE phone_numbers SET custom_pin_hash = 'x' WHERE id = ${nid}`);
  r = await api('POST', '/api/v1/profile/pin-reset', { token: t });
  assert.equal(r.status, 200);
  assert.equal(r.json.telephony.custom_pin, false);
  r = await api('POST', '/api/v1/profile/handset-logout', { token: t });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.id} AND action LIKE 'tel.%'`) > '0', true);
  sql(`UPDATE phone_numbers SET handset_logged_in = 0 WHERE id = ${nid}`);
  r = await api('POST', '/api/v1/profile/handset-logout', { token: t });
  assert.equal(r.status, 404, 'no handset logged in');
  const none = createUser({ what: 'notel' });
  const tn = await apiToken(none.email);
  for (const p of ['/api/v1/profile/pin-reset', '/api/v1/profile/handset-logout']) {
    assert.equal((await api('POST', p, { token: tn })).status, 404, p);
  }
  r = await api('PATCH', '/api/v1/profile/telephony', { token: tn, body: { tel_dnd: true, tel_version: 1 } });
  assert.equal(r.status, 404);
});

// ---------------------------------------------------------------------------------------------
// User management

test('User management: list with filter and paging; a plain user is refused (403)', async () => {
  const t = await apiToken('admin@acme.test');
  let r = await api('GET', '/api/v1/users', { token: t });
  assert.equal(r.status, 200);
  assert.equal(r.json.users.length, 50);
  assert.equal(r.json.more, true);
  assert.ok(r.json.total >= 250);
  assert.ok(r.json.users.every((u) => u.email.endsWith('@acme.test')));
  const p2 = await api('GET', '/api/v1/users?page=2', { token: t });
  assert.equal(p2.json.page, 2);
  assert.notDeepEqual(p2.json.users.map((u) => u.id), r.json.users.map((u) => u.id));
  r = await api('GET', `/api/v1/users?q=${encodeURIComponent('user@acme')}`, { token: t });
  assert.deepEqual(r.json.users.map((u) => u.email), ['user@acme.test']);
  assert.equal(r.json.users[0].phone_number, '+442079460101');
  r = await api('GET', '/api/v1/users?q=zzzz-nobody', { token: t });
  assert.equal(r.json.total, 0);
  assert.deepEqual(r.json.users, []);
  r = await api('GET', '/api/v1/users?page=0', { token: t });
  assert.equal(r.status, 400);
  r = await api('GET', `/api/v1/users?q=${'x'.repeat(300)}`, { token: t });
  assert.equal(r.status, 400);
  const ut = await apiToken('user@acme.test');
  for (const [m, p] of [['GET', '/api/v1/users'], ['GET', '/api/v1/users/3'], ['POST', '/api/v1/users'], ['PATCH', '/api/v1/users/2'],
    ['DELETE', '/api/v1/users/2'], ['POST', '/api/v1/users/2/resend-invite'], ['POST', '/api/v1/users/2/account'], ['POST', '/api/v1/users/2/wifi-reset']]) {
    const x = await api(m, p, { token: ut, body: m === 'POST' || m === 'PATCH' ? {} : undefined });
    assert.equal(x.status, 403, `${m} ${p}`);
  }
});

test('User management: add (checked as the page does), view, edit, invitations, Wi-Fi, delete; audited, emailed', async () => {
  const t = await apiToken('admin@acme.test');
  const box = mailbox().mark();
  const email = `t16-add-${uid()}@acme.test`;
  // refused input
  let r = await api('POST', '/api/v1/users', { token: t, body: { first_name: '', last_name: 'x'.repeat(101), email: 'not-an-email' } });
  assert.equal(r.status, 400);
  assert.deepEqual(fieldErrors(r), {
    first_name: 'This field is required.', last_name: 'This is too long.', email: 'Enter a valid email address, like name@example.com.',
  });
  r = await api('POST', '/api/v1/users', { token: t, body: { first_name: 'A', last_name: 'B', email, wifi: 'yes', device_limit: 2.5, homesite: '1' } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)).sort(), ['device_limit', 'homesite', 'wifi']);
  r = await api('POST', '/api/v1/users', { token: t, body: { first_name: 'A', last_name: 'B', email, wifi: true, device_limit: 999, homesite: 3 } });
  assert.equal(r.status, 400, 'a limit outside the bounds and another operator\'s site');
  assert.deepEqual(Object.keys(fieldErrors(r)).sort(), ['device_limit', 'homesite']);
  r = await api('POST', '/api/v1/users', { token: t, body: { first_name: 'A', last_name: 'B', email: 'user@ACME.test' } });
  assert.equal(r.status, 400);
  assert.deepEqual(fieldErrors(r), { email: 'A user with this email address already exists in this occupier (or, for a team member, in your team). Find them with Search users.' });
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${sqlQuote(email)}`), '0', 'nothing saved');
  // added
  r = await api('POST', '/api/v1/users', {
    token: t, body: { first_name: 'Zoë', last_name: 'Añadida', email: email.toUpperCase(), job_title: '<b>Chef</b>', wifi: true, device_limit: 2, homesite: 2, invite_app: true },
  });
  assert.equal(r.status, 201, r.text);
  const u = r.json.user;
  created.add(u.id);
  assert.equal(u.email, email);
  assert.equal(u.first_name, 'Zoë');
  assert.equal(u.job_title, '<b>Chef</b>', 'kept as typed; JSON escapes what it must');
  assert.equal(u.account_state, 'AWAITING_VALIDATION');
  assert.equal(u.invited_app, true);
  assert.deepEqual(u.wifi, { state: 'ACTIVE', device_limit: 2, homesite: 2, homesite_name: 'Canary Wharf' });
  assert.equal(sqlValue(`SELECT occupier_id FROM users WHERE id = ${u.id}`), '1');
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.id}`)) >= 1, 'audited');
  await new Promise((res) => setTimeout(res, 1500));
  const mails = box.list().filter((m) => m.to.includes(email));
  assert.ok(mails.length >= 2, 'invitation and Wi-Fi password emailed');
  // view
  r = await api('GET', `/api/v1/users/${u.id}`, { token: t });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.user, u);
  // edit: partial, the email is not the portal's to change, the role is locked once invited
  r = await api('PATCH', `/api/v1/users/${u.id}`, { token: t, body: { job_title: 'Head chef', email: 'other@acme.test', role: 'admin', version: u.version } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.job_title, 'Head chef');
  assert.equal(r.json.user.first_name, 'Zoë');
  assert.equal(r.json.user.email, email, 'UM-4: not editable in the portal');
  assert.equal(r.json.user.role, 'user', 'UM-6: locked once invited');
  assert.equal(r.json.user.wifi.device_limit, 2, 'kept');
  const v2 = r.json.user.version;
  r = await api('PATCH', `/api/v1/users/${u.id}`, { token: t, body: { job_title: 'Lost update', version: u.version } });
  assert.equal(r.status, 409, 'UM-9');
  assert.deepEqual(Object.keys(fieldErrors(r)), ['version']);
  r = await api('PATCH', `/api/v1/users/${u.id}`, { token: t, body: { job_title: 'No version' } });
  assert.equal(r.status, 400);
  r = await api('PATCH', `/api/v1/users/${u.id}`, { token: t, body: { last_name: '', mobile_phone: 'x'.repeat(40), version: v2 } });
  assert.equal(r.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(r)).sort(), ['last_name', 'mobile_phone']);
  // Wi-Fi: limit and reset; deactivate through the edit
  r = await api('PATCH', `/api/v1/users/${u.id}`, { token: t, body: { device_limit: 4, version: v2 } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.wifi.device_limit, 4);
  r = await api('POST', `/api/v1/users/${u.id}/wifi-reset`, { token: t });
  assert.equal(r.status, 200);
  r = await api('PATCH', `/api/v1/users/${u.id}`, { token: t, body: { wifi_action: 'deactivate', version: r.json.user.version } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.wifi.state, 'DEACTIVATED');
  r = await api('POST', `/api/v1/users/${u.id}/wifi-reset`, { token: t });
  assert.equal(r.status, 400, 'not ACTIVE');
  // invitations: resend while awaiting validation; portal invitation later
  r = await api('POST', `/api/v1/users/${u.id}/resend-invite`, { token: t });
  assert.equal(r.status, 200);
  r = await api('PATCH', `/api/v1/users/${u.id}`, { token: t, body: { invite_portal: true, version: r.json.user.version } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.invited_portal, true);
  r = await api('POST', '/api/v1/users/3/resend-invite', { token: t });
  assert.equal(r.status, 400, 'VALIDATED: nothing to resend');
  // delete: never an admin, never oneself
  assert.equal((await api('DELETE', '/api/v1/users/2', { token: t })).status, 403);
  r = await api('DELETE', `/api/v1/users/${u.id}`, { token: t });
  assert.equal(r.status, 200);
  assert.equal((await api('GET', `/api/v1/users/${u.id}`, { token: t })).status, 404);
  assert.equal((await api('DELETE', `/api/v1/users/${u.id}`, { token: t })).status, 404);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE id = ${u.id}`), '0');
});

test('tenancy: another occupier\'s or operator\'s user is 404 for every operation, and nothing changes', async () => {
  const acme = await apiToken('admin@acme.test');
  const initech = await apiToken('admin@initech.test');
  const before = sql('SELECT id, version, account_state FROM users WHERE id IN (3, 4, 6) ORDER BY id');
  const ops = (id) => [['GET', `/api/v1/users/${id}`], ['PATCH', `/api/v1/users/${id}`, { job_title: 'Hacked', version: 1 }],
    ['DELETE', `/api/v1/users/${id}`], ['POST', `/api/v1/users/${id}/resend-invite`], ['POST', `/api/v1/users/${id}/account`, { action: 'deactivate' }],
    ['POST', `/api/v1/users/${id}/wifi-reset`]];
  for (const [tok, ids] of [[acme, [4, 6]], [initech, [2, 3, 4]]]) {
    for (const id of ids) {
      for (const [m, p, body] of ops(id)) {
        const r = await api(m, p, { token: tok, body });
        assert.equal(r.status, 404, `${m} ${p}`);
      }
    }
  }
  assert.deepEqual(sql('SELECT id, version, account_state FROM users WHERE id IN (3, 4, 6) ORDER BY id'), before);
  const r = await api('GET', `/api/v1/users?q=${encodeURIComponent('acme.test')}`, { token: initech });
  assert.equal(r.json.total, 0);
  // a forged occupier member is refused, not obeyed
  const f = await api('POST', '/api/v1/users', { token: initech, body: { first_name: 'A', last_name: 'B', email: `t16-f-${uid()}@initech.test`, occupier_id: 1 } });
  assert.equal(f.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(f)), ['occupier_id']);
});

// ---------------------------------------------------------------------------------------------
// The document against the program

test('every route of the API is documented, and every documented operation was exercised and validated', async () => {
  const src = fs.readFileSync(path.resolve(__dirname, '../../cgi-bin/api.c'), 'utf8');
  const table = src.slice(src.indexOf('routes[] = {'), src.indexOf('#define NROUTES'));
  const routes = [...table.matchAll(/\{\s*(GET|M_POST|M_PATCH|M_DELETE),\s*"([^"]+)"/g)]
    .map(([, m, p]) => `${m.replace('M_', '')} ${p.replace(/#/g, '{id}')}`);
  assert.ok(routes.length >= 18, `routes read from api.c: ${routes.length}`);
  const documented = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of Object.keys(item)) documented.push(`${m.toUpperCase()} ${p}`);
  }
  for (const r of routes) assert.ok(documented.includes(r), `${r} is documented`);
  for (const d of documented) {
    if (d === 'GET /api/v1/openapi.json') continue;  // served by nginx from static/
    assert.ok(routes.includes(d), `${d} is a route of api.c`);
  }
  for (const d of documented) assert.ok(exercised.has(d), `${d} was exercised and its answer validated`);
  assert.ok(BASE_URL);
});
