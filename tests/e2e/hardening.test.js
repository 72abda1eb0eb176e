'use strict';
// Issue 11 (hardening), the parts seen through nginx: link tokens never reach the access log
// and their pages send no Referer; signing in through a link ends the session the browser had;
// deactivation ends open links; the anonymous CSRF cookie is __Host- over HTTPS.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client, formByButton, csrfOf, textOf, mailbox, sql, sqlValue, TEST_DIR } = require('./lib');
const { request, exchange, startPortal } = require('./fcgi');

const ACCESS_LOG = path.join(TEST_DIR, 'nginx', 'logs', 'access.log');
const LINK_INVALID = 'This link has expired or has already been used.';
const uniqueEmail = (what) => `t7-${what}-${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}@acme.test`;
const created = [];

test.after(() => {
  if (created.length) sql(`DELETE FROM users WHERE id IN (${created.join(', ')})`);
});

/** Adds an Acme user invited to the portal through the admin's form; {id, email, link, token}. */
async function invite(admin, box) {
  const email = uniqueEmail('harden');
  const add = await admin.submit(formByButton((await admin.get('/users/new')).text, 'Add user'), {
    'First name': 'Hard', 'Last name': 'Ened', 'Email address': email, 'Send invite to join portal': true,
  }, { follow: false });
  assert.equal(add.status, 303);
  const id = Number(/\/users\/(\d+)/.exec(add.headers.get('location'))[1]);
  created.push(id);
  const m = await box.waitFor((x) => x.to.includes(email) && x.subject === 'You are invited to the portal');
  const link = m.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));
  assert.ok(link, `a link with the token in the fragment: ${m.text}`);
  return { id, email, link, token: link.slice(-64) };
}

test('a full invitation journey leaves no token in the access log, and its pages send no Referer', async () => {
  const box = mailbox().mark();
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const u = await invite(admin, box);
  const c = new Client();
  let r = await c.get(u.link);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer', 'the form page');
  assert.ok(r.redirects.length === 1 && r.redirects[0].location === '/set-password', 'swapped for a cookie, then the bare page');
  const pw = `hardened phrase ${crypto.randomBytes(4).toString('hex')}`;
  r = await c.submit(formByButton(r.text, 'Save password and sign in'), { 'New password': pw, 'Confirm new password': pw });
  assert.equal(new URL(r.url).pathname, '/profile');
  assert.ok(!c.cookies.has('setpw'), 'the link cookie is gone once used');
  // An emailed link of the older form (?t=) is swapped at once too; its query is not logged.
  const second = await invite(admin, box);
  r = await new Client().get(`/set-password?t=${second.token}`, { follow: false });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/set-password');
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  assert.match(r.headers.get('set-cookie'), /^setpw=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=600/);
  // The claim page itself (no cookie): no Referer either, the token only in the fragment.
  r = await new Client().get('/set-password');
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  assert.ok(formByButton(r.text, 'Continue'), 'the page that takes the token from the fragment');
  assert.match(r.text, /<script src="\/static\/setpw\.js"><\/script>/);
  // nginx writes the line when the response is done: wait until ours are there.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const log = fs.readFileSync(ACCESS_LOG, 'utf8');
  assert.match(log, /"GET \/set-password HTTP\/1\.1" 303 /, 'the ?t= request is logged, without its query');
  assert.match(log, /"POST \/set-password\/claim HTTP\/1\.1" 303 /);
  for (const t of [u.token, second.token]) assert.equal(log.includes(t), false, `token ${t.slice(0, 8)}... in ${ACCESS_LOG}`);
});

test('setting a password through a link ends the session the browser came with', async () => {
  const box = mailbox().mark();
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const u = await invite(admin, box);
  // The admin opens the invitation in the same browser (a shared computer).
  const adminSessions = Number(sqlValue("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'admin@acme.test'"));
  let r = await admin.get(u.link);
  const pw = `shared browser ${crypto.randomBytes(4).toString('hex')}`;
  r = await admin.submit(formByButton(r.text, 'Save password and sign in'), { 'New password': pw, 'Confirm new password': pw });
  assert.equal(new URL(r.url).pathname, '/profile', 'signed in as the invitee');
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'admin@acme.test'")),
    adminSessions - 1, "the admin's session in that browser has ended");
});

test('deactivating an account ends its open invitation link, also after reactivation', async () => {
  const box = mailbox().mark();
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const u = await invite(admin, box);
  const csrf = csrfOf((await admin.get(`/users/${u.id}`)).text);
  for (const action of ['deactivate', 'reactivate']) {
    const r = await admin.post(`/users/${u.id}/account`, { csrf, action }, { follow: false });
    assert.equal(r.status, 303, action);
  }
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${u.id}`), '0', 'no open link');
  const r = await new Client().get(u.link);
  assert.equal(r.status, 404);
  assert.ok(textOf(r.text).includes(LINK_INVALID));
});

test('the anonymous CSRF cookie is __Host-pre over HTTPS, pre over HTTP', async () => {
  const p = await startPortal('hardening-https', { threads: 2 });
  try {
    const env = { DOCUMENT_URI: '/signin', REQUEST_URI: '/signin' };
    const secure = await exchange(p.port, request({ ...env, HTTPS: 'on' }));
    assert.equal(secure.status, 200);
    assert.match(secure.head, /^Set-Cookie: __Host-pre=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Secure\r?$/m);
    assert.doesNotMatch(secure.head, /^Set-Cookie: pre=/m);
    const plain = await exchange(p.port, request(env));
    assert.match(plain.head, /^Set-Cookie: pre=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax\r?$/m);
  } finally {
    assert.deepEqual(await p.stop(), { code: 0, signal: null });
  }
});
