'use strict';
// Tenancy (SPEC 1, no IDOR): who may see and change which users. Every page and action of User
// management is tried by people who must not use it on an Acme user made for the test; the
// answer is 403 (wrong role) or 404 (not in your tenancy) and nothing changes. Then what the
// operator of Acme may do there that the portal may not (PLAT-1).
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const {
  Client, formByButton, field, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote, DEMO_PASSWORD,
  DEMO_HASH, DEMO_WIFI_HEX,
} = require('./lib');

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const uniqueEmail = (what, domain = 'acme.test') => `t7-${what}-${uid()}@${domain}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const created = new Set();
function createUser({
  email = uniqueEmail('ten'), first = 'Tenancy', last = 'Victim', occupier = 1, role = 'user',
  state = 'VALIDATED', wifi = 'ACTIVE',
} = {}) {
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, job_title,
        account_state, invited_portal, password_hash, last_sign_in)
       VALUES (1, ${occupier}, ${sqlQuote(role)}, ${sqlQuote(first)}, ${sqlQuote(last)}, ${sqlQuote(email)},
        'Original title', ${sqlQuote(state)}, ${state === 'NOT_INVITED' ? 0 : 1},
        ${state === 'NOT_INVITED' ? 'NULL' : sqlQuote(DEMO_HASH)}, ${state === 'VALIDATED' ? 'UTC_TIMESTAMP()' : 'NULL'})`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE operator_id = 1 AND email = ${sqlQuote(email)}`));
  created.add(id);
  if (wifi) {
    sql(`INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
         VALUES (${id}, ${sqlQuote(wifi)}, 3, 1, UNHEX('${DEMO_WIFI_HEX}'))`);
  }
  return { id, email };
}

test.after(() => {
  if (created.size) sql(`DELETE FROM users WHERE id IN (${[...created].join(', ')})`);
  sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'a:t7-%'");
});

/** Everything about these users that an action could change, and the size of each occupier
 * and of the outbox (one round trip to the database). */
function snapshot(ids) {
  const list = ids.join(', ');
  return sql(`SELECT 'user', u.* FROM users u WHERE id IN (${list}) ORDER BY id;
    SELECT 'wifi', user_id, state, device_limit, homesite_id, HEX(password_enc), password_set_at FROM wifi_accounts WHERE user_id IN (${list}) ORDER BY 2;
    SELECT 'token', user_id, HEX(token_hash), kind, expires_at FROM user_tokens WHERE user_id IN (${list}) ORDER BY 2, 3;
    SELECT 'sessions', user_id, COUNT(*) FROM sessions WHERE user_id IN (${list}) GROUP BY user_id ORDER BY 2;
    SELECT 'number', id, user_id FROM phone_numbers WHERE user_id IN (${list}) ORDER BY 2;
    SELECT 'outbox', COUNT(*) FROM mail_outbox;
    SELECT 'occupier', occupier_id, COUNT(*) FROM users WHERE occupier_id IS NOT NULL GROUP BY occupier_id ORDER BY 2`);
}

/** The actions of User management on one user, as [method, path, fields]. */
function actionsOn(base, id) {
  return [
    ['GET', `${base}/${id}`],
    ['GET', `${base}/${id}/edit`],
    ['GET', `${base}/${id}/delete`],
    ['POST', `${base}/${id}/edit`, {
      version: '1', first_name: 'Hacked', last_name: 'Name', email: uniqueEmail('hijack'), job_title: 'Hacked',
      language: 'en', role: 'admin', wifi_action: 'deactivate', device_limit: '9', homesite: '2',
      invite_app: '1',
    }],
    ['POST', `${base}/${id}/delete`, { confirmed: '1' }],
    ['POST', `${base}/${id}/resend`, {}],
    ['POST', `${base}/${id}/account`, { action: 'deactivate' }],
    ['POST', `${base}/${id}/wifi-reset`, {}],
    ['POST', `${base}/${id}/wifi`, { action: 'deactivate' }],
    ['POST', `${base}/${id}/invite`, { to: 'app' }],
    ['POST', `${base}/${id}/devices/disconnect`, { session: '1' }],
  ];
}

async function signedIn(email) {
  const c = new Client();
  const r = await c.signIn(email);
  assert.equal(r.status, 200, `${email} signs in`);
  c.csrf = csrfOf(r.text);
  assert.match(c.csrf || '', /^[0-9a-f]{64}$/, `a CSRF token for ${email}`);
  return c;
}

/** Tries every action of `list` as client c; each must answer `status`; nothing may change,
 * neither the victim nor the users of `others` (checked after each POST and at the end). */
async function assertNothingAllowed(c, victim, list, status, others = []) {
  const box = mailbox().mark();
  const ids = [victim.id, ...others];
  const before = snapshot(ids);
  for (const [method, p, fields] of list) {
    const r = method === 'GET'
      ? await c.get(p, { follow: false })
      : await c.post(p, { csrf: c.csrf, ...fields }, { follow: false });
    const want = typeof status === 'function' ? status(method, p) : status;
    assert.equal(r.status, want, `${method} ${p}: ${r.status}, expected ${want}`);
    if (r.status === 200) continue;
    // Nothing of the victim leaks into the refusal.
    assert.ok(!r.text.includes(victim.email), `${method} ${p} shows nothing of the user`);
    if (method === 'POST') assert.deepEqual(snapshot(ids), before, `${method} ${p} changed nothing`);
  }
  assert.deepEqual(snapshot(ids), before, 'nothing changed');
  await sleep(300);
  assert.deepEqual(box.list().map((m) => `${m.to}: ${m.subject}`), [], 'no email sent');
}

// ---------------------------------------------------------------------------------------------
// Not signed in, and a plain occupier user

test('not signed in: pages redirect to sign-in, actions are refused, nothing changes', async () => {
  const victim = createUser({ state: 'AWAITING_VALIDATION' });
  const c = new Client();
  await c.get('/signin');
  c.csrf = csrfOf((await c.get('/signin')).text);
  const list = [['GET', '/users'], ['GET', '/users/new'], ['POST', '/users/new', { first_name: 'A', last_name: 'B', email: uniqueEmail('anon') }],
    ...actionsOn('/users', victim.id), ...actionsOn('/platform/occupiers/1/users', victim.id)];
  await assertNothingAllowed(c, victim, list, (method) => (method === 'GET' ? 303 : 403));
  const r = await c.get(`/users/${victim.id}`, { follow: false });
  assert.equal(r.headers.get('location'), `/signin?next=%2Fusers%2F${victim.id}`);
});

test('user@acme.test (role user) gets 403 on every User management page and action', async () => {
  const victim = createUser({ state: 'AWAITING_VALIDATION' });
  const c = await signedIn('user@acme.test');
  const count = sqlValue('SELECT COUNT(*) FROM users WHERE occupier_id = 1');
  const list = [
    ['GET', '/users'], ['GET', '/users?q=acme'], ['GET', '/users/new'],
    ['POST', '/users/new', { first_name: 'Sneaky', last_name: 'User', email: uniqueEmail('sneaky'), language: 'en', role: 'admin' }],
    ...actionsOn('/users', victim.id),
    ['POST', '/users/2/delete', {}], ['POST', '/users/2/account', { action: 'deactivate' }],
    ['GET', '/platform/occupiers'], ['GET', '/platform/occupiers/1/users'],
    ...actionsOn('/platform/occupiers/1/users', victim.id),
  ];
  await assertNothingAllowed(c, victim, list, 403, [2, 3]);
  assert.equal(sqlValue('SELECT COUNT(*) FROM users WHERE occupier_id = 1'), count, 'no user added');
  assert.equal(sqlValue('SELECT role FROM users WHERE id = 3'), 'user', 'not promoted');
  // The 403 page, and the user's own pages still work.
  const r = await c.get('/users');
  assert.ok(textOf(r.text).includes('Access denied'));
  assert.doesNotMatch(r.text, /href="\/users"/, 'no User management link in the navigation');
  assert.equal((await c.get('/profile')).status, 200);
});

// ---------------------------------------------------------------------------------------------
// Admins of other occupiers

for (const [who, occupierName] of [['admin@globex.test', 'Globex (same operator)'], ['admin@initech.test', 'Initech (another operator)']]) {
  test(`${who} (${occupierName}) gets 404 on every page and action for an Acme user, and nothing changes`, async () => {
    const victim = createUser({ state: 'AWAITING_VALIDATION' });
    const c = await signedIn(who);
    // The test's user, and the demo Acme users, the admin among them.
    await assertNothingAllowed(c, victim, [...actionsOn('/users', victim.id), ...actionsOn('/users', 3),
      ...actionsOn('/users', 2)], 404, [2, 3]);
    assert.equal(sqlValue('SELECT account_state FROM users WHERE id = 3'), 'VALIDATED');
    // The list and the filter show none of Acme's users.
    const r = await c.get(`/users?q=${encodeURIComponent('acme.test')}`);
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes('@acme.test'), 'no Acme address in the list');
    assert.ok(textOf(r.text).includes('Users found: 0'));
    const all = await c.get('/users');
    assert.ok(!all.text.includes('@acme.test'));
    // The platform pages are not theirs.
    assert.equal((await c.get('/platform/occupiers/1/users', { follow: false })).status, 403);
  });
}

test('a forged occupier or operator field does not put a new user in another occupier', async () => {
  const c = await signedIn('admin@globex.test');
  const email = uniqueEmail('forged', 'globex.test');
  const page = await c.get('/users/new');
  const r = await c.submit(formByButton(page.text, 'Add user'), {
    'First name': 'Forged', 'Last name': 'Tenant', 'Email address': email,
    occupier_id: '1', operator_id: '2', occupier: '1',
  }, { follow: false });
  assert.equal(r.status, 303);
  const row = sql(`SELECT id, operator_id, occupier_id FROM users WHERE email = ${sqlQuote(email)}`);
  assert.equal(row.length, 1);
  created.add(Number(row[0][0]));
  assert.deepEqual(row[0].slice(1), ['1', '2'], 'created in Globex');
});

// ---------------------------------------------------------------------------------------------
// Operators

test('ops@other.test gets 404 on the Users tab of Acme and on its users', async () => {
  const victim = createUser({ state: 'AWAITING_VALIDATION' });
  const c = await signedIn('ops@other.test');
  const list = [
    ['GET', '/platform/occupiers/1/users'], ['GET', '/platform/occupiers/1/users?q=acme'],
    ['GET', '/platform/occupiers/1/users/3'], ['GET', '/platform/occupiers/1/users/new'],
    ['POST', '/platform/occupiers/1/users/new', { first_name: 'Other', last_name: 'Op', email: uniqueEmail('otherop'), language: 'en', role: 'user' }],
    ['GET', '/platform/occupiers/1/users.csv'],
    ...actionsOn('/platform/occupiers/1/users', victim.id),
    ...actionsOn('/platform/occupiers/1/users', 2),
    // Its own occupier in the URL, Acme's user id after it.
    ...actionsOn('/platform/occupiers/4/users', victim.id),
  ];
  const count = sqlValue('SELECT COUNT(*) FROM users WHERE occupier_id = 1');
  await assertNothingAllowed(c, victim, list, 404, [2]);
  assert.equal(sqlValue('SELECT COUNT(*) FROM users WHERE occupier_id = 1'), count);
  assert.equal(sqlValue('SELECT role FROM users WHERE id = 2'), 'admin');
  // Its own occupier works.
  assert.equal((await c.get('/platform/occupiers/4/users')).status, 200);
});

test('ops@demo.test cannot reach an Acme user through another occupier\'s URL, nor another operator\'s occupier', async () => {
  const victim = createUser({ state: 'AWAITING_VALIDATION' });
  const c = await signedIn('ops@demo.test');
  await assertNothingAllowed(c, victim, [
    ...actionsOn('/platform/occupiers/2/users', victim.id),
    ['GET', '/platform/occupiers/4/users'],
    ...actionsOn('/platform/occupiers/4/users', 6),
  ], 404, [6]);
  assert.equal(sqlValue('SELECT email FROM users WHERE id = 6'), 'admin@initech.test');
});

test('team members (PLAT-6): operators never see each other\'s team; admins and occupier users not at all', async () => {
  // ops@other.test on Demo Workspaces' team members: not found
  const other = await signedIn('ops@other.test');
  await assertNothingAllowed(other, { id: 7, email: 'staff@demo.test' }, actionsOn('/platform/account/members', 7), 404, [8]);
  assert.doesNotMatch((await other.get('/platform/account')).text, /@demo\.test/);
  // ops@demo.test: another operator's super admin, or an occupier user, is no team member
  const ops = await signedIn('ops@demo.test');
  await assertNothingAllowed(ops, { id: 5, email: 'ops@other.test' }, actionsOn('/platform/account/members', 5), 404, [2]);
  await assertNothingAllowed(ops, { id: 2, email: 'admin@acme.test' }, actionsOn('/platform/account/members', 2), 404);
  // an admin of the platform and an occupier admin are refused the team pages
  for (const email of ['staff@demo.test', 'admin@acme.test']) {
    const c = await signedIn(email);
    await assertNothingAllowed(c, { id: 8, email: 'reception@demo.test' }, actionsOn('/platform/account/members', 8), 403);
  }
});

test('ops@demo.test and staff@demo.test see Acme\'s users on the platform', async () => {
  for (const who of ['ops@demo.test', 'staff@demo.test']) {
    const c = await signedIn(who);
    let r = await c.get('/platform/occupiers/1/users');
    assert.equal(r.status, 200, who);
    assert.ok(textOf(r.text).includes('Acme Ltd'));
    r = await c.get('/platform/occupiers/1/users/3');
    assert.equal(r.status, 200, who);
    const text = textOf(r.text);
    assert.ok(text.includes('user@acme.test'));
    assert.ok(text.includes('Uma User'));
  }
});

test('the operator changes a user\'s email: notices to both addresses, the user\'s sessions end', async () => {
  const u = createUser();
  const session = new Client();
  assert.equal(new URL((await session.signIn(u.email)).url).pathname, '/profile');
  const ops = await signedIn('ops@demo.test');
  const box = mailbox().mark();
  const newEmail = uniqueEmail('moved');
  const base = `/platform/occupiers/1/users/${u.id}`;
  let r = await ops.get(`${base}/edit`);
  assert.equal(r.status, 200);
  const f = formByButton(r.text, 'Save changes');
  const emailField = field(f, 'Email address');
  assert.ok(emailField && emailField.name === 'email' && !emailField.readonly, 'the address is editable on the platform');
  r = await ops.submit(f, { 'Email address': newEmail }, { follow: false });
  assert.equal(r.status, 303, `status ${r.status}`);
  assert.equal(r.headers.get('location'), `${base}?n=changes_saved`);
  assert.equal(sqlValue(`SELECT email FROM users WHERE id = ${u.id}`), newEmail);
  const toOld = await box.waitFor((m) => m.to.includes(u.email));
  const toNew = await box.waitFor((m) => m.to.includes(newEmail));
  for (const m of [toOld, toNew]) {
    assert.equal(m.subject, 'Your email address was changed');
    assert.ok(m.text.includes(u.email) && m.text.includes(newEmail), 'names both addresses');
  }
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  r = await session.get('/profile', { follow: false });
  assert.equal(r.status, 303, 'the user\'s session has ended');
  assert.equal((await new Client().signIn(u.email)).status, 400, 'the old address no longer signs in');
  assert.equal(new URL((await new Client().signIn(newEmail)).url).pathname, '/profile', 'the new one does');
});

test('after the operator changes an email, a link sent to the old address no longer works', async () => {
  const portal = await signedIn('admin@acme.test');
  const box = mailbox().mark();
  const email = uniqueEmail('oldlink');
  const add = await portal.submit(formByButton((await portal.get('/users/new')).text, 'Add user'), {
    'First name': 'Old', 'Last name': 'Link', 'Email address': email, 'Send invite to join portal': true,
  }, { follow: false });
  assert.equal(add.status, 303);
  const id = Number(/\/users\/(\d+)/.exec(add.headers.get('location'))[1]);
  created.add(id);
  const m = await box.waitFor((x) => x.to.includes(email) && x.subject === 'You are invited to the portal');
  const link = m.links().find((l) => /set-password/.test(l));
  const ops = await signedIn('ops@demo.test');
  const r0 = await ops.submit(formByButton((await ops.get(`/platform/occupiers/1/users/${id}/edit`)).text, 'Save changes'),
    { 'Email address': uniqueEmail('newlink') }, { follow: false });
  assert.equal(r0.status, 303);
  // Whoever reads the old mailbox must not be able to choose the password of the account.
  const r = await new Client().get(link);
  assert.equal(r.status, 404, 'the invitation sent to the old address is dead');
  assert.ok(textOf(r.text).includes('This link has expired or has already been used.'));
});

test('the operator cannot change an email to one already used within the operator', async () => {
  const u = createUser();
  const ops = await signedIn('ops@demo.test');
  for (const taken of ['user@acme.test', 'admin@globex.test', 'ops@demo.test']) {
    const r = await ops.submit(formByButton((await ops.get(`/platform/occupiers/1/users/${u.id}/edit`)).text, 'Save changes'),
      { 'Email address': taken }, { follow: false });
    assert.equal(r.status, 400, taken);
    assert.ok(textOf(r.text).includes(taken === 'user@acme.test' ? 'already exists in this occupier' : 'already exists, not in this occupier'), taken);
    assert.match(r.text, new RegExp(`<a href="/platform/users\\?q=${encodeURIComponent(taken).replace(/\./g, '\\.')}">Search users</a>`), 'a link to Search users');
    assert.equal(sqlValue(`SELECT email FROM users WHERE id = ${u.id}`), u.email);
  }
});

test('an admin of Acme can be deleted by the operator, never in the portal', async () => {
  const a = createUser({ role: 'admin' });
  const portal = await signedIn('admin@acme.test');
  let r = await portal.get(`/users/${a.id}/delete`, { follow: false });
  assert.equal(r.status, 403);
  r = await portal.post(`/users/${a.id}/delete`, { csrf: portal.csrf, confirmed: '1' }, { follow: false });
  assert.equal(r.status, 403);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE id = ${a.id}`), '1', 'the portal did not delete the admin');

  const ops = await signedIn('ops@demo.test');
  const view = await ops.get(`/platform/occupiers/1/users/${a.id}`);
  assert.ok(formByButton(view.text, 'Delete user'), 'a Delete user button on the platform');
  r = await ops.get(`/platform/occupiers/1/users/${a.id}/delete`);
  assert.equal(r.status, 200);
  assert.ok(textOf(r.text).includes(a.email));
  r = await ops.submit(formByButton(r.text, 'Delete user'), {}, { follow: false });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/platform/occupiers/1/users?n=user_deleted');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE id = ${a.id}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_accounts WHERE user_id = ${a.id}`), '0');
});

test('the operator can change the role of an invited user; the portal cannot', async () => {
  const u = createUser({ state: 'AWAITING_VALIDATION' });
  const portal = await signedIn('admin@acme.test');
  let r = await portal.submit(formByButton((await portal.get(`/users/${u.id}/edit`)).text, 'Save changes'), { role: 'admin' });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT role FROM users WHERE id = ${u.id}`), 'user');
  const ops = await signedIn('ops@demo.test');
  r = await ops.submit(formByButton((await ops.get(`/platform/occupiers/1/users/${u.id}/edit`)).text, 'Save changes'), { Role: 'admin' });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT role FROM users WHERE id = ${u.id}`), 'admin');
});

test('a signed-in occupier admin is not an operator: sign-in with the demo password of each works only in its own place', async () => {
  // A sanity check of the accounts the tests above rely on.
  for (const [email, where] of [['admin@globex.test', '/users'], ['admin@initech.test', '/users'], ['ops@other.test', '/platform/occupiers']]) {
    const r = await new Client().signIn(email, DEMO_PASSWORD);
    assert.equal(new URL(r.url).pathname, where, email);
  }
});

// ---------------------------------------------------------------------------------------------
// The JSON API (issue 16): the same tenancy for every demo account, with bearer tokens

test('the API: every demo account gets a token only when invited to the app, and only its own occupier\'s users', async () => {
  const { api } = require('./apilib');
  const victim = createUser({ state: 'AWAITING_VALIDATION' });
  const ops = (id) => [['GET', `/api/v1/users/${id}`], ['PATCH', `/api/v1/users/${id}`, { job_title: 'Hacked', version: 1 }],
    ['DELETE', `/api/v1/users/${id}`], ['POST', `/api/v1/users/${id}/resend-invite`, {}],
    ['POST', `/api/v1/users/${id}/account`, { action: 'deactivate' }], ['POST', `/api/v1/users/${id}/wifi-reset`, {}]];
  const signin = (email) => api('POST', '/api/v1/signin', { body: { email, password: DEMO_PASSWORD } });
  // admin@globex.test is invited to the portal only: refused, then tried once invited
  sql("UPDATE users SET invited_app = 0 WHERE email = 'admin@globex.test'");
  const accounts = [
    ['admin@acme.test', 200, 'own'], ['user@acme.test', 200, 403], ['admin@globex.test', 403, 404],
    ['admin@initech.test', 200, 404], ['ops@demo.test', 403, null], ['ops@other.test', 403, null],
  ];
  const tokens = [];
  try {
    for (const [email, signinStatus, want] of accounts) {
      let r = await signin(email);
      assert.equal(r.status, signinStatus, `${email} signs in to the API: ${r.status}`);
      if (signinStatus !== 200) {
        if (want === null) continue;
        sql(`UPDATE users SET invited_app = 1 WHERE email = ${sqlQuote(email)}`);
        r = await signin(email);
        assert.equal(r.status, 200, `${email} once invited to the app`);
      }
      tokens.push([email, r.json.token, want]);
    }
  } finally {
    sql("UPDATE users SET invited_app = 0 WHERE email IN ('admin@globex.test', 'ops@demo.test', 'ops@other.test')");
  }
  // admin@globex.test's token ends with its invitation; the tries below use a new one
  sql("UPDATE users SET invited_app = 1 WHERE email = 'admin@globex.test'");
  const box = mailbox().mark();
  const before = snapshot([victim.id, 2, 3]);
  try {
    for (const [email, token, want] of tokens) {
      const list = await api('GET', `/api/v1/users?q=${encodeURIComponent('acme.test')}`, { token });
      if (want === 'own') {
        assert.equal(list.status, 200);
        assert.ok(list.json.total >= 250);
        assert.equal((await api('GET', `/api/v1/users/${victim.id}`, { token })).status, 200);
        continue;
      }
      assert.equal(list.status, want === 403 ? 403 : 200, `${email}: the list`);
      if (want === 404) assert.equal(list.json.total, 0, `${email}: no Acme user in its list`);
      for (const id of [victim.id, 2, 3]) {
        for (const [m, p, body] of ops(id)) {
          const x = await api(m, p, { token, body });
          assert.equal(x.status, want, `${email}: ${m} ${p}`);
          assert.ok(!x.text.includes('@acme.test') || email.endsWith('@acme.test'), `${m} ${p} shows nothing of Acme`);
        }
      }
    }
  } finally {
    sql("UPDATE users SET invited_app = 0 WHERE email = 'admin@globex.test'");
  }
  assert.deepEqual(snapshot([victim.id, 2, 3]), before, 'nothing changed');
  await sleep(300);
  assert.deepEqual(box.list().map((m) => `${m.to}: ${m.subject}`), [], 'no email sent');
});
