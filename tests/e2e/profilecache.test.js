'use strict';
// My profile keeps the rows of its three reads (the user, the Wi-Fi account, the phone number)
// per user under the occupier's data version (cgi-bin/rescache.c). Every change here is made
// straight in the database, as another program would (the provisioner, a second app host, an
// operator's tool), so only the version triggers (sql/005, sql/007, sql/017) can tell the
// portal that its copy is stale: each change must show on the very next view.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Client, DEMO_HASH, textOf, sql, sqlValue, sqlQuote } = require('./lib');

const OP = 1;
const ACME = 1;
const tag = `pc${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const digits = () => `+4420${String(Date.now() % 1e7).padStart(7, '0')}${crypto.randomInt(10)}`;
let user;
let site;
let own;
let cliNumber;
let client;

const view = async () => {
  const r = await client.get('/profile');
  assert.equal(r.status, 200);
  return textOf(r.text);
};

test.before(async () => {
  const email = `${tag}@acme.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email, job_title,
       account_state, invited_portal, password_hash) VALUES (${OP}, ${ACME}, 'Cached', 'Profile',
       ${sqlQuote(email)}, 'Before', 'VALIDATED', 1, ${sqlQuote(DEMO_HASH)})`);
  user = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`));
  sql(`INSERT INTO sites (operator_id, name) VALUES (${OP}, ${sqlQuote(`${tag} Site`)})`);
  site = Number(sqlValue(`SELECT id FROM sites WHERE name = ${sqlQuote(`${tag} Site`)}`));
  sql(`INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
       VALUES (${user}, 'ACTIVE', 3, ${site}, 'x')`);
  // not Acme's: only sql/017's trigger tells Acme's users that its digits changed
  cliNumber = digits();
  sql(`INSERT INTO phone_numbers (operator_id, site_id, occupier_id, allocated, number, extension, default_pin)
       VALUES (${OP}, ${site}, NULL, 0, ${sqlQuote(cliNumber)}, '8801', '111111')`);
  const cli = sqlValue(`SELECT id FROM phone_numbers WHERE number = ${sqlQuote(cliNumber)}`);
  own = digits().replace(/.$/, (d) => String((Number(d) + 5) % 10));
  sql(`INSERT INTO phone_numbers (operator_id, site_id, occupier_id, allocated, user_id, number, extension,
       default_pin, cli, cli_number_id) VALUES (${OP}, ${site}, ${ACME}, 1, ${user}, ${sqlQuote(own)}, '8802',
       '222222', 1, ${cli})`);
  client = new Client();
  await client.signIn(email);
});

test.after(() => {
  if (site) sql(`DELETE FROM phone_numbers WHERE site_id = ${site}`);
  if (user) sql(`DELETE FROM users WHERE id = ${user}`);
  if (site) sql(`DELETE FROM sites WHERE id = ${site}`);
});

test('My profile shows every change made behind the portal\'s back on the next view', async () => {
  let t = await view();
  assert.ok(t.includes('Before'), 'the job title');
  assert.ok(t.includes(`${tag} Site`), 'the Wi-Fi home site');
  assert.ok(t.includes(own) && t.includes('8802'), 'the number and its extension');
  assert.ok(t.includes(cliNumber), 'the caller ID number');
  assert.ok(!t.includes('NO ACCOUNT'), 'a Wi-Fi account');
  // the same view twice: the second from the kept rows (nothing changed)
  assert.equal(await view(), t);

  sql(`UPDATE users SET job_title = 'After' WHERE id = ${user}`);
  t = await view();
  assert.ok(t.includes('After') && !t.includes('Before'), 'users: the new job title');

  sql(`UPDATE wifi_accounts SET device_limit = 7 WHERE user_id = ${user}`);
  assert.match(await view(), /Concurrent devices\s*7/, 'wifi_accounts: the new device limit');

  sql(`UPDATE sites SET name = ${sqlQuote(`${tag} Renamed`)} WHERE id = ${site}`);
  t = await view();
  assert.ok(t.includes(`${tag} Renamed`) && !t.includes(`${tag} Site`), 'sites: the new name');

  sql(`UPDATE phone_numbers SET extension = '8803' WHERE user_id = ${user}`);
  t = await view();
  assert.ok(t.includes('8803') && !t.includes('8802'), 'phone_numbers: the new extension');

  const newCli = `${cliNumber.slice(0, -1)}${(Number(cliNumber.slice(-1)) + 1) % 10}`;
  sql(`UPDATE phone_numbers SET number = ${sqlQuote(newCli)} WHERE number = ${sqlQuote(cliNumber)}`);
  t = await view();
  assert.ok(t.includes(newCli) && !t.includes(cliNumber), 'the caller ID number\'s new digits');
  cliNumber = newCli;

  sql(`DELETE FROM phone_numbers WHERE number = ${sqlQuote(cliNumber)}`);
  t = await view();
  assert.ok(!t.includes(cliNumber), 'the caller ID number deleted (ON DELETE SET NULL)');

  sql(`DELETE FROM wifi_accounts WHERE user_id = ${user}`);
  t = await view();
  assert.ok(t.includes('NO ACCOUNT'), 'wifi_accounts: the account deleted');

  sql(`DELETE FROM phone_numbers WHERE user_id = ${user}`);
  t = await view();
  assert.ok(!t.includes(own), 'phone_numbers: the number taken away');

  sql(`UPDATE users SET first_name = 'Renamed' WHERE id = ${user}`);
  assert.ok((await view()).includes('Renamed'), 'users: the new first name');

  // the two-factor state comes with the kept user row (issue 17)
  const state = async () => /class="twofa-state">([^<]*)</.exec(await client.get('/profile').then((r) => r.text))[1];
  assert.equal(await state(), 'Off');
  sql(`UPDATE users SET totp_secret_enc = UNHEX('00') WHERE id = ${user}`);
  assert.equal(await state(), 'On', 'users: a two-factor secret stored');
  sql(`UPDATE users SET totp_secret_enc = NULL WHERE id = ${user}`);
  assert.equal(await state(), 'Off', 'users: the secret removed');
});
