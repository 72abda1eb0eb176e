'use strict';
// The n-gram index of users.search_text (sql/016, cgi-bin/ngram.c): the operator's search
// (/platform/users) and the User management list's SQL filter (the path of occupiers past the
// in-memory index's limit, here a second portal process run with list_index_max_users=0) show
// exactly what a plain `search_text LIKE '%q%'` scan of users finds: the same users, in the
// same order, with the same counts. On the demo data plus generated users (accents, case,
// wildcards and the escape character in names, a team member, another occupier), for queries
// of one, two and three or more characters, several words, none matching, and whole addresses.
// The triggers keep the index through inserts, renames and deletes made straight in SQL, and
// deleting an occupier or an operator leaves no grams (sql/025).
//
// Three more portal processes run with a small ngram_max_candidates (12, 55 and 400), so that the
// bench's cases (every gram of a query more common than the cap) happen on this small data: the
// operator search then reads a window of the rarest gram's newest rows and offers "Search older
// users", and the list walks the occupier's index. Followed to its end, the search shows every
// match of the LIKE scan, in order, each once.
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

/** Many users of one occupier in one statement; their ids. */
function addUsers(rows, occupier) {
  const first = created.length;
  const values = rows.map(([f, l], i) => `(${OP}, ${occupier}, ${sqlQuote(f)}, ${sqlQuote(l)},
    ${sqlQuote(`${tag}-b${first + i}@ngtest.example`)})`);
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email) VALUES ${values.join(', ')}`);
  const ids = sql(`SELECT id FROM users WHERE operator_id = ${OP} AND email LIKE ${sqlQuote(`${tag}-b%`)}
    AND id NOT IN (${[0, ...created].join(', ')})`).map((r) => Number(r[0]));
  created.push(...ids);
  return ids;
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
  // several words: matching, and every gram common but no user (the bench's 'smith james')
  'josé núñez', 'jose nunez', 'JOSE NUÑEZ', 'zoë müller', 'zoe muller', 'straße weiß', 'émile zola',
  'wyx3 quorra', 'wyx3 quorra 1', 'quorra 1', 'quorra', 'uorr', 'quorra wyx', 'wyx quorra', 'orra 1 wyx',
  'a 1', 'x3 q', 'ra 12', 'rra 12 quorra', 'smile 😀 grin', 'ann bonn  nn', 'q x', 'zq qz', 'per%cent fifty%',
  'under_score a_b', 'back\\slash x\\y', 'demo user', 'acme user', 'user acme',
];
// and substrings of the users' own texts, picked by a fixed sequence (1 to 12 characters)
function sampled(texts, n) {
  const out = [];
  let x = 12345;
  for (let i = 0; out.length < n && i < n * 10; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const t = [...texts[x % texts.length]];
    const len = 1 + (x >> 8) % 12;
    const at = (x >> 4) % Math.max(1, t.length - len);
    const q = trimmed(t.slice(at, at + len).join(''));
    if (q && !out.includes(q)) out.push(q);
  }
  return out;
}

let ops;
let fallback; // { admin: Client } on the portal that always filters the list in SQL
const small = []; // { cap, ops: Client, admin: Client } on portals with ngram_max_candidates = cap
// (400: the search samples 100 rows of each gram, fewer than 'quo' has, and a window of a gram
// whose rows nearly all match holds a page of them)

/** A portal filtering every list in SQL with these options, behind its own nginx. */
async function portalWith(name, options) {
  const sock = path.join(RUN, `${name}.sock`);
  startPortal(name, sock, ['-o', 'list_index_max_users=0', '-o', 'threads=2', ...options]);
  await waitSocket(sock);
  const ngx = await startNginx(`nginx-${name}`, [sock]);
  await waitStatus(`${ngx.base}/healthz`, 200);
  return ngx.base;
}

test.before(async () => {
  NAMES.forEach(([f, l], i) => addUser(f, l, i % 3 === 2 ? GLOBEX : ACME));
  addUser('Team', 'Member Ngram', null);
  // 130 more Acme users sharing grams ('quo': more than a cap of 55; 'yx3': fewer), so that
  // results and counts pass one page, and a window of 55 holds more than a page of matches
  addUsers(Array.from({ length: 130 }, (_, i) => [`Wyx${i % 7}`, `Quorra ${String(i).padStart(2, '0')}`]), ACME);
  // and Globex users with the same grams, which no Acme list may show
  addUsers(Array.from({ length: 20 }, (_, i) => [`Wyx${i % 7}`, `Quorra g${i}`]), GLOBEX);
  ops = new Client();
  await ops.signIn('ops@demo.test');
  const admin = new Client(await portalWith('portal-ngram', []));
  await admin.signIn('admin@acme.test');
  fallback = { admin };
  for (const cap of [12, 55, 400]) {
    const base = await portalWith(`portal-ngram-${cap}`, ['-o', `ngram_max_candidates=${cap}`]);
    const o = new Client(base);
    await o.signIn('ops@demo.test');
    const a = new Client(base);
    await a.signIn('admin@acme.test');
    small.push({ cap, ops: o, admin: a });
  }
  const texts = sql(`SELECT search_text FROM users WHERE operator_id = ${OP} ORDER BY id`).map((r) => r[0]);
  QUERIES.push(...sampled(texts, 40));
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

// What a LIKE scan finds for each query (the users do not change while these tests run):
// the operator's matches newest first, Acme's in list order, and the user whose address q
// is. Read for every query at once, 30 queries a statement (one client run each).
const scans = new Map();
function scanAll(queries) {
  for (let at = 0; at < queries.length; at += 30) {
    const part = queries.slice(at, at + 30);
    const selects = part.flatMap((q, i) => {
      const like = sqlQuote(likeOf(q));
      return [
        `SELECT ${i} AS q, 'a' AS k, email, ROW_NUMBER() OVER (ORDER BY id DESC) AS n FROM users
         WHERE operator_id = ${OP} AND search_text LIKE ${like}`,
        `SELECT ${i}, 'c', email, ROW_NUMBER() OVER (ORDER BY last_name, first_name, id) FROM users
         WHERE operator_id = ${OP} AND occupier_id = ${ACME} AND search_text LIKE ${like}`,
        `SELECT ${i}, IF(occupier_id <=> ${ACME}, 'y', 'x'), email, 0 FROM users
         WHERE operator_id = ${OP} AND email = ${sqlQuote(q.toLowerCase())}`,
      ];
    });
    const out = part.map(() => ({ all: [], acme: [], exact: [], exactAcme: [] }));
    for (const [i, k, email, n] of sql(selects.map((x) => `(${x})`).join(' UNION ALL '))) {
      const o = out[Number(i)];
      if (k === 'a') o.all[Number(n) - 1] = email;
      else if (k === 'c') o.acme[Number(n) - 1] = email;
      else {
        o.exact.push(email);
        if (k === 'y') o.exactAcme.push(email);
      }
    }
    part.forEach((q, i) => scans.set(q, out[i]));
  }
}
function scanOf(q) {
  if (!scans.has(q)) scanAll(QUERIES.filter((x) => !scans.has(x)).concat(QUERIES.includes(q) ? [] : [q]));
  return scans.get(q);
}

/** The operator search's matches of q in the scan's order, by a LIKE scan. */
const searchScan = (q) => scanOf(q).all;

/** Whether the operator search takes q as a whole address of one user (shown alone). */
const exactAddress = (q) => q.includes('@') && scanOf(q).exact.length === 1;

async function checkSearch(client, label) {
  for (const q of QUERIES) {
    const what = `${label} q=${JSON.stringify(q)}`;
    const all = searchScan(q);
    let r = await client.get(`/platform/users?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, what);
    if (exactAddress(q)) {
      assert.deepEqual(emailsOf(r.text), [q.toLowerCase()], `${what}: the exact address`);
      continue;
    }
    let shown = emailsOf(r.text);
    const t = textOf(r.text);
    if (all.length === 0) {
      assert.deepEqual(shown, [], `${what}: nothing found`);
      assert.ok(t.includes('0 users found'), `${what}: the count says 0`);
      continue;
    }
    assert.deepEqual(shown, all.slice(0, 50), `${what}: page 1`);
    if (all.length > 50) {
      assert.ok(t.includes('More than 50 users found'), `${what}: more than 50`);
      const next = /<a class="btn btn-small btn-secondary" href="([^"]+)" rel="next">/.exec(r.text);
      assert.ok(next, `${what}: a next page`);
      r = await client.get(next[1].replace(/&amp;/g, '&'));
      shown = emailsOf(r.text);
      assert.deepEqual(shown, all.slice(50, 100), `${what}: page 2`);
    } else {
      assert.ok(t.includes(`${all.length} users found`), `${what}: the count ${all.length}`);
    }
  }
}

test('the operator search shows exactly what a LIKE scan finds, newest first, page after page', async () => {
  await checkSearch(ops, 'search');
});

/**
 * Every page of the search for q, following "Next" and "Search older users" to the end: the
 * emails shown, in order, and how many pages said that only the newest users were searched.
 */
async function searchToEnd(client, q) {
  const shown = [];
  let partial = 0;
  let url = `/platform/users?q=${encodeURIComponent(q)}`;
  for (let pages = 0; url; pages++) {
    assert.ok(pages < 400, `q=${JSON.stringify(q)}: the pages end`);
    const r = await client.get(url);
    assert.equal(r.status, 200, `q=${JSON.stringify(q)} ${url}`);
    const rows = emailsOf(r.text);
    assert.ok(rows.length <= 50, 'a page of 50 at most');
    shown.push(...rows);
    const next = /<a class="btn btn-small btn-secondary" href="([^"]+)"(?: rel="next")?>/.exec(r.text);
    if (textOf(r.text).includes('Only the newest users have been searched so far.')) {
      partial++;
      assert.ok(next, 'a partial page offers to search older users');
    }
    url = next ? next[1].replace(/&amp;/g, '&') : null;
  }
  return { shown, partial };
}

test('with grams more common than the cap, the search reads windows of the rarest gram and, followed to its end, shows every match once, in order', async () => {
  let windows = 0;
  for (const { cap, ops: client } of small) {
    for (const q of QUERIES) {
      if (exactAddress(q)) continue;
      const all = searchScan(q);
      const { shown, partial } = await searchToEnd(client, q);
      assert.deepEqual(shown, all, `cap ${cap} q=${JSON.stringify(q)}: every match, newest first`);
      windows += partial;
    }
  }
  assert.ok(windows > 10, `windows were read (${windows} partial pages)`);

  // a query whose every gram has more rows than the cap and that matches nobody: one window
  // of cap rows, then the next from where it stopped
  const [twelve] = small;
  const none = 'rra 1 quorra';
  for (let i = 0; i + 3 <= none.length; i++) {
    const gram = none.slice(i, i + 3);
    if (gram.endsWith(' ')) continue; // not a single gram (= ignores trailing spaces)
    const rows = Number(sqlValue(`SELECT COUNT(*) FROM user_grams WHERE operator_id = ${OP} AND gram = ${sqlQuote(gram)}`));
    assert.ok(rows > twelve.cap, `the gram '${gram}' has more rows (${rows}) than the cap`);
  }
  const r = await twelve.ops.get(`/platform/users?q=${encodeURIComponent(none)}`);
  assert.equal(searchScan(none).length, 0);
  assert.deepEqual(emailsOf(r.text), []);
  assert.ok(textOf(r.text).includes('Only the newest users have been searched so far.'), 'a window, not a scan');
  const cont = /href="(\/platform\/users\?q=[^"]*&amp;after=(\d+))"/.exec(r.text);
  assert.ok(cont, 'search older users');
  assert.ok(Number(cont[2]) > Math.min(...created), 'the window stopped within the test\'s users');
});

async function checkList(client, label) {
  for (const q of QUERIES) {
    const what = `${label} q=${JSON.stringify(q)}`;
    const { acme: all, exactAcme: exact } = scanOf(q);
    const r = await client.get(`/users?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, what);
    const t = textOf(r.text);
    if (exact.length === 1 && q.includes('@')) {
      assert.deepEqual(emailsOf(r.text), exact, `${what}: the exact address`);
      continue;
    }
    const count = /Users found:\s*(\d+)/.exec(t);
    assert.ok(count, `${what}: a count`);
    assert.equal(Number(count[1]), all.length, `${what}: the count`);
    if (all.length === 0) continue;
    assert.deepEqual(emailsOf(r.text), all.slice(0, 50), `${what}: page 1`);
    if (all.length > 50) {
      const p2 = await client.get(`/users?q=${encodeURIComponent(q)}&page=2`);
      assert.deepEqual(emailsOf(p2.text), all.slice(50, 100), `${what}: page 2`);
    }
  }
}

test('the list filtered in SQL shows exactly what a LIKE scan finds, in list order, with its count', async () => {
  await checkList(fallback.admin, 'list');
  for (const { cap, admin } of small) await checkList(admin, `list, cap ${cap}`);
});

test('the list counts grams within its occupier: another occupier\'s users with the same grams never show', async () => {
  // Globex's 20 'Quorra gN' users make 'a g' common across the operator (caps of 12)
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM user_grams WHERE operator_id = ${OP} AND gram = 'a g'`)) >= 20);
  for (const { cap, admin } of small) {
    const r = await admin.get('/users?q=quorra%20g1');
    assert.ok(/Users found:\s*0\b/.test(textOf(r.text)), `cap ${cap}: none in Acme`);
  }
});

test('deleting an occupier or an operator leaves no grams (sql/025), and users are never deleted by a cascade', async () => {
  const orphans = () => sqlValue(`SELECT COUNT(*) FROM user_grams g
    WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = g.user_id)`);
  assert.equal(orphans(), '0', 'no grams without their user');
  // users' foreign keys refuse the delete of an occupier or operator that has users: no
  // cascade deletes users behind the triggers' back
  assert.deepEqual(sql(`SELECT CONSTRAINT_NAME, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS
    WHERE CONSTRAINT_SCHEMA = 'portal' AND TABLE_NAME = 'users' ORDER BY CONSTRAINT_NAME`),
  [['fk_user_occ', 'RESTRICT'], ['fk_user_op', 'RESTRICT']]);
  sql(`INSERT INTO operators (name) VALUES ('${tag} op')`);
  const op = Number(sqlValue(`SELECT id FROM operators WHERE name = '${tag} op'`));
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (${op}, '${tag} occ')`);
  const occ = Number(sqlValue(`SELECT id FROM occupiers WHERE name = '${tag} occ'`));
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email) VALUES
    (${op}, ${occ}, 'Cascade', 'Occupier', 'c1@${tag}.example'),
    (${op}, NULL, 'Cascade', 'Team', 'c2@${tag}.example')`);
  const ids = sql(`SELECT id FROM users WHERE operator_id = ${op} ORDER BY id`).map((r) => Number(r[0]));
  const grams = (where) => Number(sqlValue(`SELECT COUNT(*) FROM user_grams WHERE ${where}`));
  assert.ok(grams(`occupier_id = ${occ}`) > 10 && grams(`operator_id = ${op}`) > 20, 'the users have grams');
  assert.throws(() => sql(`DELETE FROM occupiers WHERE id = ${occ}`), /foreign key constraint fails/);
  assert.ok(grams(`occupier_id = ${occ}`) > 10, 'a refused delete keeps the grams (rolled back)');
  // grams a cascade would leave: rows whose users are gone without their triggers
  sql(`CREATE TEMPORARY TABLE keep_grams AS SELECT * FROM user_grams WHERE operator_id = ${op};
       DELETE FROM users WHERE id IN (${ids.join(', ')});
       INSERT INTO user_grams SELECT * FROM keep_grams`);
  assert.ok(grams(`occupier_id = ${occ}`) > 10, 'grams without their users, as a cascade leaves them');
  sql(`DELETE FROM occupiers WHERE id = ${occ}`);
  assert.equal(grams(`occupier_id = ${occ}`), 0, 'the occupier\'s delete took its grams');
  assert.ok(grams(`operator_id = ${op}`) > 10, 'the team member\'s are the operator\'s');
  sql(`DELETE FROM operators WHERE id = ${op}`);
  assert.equal(grams(`operator_id = ${op}`), 0, 'the operator\'s delete took the rest');
  assert.equal(orphans(), '0', 'no grams without their user');
});
