'use strict';
// The session check (cgi-bin/auth.c, cgi-bin/mecache.c, sql/007): each request reads the session
// and its occupier's data version; the signed-in user's own fields are kept by the process under
// that version. Every change here is made straight in the database, as another program or a
// second app host would, after the fields have been cached by a few requests: the next request
// must show it, because only the triggers of sql/005 and sql/007 tell the portal.
// The accounts belong to an operator made for this file, so its brand can change freely.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const {
  Client, textOf, sql, sqlValue, sqlQuote, DEMO_HASH,
} = require('./lib');

const tag = `sc${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;

let op;
let occA;
let occB;
const users = [];

function insertId(table, where) {
  return Number(sqlValue(`SELECT id FROM ${table} WHERE ${where}`));
}

function addUser(occupier, first, role = 'admin') {
  const email = `${tag}-${users.length}@sc.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email,
        account_state, invited_portal, password_hash)
       VALUES (${op}, ${occupier}, ${sqlQuote(role)}, ${sqlQuote(first)}, 'Cachetest',
        ${sqlQuote(email)}, 'VALIDATED', 1, ${sqlQuote(DEMO_HASH)})`);
  const id = insertId('users', `operator_id = ${op} AND email = ${sqlQuote(email)}`);
  users.push(id);
  return { id, email };
}

const userName = (html) => textOf((/<span class="user-name">([^<]*)</.exec(html) || [])[1] || '');
const operatorName = (html) => textOf((/<span class="operator-name">([^<]*)</.exec(html) || [])[1] || '');
const subtitle = (html) => textOf((/<p class="page-subtitle">([^<]*)</.exec(html) || [])[1] || '');
const htmlLang = (html) => (/<html lang="([^"]+)"/.exec(html) || [])[1];

/** Signs in and views the list a few times, so that every process behind nginx that served it
 * holds the user's fields. */
async function signedIn(email) {
  const c = new Client();
  const r = await c.signIn(email);
  assert.equal(new URL(r.url).pathname, '/users');
  for (let i = 0; i < 4; i++) assert.equal((await c.get('/users')).status, 200);
  return c;
}

const signInPage = (res) => res.status === 200 && new URL(res.url).pathname === '/signin';

test.before(() => {
  sql(`INSERT INTO operators (name, brand_colour) VALUES (${sqlQuote(`${tag} Spaces`)}, '#225588')`);
  op = insertId('operators', `name = ${sqlQuote(`${tag} Spaces`)}`);
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (${op}, 'Alpha Ltd'), (${op}, 'Beta Ltd')`);
  occA = insertId('occupiers', `operator_id = ${op} AND name = 'Alpha Ltd'`);
  occB = insertId('occupiers', `operator_id = ${op} AND name = 'Beta Ltd'`);
});

test.after(() => {
  if (users.length) sql(`DELETE FROM users WHERE id IN (${users.join(', ')})`);
  if (op) {
    sql(`DELETE FROM occupiers WHERE operator_id = ${op}`);
    sql(`DELETE FROM operators WHERE id = ${op}`);
  }
});

test('a session records its user\'s occupier; the fields shown are the user\'s own', async () => {
  const u = addUser(occA, 'Alice');
  const c = await signedIn(u.email);
  assert.equal(sqlValue(`SELECT occupier_id FROM sessions WHERE user_id = ${u.id}`), String(occA));
  const page = await c.get('/users');
  assert.equal(userName(page.text), 'Alice Cachetest');
  assert.equal(operatorName(page.text), `${tag} Spaces`);
  assert.equal(subtitle(page.text), 'Alpha Ltd');
  assert.match((await c.get('/brand.css')).text, /--brand:#225588;/);
});

test('the user\'s name and language, changed in the database, show on the next request', async () => {
  const u = addUser(occA, 'Bob');
  const c = await signedIn(u.email);
  sql(`UPDATE users SET first_name = 'Robert' WHERE id = ${u.id}`);
  assert.equal(userName((await c.get('/users')).text), 'Robert Cachetest');
  sql(`UPDATE users SET language = 'de' WHERE id = ${u.id}`);
  const de = await c.get('/users');
  assert.equal(htmlLang(de.text), 'de', 'the page is in German at once');
  sql(`UPDATE users SET language = 'en' WHERE id = ${u.id}`);
  assert.equal(htmlLang((await c.get('/users')).text), 'en');
});

test('a role taken away or an account deactivated in the database counts at the next request', async () => {
  const u = addUser(occA, 'Carol');
  const c = await signedIn(u.email);
  sql(`UPDATE users SET role = 'user' WHERE id = ${u.id}`);
  assert.equal((await c.get('/users')).status, 403, 'no longer an admin: User management is refused');
  assert.equal((await c.get('/profile')).status, 200, 'still signed in as an occupier user');
  sql(`UPDATE users SET role = 'admin' WHERE id = ${u.id}`);
  assert.equal((await c.get('/users')).status, 200);
  assert.equal((await c.get('/users')).status, 200);
  sql(`UPDATE users SET account_state = 'DEACTIVATED' WHERE id = ${u.id}`);
  assert.ok(signInPage(await c.get('/users')), 'a deactivated account is signed out');
  sql(`UPDATE users SET account_state = 'VALIDATED' WHERE id = ${u.id}`);
  assert.equal((await c.get('/users')).status, 200, 'its session was not deleted, so it counts again');
  sql(`UPDATE users SET password_hash = NULL WHERE id = ${u.id}`);
  assert.ok(signInPage(await c.get('/users')), 'an account without a password is signed out');
  sql(`UPDATE users SET password_hash = ${sqlQuote(DEMO_HASH)} WHERE id = ${u.id}`);
  sql(`DELETE FROM sessions WHERE user_id = ${u.id}`);
  assert.ok(signInPage(await c.get('/users')), 'a deleted session is signed out');
});

test('the operator\'s brand and name and the occupier\'s name, changed in the database, show at once', async () => {
  const u = addUser(occA, 'Dave');
  const c = await signedIn(u.email);
  const before = Number(sqlValue(`SELECT version FROM occupier_versions WHERE occupier_id = ${occA}`));
  sql(`UPDATE operators SET brand_colour = '#aa3300', name = ${sqlQuote(`${tag} Rebranded`)} WHERE id = ${op}`);
  assert.ok(Number(sqlValue(`SELECT version FROM occupier_versions WHERE occupier_id = ${occA}`)) > before,
    "an operator update bumps its occupiers' versions");
  assert.match((await c.get('/brand.css')).text, /--brand:#aa3300;/);
  assert.equal(operatorName((await c.get('/users')).text), `${tag} Rebranded`);
  sql(`UPDATE occupiers SET name = 'Alpha Holdings' WHERE id = ${occA}`);
  assert.equal(subtitle((await c.get('/users')).text), 'Alpha Holdings');
  sql(`UPDATE occupiers SET name = 'Alpha Ltd' WHERE id = ${occA}`);
  sql(`UPDATE operators SET brand_colour = '#225588', name = ${sqlQuote(`${tag} Spaces`)} WHERE id = ${op}`);
  assert.match((await c.get('/brand.css')).text, /--brand:#225588;/);
});

test('a user moved to another occupier in the database sees that occupier\'s users, and the session follows', async () => {
  const u = addUser(occA, 'Erin');
  const mark = addUser(occB, 'Mark', 'user');
  const c = await signedIn(u.email);
  assert.ok(!(await c.get('/users')).text.includes(mark.email), "Beta's user is not in Alpha's list");
  sql(`UPDATE users SET occupier_id = ${occB} WHERE id = ${u.id}`);
  const page = await c.get('/users');
  assert.equal(page.status, 200);
  assert.equal(subtitle(page.text), 'Beta Ltd');
  assert.ok(page.text.includes(mark.email), "Beta's users are listed");
  assert.ok(!page.text.includes(`${tag}-0@sc.test`), "Alpha's users (Alice, of the first test) are not");
  assert.equal(sqlValue(`SELECT occupier_id FROM sessions WHERE user_id = ${u.id}`), String(occB),
    'the session now records the new occupier');
  for (let i = 0; i < 3; i++) assert.equal(subtitle((await c.get('/users')).text), 'Beta Ltd');
});

test('two users served in turn each see their own fields', async () => {
  const a = addUser(occA, 'Frank');
  const b = addUser(occB, 'Grace');
  const ca = await signedIn(a.email);
  const cb = await signedIn(b.email);
  for (let i = 0; i < 5; i++) {
    const pa = await ca.get('/users');
    const pb = await cb.get('/users');
    assert.equal(userName(pa.text), 'Frank Cachetest');
    assert.equal(subtitle(pa.text), 'Alpha Ltd');
    assert.equal(userName(pb.text), 'Grace Cachetest');
    assert.equal(subtitle(pb.text), 'Beta Ltd');
  }
});
