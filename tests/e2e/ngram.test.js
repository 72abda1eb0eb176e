'use strict';
// The n-gram index of users.search_text (sql/016, cgi-bin/ngram.c): the operator's search
// (/platform/users) and the User management list's SQL filter (the path of occupiers past the
// in-memory index's limit, here a second portal process run with list_index_max_users=0) show
// exactly what a plain `search_text LIKE '%q%'` scan of users finds: the same users, in the
// same order, with the same counts. On the demo data plus generated users (accents, case,
// wildcards and the escape character in names, a team member, another occupier), for queries
// of one, two and three or more characters, none matching, and whole addresses. The triggers
// keep the index through inserts, renames and deletes made straight in SQL.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { Client, textOf, sql, sqlValue, sqlQuote } = require('./lib');
const { RUN, startPortal, startNginx, stopAll, waitSocket, waitStatus } = require('./procs');

const OP = 1;
const ACME = 1;
const GLOBEX = 2;
const tag = `ng${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const created = [];

/** A user straight in SQL, as another program would write it. */
function addUser(first, last, occupier, local = null) {
  const email = `${local || `${tag}-${created.length}`}@ngtest.example`;
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email)
       VALUES (${OP}, ${occupier === null ? 'NULL' : occupier}, ${sqlQuote(first)}, ${sqlQuote(last)}, ${sqlQuote(email)})`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE operator_id = ${OP} AND email = ${sqlQuote(email)}`));
  created.push(id);
  return { id, email };
}

// The pages trim q as str_trim does (ASCII space, tab, CR, LF), then search "%q%".
const trimmed = (q) => q.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
const likeOf = (q) => `%${trimmed(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Emails of the rows of a results table, in order. */
function emailsOf(html) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html);
  assert.ok(body, 'the page has a results table');
  const out = [];
  for (const tr of body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const cells = [...tr[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]));
    out.push(cells[1]);
  }
  return out;
}

// Names that exercise the collation (case, accents, ß, a character outside the BMP), LIKE's
// wildcards and escape character, and texts shorter than a gram.
const NAMES = [
  ['José', 'Núñez'], ['JOSE', 'nunez'], ['jose', 'NUÑEZ'], ['Ångström', 'Œuvre'], ['Zoë', 'Müller'],
  ['Straße', 'Weiß'], ['Per%cent', 'Fifty%'], ['Under_score', 'a_b'], ['Back\\slash', 'x\\y'],
  ['Émile', 'Zola'], ['Q', 'X'], ['Zq', 'Qz'], ['Smile 😀', 'Grin'], ['Ann', 'Bonn  Nn'],
];
// Queries: 1 and 2 characters, rare and common 3+, no match, wildcards, escapes, whole
// addresses and parts of them, a space and a newline inside.
const QUERIES = [
  'a', 'z', 'é', 'E', 'Q', '%', '_', '\\', '😁',
  'jo', 'JO', 'zq', 'ñe', 'ss', 'ß', 'Nn', 'e ', '%c', '_s', '\\s',
  'jose', 'JOSÉ', 'núñ', 'nun', 'ångs', 'ANGSTROM', 'müller', 'muller', 'weiss', 'weis', 'strasse',
  'per%cent', 'fifty%', 'r_s', 'a_b', 'axb', 'x\\y', 'x\\\\y', '50%', '%%', '__',
  'bonn  n', 'n  nn', 'nn\n', 'n\nng', 'a\nb',
  'qxqxqx', 'zzzzz', `${tag}`, `${tag}-3`, 'ngtest.example', '@ngtest', 'acme.test', 'demo',
  'smile 😀', 'an', 'user', 'ann bonn', `${tag}-0@ngtest.example`, 'user@acme.test', 'nobody@acme.test',
];

let ops;
let fallback; // { admin: Client } on the portal that always filters the list in SQL

test.before(async () => {
  NAMES.forEach(([f, l], i) => addUser(f, l, i % 3 === 2 ? GLOBEX : ACME));
  addUser('Team', 'Member Ngram', null);
  // 60 more Acme users sharing a rare gram, so that results and counts pass one page
  for (let i = 0; i < 60; i++) addUser(`Wyx${i % 7}`, `Quorra ${String(i).padStart(2, '0')}`, ACME);
  ops = new Client();
  await ops.signIn('ops@demo.test');
  const sock = path.join(RUN, 'ngram.sock');
  startPortal('portal-ngram', sock, ['-o', 'list_index_max_users=0', '-o', 'threads=2']);
  await waitSocket(sock);
  const ngx = await startNginx('nginx-ngram', [sock]);
  await waitStatus(`${ngx.base}/healthz`, 200);
  const admin = new Client(ngx.base);
  await admin.signIn('admin@acme.test');
  fallback = { admin };
});

test.after(async () => {
  await stopAll();
  if (created.length) sql(`DELETE FROM users WHERE id IN (${created.join(', ')})`);
});

test('every user has its grams, and the triggers keep them through a rename and a delete', async () => {
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users u WHERE NOT EXISTS
    (SELECT 1 FROM user_grams g WHERE g.user_id = u.id AND g.operator_id = u.operator_id)`), '0',
  'no user without grams');
  const u = addUser('Renamed', 'Before', ACME);
  const find = async (q) => emailsOf((await ops.get(`/platform/users?q=${encodeURIComponent(q)}`)).text);
  assert.deepEqual(await find('renamed befo'), [u.email]);
  sql(`UPDATE users SET last_name = 'Afterwards' WHERE id = ${u.id}`);
  assert.deepEqual(await find('renamed befo'), [], 'the old name is found no more');
  assert.deepEqual(await find('renamed afterw'), [u.email], 'the new one is');
  sql(`UPDATE users SET first_name = 'RENAMED' WHERE id = ${u.id}`);
  assert.deepEqual(await find('med aft'), [u.email], 'a change of case keeps it found');
  sql(`UPDATE users SET job_title = 'No change of text' WHERE id = ${u.id}`);
  assert.deepEqual(await find('med aft'), [u.email]);
  // the list filtered in SQL keeps an occupier's candidates by the occupier the grams carry
  const inList = async () => emailsOf((await fallback.admin.get('/users?q=med%20aft')).text);
  assert.deepEqual(await inList(), [u.email], 'in Acme\'s list');
  sql(`UPDATE users SET occupier_id = ${GLOBEX} WHERE id = ${u.id}`);
  assert.deepEqual(await inList(), [], 'moved to Globex: no more in Acme\'s list');
  sql(`UPDATE users SET occupier_id = ${ACME} WHERE id = ${u.id}`);
  assert.deepEqual(await inList(), [u.email], 'moved back');
  sql(`DELETE FROM users WHERE id = ${u.id}`);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_grams WHERE user_id = ${u.id}`), '0',
    'a deleted user leaves no grams');
  assert.deepEqual(await find('renamed afterw'), []);
});

test('the operator search shows exactly what a LIKE scan finds, newest first, page after page', async () => {
  for (const q of QUERIES) {
    const all = sql(`SELECT email FROM users WHERE operator_id = ${OP} AND search_text LIKE ${sqlQuote(likeOf(q))}
      ORDER BY id DESC`).map((r) => r[0]);
    const exact = sql(`SELECT email FROM users WHERE operator_id = ${OP} AND email = ${sqlQuote(q.toLowerCase())}`).map((r) => r[0]);
    let r = await ops.get(`/platform/users?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, `q=${JSON.stringify(q)}`);
    if (exact.length === 1 && q.includes('@')) {
      assert.deepEqual(emailsOf(r.text), exact, `q=${JSON.stringify(q)}: the exact address`);
      continue;
    }
    let shown = emailsOf(r.text);
    const t = textOf(r.text);
    if (all.length === 0) {
      assert.deepEqual(shown, [], `q=${JSON.stringify(q)}: nothing found`);
      assert.ok(t.includes('0 users found'), `q=${JSON.stringify(q)}: the count says 0`);
      continue;
    }
    assert.deepEqual(shown, all.slice(0, 50), `q=${JSON.stringify(q)}: page 1`);
    if (all.length > 50) {
      assert.ok(t.includes('More than 50 users found'), `q=${JSON.stringify(q)}: more than 50`);
      const next = /<a class="btn btn-small btn-secondary" href="([^"]+)" rel="next">/.exec(r.text);
      assert.ok(next, `q=${JSON.stringify(q)}: a next page`);
      r = await ops.get(next[1].replace(/&amp;/g, '&'));
      shown = emailsOf(r.text);
      assert.deepEqual(shown, all.slice(50, 100), `q=${JSON.stringify(q)}: page 2`);
    } else {
      assert.ok(t.includes(`${all.length} users found`), `q=${JSON.stringify(q)}: the count ${all.length}`);
    }
  }
});

test('the list filtered in SQL shows exactly what a LIKE scan finds, in list order, with its count', async () => {
  for (const q of QUERIES) {
    const all = sql(`SELECT email FROM users WHERE operator_id = ${OP} AND occupier_id = ${ACME}
      AND search_text LIKE ${sqlQuote(likeOf(q))} ORDER BY last_name, first_name, id`).map((r) => r[0]);
    const r = await fallback.admin.get(`/users?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, `q=${JSON.stringify(q)}`);
    const t = textOf(r.text);
    const exact = sql(`SELECT email FROM users WHERE operator_id = ${OP} AND occupier_id = ${ACME}
      AND email = ${sqlQuote(q.toLowerCase())}`).map((x) => x[0]);
    if (exact.length === 1 && q.includes('@')) {
      assert.deepEqual(emailsOf(r.text), exact, `q=${JSON.stringify(q)}: the exact address`);
      continue;
    }
    const count = /Users found:\s*(\d+)/.exec(t);
    assert.ok(count, `q=${JSON.stringify(q)}: a count`);
    assert.equal(Number(count[1]), all.length, `q=${JSON.stringify(q)}: the count`);
    if (all.length === 0) continue;
    assert.deepEqual(emailsOf(r.text), all.slice(0, 50), `q=${JSON.stringify(q)}: page 1`);
    if (all.length > 50) {
      const p2 = await fallback.admin.get(`/users?q=${encodeURIComponent(q)}&page=2`);
      assert.deepEqual(emailsOf(p2.text), all.slice(50, 100), `q=${JSON.stringify(q)}: page 2`);
    }
  }
});
