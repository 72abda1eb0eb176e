'use strict';
// My profile keeps the rows of its three reads (the user, the Wi-Fi account, the phone number)
// per user under the occupier's data version (cgi-bin/rescache.c), and its whole rendered page
// under that version and the user's own (cgi-bin/pcache.c, sql/026: API tokens, Wi-Fi sessions
// and the names of their devices). Every change here is made straight in the database, as
// another program would (the provisioner, FreeRADIUS, a second app host, an operator's tool), so
// only the version triggers (sql/005, sql/007, sql/017, sql/026) can tell the portal that its
// copy is stale: each change must show on the very next view.
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
  if (user) sql(`DELETE FROM radacct WHERE user_id = ${user}; DELETE FROM user_versions WHERE user_id = ${user}`);
  if (site) sql(`DELETE FROM wifi_devices WHERE site_id = ${site}`);
  if (site) sql(`DELETE FROM phone_numbers WHERE site_id = ${site}`);
  if (user) sql(`DELETE FROM users WHERE id = ${user}`);
  if (site) sql(`DELETE FROM sites WHERE id = ${site}`);
});

test('My profile shows every change made behind the portal\'s back on the next view', async () => {
  let t = await view();
  assert.ok(t.includes('Before'), 'the job title');
  assert.ok(t.includes(`${tag} Site`), 'the Wi-Fi home site');
  // the extension by its label: the numbers' own digits may hold "8802" too
  assert.ok(t.includes(own) && /Extension\s*8802/.test(t), 'the number and its extension');
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
  assert.ok(/Extension\s*8803/.test(t) && !/Extension\s*8802/.test(t), 'phone_numbers: the new extension');

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

// sql/026: what the occupier's version does not cover, each written as its own program writes it.
const userVersion = (id) => Number(sqlValue(`SELECT IFNULL((SELECT version FROM user_versions WHERE user_id = ${id}), 0)`));
const NO_TOKEN = 'No app is signed in.';
const NO_DEVICE = 'No device is connected to Wi-Fi Secure.';

// Each test removes what it added, also when it fails, so that the next starts with no token
// and no session.
const cleanUp = (t) => t.after(() => sql(`DELETE FROM api_tokens WHERE user_id = ${user};
  DELETE FROM radacct WHERE user_id = ${user}; DELETE FROM wifi_devices WHERE name LIKE ${sqlQuote(`${tag} %`)};
  DELETE FROM occupiers WHERE name LIKE ${sqlQuote(`${tag} %`)}; DELETE FROM sites WHERE name = ${sqlQuote(`${tag} Annex`)}`));

test('My profile shows API tokens written behind its back on the next view (sql/026)', async (tc) => {
  cleanUp(tc);
  const other = Number(sqlValue(`SELECT id FROM users WHERE email = 'user@acme.test'`));
  const otherVersion = userVersion(other);
  let t = await view();
  assert.ok(t.includes(NO_TOKEN), 'no token yet');
  assert.equal(await view(), t, 'the same page again');

  // the API's sign-in (on any host) stores a token
  const hash = crypto.randomBytes(32).toString('hex');
  const v0 = userVersion(user);
  sql(`INSERT INTO api_tokens (token_hash, user_id, client, created_at, expires_at, last_used)
       VALUES (UNHEX('${hash}'), ${user}, ${sqlQuote(`${tag} phone`)}, '2026-01-02 03:04:05',
       UTC_TIMESTAMP() + INTERVAL 30 DAY, '2026-01-02 03:04:06')`);
  t = await view();
  assert.ok(t.includes(`${tag} phone`) && !t.includes(NO_TOKEN), 'api_tokens: the new token listed');
  assert.ok(userVersion(user) > v0, 'the insert bumped the user\'s version');
  assert.ok(t.includes('2026-01-02T03:04:06Z'), 'its last use');

  // the API's token check writes last_used (at most once a minute)
  sql(`UPDATE api_tokens SET last_used = '2026-02-03 04:05:06' WHERE token_hash = UNHEX('${hash}')`);
  t = await view();
  assert.ok(t.includes('2026-02-03T04:05:06Z') && !t.includes('2026-01-02T03:04:06Z'), 'api_tokens: the new last use');

  // revoked (by the API's sign-out, the user's admin, another host)
  sql(`DELETE FROM api_tokens WHERE token_hash = UNHEX('${hash}')`);
  t = await view();
  assert.ok(!t.includes(`${tag} phone`) && t.includes(NO_TOKEN), 'api_tokens: the token gone');
  assert.equal(userVersion(other), otherVersion, 'another user\'s version is untouched');
});

test('a kept My profile page ends when a token it lists expires, with no write (sql/026)', async (tc) => {
  cleanUp(tc);
  const hash = crypto.randomBytes(32).toString('hex');
  sql(`INSERT INTO api_tokens (token_hash, user_id, client, created_at, expires_at, last_used)
       VALUES (UNHEX('${hash}'), ${user}, ${sqlQuote(`${tag} brief`)}, UTC_TIMESTAMP(),
       UTC_TIMESTAMP() + INTERVAL 4 SECOND, UTC_TIMESTAMP())`);
  const v = userVersion(user);
  assert.ok((await view()).includes(`${tag} brief`), 'listed while it lasts');
  assert.ok((await view()).includes(`${tag} brief`), 'and on the kept page');
  const until = Date.now() + 10000;
  while (sqlValue(`SELECT expires_at <= UTC_TIMESTAMP() FROM api_tokens WHERE token_hash = UNHEX('${hash}')`) !== '1') {
    assert.ok(Date.now() < until, 'the token expires within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(userVersion(user), v, 'nothing was written');
  const t = await view();
  assert.ok(!t.includes(`${tag} brief`) && t.includes(NO_TOKEN), 'the expired token is no longer listed');
});

test('My profile shows Wi-Fi sessions and device names written behind its back on the next view (sql/026)', async (tc) => {
  cleanUp(tc);
  const hex = crypto.randomBytes(5).toString('hex').toUpperCase().match(/../g);
  const sent = ['02', ...hex].join('-'); // Calling-Station-Id as the NAS sends it
  const mac = ['02', ...hex].join(':').toLowerCase(); // the device as its admin typed it
  const email = sqlValue(`SELECT email FROM users WHERE id = ${user}`);
  let t = await view();
  assert.ok(t.includes(NO_DEVICE), 'no device yet');

  // FreeRADIUS's Accounting Start
  sql(`INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime,
       acctupdatetime, callingstationid, nas_key, user_id, site_id) VALUES (${sqlQuote(tag)},
       ${sqlQuote(tag)}, ${sqlQuote(email)}, '127.0.0.1', '2026-03-04 05:06:07', '2026-03-04 05:06:07',
       ${sqlQuote(sent)}, 'test', ${user}, ${site})`);
  t = await view();
  assert.ok(!t.includes(NO_DEVICE) && t.includes(sent), 'radacct: the connected device');
  assert.ok(t.includes('2026-03-04 05:06'), 'since its start');

  // an Interim-Update changes nothing the page shows: no bump, the same page
  const v = userVersion(user);
  sql(`UPDATE radacct SET acctupdatetime = '2026-03-04 05:11:07', acctsessiontime = 300,
       acctinputoctets = 12345, acctoutputoctets = 67890 WHERE acctuniqueid = ${sqlQuote(tag)}`);
  assert.equal(userVersion(user), v, 'an Interim-Update leaves the version alone');
  assert.equal(await view(), t, 'and the page as it was');

  // an operator's shared device of that MAC names it
  sql(`INSERT INTO wifi_devices (operator_id, occupier_id, site_id, name, type, mac)
       VALUES (${OP}, ${ACME}, ${site}, ${sqlQuote(`${tag} Printer`)}, 'Printer', ${sqlQuote(mac)})`);
  t = await view();
  assert.ok(t.includes(`${tag} Printer`), 'wifi_devices: the device\'s name');

  sql(`UPDATE wifi_devices SET name = ${sqlQuote(`${tag} Scanner`)} WHERE operator_id = ${OP} AND mac = ${sqlQuote(mac)}`);
  t = await view();
  assert.ok(t.includes(`${tag} Scanner`) && !t.includes(`${tag} Printer`), 'wifi_devices: the new name');

  sql(`DELETE FROM wifi_devices WHERE operator_id = ${OP} AND mac = ${sqlQuote(mac)}`);
  t = await view();
  assert.ok(!t.includes(`${tag} Scanner`) && t.includes(sent), 'wifi_devices: the device gone, its MAC shown');

  // FreeRADIUS's Accounting Stop
  sql(`UPDATE radacct SET acctstoptime = '2026-03-04 06:00:00', acctterminatecause = 'User-Request'
       WHERE acctuniqueid = ${sqlQuote(tag)}`);
  t = await view();
  assert.ok(t.includes(NO_DEVICE) && !t.includes(sent), 'radacct: the stopped session gone');
});

test('My profile: an open session\'s row deleted, its site deleted, its device\'s occupier deleted (sql/026)', async (tc) => {
  cleanUp(tc);
  const hex = crypto.randomBytes(5).toString('hex').match(/../g);
  const sent = ['02', ...hex].join(':');
  const email = sqlValue(`SELECT email FROM users WHERE id = ${user}`);
  const open = (id, siteId) => sql(`INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress,
       acctstarttime, callingstationid, nas_key, user_id, site_id) VALUES (${sqlQuote(id)}, ${sqlQuote(id)},
       ${sqlQuote(email)}, '127.0.0.1', UTC_TIMESTAMP(), ${sqlQuote(sent)}, 'test', ${user}, ${siteId})`);

  // an open session's row deleted (an operator's clean-up)
  open(`${tag}-d`, site);
  assert.ok((await view()).includes(sent), 'the session listed');
  sql(`DELETE FROM radacct WHERE acctuniqueid = ${sqlQuote(`${tag}-d`)}`);
  assert.ok((await view()).includes(NO_DEVICE), 'radacct: the deleted session gone');

  // the site of an open session deleted (nothing else refers to it)
  sql(`INSERT INTO sites (operator_id, name) VALUES (${OP}, ${sqlQuote(`${tag} Annex`)})`);
  const annex = Number(sqlValue(`SELECT id FROM sites WHERE name = ${sqlQuote(`${tag} Annex`)}`));
  open(`${tag}-s`, annex);
  assert.ok((await view()).includes(`${tag} Annex`), 'the session at its site');
  sql(`DELETE FROM sites WHERE id = ${annex}`);
  let t = await view();
  assert.ok(!t.includes(`${tag} Annex`) && t.includes('Unknown site'), 'sites: the deleted site no longer named');

  // the session's MAC is a device of another occupier, which is deleted with its devices
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (${OP}, ${sqlQuote(`${tag} Leaving Ltd`)})`);
  const occ = Number(sqlValue(`SELECT id FROM occupiers WHERE name = ${sqlQuote(`${tag} Leaving Ltd`)}`));
  sql(`INSERT INTO wifi_devices (operator_id, occupier_id, site_id, name, type, mac)
       VALUES (${OP}, ${occ}, ${site}, ${sqlQuote(`${tag} Kiosk`)}, 'Kiosk', ${sqlQuote(sent)})`);
  assert.ok((await view()).includes(`${tag} Kiosk`), 'the device\'s name');
  sql(`DELETE FROM occupiers WHERE id = ${occ}`);
  t = await view();
  assert.ok(!t.includes(`${tag} Kiosk`) && t.includes(sent), 'occupiers: its devices gone by the cascade');
});
