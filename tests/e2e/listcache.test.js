'use strict';
// The cache of rendered User management lists (cgi-bin/pcache.c, sql/005): a list page is
// served again from memory only while nothing it shows has changed. Every change here is made
// straight in the database, as another program would (the provisioner, an import, a second app
// host), so only the triggers of sql/005 can tell the portal that its copy is stale.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Client, csrfOf, textOf, sql, sqlValue, sqlQuote } = require('./lib');

const ACME = 1;
const GLOBEX = 2;
const tag = `lc${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const created = [];
const numbers = [];

function addUser(first, last, occupier = ACME) {
  const email = `${tag}-${created.length}@${occupier === ACME ? 'acme' : 'globex'}.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email)
       VALUES (1, ${occupier}, ${sqlQuote(first)}, ${sqlQuote(last)}, ${sqlQuote(email)})`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE operator_id = 1 AND email = ${sqlQuote(email)}`));
  created.push(id);
  return { id, email };
}

const version = (occ) => Number(sqlValue(`SELECT version FROM occupier_versions WHERE occupier_id = ${occ}`));

/** The rows of the list filtered by this file's tag: {email: 'cell text | cell text ...'}. */
function rows(html) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html);
  assert.ok(body, 'the list has a table body');
  const out = {};
  for (const tr of body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const link = /<a class="row-link" href="[^"]+">([^<]*)<\/a>/.exec(tr[1]);
    if (link) out[textOf(link[1])] = textOf(tr[1]);
  }
  return out;
}

let admin;
test.before(async () => {
  admin = new Client();
  const r = await admin.signIn('admin@acme.test');
  assert.equal(new URL(r.url).pathname, '/users');
});

test.after(() => {
  if (numbers.length) sql(`DELETE FROM phone_numbers WHERE id IN (${numbers.join(', ')})`);
  if (created.length) sql(`DELETE FROM users WHERE id IN (${created.join(', ')})`);
  sql(`UPDATE occupiers SET name = 'Acme Ltd' WHERE id = ${ACME}`);
});

test('the triggers bump the data version of the occupier written to, and of no other', () => {
  const a0 = version(ACME);
  const g0 = version(GLOBEX);
  const u = addUser('Version', 'Check');
  const a1 = version(ACME);
  assert.ok(a1 > a0, `an insert into Acme's users bumps Acme (${a0} -> ${a1})`);
  assert.equal(version(GLOBEX), g0, "Globex's version is untouched");
  sql(`UPDATE users SET job_title = 'x' WHERE id = ${u.id}`);
  assert.ok(version(ACME) > a1, 'an update bumps it');
  const a2 = version(ACME);
  sql(`INSERT INTO wifi_accounts (user_id, homesite_id, password_enc) VALUES (${u.id}, 1, 'x')`);
  assert.ok(version(ACME) > a2, 'a new Wi-Fi account bumps it');
  const a3 = version(ACME);
  sql(`DELETE FROM wifi_accounts WHERE user_id = ${u.id}`);
  assert.ok(version(ACME) > a3, 'a deleted Wi-Fi account bumps it');
  assert.equal(version(GLOBEX), g0, "Globex's version is still untouched");
  const newOcc = `${tag} Occupier`;
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (1, ${sqlQuote(newOcc)})`);
  const id = sqlValue(`SELECT id FROM occupiers WHERE name = ${sqlQuote(newOcc)}`);
  assert.equal(sqlValue(`SELECT version FROM occupier_versions WHERE occupier_id = ${id}`), '1',
    'a new occupier gets its version row');
  sql(`DELETE FROM occupiers WHERE id = ${id}`);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM occupier_versions WHERE occupier_id = ${id}`), '0',
    'and loses it with the occupier');
});

test('a cached list shows every change made behind the portal\'s back', async () => {
  const u = addUser('Cached', `Person ${tag}`);
  const url = `/users?q=${encodeURIComponent(`Person ${tag}`)}`;
  let page = await admin.get(url);
  assert.equal(page.status, 200);
  assert.match(rows(page.text)[u.email], /Cached Person/);
  const again = await admin.get(url);
  assert.equal(again.text, page.text, 'the same page twice, nothing changed: the same bytes');

  sql(`UPDATE users SET first_name = 'Renamed' WHERE id = ${u.id}`);
  page = await admin.get(url);
  assert.match(rows(page.text)[u.email], /Renamed Person/, 'a new name shows');

  sql(`INSERT INTO wifi_accounts (user_id, state, homesite_id, password_enc) VALUES (${u.id}, 'ACTIVE', 1, 'x')`);
  page = await admin.get(url);
  assert.match(rows(page.text)[u.email], /ACTIVE/, 'a new Wi-Fi account shows as Active');
  sql(`UPDATE wifi_accounts SET state = 'DEACTIVATED' WHERE user_id = ${u.id}`);
  page = await admin.get(url);
  assert.match(rows(page.text)[u.email], /DEACTIVATED/, 'a deactivated one as Deactivated');

  const n = `+44207${String(crypto.randomInt(0, 1e6)).padStart(6, '0')}`;
  sql(`INSERT INTO phone_numbers (operator_id, site_id, occupier_id, allocated, number, extension, default_pin)
       VALUES (1, 1, ${ACME}, 1, '${n}', '${n.slice(-4)}', '123456')`);
  const nid = Number(sqlValue(`SELECT id FROM phone_numbers WHERE operator_id = 1 AND number = '${n}'`));
  numbers.push(nid);
  page = await admin.get(url);
  assert.doesNotMatch(rows(page.text)[u.email], new RegExp(`\\${n}`), 'an unassigned number is not shown');
  sql(`UPDATE phone_numbers SET user_id = ${u.id} WHERE id = ${nid}`);
  page = await admin.get(url);
  assert.match(rows(page.text)[u.email], new RegExp(`\\${n}`), 'an assigned number shows');
  sql(`UPDATE phone_numbers SET user_id = NULL WHERE id = ${nid}`);
  page = await admin.get(url);
  assert.doesNotMatch(rows(page.text)[u.email], new RegExp(`\\${n}`), 'and is gone once unassigned');

  sql(`UPDATE occupiers SET name = 'Acme Renamed ${tag}' WHERE id = ${ACME}`);
  page = await admin.get(url);
  assert.match(textOf(page.text), new RegExp(`Acme Renamed ${tag}`), "the occupier's new name shows");
  sql(`UPDATE occupiers SET name = 'Acme Ltd' WHERE id = ${ACME}`);

  sql(`DELETE FROM users WHERE id = ${u.id}`);
  page = await admin.get(url);
  assert.equal(rows(page.text)[u.email], undefined, 'a deleted user is gone');
  assert.match(textOf(page.text), /No users match this filter/);
});

test("an invitation's expiry shows as it changes, in the cached page and in the lines kept with the filter", async () => {
  const u = addUser('Invited', `Pending ${tag}`);
  sql(`UPDATE users SET account_state = 'AWAITING_VALIDATION' WHERE id = ${u.id}`);
  const url = `/users?q=${encodeURIComponent(`Pending ${tag}`)}`;
  // two addresses of one list: the second is not in the page cache, so it is rendered from
  // the in-memory filter and the list lines it keeps under the same data version
  const views = async (n) => {
    const a = await admin.get(url);
    const b = await admin.get(`${url}&view=${n}`);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    return [rows(a.text)[u.email], rows(b.text)[u.email]];
  };
  for (const line of await views(1)) assert.doesNotMatch(line, /Invitation expires/, 'no invitation yet');
  const tok = crypto.randomBytes(32).toString('hex');
  sql(`INSERT INTO user_tokens (token_hash, user_id, kind, expires_at, created_at)
       VALUES (UNHEX('${tok}'), ${u.id}, 'invite', '2031-01-02 10:00:00', UTC_TIMESTAMP())`);
  for (const line of await views(2)) assert.match(line, /2031-01-02/, 'a new invitation shows its expiry');
  sql(`UPDATE user_tokens SET expires_at = '2031-02-03 10:00:00' WHERE token_hash = UNHEX('${tok}')`);
  for (const line of await views(3)) assert.match(line, /2031-02-03/, 'a new expiry shows');
  const v = version(ACME);
  sql(`UPDATE user_tokens SET reminders = reminders + 1 WHERE token_hash = UNHEX('${tok}')`);
  assert.equal(version(ACME), v, "a reminder's count is not shown: no new version");
  sql(`DELETE FROM user_tokens WHERE token_hash = UNHEX('${tok}')`);
  for (const line of await views(4)) assert.doesNotMatch(line, /2031-02-03/, 'a deleted invitation is gone');
  sql(`INSERT INTO user_tokens (token_hash, user_id, kind, expires_at) VALUES
       (UNHEX('${crypto.randomBytes(32).toString('hex')}'), ${u.id}, 'reset', '2031-03-04 10:00:00')`);
  assert.equal(version(ACME), v + 1, 'only the deletion bumped the version; a reset token does not');
});

test('a cached list is never served to another session, even of the same user', async () => {
  addUser('Session', `Check ${tag}`);
  const url = `/users?q=${tag}`;
  const a = await admin.get(url);
  const other = new Client();
  await other.signIn('admin@acme.test');
  const b = await other.get(url);
  assert.equal(b.status, 200);
  assert.notEqual(csrfOf(b.text), csrfOf(a.text), 'each session gets its own CSRF token');
  const signOut = /action="\/signout"[\s\S]*?name="csrf" value="([0-9a-f]+)"/.exec(b.text);
  assert.ok(signOut, 'the page has the sign-out form');
  const r = await other.post('/signout', { csrf: signOut[1] });
  assert.equal(r.status, 200);
  const gone = await other.get(url, { follow: false });
  assert.equal(gone.status, 303, 'after sign-out the list is not served from the cache');
  assert.match(gone.headers.get('location'), /^\/signin/);
});

test("a notice and the query string are part of what is cached", async () => {
  const url = `/users?q=${tag}`;
  const plain = await admin.get(url);
  const withNotice = await admin.get(`${url}&n=user_deleted`);
  assert.doesNotMatch(textOf(plain.text), /User deleted/i);
  assert.match(textOf(withNotice.text), /deleted/i, 'the notice shows');
  const plainAgain = await admin.get(url);
  assert.equal(plainAgain.text, plain.text, 'and does not stick to the page without it');
});

test('the filter ignores case and accents, matches any part of the name or the address, and counts exactly', async () => {
  const jose = addUser('José', `Álvarez ${tag}`);
  const lodz = addUser('Łucja', `Straße ${tag}`);
  const count = (html) => Number((/Users found:\s*([0-9]+)/.exec(textOf(html)) || [])[1]);
  for (const [q, want] of [
    [`jose alvarez ${tag}`, [jose.email]],
    [`JOSÉ ÁLVAREZ ${tag}`, [jose.email]],
    [`lucja strasse ${tag}`, [lodz.email]],
    [`${tag}-`, null], // every user of this file, by address
    [`alvarez ${tag}`.toUpperCase(), [jose.email]],
  ]) {
    const page = await admin.get(`/users?q=${encodeURIComponent(q)}`);
    assert.equal(page.status, 200);
    const found = Object.keys(rows(page.text));
    if (want) assert.deepEqual(found, want, `"${q}" finds ${want.join(', ')}`);
    else {
      assert.ok(found.includes(jose.email) && found.includes(lodz.email), `"${q}" finds both`);
      assert.ok(found.every((e) => e.startsWith(`${tag}-`)), 'and nobody else');
    }
    assert.equal(count(page.text), found.length, 'the count is the number of rows shown');
  }
  // The whole list: the exact count of Acme's users, over pages of 50.
  const all = Number(sqlValue(`SELECT COUNT(*) FROM users WHERE occupier_id = ${ACME}`));
  const first = await admin.get('/users');
  assert.equal(count(first.text), all, `Users found: ${all}`);
  const lastPage = Math.ceil(all / 50);
  const last = await admin.get(`/users?page=${lastPage + 5}`);
  assert.match(textOf(last.text), new RegExp(`Page ${lastPage} of ${lastPage}`), 'past the end: the last page');
  assert.equal(Object.keys(rows(last.text)).length, all - (lastPage - 1) * 50);
  const nothing = await admin.get(`/users?q=${encodeURIComponent(`zz${tag}zz`)}`);
  assert.equal(count(nothing.text), 0);
  assert.match(textOf(nothing.text), /No users match this filter/);
});

test('an occupier of 24,000 users: exact count, the last page, a filter, and a 2.4 MB export that arrives whole', async () => {
  const name = `${tag} Big`;
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (1, ${sqlQuote(name)})`);
  const occ = Number(sqlValue(`SELECT id FROM occupiers WHERE name = ${sqlQuote(name)}`));
  try {
    sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email)
         SELECT 1, ${occ}, CONCAT('Big', seq), CONCAT('User ', LPAD(seq, 5, '0')),
                CONCAT('${tag}-big-', seq, '@big.test') FROM seq_1_to_24000`);
    const ops = new Client();
    await ops.signIn('ops@demo.test');
    const base = `/platform/occupiers/${occ}/users`;
    const first = await ops.get(base);
    assert.equal(first.status, 200);
    assert.match(textOf(first.text), /Users found: 24000/);
    assert.match(textOf(first.text), /Page 1 of 480/);
    const last = await ops.get(`${base}?page=480`);
    assert.deepEqual(Object.keys(rows(last.text)).slice(-1), [`${tag}-big-24000@big.test`],
      'the last page ends with the last user by name');
    const f = await ops.get(`${base}?q=${encodeURIComponent('user 1199')}`);
    assert.match(textOf(f.text), /Users found: 10\b/, '"user 1199" matches User 11990..11999');
    const csv = await ops.get(`/platform/occupiers/${occ}/users.csv`);
    assert.equal(csv.status, 200);
    // over what one writev() of the program sends (~1.9 MB): libfcgi's stream does the rest
    assert.ok(csv.text.length > 2 * 1024 * 1024, `the export is over 2 MiB (${csv.text.length} bytes)`);
    assert.equal(Number(csv.headers.get('content-length')) - Buffer.byteLength(csv.text), 3,
      'every byte arrived but the byte order mark, which decoding drops');
    const lines = csv.text.trim().split(/\r?\n/);
    assert.equal(lines.length, 24001, 'a header line and 24,000 users');
    assert.match(lines[24000], new RegExp(`${tag}-big-`));
  } finally {
    sql(`DELETE FROM users WHERE occupier_id = ${occ}`);
    sql(`DELETE FROM occupiers WHERE id = ${occ}`);
  }
});

test('bulk "all matching" acts on exactly the users the filtered list shows, accents folded alike', async () => {
  const name = `${tag} Bulk`;
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (1, ${sqlQuote(name)})`);
  const occ = Number(sqlValue(`SELECT id FROM occupiers WHERE name = ${sqlQuote(name)}`));
  sql(`INSERT INTO occupier_sites (occupier_id, site_id) VALUES (${occ}, 1)`);
  const people = [['Jürgen', 'Straße'], ['Anna', 'Strasser'], ['Tom', 'Strase'], ['Eva', 'Berg']];
  try {
    people.forEach(([f, l], i) => {
      sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email)
           VALUES (1, ${occ}, ${sqlQuote(f)}, ${sqlQuote(l)}, '${tag}-bulk${i}@bulk.test')`);
      sql(`INSERT INTO wifi_accounts (user_id, homesite_id, password_enc)
           SELECT id, 1, 'x' FROM users WHERE email = '${tag}-bulk${i}@bulk.test'`);
    });
    const ops = new Client();
    await ops.signIn('ops@demo.test');
    const list = await ops.get(`/platform/occupiers/${occ}/users?q=strasse`);
    const shown = Object.keys(rows(list.text)).sort();
    assert.deepEqual(shown, [`${tag}-bulk0@bulk.test`, `${tag}-bulk1@bulk.test`],
      '"strasse" finds Straße and Strasser, not Strase');
    const r = await ops.post(`/platform/occupiers/${occ}/users/bulk`,
      [['csrf', csrfOf(list.text)], ['action', 'deactivate_wifi'], ['all_matching', '1'], ['q', 'strasse']]);
    assert.equal(r.status, 200);
    const off = sql(`SELECT u.email FROM wifi_accounts w JOIN users u ON u.id = w.user_id
                     WHERE u.occupier_id = ${occ} AND w.state = 'DEACTIVATED' ORDER BY u.email`).map((x) => x[0]);
    assert.deepEqual(off, shown, 'the bulk action touched exactly those users');
  } finally {
    sql(`DELETE FROM users WHERE occupier_id = ${occ}`);
    sql(`DELETE FROM occupier_sites WHERE occupier_id = ${occ}`);
    sql(`DELETE FROM occupiers WHERE id = ${occ}`);
  }
});
