'use strict';
// Issue 16: the API's sign-in asks what the page's second step asks. A user with two-factor
// sign-in on gets a token only with a right code of the authenticator (computed here from the
// secret the set-up page shows) or an unused recovery code: none, a wrong one or one already
// used is refused with 401 naming the field "code"; a user the operator requires it of, who
// has not set it up, is refused with 403. Answers are checked against the OpenAPI document.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { b32decode, totp, stepNow, midStep } = require('./totp');
const { Client, forms, field, sql, sqlValue, sqlQuote, DEMO_HASH } = require('./lib');
const { api, fieldErrors } = require('./apilib');
const DEMO_PASSWORD = 'demo-password-1';

const made = [];
function makeUser(role) {
  const email = `t16-2fa-${role}-${crypto.randomBytes(4).toString('hex')}@acme.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, language,
        account_state, invited_portal, invited_app, password_hash, last_sign_in)
       VALUES (1, 1, ${sqlQuote(role)}, 'Two', 'Factor', ${sqlQuote(email)}, 'en', 'VALIDATED', 1, 1,
        ${sqlQuote(DEMO_HASH)}, UTC_TIMESTAMP())`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`));
  made.push(id);
  return { id, email };
}

test.after(() => {
  sql('UPDATE operators SET twofa_required = 0 WHERE id = 1');
  if (made.length) {
    const ids = made.join(', ');
    sql(`DELETE FROM signin_failures WHERE throttle_key IN (${made.map((i) => `'u:${i}', '2fa:${i}'`).join(', ')});
         DELETE FROM users WHERE id IN (${ids})`);
  }
});

/** Turns two-factor sign-in on through My profile; returns the secret and the recovery codes. */
async function turnOn(email) {
  const c = new Client();
  await c.signIn(email);
  const page = await c.get('/profile/two-factor');
  const m = /<code class="twofa-secret">([A-Z2-7 ]+)<\/code>/.exec(page.text);
  assert.ok(m, 'the set-up page shows the secret');
  const secret = b32decode(m[1]);
  await midStep();
  const step = stepNow();
  const form = forms(page.text).find((f) => field(f, 'code'));
  const r = await c.submit(form, { code: totp(secret, step) });
  assert.equal(r.status, 200);
  const codes = [...r.text.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((x) => x[1]);
  assert.equal(codes.length, 10);
  return { secret, step, codes };
}

const signin = (email, extra = {}) =>
  api('POST', '/api/v1/signin', { body: { email, password: DEMO_PASSWORD, ...extra } });

test('API sign-in with two-factor on: no code, a wrong or used code refused on the field "code"; the next code or a recovery code gives a token', async () => {
  const u = makeUser('user');
  const { secret, step, codes } = await turnOn(u.email);

  let r = await signin(u.email);
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'twofa_required');
  assert.deepEqual(Object.keys(fieldErrors(r)), ['code']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${u.id}`), '0');

  r = await signin(u.email, { code: totp(secret, step + 5) });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'twofa_wrong');
  assert.match(fieldErrors(r).code, /not correct/);

  // the code that turned it on was taken: never again
  r = await signin(u.email, { code: totp(secret, step) });
  assert.equal(r.status, 401);
  assert.match(fieldErrors(r).code, /already been used/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${u.id}`), '0');

  // one step of drift: the next step's code is accepted once
  r = await signin(u.email, { code: totp(secret, step + 1), client: 'Phone' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.match(r.json.token, /^[0-9a-f]{64}$/);
  r = await signin(u.email, { code: totp(secret, step + 1) });
  assert.equal(r.status, 401, 'the same code twice');

  // a recovery code, once
  sql(`DELETE FROM signin_failures WHERE throttle_key = '2fa:${u.id}'`);
  r = await signin(u.email, { code: codes[0] });
  assert.equal(r.status, 200);
  r = await signin(u.email, { code: codes[0] });
  assert.equal(r.status, 401);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${u.id}`), '2');

  // a wrong password is refused as ever, before any code is looked at
  r = await api('POST', '/api/v1/signin', { body: { email: u.email, password: 'not-the-password-9', code: codes[1] } });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'signin_failed');
});

test('API sign-in: an admin the operator requires two-factor of, who has not set it up, is sent to the portal (403); a plain user is not concerned', async () => {
  const admin = makeUser('admin');
  const user = makeUser('user');
  sql('UPDATE operators SET twofa_required = 1 WHERE id = 1');
  try {
    let r = await signin(admin.email);
    assert.equal(r.status, 403);
    assert.equal(r.json.error.code, 'twofa_setup_required');
    assert.match(r.json.error.message, /requires two-factor sign-in/);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${admin.id}`), '0');
    r = await signin(user.email);
    assert.equal(r.status, 200);
  } finally {
    sql('UPDATE operators SET twofa_required = 0 WHERE id = 1');
  }
});
