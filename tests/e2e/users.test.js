'use strict';
// User management for occupier admins (UM-1..9, WIFI-1..4, AUTH-6, AUTH-7), signed in as
// admin@acme.test. Users that a test changes are created for it (directly in the database or
// through the form) with unique addresses, and removed at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const {
  Client, forms, formByButton, field, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote,
  DEMO_PASSWORD, DEMO_HASH, DEMO_WIFI_HEX,
} = require('./lib');

const ACME = 1;
const PAGE_SIZE = 50;

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const uniqueEmail = (what, domain = 'acme.test') => `t7-${what}-${uid()}@${domain}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const createdUsers = new Set();
const createdNumbers = [];
const createdSites = [];

/** A user made directly in the database (Acme by default), with the demo password unless
 * NOT_INVITED; wifi: null | 'ACTIVE' | 'DEACTIVATED'; number: true to assign a new number. */
function createUser({
  email = uniqueEmail('um'), first = 'Test', last = 'Person', occupier = ACME, role = 'user',
  state = 'VALIDATED', language = 'en', wifi = null, number = false, jobTitle = '',
} = {}) {
  const pw = state === 'NOT_INVITED' ? 'NULL' : sqlQuote(DEMO_HASH);
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, job_title,
        language, account_state, invited_portal, password_hash, last_sign_in)
       VALUES (1, ${occupier}, ${sqlQuote(role)}, ${sqlQuote(first)}, ${sqlQuote(last)},
        ${sqlQuote(email)}, ${sqlQuote(jobTitle)}, ${sqlQuote(language)}, ${sqlQuote(state)},
        ${state === 'NOT_INVITED' ? 0 : 1}, ${pw},
        ${state === 'VALIDATED' || state === 'DEACTIVATED' ? 'UTC_TIMESTAMP()' : 'NULL'})`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE operator_id = 1 AND email = ${sqlQuote(email)}`));
  createdUsers.add(id);
  if (wifi) {
    sql(`INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
         VALUES (${id}, ${sqlQuote(wifi)}, 3, 1, UNHEX('${DEMO_WIFI_HEX}'))`);
  }
  let phone = null;
  if (number) {
    for (let i = 0; i < 5 && !phone; i++) {
      const n = `+4420799${String(crypto.randomInt(0, 100000)).padStart(5, '0')}`;
      if (sqlValue(`SELECT COUNT(*) FROM phone_numbers WHERE operator_id = 1 AND number = '${n}'`) !== '0') continue;
      sql(`INSERT INTO phone_numbers (operator_id, site_id, occupier_id, allocated, user_id, number, extension, default_pin)
           VALUES (1, 1, ${occupier}, 1, ${id}, '${n}', '${n.slice(-4)}', '123456')`);
      phone = { id: Number(sqlValue(`SELECT id FROM phone_numbers WHERE operator_id = 1 AND number = '${n}'`)), number: n };
      createdNumbers.push(phone.id);
    }
  }
  return { id, email, phone };
}

function userRow(id) {
  const rows = sql(`SELECT first_name, last_name, email, job_title, role, account_state, language,
    version, invited_portal, invited_app FROM users WHERE id = ${id}`);
  if (!rows.length) return null;
  const [first, last, email, jobTitle, role, state, language, version, invitedPortal, invitedApp] = rows[0];
  return { first, last, email, jobTitle, role, state, language, version, invitedPortal, invitedApp };
}

function wifiRow(id) {
  const rows = sql(`SELECT state, device_limit, homesite_id, HEX(password_enc) FROM wifi_accounts WHERE user_id = ${id}`);
  if (!rows.length) return null;
  const [state, limit, homesite, enc] = rows[0];
  return { state, limit, homesite, enc };
}

const countUsersWithEmail = (email) => sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${sqlQuote(email)}`);

let admin;
test.before(async () => {
  admin = new Client();
  const r = await admin.signIn('admin@acme.test');
  assert.equal(new URL(r.url).pathname, '/users', 'admin@acme.test signs in');
});

test.after(() => {
  if (createdNumbers.length) sql(`DELETE FROM phone_numbers WHERE id IN (${createdNumbers.join(', ')})`);
  if (createdUsers.size) sql(`DELETE FROM users WHERE id IN (${[...createdUsers].join(', ')})`);
  if (createdSites.length) sql(`DELETE FROM sites WHERE id IN (${createdSites.join(', ')})`);
  sql("DELETE FROM signin_failures WHERE throttle_key LIKE 'a:t7-%'");
});

// ---------------------------------------------------------------------------------------------
// Page helpers

/** The rows of the users table: [{cells: {label: text}, email, href}]. */
function tableRows(html) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html);
  assert.ok(body, 'a table body');
  const out = [];
  for (const tr of body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const cells = {};
    for (const td of tr[1].matchAll(/<td data-label="([^"]*)">([\s\S]*?)<\/td>/g)) cells[textOf(td[1])] = textOf(td[2]);
    const link = /<a class="row-link" href="([^"]+)">([^<]*)<\/a>/.exec(tr[1]);
    out.push({ cells, href: link && link[1], email: link && textOf(link[2]), html: tr[1] });
  }
  return out;
}

/** The error message shown next to a field of the user form, or null. */
function fieldError(html, name) {
  const m = new RegExp(`<p class="error-message" id="${name}-error">([\\s\\S]*?)</p>`).exec(html);
  return m ? textOf(m[1]) : null;
}

function notice(html) {
  const m = /<div class="notice notice-success"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return m ? textOf(m[1]) : null;
}

async function addForm(c = admin) {
  const r = await c.get('/users/new');
  assert.equal(r.status, 200);
  const f = formByButton(r.text, 'Add user');
  assert.ok(f, 'the Add a user form');
  return f;
}

async function editForm(id, c = admin, base = '/users') {
  const r = await c.get(`${base}/${id}/edit`);
  assert.equal(r.status, 200, `GET ${base}/${id}/edit`);
  const f = formByButton(r.text, 'Save changes');
  assert.ok(f, 'the edit form');
  return f;
}

/** Posts the form of the details page that has the button `button`. */
async function clickOnDetails(id, button, c = admin) {
  const page = await c.get(`/users/${id}`);
  assert.equal(page.status, 200);
  const f = formByButton(page.text, button);
  assert.ok(f, `a "${button}" button on the details page of user ${id}`);
  return c.submit(f, {}, { follow: false });
}

function stateText(s) {
  return { NOT_INVITED: 'NOT INVITED', AWAITING_VALIDATION: 'AWAITING VALIDATION', NO_ACCOUNT: 'NO ACCOUNT' }[s] || s;
}

const SQL_LIST_ORDER = 'ORDER BY u.last_name, u.first_name, u.id';

function expectedEmails(q = '', page = 1) {
  const where = q ? `AND (LOCATE(${sqlQuote(q)}, u.email) > 0 OR LOCATE(${sqlQuote(q)}, CONCAT(u.first_name, ' ', u.last_name)) > 0)` : '';
  return sql(`SELECT u.email FROM users u WHERE u.operator_id = 1 AND u.occupier_id = ${ACME} ${where}
    ${SQL_LIST_ORDER} LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`).map((r) => r[0]);
}

function expectedCount(q = '') {
  const where = q ? `AND (LOCATE(${sqlQuote(q)}, u.email) > 0 OR LOCATE(${sqlQuote(q)}, CONCAT(u.first_name, ' ', u.last_name)) > 0)` : '';
  return Number(sqlValue(`SELECT COUNT(*) FROM users u WHERE u.operator_id = 1 AND u.occupier_id = ${ACME} ${where}`));
}

// ---------------------------------------------------------------------------------------------
// UM-1, UM-2: the list, filter and pages

test('the list shows the columns and each user with role, phone number and statuses', async () => {
  const r = await admin.get('/users');
  assert.equal(r.status, 200);
  const heads = [...r.text.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]));
  for (const h of ['Name', 'Email address', 'Role', 'Phone number', 'Wi-Fi access', 'User account']) {
    assert.ok(heads.includes(h), `column "${h}" in ${JSON.stringify(heads)}`);
  }
  const total = expectedCount();
  assert.ok(textOf(r.text).includes(`Users found: ${total}`), `"Users found: ${total}"`);
  const rows = tableRows(r.text);
  assert.equal(rows.length, Math.min(PAGE_SIZE, total));
  const db = new Map(sql(`SELECT u.email, u.id, u.first_name, u.last_name, u.role,
      u.account_state, IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension FROM users u
      LEFT JOIN wifi_accounts w ON w.user_id = u.id LEFT JOIN phone_numbers p ON p.user_id = u.id
      WHERE u.operator_id = 1 AND u.occupier_id = ${ACME} AND u.email IN (${rows.map((x) => sqlQuote(x.email)).join(', ')})`)
    .map(([email, ...rest]) => [email, rest]));
  for (const row of rows) {
    assert.ok(db.has(row.email), `${row.email} is an Acme user`);
    const [id, first, last, role, state, wifi, number, ext] = db.get(row.email);
    assert.equal(row.href, `/users/${id}`, `${row.email} links to its details page`);
    assert.equal(row.cells.Name, `${first} ${last}`);
    assert.equal(row.cells.Role, role === 'admin' ? 'Admin' : 'User');
    assert.equal(row.cells['Wi-Fi access'], stateText(wifi), `Wi-Fi of ${row.email}`);
    // issue 16: an invitation's expiry follows the badge of an account awaiting validation
    const [badge, expiry] = row.cells['User account'].split('Invitation expires ');
    assert.equal(badge, stateText(state), `account of ${row.email}`);
    if (expiry !== undefined) {
      assert.equal(state, 'AWAITING_VALIDATION', `only an invitation awaiting an answer: ${row.email}`);
      assert.match(expiry, /^\d{4}-\d{2}-\d{2}$/);
    }
    if (number === null) assert.equal(row.cells['Phone number'], 'Not assigned');
    else {
      assert.ok(row.cells['Phone number'].includes(number), `number of ${row.email}`);
      assert.ok(row.cells['Phone number'].includes(`Extension ${ext}`));
    }
    // Admins cannot be deleted in the portal: no Delete action on their row.
    assert.equal(/>Delete</.test(row.html), role !== 'admin', `Delete action of ${row.email}`);
  }
  const seen = (col) => new Set(rows.map((x) => x.cells[col]));
  assert.ok(seen('Phone number').has('Not assigned'));
  for (const s of ['ACTIVE', 'NO ACCOUNT', 'DEACTIVATED']) assert.ok(seen('Wi-Fi access').has(s), `a Wi-Fi ${s} badge on page 1`);
  for (const s of ['NOT INVITED', 'AWAITING VALIDATION', 'VALIDATED', 'DEACTIVATED']) {
    assert.ok(seen('User account').has(s), `a user account ${s} badge on page 1`);
  }
  assert.match(r.text, /<span class="badge badge-outline">Not assigned<\/span>/);
});

test('the admin row shows the assigned phone number and extension', async () => {
  const r = await admin.get('/users?q=admin%40acme.test');
  const rows = tableRows(r.text);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].cells.Role, 'Admin');
  assert.equal(rows[0].cells['Phone number'].replace(/\s+/g, ''), '+442079460102Extension102');
});

test('filtering by part of a name gives the matching users (plain GET form)', async () => {
  let page = await admin.get('/users');
  const f = formByButton(page.text, 'Filter');
  assert.ok(f, 'a filter form');
  assert.equal(f.method, 'get');
  for (const q of ['ssica Bro', 'JESSICA', 'Patel']) {
    page = await admin.submit(f, { 'Filter by name or email': q });
    assert.equal(page.status, 200);
    const want = expectedEmails(q);
    assert.ok(want.length > 0, `demo users match "${q}"`);
    const rows = tableRows(page.text);
    assert.deepEqual(rows.map((x) => x.email), want, `rows for "${q}"`);
    assert.ok(textOf(page.text).includes(`Users found: ${expectedCount(q)}`));
    for (const row of rows) {
      assert.ok(`${row.cells.Name} ${row.email}`.toLowerCase().includes(q.toLowerCase()), `${row.email} matches "${q}"`);
    }
    assert.equal(field(formByButton(page.text, 'Filter'), 'q').value, q, 'the filter stays in its field');
  }
});

test('filtering by part of an email address gives the matching users', async () => {
  for (const q of ['own7', 'brown1', '.smith2', '@acme.test']) {
    const r = await admin.get(`/users?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200);
    const rows = tableRows(r.text);
    assert.deepEqual(rows.map((x) => x.email), expectedEmails(q), `rows for "${q}"`);
    assert.ok(textOf(r.text).includes(`Users found: ${expectedCount(q)}`), `count for "${q}"`);
  }
});

test('a filter that matches nothing, another occupier, or LIKE wildcards shows no rows', async () => {
  for (const q of ['zz-no-such-user-zz', 'globex.test', 'initech', '%', '_', '\\']) {
    const r = await admin.get(`/users?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, q);
    const want = expectedCount(q);
    assert.equal(want, 0, `nobody in Acme matches "${q}"`);
    assert.deepEqual(tableRows(r.text).filter((x) => x.email), [], `no rows for "${q}"`);
    assert.ok(textOf(r.text).includes('No users match this filter.'));
    assert.ok(textOf(r.text).includes("Users found: 0"));
  }
});

test('the list is paged by 50: page 2 holds the next users, with Previous and Next links', async () => {
  const total = expectedCount();
  const pages = Math.ceil(total / PAGE_SIZE);
  assert.ok(pages >= 3, `Acme has ${total} users`);
  const p1 = await admin.get('/users');
  const p2 = await admin.get('/users?page=2');
  assert.equal(p2.status, 200);
  const e1 = tableRows(p1.text).map((x) => x.email);
  const e2 = tableRows(p2.text).map((x) => x.email);
  assert.deepEqual(e1, expectedEmails('', 1));
  assert.deepEqual(e2, expectedEmails('', 2));
  assert.equal(e2.filter((e) => e1.includes(e)).length, 0, 'no user on both pages');
  assert.ok(textOf(p2.text).includes(`Page 2 of ${pages}`));
  assert.match(p2.text, /<a [^>]*href="\/users\?q=&amp;page=1" rel="prev">Previous<\/a>/);
  assert.match(p2.text, /<a [^>]*href="\/users\?q=&amp;page=3" rel="next">Next<\/a>/);
  assert.doesNotMatch(p1.text, /rel="prev"/);
  // Past the end: the last page; not a number: the first.
  const last = await admin.get('/users?page=9999');
  assert.equal(last.status, 200);
  assert.ok(textOf(last.text).includes(`Page ${pages} of ${pages}`));
  assert.deepEqual(tableRows(last.text).map((x) => x.email), expectedEmails('', pages));
  assert.doesNotMatch(last.text, /rel="next"/);
  for (const bad of ['abc', '0', '-1']) {
    const r = await admin.get(`/users?page=${bad}`);
    assert.equal(r.status, 200, `page=${bad}`);
    assert.deepEqual(tableRows(r.text).map((x) => x.email), e1, `page=${bad} shows page 1`);
  }
});

test('paging keeps the filter', async () => {
  const q = 'a';
  const total = expectedCount(q);
  assert.ok(total > PAGE_SIZE);
  const r = await admin.get(`/users?q=${q}&page=2`);
  assert.deepEqual(tableRows(r.text).map((x) => x.email), expectedEmails(q, 2));
  assert.match(r.text, /href="\/users\?q=a&amp;page=1" rel="prev"/);
});

// ---------------------------------------------------------------------------------------------
// UM-3: adding a user

test('adding a user with a Wi-Fi account and a portal invitation', async () => {
  const box = mailbox().mark();
  const email = uniqueEmail('add');
  const typed = email.replace('t7-add', 'T7-Add').replace('acme.test', 'ACME.test');
  const f = await addForm();
  let r = await admin.submit(f, {
    'First name': 'Ada', 'Last name': 'Lovelace', 'Email address': ` ${typed} `, 'Job title': 'Analyst',
    'Mobile phone': '+44 7700 900123', 'Direct line': '020 7946 0999', Language: 'en',
    'Create a Wi-Fi account': true, 'Concurrent device limit': '4', 'Wi-Fi homesite': '2',
    Role: 'user', 'Send invite to join portal': true,
  }, { follow: false });
  assert.equal(r.status, 303, `status ${r.status}: ${textOf(r.text).slice(0, 300)}`);
  const m = /^\/users\/(\d+)\?n=user_added$/.exec(r.headers.get('location'));
  assert.ok(m, `redirect to the details page: ${r.headers.get('location')}`);
  const id = Number(m[1]);
  createdUsers.add(id);

  // The database: the user, stored lower-cased in Acme, invited; an ACTIVE Wi-Fi account.
  const u = userRow(id);
  assert.deepEqual([u.first, u.last, u.email, u.jobTitle, u.role, u.state, u.invitedPortal, u.invitedApp],
    ['Ada', 'Lovelace', email, 'Analyst', 'user', 'AWAITING_VALIDATION', '1', '0']);
  assert.deepEqual(sql(`SELECT operator_id, occupier_id, mobile_phone, direct_line FROM users WHERE id = ${id}`)[0],
    ['1', '1', '+44 7700 900123', '020 7946 0999']);
  const w = wifiRow(id);
  assert.equal(w.state, 'ACTIVE');
  assert.equal(w.limit, '4');
  assert.equal(w.homesite, '2');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${id} AND kind = 'invite'
    AND expires_at BETWEEN UTC_TIMESTAMP() + INTERVAL 6 DAY + INTERVAL 23 HOUR AND UTC_TIMESTAMP() + INTERVAL 7 DAY + INTERVAL 1 MINUTE`),
  '1', 'one invitation token, expiring in 7 days');

  // The details page.
  r = await admin.get(r.headers.get('location'));
  assert.equal(r.status, 200);
  assert.equal(notice(r.text), 'User added.');
  const text = textOf(r.text);
  for (const s of ['Ada Lovelace', email, 'Analyst', 'Canary Wharf', 'AWAITING VALIDATION', 'ACTIVE']) {
    assert.ok(text.includes(s), `"${s}" on the details page`);
  }

  // The emails: the Wi-Fi password (WIFI-1) and the invitation (AUTH-6).
  const wifiMail = await box.waitFor((x) => x.to.includes(email) && /Wi-Fi/.test(x.subject));
  assert.equal(wifiMail.subject, 'Your Wi-Fi Secure password');
  assert.ok(wifiMail.from.includes('Demo Workspaces'), `branded sender: ${wifiMail.from}`);
  const pw = /Password: (\S+)/.exec(wifiMail.text);
  assert.ok(pw, `a password in: ${wifiMail.text}`);
  assert.ok(pw[1].length >= 8);
  assert.ok(wifiMail.text.includes('Canary Wharf'));
  assert.ok(wifiMail.html.includes(pw[1]), 'the HTML part too');
  const invite = await box.waitFor((x) => x.to.includes(email) && /invited/i.test(x.subject));
  assert.equal(invite.subject, 'You are invited to the portal');
  assert.ok(invite.links().some((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l)), 'an invitation link');

  // WIFI-4: stored encrypted, never in a page.
  assert.ok(!w.enc.includes(Buffer.from(pw[1]).toString('hex').toUpperCase()), 'the password is not stored in clear');
  assert.ok(w.enc.length >= 2 * (pw[1].length + 16), 'ciphertext with a MAC');
  assert.ok(!r.text.includes(pw[1]), 'not on the details page');
  assert.ok(!(await admin.get(`/users/${id}/edit`)).text.includes(pw[1]), 'not in the edit form');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE new_value LIKE ${sqlQuote(`%${pw[1]}%`)}
    OR old_value LIKE ${sqlQuote(`%${pw[1]}%`)}`), '0', 'not in the audit log');

  // In the list, filtered by the new address.
  const list = await admin.get(`/users?q=${encodeURIComponent(email)}`);
  const rows = tableRows(list.text);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].cells['Wi-Fi access'], 'ACTIVE');
  const expiry = sqlValue(`SELECT DATE_FORMAT(expires_at, '%Y-%m-%d') FROM user_tokens t JOIN users u
    ON u.id = t.user_id WHERE u.email = ${sqlQuote(email)} AND t.kind = 'invite'`);
  assert.equal(rows[0].cells['User account'], `AWAITING VALIDATIONInvitation expires ${expiry}`,
    'the invitation\'s expiry under the badge (issue 16)');
});

test('adding a user with only the mandatory fields: no Wi-Fi, not invited, no email', async () => {
  const box = mailbox().mark();
  const email = uniqueEmail('plain');
  const r = await admin.submit(await addForm(), { 'First name': 'Plain', 'Last name': 'User', 'Email address': email }, { follow: false });
  assert.equal(r.status, 303);
  const id = Number(/\/users\/(\d+)/.exec(r.headers.get('location'))[1]);
  createdUsers.add(id);
  assert.equal(userRow(id).state, 'NOT_INVITED');
  assert.equal(wifiRow(id), null);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${id}`), '0');
  await sleep(1500);
  assert.deepEqual(box.list().filter((m) => m.to.includes(email)), []);
});

const BAD_INPUTS = [
  ['a missing first name', { 'First name': '' }, 'first_name', 'This field is required.'],
  ['a first name of spaces', { 'First name': '   ' }, 'first_name', 'This field is required.'],
  ['a missing last name', { 'Last name': '' }, 'last_name', 'This field is required.'],
  ['a malformed email address', { 'Email address': 'not-an-email' }, 'email', 'Enter a valid email address, like name@example.com.'],
  ['an email address without a domain dot', { 'Email address': 'someone@acme' }, 'email', 'Enter a valid email address, like name@example.com.'],
  ['a missing email address', { 'Email address': '' }, 'email', 'This field is required.'],
  ['an Acme user\'s email address', { 'Email address': 'user@acme.test' }, 'email', 'A user with this email address already exists in this occupier (or, for a team member, in your team). Find them with Search users.'],
  ['an Acme address in other case', { 'Email address': 'User@ACME.test' }, 'email', 'A user with this email address already exists in this occupier (or, for a team member, in your team). Find them with Search users.'],
  ['a Globex user\'s address (same operator)', { 'Email address': 'admin@globex.test' }, 'email', 'A user with this email address already exists, not in this occupier: in another occupier or the operator\'s team. Find them with Search users.'],
  ['a team member\'s address (same operator)', { 'Email address': 'staff@demo.test' }, 'email', 'A user with this email address already exists, not in this occupier: in another occupier or the operator\'s team. Find them with Search users.'],
  ['a device limit of 0', { 'Create a Wi-Fi account': true, 'Concurrent device limit': '0', 'Wi-Fi homesite': '1' }, 'device_limit', 'Enter a whole number within the allowed range.'],
  ['a device limit of 11', { 'Create a Wi-Fi account': true, 'Concurrent device limit': '11', 'Wi-Fi homesite': '1' }, 'device_limit', 'Enter a whole number within the allowed range.'],
  ['a device limit of "abc"', { 'Create a Wi-Fi account': true, 'Concurrent device limit': 'abc', 'Wi-Fi homesite': '1' }, 'device_limit', 'Enter a whole number within the allowed range.'],
  ['a device limit of 2.5', { 'Create a Wi-Fi account': true, 'Concurrent device limit': '2.5', 'Wi-Fi homesite': '1' }, 'device_limit', 'Enter a whole number within the allowed range.'],
  ['no device limit', { 'Create a Wi-Fi account': true, 'Concurrent device limit': '', 'Wi-Fi homesite': '1' }, 'device_limit', 'This field is required.'],
  ['no Wi-Fi homesite', { 'Create a Wi-Fi account': true, 'Concurrent device limit': '3', 'Wi-Fi homesite': '' }, 'homesite', 'Choose a Wi-Fi homesite.'],
  ['a homesite of another operator (site 3)', { 'Create a Wi-Fi account': true, 'Concurrent device limit': '3', 'Wi-Fi homesite': '3' }, 'homesite', 'Choose one of the occupier\'s sites.'],
  ['a homesite that does not exist', { 'Create a Wi-Fi account': true, 'Concurrent device limit': '3', 'Wi-Fi homesite': '999999' }, 'homesite', 'Choose one of the occupier\'s sites.'],
  ['a malformed mobile phone', { 'Mobile phone': 'call me maybe' }, 'mobile_phone', 'Enter a valid phone number: digits, spaces and + ( ) - only.'],
  ['a first name over 100 characters', { 'First name': 'N'.repeat(101) }, 'first_name', 'This is too long.'],
  ['a role that does not exist', { Role: 'super_admin' }, 'role', 'Choose User or Admin.'],
];

for (const [what, change, fieldName, message] of BAD_INPUTS) {
  test(`adding a user with ${what} is refused next to the field, keeping what was typed`, async () => {
    const box = mailbox().mark();
    const email = uniqueEmail('bad');
    const values = {
      'First name': 'Grace', 'Last name': 'Hopper', 'Email address': email, 'Job title': 'Rear admiral',
      'Send invite to join portal': true, ...change,
    };
    const emailSent = String(values['Email address']).trim().toLowerCase();
    const before = emailSent ? countUsersWithEmail(emailSent) : null;
    const total = expectedCount();
    const r = await admin.submit(await addForm(), values, { follow: false });
    assert.equal(r.status, 400);
    assert.equal(fieldError(r.text, fieldName), message, `the message next to ${fieldName}`);
    if (fieldName !== 'role') { // see the test of the role field below
      assert.match(r.text, new RegExp(`aria-describedby="[^"]*${fieldName}-error`), 'the field points at its message');
    }
    assert.ok(textOf(/<div class="error-summary"[\s\S]*?<\/div>/.exec(r.text)[0]).includes(message), 'and in the summary');
    const f = formByButton(r.text, 'Add user');
    assert.ok(f, 'the form again');
    for (const label of ['First name', 'Last name', 'Job title']) {
      assert.equal(field(f, label).value, String(values[label]).trim(), `"${label}" is kept`);
    }
    assert.equal(field(f, 'Email address').value.toLowerCase(), emailSent, '"Email address" is kept');
    assert.equal(field(f, 'Send invite to join portal').checked, true, 'the invite box stays ticked');
    if (change['Create a Wi-Fi account']) {
      assert.equal(field(f, 'Create a Wi-Fi account').checked, true, 'the Wi-Fi box stays ticked');
      assert.equal(field(f, 'Concurrent device limit').value, change['Concurrent device limit']);
    }
    assert.equal(expectedCount(), total, 'no user added');
    if (emailSent) assert.equal(countUsersWithEmail(emailSent), before);
    await sleep(300);
    assert.deepEqual(box.list().filter((m) => m.to.includes(emailSent || email)), [], 'no email');
  });
}

test('the role field points at its error message like the other fields (aria-describedby)', async () => {
  const r = await admin.submit(await addForm(), {
    'First name': 'Role', 'Last name': 'Error', 'Email address': uniqueEmail('role'), Role: 'owner',
  }, { follow: false });
  assert.equal(r.status, 400);
  assert.equal(fieldError(r.text, 'role'), 'Choose User or Admin.');
  const select = /<select id="role"[^>]*>/.exec(r.text)[0];
  assert.match(select, /aria-describedby="[^"]*role-error/, `the role select names its message: ${select}`);
  assert.match(select, /aria-invalid="true"/, select);
});

test('a homesite of the operator where Acme has no space is refused', async () => {
  const name = `T7 Site ${uid()}`;
  sql(`INSERT INTO sites (operator_id, name) VALUES (1, ${sqlQuote(name)})`);
  const site = Number(sqlValue(`SELECT id FROM sites WHERE operator_id = 1 AND name = ${sqlQuote(name)}`));
  createdSites.push(site);
  sql(`INSERT INTO occupier_sites (occupier_id, site_id) VALUES (2, ${site})`); // Globex's, not Acme's
  try {
    const email = uniqueEmail('site');
    const f = await addForm();
    assert.ok(!field(f, 'Wi-Fi homesite').options.some((o) => o.value === String(site)), 'not offered');
    const r = await admin.submit(f, {
      'First name': 'Site', 'Last name': 'Test', 'Email address': email, 'Create a Wi-Fi account': true,
      'Concurrent device limit': '3', 'Wi-Fi homesite': String(site),
    }, { follow: false });
    assert.equal(r.status, 400);
    assert.equal(fieldError(r.text, 'homesite'), 'Choose one of the occupier\'s sites.');
    assert.equal(countUsersWithEmail(email), '0');
  } finally {
    sql(`DELETE FROM occupier_sites WHERE site_id = ${site}`);
  }
});

test('the address of a user of another operator (Initech) is allowed', async () => {
  const box = mailbox().mark();
  const initech = sqlValue("SELECT email FROM users WHERE operator_id = 2 AND occupier_id = 4 AND role = 'user' ORDER BY id LIMIT 1");
  assert.ok(initech);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE operator_id = 1 AND email = ${sqlQuote(initech)}`), '0');
  const r = await admin.submit(await addForm(), { 'First name': 'Same', 'Last name': 'Address', 'Email address': initech }, { follow: false });
  assert.equal(r.status, 303, `status ${r.status}: ${fieldError(r.text, 'email')}`);
  const id = Number(/\/users\/(\d+)/.exec(r.headers.get('location'))[1]);
  createdUsers.add(id);
  assert.deepEqual(sql(`SELECT operator_id, occupier_id FROM users WHERE id = ${id}`)[0], ['1', '1']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${sqlQuote(initech)}`), '2');
  // The Initech user is untouched.
  assert.equal(sqlValue(`SELECT occupier_id FROM users WHERE operator_id = 2 AND email = ${sqlQuote(initech)}`), '4');
  await sleep(300);
  assert.deepEqual(box.list().filter((m) => m.to.includes(initech)), []);
});

test('names, titles and the filter are shown as text, never as markup', async () => {
  const box = mailbox().mark();
  const email = uniqueEmail('xss');
  const first = '"><img src=x onerror=alert(1)>';
  const last = '<script>alert(2)</script>';
  const title = "O'Brien & <b>Sons</b>";
  let r = await admin.submit(await addForm(), {
    'First name': first, 'Last name': last, 'Email address': email, 'Job title': title,
    'Create a Wi-Fi account': true, 'Concurrent device limit': '3', 'Wi-Fi homesite': '1',
  }, { follow: false });
  assert.equal(r.status, 303);
  const id = Number(/\/users\/(\d+)/.exec(r.headers.get('location'))[1]);
  createdUsers.add(id);
  assert.deepEqual([userRow(id).first, userRow(id).last, userRow(id).jobTitle], [first, last, title], 'stored as typed');
  const pages = {
    details: await admin.get(`/users/${id}`),
    edit: await admin.get(`/users/${id}/edit`),
    delete: await admin.get(`/users/${id}/delete`),
    list: await admin.get(`/users?q=${encodeURIComponent(email)}`),
    filter: await admin.get(`/users?q=${encodeURIComponent('"><script>alert(3)</script>')}`),
  };
  for (const [name, page] of Object.entries(pages)) {
    assert.equal(page.status, 200, name);
    assert.doesNotMatch(page.text, /<img src=x|<script>alert|<b>Sons/, `${name}: markup is escaped`);
  }
  assert.ok(textOf(pages.details.text).includes(`${first} ${last}`), 'shown as text');
  assert.ok(textOf(pages.details.text).includes(title));
  assert.equal(field(formByButton(pages.edit.text, 'Save changes'), 'First name').value, first);
  assert.equal(field(formByButton(pages.filter.text, 'Filter'), 'q').value, '"><script>alert(3)</script>');
  const m = await box.waitFor((x) => x.to.includes(email));
  assert.doesNotMatch(m.html, /<img src=x|<script>alert/, 'escaped in the HTML email');
});

// ---------------------------------------------------------------------------------------------
// UM-5, UM-6, UM-9: editing

test('editing the job title saves it ("Changes saved.")', async () => {
  const u = createUser({ jobTitle: 'Before' });
  const v = Number(userRow(u.id).version);
  let r = await admin.get(`/users/${u.id}`);
  const editLink = /<a class="btn btn-primary" href="([^"]+)">Edit user details<\/a>/.exec(r.text);
  assert.ok(editLink, 'an "Edit user details" link');
  assert.equal(editLink[1], `/users/${u.id}/edit`);
  const f = await editForm(u.id);
  assert.equal(field(f, 'Job title').value, 'Before');
  assert.equal(field(f, 'version').value, String(v));
  r = await admin.submit(f, { 'Job title': 'After the edit' });
  assert.equal(r.status, 200);
  assert.equal(new URL(r.url).pathname, `/users/${u.id}`);
  assert.equal(notice(r.text), 'Changes saved.');
  assert.ok(textOf(r.text).includes('After the edit'));
  const row = userRow(u.id);
  assert.equal(row.jobTitle, 'After the edit');
  assert.equal(Number(row.version), v + 1);
  assert.equal(row.email, u.email);
});

test('editing works whatever addresses other users of the operator have (even unchanged@example.com)', async () => {
  // A user of another occupier of the same operator with this particular address.
  const other = createUser({ email: 'unchanged@example.com', occupier: 2, state: 'NOT_INVITED' });
  try {
    const u = createUser({ jobTitle: 'Before' });
    const r = await admin.submit(await editForm(u.id), { 'Job title': 'After' }, { follow: false });
    assert.equal(r.status, 303, `status ${r.status}: ${fieldError(r.text, 'email')}`);
    assert.equal(userRow(u.id).jobTitle, 'After');
  } finally {
    sql(`DELETE FROM users WHERE id = ${other.id}`);
    createdUsers.delete(other.id);
  }
});

test('the email address cannot be changed in the portal, even by forging the field', async () => {
  const u = createUser();
  const other = uniqueEmail('forged');
  const f = await editForm(u.id);
  const shown = f.inputs.find((i) => i.id === 'email');
  assert.ok(shown && shown.readonly, 'the address is shown read-only');
  assert.ok(!f.inputs.some((i) => i.name === 'email'), 'and not sent with the form');
  const r = await admin.submit(f, { email: other, 'Job title': 'Forger' });
  assert.equal(r.status, 200);
  const row = userRow(u.id);
  assert.equal(row.email, u.email, 'the address is unchanged');
  assert.equal(row.jobTitle, 'Forger', 'the other changes are saved');
  assert.equal(countUsersWithEmail(other), '0');
});

test('the direct line of a user with an assigned number is the number, read-only: a forged value is ignored', async () => {
  const u = createUser({ number: true });
  sql(`UPDATE users SET direct_line = '020 7000 0000' WHERE id = ${u.id}`);
  const f = await editForm(u.id);
  assert.equal(field(f, 'direct_line'), null, 'no Direct line field');
  assert.ok(f.inputs.some((i) => i.id === 'phone_number' && i.readonly && i.value.includes(u.phone.number)), 'the number, read-only');
  const r = await admin.submit(f, { direct_line: '+44 1111 222333' });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT direct_line FROM users WHERE id = ${u.id}`), '020 7000 0000');
});

test('the role cannot be changed once invited, even by forging the field', async () => {
  for (const state of ['AWAITING_VALIDATION', 'VALIDATED', 'DEACTIVATED']) {
    const u = createUser({ state });
    const f = await editForm(u.id);
    assert.equal(f.inputs.some((i) => i.name === 'role'), false, `no role field for ${state}`);
    assert.ok(f.inputs.find((i) => i.id === 'role_fixed' && i.readonly), 'the role is shown read-only');
    const r = await admin.submit(f, { role: 'admin' });
    assert.equal(r.status, 200, state);
    assert.equal(userRow(u.id).role, 'user', `still a user (${state})`);
  }
});

test('the role of a user not yet invited can be changed', async () => {
  const u = createUser({ state: 'NOT_INVITED' });
  const f = await editForm(u.id);
  assert.equal(field(f, 'Role').value, 'user');
  const r = await admin.submit(f, { Role: 'admin' });
  assert.equal(r.status, 200);
  assert.equal(userRow(u.id).role, 'admin');
});

test('a save over someone else\'s change is refused with 409, keeping the typed values', async () => {
  const u = createUser({ jobTitle: 'Original' });
  const formA = await editForm(u.id);
  // A second admin session saves first.
  const b = new Client();
  await b.signIn('admin@acme.test');
  const formB = await editForm(u.id, b);
  let r = await b.submit(formB, { 'Job title': 'Saved by B' });
  assert.equal(notice(r.text), 'Changes saved.');
  // A saves its form, shown before B's save.
  r = await admin.submit(formA, { 'Job title': 'Typed by A', 'Mobile phone': '+44 7700 900555' });
  assert.equal(r.status, 409);
  assert.ok(textOf(r.text).includes('changed by someone else'), 'the conflict message');
  const again = formByButton(r.text, 'Save changes');
  assert.ok(again, 'the form again');
  assert.equal(field(again, 'Job title').value, 'Typed by A', 'A\'s typing is kept');
  assert.equal(field(again, 'Mobile phone').value, '+44 7700 900555');
  const row = userRow(u.id);
  assert.equal(row.jobTitle, 'Saved by B', 'nothing of A is saved');
  assert.equal(sqlValue(`SELECT CONCAT('[', mobile_phone, ']') FROM users WHERE id = ${u.id}`), '[]');
  // Saving again after seeing the message works (the form now carries the current version).
  assert.equal(field(again, 'version').value, row.version);
  r = await admin.submit(again, {});
  assert.equal(notice(r.text), 'Changes saved.');
  assert.equal(userRow(u.id).jobTitle, 'Typed by A');
});

test('two saves sent at the same time from the same form: one wins, the other gets 409', async () => {
  const u = createUser({ jobTitle: 'Race start' });
  const f = await editForm(u.id);
  const b = new Client();
  await b.signIn('admin@acme.test');
  const g = await editForm(u.id, b);
  const [r1, r2] = await Promise.all([
    admin.submit(f, { 'Job title': 'Racer A' }, { follow: false }),
    b.submit(g, { 'Job title': 'Racer B' }, { follow: false }),
  ]);
  assert.deepEqual([r1.status, r2.status].sort(), [303, 409], `statuses ${r1.status} and ${r2.status}`);
  const winner = r1.status === 303 ? 'Racer A' : 'Racer B';
  assert.equal(userRow(u.id).jobTitle, winner);
  assert.equal(Number(userRow(u.id).version), 2, 'one update only');
});

test('two adds of the same new address at the same time: one user, the other form says the address is taken', async () => {
  const email = uniqueEmail('twice');
  const f = await addForm();
  const values = { 'First name': 'Double', 'Last name': 'Click', 'Email address': email };
  const results = await Promise.all([1, 2, 3].map(() => admin.submit(f, values, { follow: false })));
  const statuses = results.map((r) => r.status).sort();
  for (const id of sql(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`)) createdUsers.add(Number(id[0]));
  assert.equal(countUsersWithEmail(email), '1', 'one user');
  assert.deepEqual(statuses, [303, 400, 400], `statuses ${statuses}`);
  for (const r of results.filter((x) => x.status === 400)) {
    // taken when checked (in this occupier), or by the database's unique key meanwhile
    assert.match(fieldError(r.text, 'email'), /^A user with this email address already exists( in this occupier)?/);
  }
});

test('device limits at the bounds (1 and 10) are accepted', async () => {
  for (const limit of ['1', '10']) {
    const email = uniqueEmail(`lim${limit}`);
    const r = await admin.submit(await addForm(), {
      'First name': 'Bound', 'Last name': `Limit${limit}`, 'Email address': email,
      'Create a Wi-Fi account': true, 'Concurrent device limit': limit, 'Wi-Fi homesite': '1',
    }, { follow: false });
    assert.equal(r.status, 303, `limit ${limit}: ${fieldError(r.text, 'device_limit')}`);
    const id = Number(/\/users\/(\d+)/.exec(r.headers.get('location'))[1]);
    createdUsers.add(id);
    assert.equal(wifiRow(id).limit, limit);
  }
});

test('a missing or malformed version is refused and saves nothing', async () => {
  const u = createUser({ jobTitle: 'Kept' });
  const f = await editForm(u.id);
  for (const version of ['', 'abc', '0']) {
    const pairs = [['csrf', csrfOf((await admin.get(`/users/${u.id}/edit`)).text)], ['version', version],
      ['first_name', 'Test'], ['last_name', 'Person'], ['job_title', 'Changed'], ['language', 'en']];
    const r = await admin.post(f.action, pairs, { follow: false });
    assert.ok(r.status === 400 || r.status === 409, `version "${version}": ${r.status}`);
    assert.equal(userRow(u.id).jobTitle, 'Kept');
  }
});

test('editing a user whose language is French keeps the language', async () => {
  const u = createUser({ language: 'fr' });
  const f = await editForm(u.id);
  const lang = field(f, 'Language');
  assert.ok(lang.options.some((o) => o.value === 'fr'), `French is offered: ${JSON.stringify(lang.options)}`);
  assert.equal(lang.value, 'fr', 'and selected');
  await admin.submit(f, { 'Job title': 'Traductrice' });
  assert.equal(userRow(u.id).language, 'fr', 'the language is unchanged by an unrelated edit');
});

// ---------------------------------------------------------------------------------------------
// UM-7: deleting

test('deleting a user: confirmation page, then the user, their sessions and Wi-Fi account are gone and their number freed', async () => {
  const u = createUser({ wifi: 'ACTIVE', number: true });
  assert.ok(u.phone, 'a number assigned to the user');
  const session = new Client();
  assert.equal(new URL((await session.signIn(u.email)).url).pathname, '/profile');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '1');

  // From the list and the details page.
  const list = await admin.get(`/users?q=${encodeURIComponent(u.email)}`);
  assert.match(list.text, new RegExp(`href="/users/${u.id}/delete"`));
  const details = await admin.get(`/users/${u.id}`);
  assert.ok(formByButton(details.text, 'Delete user'), 'a Delete user button');
  // GET asks and changes nothing.
  let r = await admin.get(`/users/${u.id}/delete`);
  assert.equal(r.status, 200);
  assert.ok(textOf(r.text).includes(u.email));
  assert.ok(textOf(r.text).includes('permanently deletes'));
  assert.ok(userRow(u.id), 'not deleted by the confirmation page');
  const f = formByButton(r.text, 'Delete user');
  assert.ok(f);
  r = await admin.submit(f, {}, { follow: false });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/users?n=user_deleted');
  r = await admin.get(r.headers.get('location'));
  assert.equal(notice(r.text), 'User deleted.');
  assert.equal(userRow(u.id), null, 'the user is gone');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  assert.equal(wifiRow(u.id), null);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${u.id}`), '0');
  assert.deepEqual(sql(`SELECT user_id, occupier_id FROM phone_numbers WHERE id = ${u.phone.id}`)[0], [null, '1'],
    'the number is free again, still Acme\'s');
  assert.equal(await session.get('/profile', { follow: false }).then((x) => x.status), 303, 'their session has ended');
  // A second delete finds nothing.
  r = await admin.post(`/users/${u.id}/delete`, { csrf: csrfOf(list.text) }, { follow: false });
  assert.equal(r.status, 404);
});

test('an occupier admin cannot be deleted in the portal, even by forging the POST', async () => {
  const a = createUser({ role: 'admin' });
  const details = await admin.get(`/users/${a.id}`);
  assert.equal(details.status, 200);
  assert.equal(formByButton(details.text, 'Delete user'), null, 'no Delete user button');
  const list = await admin.get(`/users?q=${encodeURIComponent(a.email)}`);
  assert.doesNotMatch(list.text, new RegExp(`href="/users/${a.id}/delete"`));
  let r = await admin.get(`/users/${a.id}/delete`);
  assert.equal(r.status, 403);
  r = await admin.post(`/users/${a.id}/delete`, { csrf: csrfOf(details.text), confirmed: '1' }, { follow: false });
  assert.equal(r.status, 403);
  assert.ok(userRow(a.id), 'still there');
  // Nor themselves.
  r = await admin.post('/users/2/delete', { csrf: csrfOf(details.text) }, { follow: false });
  assert.equal(r.status, 403);
  assert.ok(userRow(2));
});

// ---------------------------------------------------------------------------------------------
// UM-8, AUTH-7: user account deactivation

test('deactivating a user account ends its sessions at once and refuses its sign-in; reactivating restores it', async () => {
  const u = createUser();
  const session = new Client();
  await session.signIn(u.email);
  assert.equal((await session.get('/profile', { follow: false })).status, 200);

  let r = await clickOnDetails(u.id, 'Deactivate user account');
  assert.equal(r.status, 303);
  r = await admin.get(r.headers.get('location'));
  assert.equal(notice(r.text), 'User account deactivated.');
  assert.equal(userRow(u.id).state, 'DEACTIVATED');
  assert.ok(textOf(r.text).includes('DEACTIVATED'));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  r = await session.get('/profile', { follow: false });
  assert.equal(r.status, 303, 'the existing session stops working');
  assert.match(r.headers.get('location'), /^\/signin/);
  const again = new Client();
  r = await again.signIn(u.email);
  assert.equal(r.status, 400, 'the next sign-in is refused');
  assert.ok(textOf(r.text).includes('The email address or password is incorrect.'));
  assert.ok(!again.cookies.has('sid'));

  r = await clickOnDetails(u.id, 'Reactivate user account');
  assert.equal(r.status, 303);
  r = await admin.get(r.headers.get('location'));
  assert.equal(notice(r.text), 'User account reactivated.');
  assert.equal(userRow(u.id).state, 'VALIDATED');
  r = await new Client().signIn(u.email);
  assert.equal(new URL(r.url).pathname, '/profile', 'can sign in again');
});

test('account actions other than deactivate/reactivate are refused, and an admin cannot deactivate themself', async () => {
  const u = createUser();
  const csrf = csrfOf((await admin.get(`/users/${u.id}`)).text);
  for (const action of ['', 'delete', 'DEACTIVATE']) {
    const r = await admin.post(`/users/${u.id}/account`, { csrf, action }, { follow: false });
    assert.equal(r.status, 400, `action "${action}"`);
  }
  assert.equal(userRow(u.id).state, 'VALIDATED');
  const r = await admin.post('/users/2/account', { csrf, action: 'deactivate' }, { follow: false });
  assert.equal(r.status, 400);
  assert.equal(userRow(2).state, 'VALIDATED');
  assert.equal(formByButton((await admin.get('/users/2')).text, 'Deactivate user account'), null);
});

// ---------------------------------------------------------------------------------------------
// UM-6, AUTH-6: invitations

async function addInvited(box, extra = {}) {
  const email = uniqueEmail('inv');
  const r = await admin.submit(await addForm(), {
    'First name': 'Ivy', 'Last name': 'Invitee', 'Email address': email, 'Send invite to join portal': true, ...extra,
  }, { follow: false });
  assert.equal(r.status, 303, `adding ${email}: ${r.status}`);
  const id = Number(/\/users\/(\d+)/.exec(r.headers.get('location'))[1]);
  createdUsers.add(id);
  const m = await box.waitFor((x) => x.to.includes(email) && x.subject === 'You are invited to the portal');
  const link = m.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));
  assert.ok(link);
  return { id, email, link };
}

test('"Resend invite" issues a fresh link and kills the old one', async () => {
  const box = mailbox().mark();
  const u = await addInvited(box);
  const view = await admin.get(`/users/${u.id}`);
  assert.ok(formByButton(view.text, 'Resend invite'), 'on the read-only view');
  assert.doesNotMatch((await admin.get(`/users/${u.id}/edit`)).text, />Resend invite</, 'not in the edit form');
  box.mark();
  let r = await clickOnDetails(u.id, 'Resend invite');
  assert.equal(r.status, 303);
  r = await admin.get(r.headers.get('location'));
  assert.equal(notice(r.text), 'Invitation sent.');
  const m = await box.waitFor((x) => x.to.includes(u.email) && x.subject === 'You are invited to the portal');
  const fresh = m.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));
  assert.ok(fresh);
  assert.notEqual(fresh, u.link);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${u.id} AND kind = 'invite'`), '1');
  r = await new Client().get(u.link);
  assert.equal(r.status, 404, 'the old link no longer works');
  assert.ok(textOf(r.text).includes('This link has expired or has already been used.'));
  // The fresh one does, and accepting it validates the account.
  const c = new Client();
  r = await c.get(fresh);
  assert.equal(r.status, 200);
  const pw = `fresh invitation ${uid()}`;
  r = await c.submit(formByButton(r.text, 'Save password and sign in'), { 'New password': pw, 'Confirm new password': pw });
  assert.equal(new URL(r.url).pathname, '/profile');
  assert.equal(userRow(u.id).state, 'VALIDATED');
  // Now validated: no more resending.
  assert.equal(formByButton((await admin.get(`/users/${u.id}`)).text, 'Resend invite'), null);
});

test('"Resend invite" is refused unless the account is awaiting validation', async () => {
  const box = mailbox().mark();
  const csrf = csrfOf((await admin.get('/users')).text);
  for (const state of ['NOT_INVITED', 'VALIDATED', 'DEACTIVATED']) {
    const u = createUser({ state });
    assert.equal(formByButton((await admin.get(`/users/${u.id}`)).text, 'Resend invite'), null, `no button (${state})`);
    const r = await admin.post(`/users/${u.id}/resend`, { csrf }, { follow: false });
    assert.equal(r.status, 400, state);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM user_tokens WHERE user_id = ${u.id}`), '0');
    await sleep(300);
    assert.deepEqual(box.list().filter((m) => m.to.includes(u.email)), [], `no email (${state})`);
  }
});

test('inviting to the app later only sends a notice, without a link or new credentials', async () => {
  const box = mailbox().mark();
  const u = await addInvited(box);
  const tokenBefore = sql(`SELECT HEX(token_hash) FROM user_tokens WHERE user_id = ${u.id}`);
  box.mark();
  const f = await editForm(u.id);
  assert.equal(field(f, 'Send invite to join portal'), null, 'already invited to the portal');
  assert.ok(textOf(f.html).includes('Portal: Invited'));
  let r = await admin.submit(f, { 'Send invite to join app': true });
  assert.equal(notice(r.text), 'Changes saved.');
  const row = userRow(u.id);
  assert.equal(row.invitedApp, '1');
  assert.equal(row.state, 'AWAITING_VALIDATION');
  const m = await box.waitFor((x) => x.to.includes(u.email));
  assert.equal(m.subject, 'You now also have access to the mobile app', 'issue 13: the notice names the app it adds');
  assert.deepEqual(m.links().filter((l) => /set-password/.test(l)), [], 'no link in the notice');
  await sleep(500);
  assert.equal(box.list().filter((x) => x.to.includes(u.email)).length, 1, 'only the notice');
  assert.deepEqual(sql(`SELECT HEX(token_hash) FROM user_tokens WHERE user_id = ${u.id}`), tokenBefore, 'the invitation link is unchanged');
  r = await new Client().get(u.link);
  assert.equal(r.status, 200, 'the first link still works');
});

test('inviting a user not yet invited from the edit form sends the invitation link', async () => {
  const box = mailbox().mark();
  const u = createUser({ state: 'NOT_INVITED' });
  const r = await admin.submit(await editForm(u.id), { 'Send invite to join app': true });
  assert.equal(notice(r.text), 'Changes saved.');
  assert.equal(userRow(u.id).state, 'AWAITING_VALIDATION');
  const m = await box.waitFor((x) => x.to.includes(u.email));
  assert.equal(m.subject, 'You are invited to the mobile app', 'issue 13: the subject names what it grants');
  assert.match(m.text, /invited to use the mobile app/);
  assert.match(m.text, /does not give access to the portal/);
  assert.ok(m.links().some((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l)));
});

// ---------------------------------------------------------------------------------------------
// WIFI-1..3

test('"Reset password" of an ACTIVE Wi-Fi account emails a new password', async () => {
  const box = mailbox().mark();
  const u = createUser({ wifi: 'ACTIVE' });
  const before = wifiRow(u.id);
  let r = await clickOnDetails(u.id, 'Reset password');
  assert.equal(r.status, 303);
  r = await admin.get(r.headers.get('location'));
  assert.equal(notice(r.text), 'A new Wi-Fi password has been emailed.');
  const m = await box.waitFor((x) => x.to.includes(u.email));
  assert.equal(m.subject, 'Your Wi-Fi Secure password');
  const pw = /Password: (\S+)/.exec(m.text)[1];
  const after = wifiRow(u.id);
  assert.notEqual(after.enc, before.enc, 'a new encrypted password');
  assert.equal(after.state, 'ACTIVE');
  assert.ok(!after.enc.includes(Buffer.from(pw).toString('hex').toUpperCase()));
  assert.ok(!r.text.includes(pw), 'never shown in the page');
});

test('"Reset password" is refused when the Wi-Fi account is not ACTIVE', async () => {
  const box = mailbox().mark();
  const csrf = csrfOf((await admin.get('/users')).text);
  for (const wifi of ['DEACTIVATED', null]) {
    const u = createUser({ wifi });
    assert.equal(formByButton((await admin.get(`/users/${u.id}`)).text, 'Reset password'), null, `no button (${wifi})`);
    const before = wifiRow(u.id);
    const r = await admin.post(`/users/${u.id}/wifi-reset`, { csrf }, { follow: false });
    assert.equal(r.status, 400, `wifi ${wifi}`);
    assert.deepEqual(wifiRow(u.id), before);
    await sleep(300);
    assert.deepEqual(box.list().filter((m) => m.to.includes(u.email)), []);
  }
});

test('"Deactivate Wi-Fi account" in the edit form; reactivating emails a new password', async () => {
  const box = mailbox().mark();
  const u = createUser({ wifi: 'ACTIVE' });
  let r = await admin.submit(await editForm(u.id), { 'Deactivate Wi-Fi account': true });
  assert.equal(notice(r.text), 'Changes saved.');
  assert.equal(wifiRow(u.id).state, 'DEACTIVATED');
  assert.ok(textOf(r.text).includes('DEACTIVATED'));
  assert.equal(formByButton(r.text, 'Reset password'), null, 'no reset for a deactivated account');
  await sleep(500);
  assert.deepEqual(box.list().filter((m) => m.to.includes(u.email)), [], 'no email for a deactivation');
  const list = tableRows((await admin.get(`/users?q=${encodeURIComponent(u.email)}`)).text);
  assert.equal(list[0].cells['Wi-Fi access'], 'DEACTIVATED');

  const before = wifiRow(u.id);
  r = await admin.submit(await editForm(u.id), { 'Reactivate Wi-Fi account': true });
  assert.equal(notice(r.text), 'Changes saved.');
  assert.equal(wifiRow(u.id).state, 'ACTIVE');
  assert.notEqual(wifiRow(u.id).enc, before.enc);
  const m = await box.waitFor((x) => x.to.includes(u.email));
  assert.equal(m.subject, 'Your Wi-Fi Secure password');
});

test('creating a Wi-Fi account from the edit form, and changing its homesite, email a password each', async () => {
  const box = mailbox().mark();
  const u = createUser();
  let r = await admin.submit(await editForm(u.id), {
    'Create a Wi-Fi account': true, 'Concurrent device limit': '2', 'Wi-Fi homesite': '1',
  });
  assert.equal(notice(r.text), 'Changes saved.');
  assert.deepEqual([wifiRow(u.id).state, wifiRow(u.id).limit, wifiRow(u.id).homesite], ['ACTIVE', '2', '1']);
  let m = await box.waitFor((x) => x.to.includes(u.email));
  assert.ok(m.text.includes('London Bridge'));
  box.mark();
  r = await admin.submit(await editForm(u.id), { 'Wi-Fi homesite': '2' });
  assert.equal(notice(r.text), 'Changes saved.');
  assert.equal(wifiRow(u.id).homesite, '2');
  m = await box.waitFor((x) => x.to.includes(u.email));
  assert.equal(m.subject, 'Your Wi-Fi Secure password');
  assert.ok(m.text.includes('Canary Wharf'));
  // The device limit alone sends nothing.
  box.mark();
  r = await admin.submit(await editForm(u.id), { 'Concurrent device limit': '5' });
  assert.equal(wifiRow(u.id).limit, '5');
  await sleep(800);
  assert.deepEqual(box.list().filter((x) => x.to.includes(u.email)), []);
});
