'use strict';
// The operator platform (PLAT-1..4, PLAT-8): the Occupiers list, "Add multiple users" from a
// CSV file, "Download users", bulk actions and the audit log, signed in as ops@demo.test.
// Each test works on an occupier of its own, made in the database for it (with space at both
// of Demo Workspaces' sites) and removed at the end, so no other test file's data is touched.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const {
  Client, forms, formByButton, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote,
} = require('./lib');

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = fs.readFileSync(path.join(ROOT, 'tests/users-import-example.csv'));
const HEADER = 'first_name,last_name,email,job_title,mobile_phone,direct_line,language,role,'
  + 'wifi,device_limit,homesite,invite_portal,invite_app';
const OTHER_OPERATOR_OCCUPIER = 4; // Initech, of Other Spaces

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const occupiers = [];

/** A fresh occupier of Demo Workspaces with space at London Bridge (1) and Canary Wharf (2). */
function createOccupier(sites = [1, 2]) {
  const name = `P6 Test ${uid()}`;
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (1, ${sqlQuote(name)})`);
  const id = Number(sqlValue(`SELECT id FROM occupiers WHERE operator_id = 1 AND name = ${sqlQuote(name)}`));
  if (sites.length) sql(`INSERT INTO occupier_sites (occupier_id, site_id) VALUES ${sites.map((s) => `(${id}, ${s})`).join(', ')}`);
  occupiers.push(id);
  return { id, name, domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.test` };
}

/** Removes the users of an occupier directly (what a test set up or imported). */
function removeUsers(occ) {
  const ids = `SELECT id FROM users WHERE occupier_id = ${occ}`;
  sql(`UPDATE phone_numbers SET user_id = NULL WHERE user_id IN (${ids})`);
  sql(`DELETE FROM wifi_accounts WHERE user_id IN (${ids})`);
  sql(`DELETE FROM user_tokens WHERE user_id IN (${ids})`);
  sql(`DELETE FROM sessions WHERE user_id IN (${ids})`);
  sql(`DELETE FROM user_sites WHERE user_id IN (${ids})`);
  sql(`DELETE FROM users WHERE occupier_id = ${occ}`);
}

test.after(() => {
  for (const id of occupiers) {
    removeUsers(id);
    sql(`UPDATE phone_numbers SET occupier_id = NULL, allocated = 0 WHERE occupier_id = ${id}`);
    sql(`DELETE FROM wifi_devices WHERE occupier_id = ${id}`);
    sql(`DELETE FROM occupier_sites WHERE occupier_id = ${id}`);
    sql(`DELETE FROM occupiers WHERE id = ${id}`);
  }
});

async function ops() {
  const c = new Client();
  const r = await c.signIn('ops@demo.test');
  assert.equal(r.status, 200);
  return c;
}

const userCount = (occ) => Number(sqlValue(`SELECT COUNT(*) FROM users WHERE occupier_id = ${occ}`));

/** Uploads content as the import file of occupier occ (dry run unless dry === false). */
async function upload(c, occ, content, { dry = true, filename = 'users.csv', type = 'text/csv' } = {}) {
  const page = await c.get(`/platform/occupiers/${occ}/import`);
  assert.equal(page.status, 200);
  const form = formByButton(page.text, 'Upload file');
  assert.ok(form, 'the import page has an "Upload file" form');
  assert.equal(form.enctype, 'multipart/form-data');
  const fields = [['csrf', csrfOf(page.text)]];
  if (dry) fields.push(['dry_run', '1']);
  return c.postMultipart(form.action, fields, { file: { filename, content, type } });
}

/** The rows of the import report: [{row, column, value, problem}]. */
function report(html) {
  const table = /<table[^>]*id="import-report"[\s\S]*?<\/table>/.exec(html);
  if (!table) return [];
  return [...table[0].matchAll(/<tr>\s*<td[^>]*>([\s\S]*?)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>/g)]
    .map((m) => ({ row: Number(textOf(m[1])), column: textOf(m[2]), value: textOf(m[3]), problem: textOf(m[4]) }));
}

/** A small RFC 4180 reader for the tests' own checks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let f = '';
  let q = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === '"' && s[i + 1] === '"') { f += '"'; i++; } else if (ch === '"') q = false; else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(f); f = ''; } else if (ch === '\r' && s[i + 1] === '\n') { /* CRLF */ } else if (ch === '\n') {
      row.push(f); rows.push(row); row = []; f = '';
    } else f += ch;
  }
  if (f !== '' || row.length) { row.push(f); rows.push(row); }
  return rows;
}

// ------------------------------------------------------------------------------------------
// PLAT-1

test('Occupiers: the operator\'s occupiers with user counts, filtered by name, each linking to its Users tab', async () => {
  const c = await ops();
  const occ = createOccupier();
  let r = await c.get('/platform/occupiers');
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /\bOccupiers\b/);
  const links = [...r.text.matchAll(/href="\/platform\/occupiers\/(\d+)\/users"/g)].map((m) => Number(m[1]));
  assert.ok(links.includes(1) && links.includes(2) && links.includes(3), 'Acme, Globex, Umbrella listed');
  assert.ok(!links.includes(OTHER_OPERATOR_OCCUPIER), 'Initech (another operator) is not listed');
  const acme = sqlValue('SELECT COUNT(*) FROM users WHERE occupier_id = 1');
  assert.match(textOf(r.text), new RegExp(`Acme Ltd Canary Wharf, London Bridge ${acme} `), 'Acme with its sites and users');

  r = await c.get(`/platform/occupiers?q=${encodeURIComponent(occ.name.slice(3))}`);
  assert.equal(r.status, 200);
  assert.deepEqual([...r.text.matchAll(/href="\/platform\/occupiers\/(\d+)\/users"/g)].map((m) => Number(m[1])), [occ.id]);
  assert.match(r.text, /<input type="search" id="q" name="q"[^>]*data-filter="results"/);
  assert.match(r.text, /<label for="q">/);

  r = await c.get('/platform/occupiers?q=initech');
  assert.match(textOf(r.text), /No occupiers match this filter/);
});

test('tenant boundaries: another operator\'s occupier is "not found" on every platform page', async () => {
  const c = await ops();
  for (const p of ['', '/import', '/users.csv', '/import-template.csv', '/audit', '/users/6/audit']) {
    const r = await c.get(`/platform/occupiers/${OTHER_OPERATOR_OCCUPIER}${p}`);
    assert.equal(r.status, 404, `GET /platform/occupiers/4${p}`);
  }
  const page = await c.get('/platform/occupiers');
  const csrf = csrfOf(page.text);
  let r = await c.postMultipart(`/platform/occupiers/${OTHER_OPERATOR_OCCUPIER}/import`, [['csrf', csrf]],
    { file: { filename: 'x.csv', content: `${HEADER}\nA,B,a.b@initech.test,,,,,,,,,,\n` } });
  assert.equal(r.status, 404);
  r = await c.post(`/platform/occupiers/${OTHER_OPERATOR_OCCUPIER}/users/bulk`,
    [['csrf', csrf], ['action', 'delete'], ['user', '6'], ['confirmed', '1']]);
  assert.equal(r.status, 404);
  assert.equal(sqlValue('SELECT COUNT(*) FROM users WHERE id = 6'), '1', 'admin@initech.test is still there');
});

test('occupier users and admins cannot open platform pages', async () => {
  for (const who of ['admin@acme.test', 'user@acme.test']) {
    const c = new Client();
    await c.signIn(who);
    for (const p of ['/platform/occupiers', '/platform/occupiers/1/import', '/platform/occupiers/1/users.csv',
      '/platform/audit', '/platform/telephony', '/platform/account']) {
      const r = await c.get(p);
      assert.equal(r.status, 403, `${who} GET ${p}`);
    }
  }
  const anon = new Client();
  const r = await anon.get('/platform/occupiers/1/users.csv', { follow: false });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/signin\?next=/);
});

// ------------------------------------------------------------------------------------------
// PLAT-2

test('Add multiple users: the page documents the columns and offers the template CSV', async () => {
  const c = await ops();
  const occ = createOccupier();
  const r = await c.get(`/platform/occupiers/${occ.id}/import`);
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /Add multiple users/);
  assert.ok(r.text.replace(/<wbr>/g, '').includes(HEADER), 'the documented header line');
  const form = formByButton(r.text, 'Upload file');
  const file = form.inputs.find((i) => i.type === 'file');
  assert.equal(file.name, 'file');
  assert.ok(form.labels['CSV file (required)'] === 'file' || Object.values(form.labels).includes('file'));
  const dry = form.inputs.find((i) => i.name === 'dry_run');
  assert.ok(dry && dry.checked, 'dry run is ticked by default');

  const t = await c.get(`/platform/occupiers/${occ.id}/import-template.csv`);
  assert.equal(t.status, 200);
  assert.match(t.headers.get('content-type'), /^text\/csv/);
  assert.match(t.headers.get('content-disposition'), /^attachment; filename="[^"]+\.csv"/);
  const rows = parseCsv(t.text);
  assert.equal(rows[0].join(','), HEADER);
  assert.equal(rows.length, 2);
  // the template's example row is itself valid for this occupier
  const check = await upload(c, occ.id, t.text);
  assert.equal(check.status, 200, textOf(check.text).slice(0, 400));
  assert.match(textOf(check.text), /The file is valid: 1 users will be added/);
  assert.equal(userCount(occ.id), 0);
});

test('the example file: every bad row and column is reported, nothing is imported', async () => {
  const c = await ops();
  const occ = createOccupier();
  for (const dry of [true, false]) {
    const r = await upload(c, occ.id, EXAMPLE, { dry });
    assert.equal(r.status, 400);
    assert.match(textOf(r.text), /Nothing was imported/);
    const rep = report(r.text);
    const has = (row, column, re) => assert.ok(rep.some((p) => p.row === row && p.column === column && re.test(p.problem)),
      `row ${row} column ${column}: ${JSON.stringify(rep)}`);
    has(4, 'last_name', /required/);
    has(5, 'email', /valid email/);
    has(6, 'email', /also on row 2/);
    has(7, 'language', /language/);
    has(7, 'role', /User or Admin/);
    has(8, 'homesite', /not the name of a site/);
    has(9, 'wifi', /yes or no/);
    has(10, 'device_limit', /whole number/);
    for (const good of [2, 3, 11, 12]) assert.ok(!rep.some((p) => p.row === good), `row ${good} is fine`);
    assert.equal(userCount(occ.id), 0, 'nothing imported');
  }
});

test('a bad row in the middle of a file imports nothing; a valid file imports every row in one go', async () => {
  const c = await ops();
  const occ = createOccupier();
  const rows = [];
  for (let i = 0; i < 40; i++) rows.push(`First${i},Last${i},p6.${i}@${occ.domain},,,,en,user,no,,,no,no`);
  rows[20] = `Bad,Row,not-an-email,,,,en,user,no,,,no,no`;
  let r = await upload(c, occ.id, `${HEADER}\r\n${rows.join('\r\n')}\r\n`, { dry: false });
  assert.equal(r.status, 400);
  assert.deepEqual(report(r.text).map((p) => [p.row, p.column]), [[22, 'email']]);
  assert.equal(userCount(occ.id), 0, 'not even the 39 good rows');

  rows[20] = `Twenty,Row,p6.20@${occ.domain},,,,en,user,no,,,no,no`;
  const box = mailbox().mark();
  r = await upload(c, occ.id, `${HEADER}\n${rows.join('\n')}\n`, { dry: false });
  assert.equal(r.status, 200);
  assert.match(r.url, new RegExp(`/platform/occupiers/${occ.id}/users\\?n=import_done$`));
  assert.match(textOf(r.text), /Users imported/);
  assert.equal(userCount(occ.id), 40);
  assert.equal(box.list().length, 0, 'no Wi-Fi and no invitation asked for: no email');
  // the audit log has the import and each new user
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE occupier_id = ${occ.id} AND action = 'user.create'`), '40');
  assert.equal(sqlValue(`SELECT new_value FROM audit_log WHERE occupier_id = ${occ.id} AND action = 'users.import'`), '40');
});

test('an import of several batches (500 users a statement): every row as written, in file order, with its Wi-Fi, invitations, audit entry and search grams', async () => {
  const c = await ops();
  const occ = createOccupier();
  const n = 1203;
  const rows = [];
  for (let i = 0; i < n; i++) {
    const wifi = i % 250 === 7;
    const invite = i % 400 === 9;
    rows.push([`Zoë${i}`, `Ünal-${i} "Q"`, `b${i}@${occ.domain}`, i % 2 ? `Title ${i}` : '', i % 3 ? '' : '+44 7700 900123',
      '', i % 2 ? 'de' : 'en', i % 100 === 5 ? 'admin' : 'user', wifi ? 'yes' : 'no', wifi ? '3' : '', wifi ? 'London Bridge' : '',
      invite ? 'yes' : 'no', 'no'].map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
  }
  const box = mailbox().mark();
  const r = await upload(c, occ.id, `${HEADER}\n${rows.join('\n')}\n`, { dry: false });
  assert.equal(r.status, 200, JSON.stringify(report(r.text)));
  assert.match(r.url, /\?n=import_done$/);
  const got = sql(`SELECT email, first_name, last_name, job_title, mobile_phone, language, role, account_state
    FROM users WHERE occupier_id = ${occ.id} ORDER BY id`);
  assert.equal(got.length, n, 'every row, in the order of the file (ids ascending)');
  for (const i of [0, 1, 499, 500, 501, 999, 1000, 1202]) {
    assert.deepEqual(got[i], [`b${i}@${occ.domain}`, `Zoë${i}`, `Ünal-${i} "Q"`, i % 2 ? `Title ${i}` : '',
      i % 3 ? '' : '+44 7700 900123', i % 2 ? 'de' : 'en', i % 100 === 5 ? 'admin' : 'user',
      i % 400 === 9 ? 'AWAITING_VALIDATION' : 'NOT_INVITED'], `row ${i + 2}`);
  }
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_accounts w JOIN users u ON u.id = w.user_id WHERE u.occupier_id = ${occ.id}`),
    String(rows.filter((_, i) => i % 250 === 7).length), 'a Wi-Fi account for each row that asks');
  const mails = rows.filter((_, i) => i % 250 === 7).length + rows.filter((_, i) => i % 400 === 9).length;
  await box.waitFor(() => box.list().length >= mails);
  assert.equal(box.list().filter((m) => m.to.endsWith(`@${occ.domain}`)).length, mails,
    'an email for each Wi-Fi account and invitation');
  const audit = sql(`SELECT a.subject_label FROM audit_log a JOIN users u ON u.id = a.subject_user_id
    WHERE a.occupier_id = ${occ.id} AND a.action = 'user.create' ORDER BY a.id`).map((l) => l[0]);
  assert.equal(audit.length, n, 'one "user.create" entry per user');
  assert.equal(audit[500], `Zoë500 Ünal-500 "Q" <b500@${occ.domain}>`, 'in file order, labelled as a single add is');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM user_grams_deferred`), '0', 'the deferral of the grams ended with the import');
  // the grams written at the end are exactly those the triggers write: rebuilt by a rename
  // and its undoing (users_grams_upd), the rows are the same
  for (const i of [0, 600, 1202]) {
    const id = sqlValue(`SELECT id FROM users WHERE occupier_id = ${occ.id} AND email = 'b${i}@${occ.domain}'`);
    const grams = () => sql(`SELECT HEX(gram), occupier_id FROM user_grams WHERE user_id = ${id} ORDER BY 1`);
    const before = grams();
    assert.ok(before.length > 20, `user ${i} has grams`);
    sql(`UPDATE users SET first_name = 'x' WHERE id = ${id}`);
    sql(`UPDATE users SET first_name = 'Zoë${i}' WHERE id = ${id}`);
    assert.deepEqual(grams(), before, `user ${i}: the same grams as the triggers write`);
  }
  // and the operator's search finds a user of the last batch by a part of the name
  const found = await c.get(`/platform/users?q=${encodeURIComponent('nal-1202 "Q')}`);
  assert.match(textOf(found.text), new RegExp(`b1202@${occ.domain}`));
});

test('Add N users: after a clean dry run one click imports the same file, once, for this session and occupier only', async () => {
  const c = await ops();
  const occ = createOccupier();
  const rows = [];
  for (let i = 0; i < 25; i++) rows.push(`One${i},Click${i},p6.one.${i}@${occ.domain},,,,en,user,no,,,no,no`);
  const file = `${HEADER}\n${rows.join('\n')}\n`;
  let r = await upload(c, occ.id, file, { filename: 'team-one-click.csv' });
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /The file is valid: 25 users will be added/);
  const confirm = formByButton(r.text, 'Add 25 users');
  assert.ok(confirm, 'the report offers "Add 25 users"');
  const token = confirm.inputs.find((i) => i.name === 'pending').value;
  assert.match(token, /^[0-9a-f]{64}$/);
  // kept sealed: the file's text is not in the table, and only its token's hash is
  assert.equal(sqlValue(`SELECT COUNT(*) FROM import_pending WHERE occupier_id = ${occ.id}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM import_pending WHERE occupier_id = ${occ.id} AND (LOCATE('p6.one.', body_enc) > 0 OR token_hash = UNHEX('${token}'))`), '0');

  // another session, or another occupier in the URL, cannot use it
  const other = await ops();
  const page = await other.get(`/platform/occupiers/${occ.id}/import`);
  r = await other.post(confirm.action, { csrf: csrfOf(page.text), pending: token });
  assert.equal(r.status, 400);
  assert.match(r.text, /The checked file is no longer available/);
  const occ2 = createOccupier();
  const mine = csrfOf((await c.get(`/platform/occupiers/${occ2.id}/import`)).text);
  r = await c.post(`/platform/occupiers/${occ2.id}/import/confirm`, { csrf: mine, pending: token });
  assert.equal(r.status, 400);
  r = await c.post(confirm.action, { csrf: mine, pending: 'zz' });
  assert.equal(r.status, 400, 'a malformed token');
  assert.equal(userCount(occ.id) + userCount(occ2.id), 0);

  // the one click
  r = await c.submit(confirm);
  assert.equal(r.status, 200, JSON.stringify(report(r.text)));
  assert.match(r.url, new RegExp(`/platform/occupiers/${occ.id}/users\\?n=import_done$`));
  assert.equal(userCount(occ.id), 25);
  assert.equal(sqlValue(`SELECT subject_label FROM audit_log WHERE occupier_id = ${occ.id} AND action = 'users.import'`), 'team-one-click.csv');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM import_pending WHERE occupier_id = ${occ.id}`), '0', 'used once');
  r = await c.submit(confirm);
  assert.equal(r.status, 400, 'a second click imports nothing');
  assert.equal(userCount(occ.id), 25);
});

test('Add N users is refused with a message when the occupier\'s users changed since the dry run, or it expired', async () => {
  const c = await ops();
  const occ = createOccupier();
  const file = `${HEADER}\nLate,Comer,late@${occ.domain},,,,en,user,no,,,no,no\nSecond,Comer,second@${occ.domain},,,,en,user,no,,,no,no\n`;
  let r = await upload(c, occ.id, file);
  let confirm = formByButton(r.text, 'Add 2 users');
  assert.ok(confirm);
  // meanwhile someone adds a user to the occupier
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email) VALUES (1, ${occ.id}, 'Meanwhile', 'Added', 'meanwhile@${occ.domain}')`);
  r = await c.submit(confirm);
  assert.equal(r.status, 409);
  assert.match(r.text, /id="import-error"/);
  assert.match(textOf(r.text), /users changed since the file was checked, so nothing was imported/);
  assert.equal(userCount(occ.id), 1);

  // expired after 30 minutes
  r = await upload(c, occ.id, file);
  confirm = formByButton(r.text, 'Add 2 users');
  sql(`UPDATE import_pending SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE occupier_id = ${occ.id}`);
  r = await c.submit(confirm);
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /The checked file is no longer available/);
  assert.equal(userCount(occ.id), 1);
  // a file with one user says "Add 1 user"
  r = await upload(c, occ.id, `${HEADER}\nOnly,One,only@${occ.domain},,,,en,user,no,,,no,no\n`);
  assert.ok(formByButton(r.text, 'Add 1 user'));
});

test('a duplicate email inside the file, and one already used in the operator, are reported by row', async () => {
  const c = await ops();
  const occ = createOccupier();
  const csv = [HEADER,
    `Ann,One,ann@${occ.domain},,,,,,,,,,`,
    `Bob,Two,bob@${occ.domain},,,,,,,,,,`,
    `Ann,Again,ANN@${occ.domain},,,,,,,,,,`,
    'Uma,Taken,user@acme.test,,,,,,,,,,',
  ].join('\n');
  const r = await upload(c, occ.id, csv, { dry: false });
  assert.equal(r.status, 400);
  assert.deepEqual(report(r.text).map((p) => [p.row, p.column, p.problem]), [
    [4, 'email', 'This email address is also on row 2.'],
    [5, 'email', 'A user with this email address already exists.'],
  ]);
  assert.equal(userCount(occ.id), 0);
});

test('addresses already used are found across a file longer than one look-up batch (1,000), whatever their case', async () => {
  const c = await ops();
  const occ = createOccupier();
  const rows = [];
  for (let i = 1; i <= 1204; i++) rows.push(`Bulk,Row ${i},bulk.${i}@${occ.domain},,,,,,,,,,`);
  rows[0] = 'Taken,First,Admin@Acme.test,,,,,,,,,,';           // file row 2, batch 1
  rows[1100] = 'Taken,Late,user@acme.test,,,,,,,,,,';           // file row 1102, batch 2
  rows[1201] = 'Taken,Again,USER@acme.test,,,,,,,,,,';          // file row 1203: twice, and taken
  const r = await upload(c, occ.id, `${HEADER}\n${rows.join('\n')}\n`, { dry: false });
  assert.equal(r.status, 400);
  const taken = 'A user with this email address already exists.';
  assert.deepEqual(report(r.text).map((p) => [p.row, p.column, p.problem]), [
    [2, 'email', taken],
    [1102, 'email', taken],
    [1203, 'email', 'This email address is also on row 1102.'],
    [1203, 'email', taken],
  ]);
  assert.equal(userCount(occ.id), 0, 'nothing is imported');
});

test('a file that is not CSV, an empty one, a wrong header and no file at all are refused clearly', async () => {
  const c = await ops();
  const occ = createOccupier();
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  let r = await upload(c, occ.id, png, { filename: 'photo.png', type: 'image/png' });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /This is not a CSV file/);
  r = await upload(c, occ.id, '', { filename: 'empty.csv' });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /The file is empty/);
  r = await upload(c, occ.id, 'name;mail\nAda;ada@x.test\n');
  assert.equal(r.status, 400);
  const rep = report(r.text);
  assert.ok(rep.some((p) => p.row === 1 && p.value === 'name' && /not a column/.test(p.problem)));
  assert.ok(rep.some((p) => p.row === 1 && p.column === 'email' && /must name this column/.test(p.problem)));
  r = await upload(c, occ.id, `${HEADER}\n"unterminated,x,y\n`);
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /never closed/);
  const page = await c.get(`/platform/occupiers/${occ.id}/import`);
  r = await c.postMultipart(`/platform/occupiers/${occ.id}/import`, [['csrf', csrfOf(page.text)], ['dry_run', '1']], []);
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /Choose a CSV file/);
  assert.equal(userCount(occ.id), 0);
});

test('semicolons, a byte order mark, quoted fields with "" and line breaks, CRLF: all read', async () => {
  const c = await ops();
  const occ = createOccupier();
  // a line break inside quotes is part of the value (which a job title may not hold): the
  // problem is on row 2, and the record after it is row 3
  let csv = '\ufeffemail;first_name;last_name;job_title\r\n'
    + `q1@${occ.domain};"Zoë";"O""Brien";"Head\r\nof things"\r\n`
    + `q2@${occ.domain};Émile;Zola;not-an-email-column\r\n`
    + `bad-email;Émile;Zola;\r\n`;
  let r = await upload(c, occ.id, Buffer.from(csv, 'utf8'));
  assert.equal(r.status, 400);
  assert.deepEqual(report(r.text).map((p) => [p.row, p.column]), [[2, 'job_title'], [4, 'email']]);
  csv = '\ufeffemail;first_name;last_name;job_title\r\n'
    + `q1@${occ.domain};"Zoë";"O""Brien";"Head; of things"\r\n`
    + `q2@${occ.domain};Émile;Zola;\r\n`;
  r = await upload(c, occ.id, Buffer.from(csv, 'utf8'));
  assert.equal(r.status, 200, JSON.stringify(report(r.text)));
  assert.match(textOf(r.text), /The file is valid: 2 users will be added/);
  r = await upload(c, occ.id, Buffer.from(csv, 'utf8'), { dry: false });
  assert.equal(r.status, 200);
  assert.deepEqual(sql(`SELECT first_name, last_name, job_title, language, role FROM users WHERE email = 'q1@${occ.domain}'`),
    [['Zoë', 'O"Brien', 'Head; of things', 'en', 'user']]);
});

test('a file over 10 MiB is refused with 413 and the server keeps serving', async () => {
  const c = await ops();
  const occ = createOccupier();
  const page = await c.get(`/platform/occupiers/${occ.id}/import`);
  const big = Buffer.alloc(10 * 1024 * 1024 + 4096, 'a');
  let status;
  try {
    const r = await c.postMultipart(`/platform/occupiers/${occ.id}/import`, [['csrf', csrfOf(page.text)]],
      { file: { filename: 'big.csv', content: big, type: 'text/csv' } });
    status = r.status;
  } catch (e) {
    // nginx may answer 413 and close before the whole body is sent; the status is then lost
    status = `connection closed: ${e.cause ? e.cause.code : e.message}`;
  }
  assert.equal(status, 413);
  assert.equal((await c.get('/healthz')).status, 200);
  assert.equal(userCount(occ.id), 0);
});

// ------------------------------------------------------------------------------------------
// PLAT-3

test('Download users: every user with statuses, formula-safe, and it imports again to the same users', async () => {
  const c = await ops();
  const occ = createOccupier();
  const d = occ.domain;
  const seed = [HEADER,
    `Ada,Lovelace,ada@${d},=SUM(1+1),+44 7700 900123,,en,admin,yes,3,Canary Wharf,no,no`,
    `"Smith, Jr.","Said ""hi""",smith@${d},@lead,,+44 20 7946 0000,en,user,yes,2,London Bridge,no,no`,
    `Émile,Zola,emile@${d},-minus,,,en,user,no,,,no,no`,
    `Plain,Person,plain@${d},Engineer,,,en,user,no,,,no,yes`,
  ].join('\n');
  let r = await upload(c, occ.id, seed, { dry: false });
  assert.equal(r.status, 200, JSON.stringify(report(r.text)));
  assert.equal(userCount(occ.id), 4);
  // one of them deactivated, so that the status column has something to say
  sql(`UPDATE wifi_accounts SET state = 'DEACTIVATED' WHERE user_id = (SELECT id FROM users WHERE email = 'smith@${d}')`);

  const first = await c.get(`/platform/occupiers/${occ.id}/users.csv`);
  assert.equal(first.status, 200);
  assert.match(first.headers.get('content-type'), /^text\/csv/);
  assert.match(first.headers.get('content-disposition'), /^attachment; filename="users-[a-z0-9-]+\.csv"$/);
  const rows = parseCsv(first.text);
  assert.equal(rows[0].join(','), `${HEADER},wifi_status,account_status,phone_number,extension`);
  assert.equal(rows.length, 5);
  const byEmail = Object.fromEntries(rows.slice(1).map((x) => [x[2], x]));
  assert.equal(byEmail[`ada@${d}`][3], "'=SUM(1+1)", 'formula guarded');
  assert.equal(byEmail[`ada@${d}`][4], "'+44 7700 900123");
  assert.equal(byEmail[`smith@${d}`][3], "'@lead");
  assert.equal(byEmail[`emile@${d}`][3], "'-minus");
  assert.equal(byEmail[`smith@${d}`][0], 'Smith, Jr.');
  assert.equal(byEmail[`smith@${d}`][1], 'Said "hi"');
  assert.deepEqual(byEmail[`smith@${d}`].slice(8, 11), ['yes', '2', 'London Bridge']);
  assert.equal(byEmail[`smith@${d}`][13], 'DEACTIVATED');
  assert.equal(byEmail[`plain@${d}`][13], 'NO ACCOUNT');
  assert.equal(byEmail[`ada@${d}`][13], 'ACTIVE');
  assert.equal(byEmail[`ada@${d}`][14], 'NOT INVITED');
  assert.equal(byEmail[`ada@${d}`][7], 'admin');

  // round trip: the users go, the download comes back as it was
  removeUsers(occ.id);
  r = await upload(c, occ.id, first.text);
  assert.equal(r.status, 200, JSON.stringify(report(r.text)));
  assert.match(textOf(r.text), /The file is valid: 4 users will be added/);
  r = await upload(c, occ.id, first.text, { dry: false });
  assert.equal(r.status, 200, JSON.stringify(report(r.text)));
  assert.deepEqual(sql(`SELECT job_title, mobile_phone FROM users WHERE email = 'ada@${d}'`), [['=SUM(1+1)', '+44 7700 900123']]);
  // the phone number and extension columns of the download (user@acme.test has one)
  const acme = parseCsv((await c.get('/platform/occupiers/1/users.csv')).text);
  const user = acme.find((x) => x[2] === 'user@acme.test');
  assert.deepEqual(user.slice(15, 17), ["'+442079460101", '101']);
  assert.ok(acme.slice(1).some((x) => x[15] === '' && x[16] === ''), 'users without a number have empty cells');
  const second = await c.get(`/platform/occupiers/${occ.id}/users.csv`);
  const importable = (text) => parseCsv(text).map((x) => x.slice(0, 13).join('\u0001')).sort();
  assert.deepEqual(importable(second.text), importable(first.text));
});

// ------------------------------------------------------------------------------------------
// PLAT-4

/** Imports simple users into occ: specs [{key, role, wifi}] -> {key: id}. */
async function seedUsers(c, occ, specs) {
  const lines = specs.map((s) => `${s.key},Test,${s.key}@${occ.domain},,,,en,${s.role || 'user'},${s.wifi ? 'yes,3,London Bridge' : 'no,,'},no,no`);
  const r = await upload(c, occ.id, `${HEADER}\n${lines.join('\n')}\n`, { dry: false });
  assert.equal(r.status, 200, JSON.stringify(report(r.text)));
  const out = {};
  for (const s of specs) out[s.key] = Number(sqlValue(`SELECT id FROM users WHERE email = '${s.key}@${occ.domain}'`));
  return out;
}

/** The two tables of a bulk summary: {done: [emails], skipped: [[email, reason]]}. */
function summary(html) {
  const rowsOf = (id) => {
    const t = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html);
    if (!t) return [];
    return [...t[0].matchAll(/<tr><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td>(?:<td[^>]*>([\s\S]*?)<\/td>)?<\/tr>/g)]
      .map((m) => [textOf(m[2]), m[3] === undefined ? undefined : textOf(m[3])]);
  };
  return { done: rowsOf('bulk-done').map((x) => x[0]).sort(), skipped: rowsOf('bulk-skipped').sort() };
}

test('bulk delete: a confirmation step first, admins skipped with the reason, the rest deleted in one go', async () => {
  const c = await ops();
  const occ = createOccupier();
  const u = await seedUsers(c, occ, [{ key: 'del1', wifi: true }, { key: 'del2' }, { key: 'boss', role: 'admin' }, { key: 'keep' }]);
  const page = await c.get(`/platform/occupiers/${occ.id}/users`);
  const csrf = csrfOf(page.text);
  const sel = [u.del1, u.del2, u.boss].map((id) => ['user', String(id)]);
  // someone else's user id slipped into the form is ignored, not deleted
  let r = await c.post(`/platform/occupiers/${occ.id}/users/bulk`, [['csrf', csrf], ['action', 'delete'], ...sel, ['user', '2']]);
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /3 users selected/);
  const confirm = formByButton(r.text, 'Delete these users');
  assert.ok(confirm, 'a confirmation form');
  assert.equal(userCount(occ.id), 4, 'nothing deleted before confirming');
  r = await c.submit(confirm);
  assert.equal(r.status, 200);
  const s = summary(r.text);
  assert.deepEqual(s.done, [`del1@${occ.domain}`, `del2@${occ.domain}`]);
  assert.equal(s.skipped.length, 1);
  assert.equal(s.skipped[0][0], `boss@${occ.domain}`);
  assert.match(s.skipped[0][1], /An admin, who cannot be deleted/);
  assert.match(textOf(r.text), /Done: 2\. Skipped: 1\./);
  assert.deepEqual(sql(`SELECT email FROM users WHERE occupier_id = ${occ.id} ORDER BY email`).flat(),
    [`boss@${occ.domain}`, `keep@${occ.domain}`]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_accounts WHERE user_id = ${u.del1}`), '0');
  assert.equal(sqlValue('SELECT COUNT(*) FROM users WHERE id = 2'), '1', 'admin@acme.test untouched');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE occupier_id = ${occ.id} AND action = 'user.delete'`), '2');
});

test('bulk Wi-Fi deactivation, invites and homesite change report what was done and what was skipped', async () => {
  const c = await ops();
  const occ = createOccupier();
  const u = await seedUsers(c, occ, [{ key: 'wa', wifi: true }, { key: 'wb', wifi: true }, { key: 'nw' }]);
  const page = await c.get(`/platform/occupiers/${occ.id}/users`);
  const csrf = csrfOf(page.text);
  const all = Object.values(u).map((id) => ['user', String(id)]);
  const bulk = (action, extra = []) => c.post(`/platform/occupiers/${occ.id}/users/bulk`, [['csrf', csrf], ['action', action], ...all, ...extra]);

  // homesite: first the choice of site (another operator's site is refused), then the change
  let r = await bulk('homesite');
  assert.equal(r.status, 200);
  let f = formByButton(r.text, 'Change homesite');
  assert.ok(f && f.inputs.find((i) => i.name === 'homesite'));
  r = await c.submit(f, { homesite: '3' });   // Leeds Dock, of Other Spaces
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /Choose one of the occupier's sites/);
  const box = mailbox().mark();
  r = await c.submit(formByButton(r.text, 'Change homesite'), { homesite: '2' });
  assert.equal(r.status, 200);
  let s = summary(r.text);
  assert.deepEqual(s.done, [`wa@${occ.domain}`, `wb@${occ.domain}`]);
  assert.deepEqual(s.skipped, [[`nw@${occ.domain}`, 'Has no Wi-Fi account.']]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_accounts WHERE homesite_id = 2 AND user_id IN (${u.wa}, ${u.wb})`), '2');
  await box.waitFor((m) => m.to.includes(`wa@${occ.domain}`));

  sql(`UPDATE wifi_accounts SET state = 'DEACTIVATED' WHERE user_id = ${u.wb}`);
  r = await bulk('deactivate_wifi');
  s = summary(r.text);
  assert.deepEqual(s.done, [`wa@${occ.domain}`]);
  assert.deepEqual(s.skipped, [[`nw@${occ.domain}`, 'Has no Wi-Fi account.'],
    [`wb@${occ.domain}`, 'The Wi-Fi account is already deactivated.']]);
  assert.equal(sqlValue(`SELECT state FROM wifi_accounts WHERE user_id = ${u.wa}`), 'DEACTIVATED');

  sql(`UPDATE users SET account_state = 'AWAITING_VALIDATION', invited_portal = 1 WHERE id = ${u.nw}`);
  r = await bulk('invite');
  s = summary(r.text);
  assert.deepEqual(s.done, [`wa@${occ.domain}`, `wb@${occ.domain}`]);
  assert.deepEqual(s.skipped, [[`nw@${occ.domain}`, 'Already invited to the portal.']]);
  assert.equal(sqlValue(`SELECT account_state FROM users WHERE id = ${u.wa}`), 'AWAITING_VALIDATION');
  await box.waitFor((m) => m.to.includes(`wb@${occ.domain}`) && /invited/i.test(m.subject));
});

test('bulk action on all users matching the filter, and nothing selected', async () => {
  const c = await ops();
  const occ = createOccupier();
  await seedUsers(c, occ, [{ key: 'alpha1', wifi: true }, { key: 'alpha2', wifi: true }, { key: 'beta1', wifi: true }]);
  const page = await c.get(`/platform/occupiers/${occ.id}/users`);
  const csrf = csrfOf(page.text);
  let r = await c.post(`/platform/occupiers/${occ.id}/users/bulk`,
    [['csrf', csrf], ['action', 'deactivate_wifi'], ['all_matching', '1'], ['q', 'alpha']]);
  assert.equal(r.status, 200);
  assert.deepEqual(summary(r.text).done, [`alpha1@${occ.domain}`, `alpha2@${occ.domain}`]);
  assert.equal(sqlValue(`SELECT state FROM wifi_accounts w JOIN users u ON u.id = w.user_id WHERE u.email = 'beta1@${occ.domain}'`), 'ACTIVE');
  r = await c.post(`/platform/occupiers/${occ.id}/users/bulk`, [['csrf', csrf], ['action', 'invite']]);
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /No users were selected/);
  r = await c.post(`/platform/occupiers/${occ.id}/users/bulk`, [['csrf', csrf], ['action', 'explode'], ['user', '1']]);
  assert.equal(r.status, 400);
});

// ------------------------------------------------------------------------------------------
// PLAT-8

test('audit log: an edit shows who, old and new value; a refused edit leaves nothing', async () => {
  const c = await ops();
  const occ = createOccupier();
  const u = await seedUsers(c, occ, [{ key: 'aud' }]);
  const editUrl = `/platform/occupiers/${occ.id}/users/${u.aud}/edit`;
  let page = await c.get(editUrl);
  assert.equal(page.status, 200);
  const before = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.aud}`));
  // refused: the first name is required
  let r = await c.submit(formByButton(page.text, 'Save changes'), { first_name: '' });
  assert.equal(r.status, 400);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.aud}`)), before);
  page = await c.get(editUrl);
  r = await c.submit(formByButton(page.text, 'Save changes'), { job_title: 'Chief Auditor' });
  assert.equal(r.status, 200);

  r = await c.get(`/platform/occupiers/${occ.id}/users/${u.aud}/audit`);
  assert.equal(r.status, 200);
  const t = textOf(r.text);
  assert.match(t, /Audit log/);
  assert.match(t, /ops@demo\.test Changed job title .*job title: →\s*changed to Chief Auditor/);
  assert.match(t, /Created user/);
  // the occupier's log and the operator's, filtered
  r = await c.get(`/platform/occupiers/${occ.id}/audit?q=user.update`);
  assert.match(textOf(r.text), /1 entries/);
  r = await c.get(`/platform/audit?q=${encodeURIComponent(`aud@${occ.domain}`)}`);
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /Changed job title/);
  assert.match(r.text, new RegExp(`href="/platform/occupiers/${occ.id}/users/${u.aud}/audit"`));
  // another operator's entries never show, and its user's log is not found
  r = await c.get('/platform/audit?q=initech');
  assert.doesNotMatch(textOf(r.text), /admin@initech\.test/);
  r = await c.get(`/platform/occupiers/${occ.id}/users/6/audit`);
  assert.equal(r.status, 404);
});

test('audit log in words: every language, old -> new per field, filters by who, what and date; bad filters get a message', async () => {
  const c = await ops();
  const occ = createOccupier();
  const file = `${HEADER}\nWord,One,w1@${occ.domain},,,,en,user,no,,,no,no\nWord,Two,w2@${occ.domain},,,,en,user,no,,,no,no\n`;
  let r = await upload(c, occ.id, file, { dry: false, filename: 'words.csv' });
  assert.equal(r.status, 200);
  const id = sqlValue(`SELECT id FROM users WHERE email = 'w1@${occ.domain}'`);
  const page = await c.get(`/platform/occupiers/${occ.id}/users/${id}/edit`);
  r = await c.submit(formByButton(page.text, 'Save changes'), { email: `w1.new@${occ.domain}`, role: 'admin' });
  assert.equal(r.status, 200);
  r = await c.get(`/platform/occupiers/${occ.id}/audit`);
  let t = textOf(r.text);
  assert.match(t, /Imported 2 users from words\.csv/);
  assert.match(t, new RegExp(`Changed email .* email: w1@${occ.domain.replace(/\./g, '\\.')} →\\s*changed to w1\\.new@`));
  assert.match(t, /Changed role .* role: User →\s*changed to Admin/);
  // what: one action; who: the actor; dates
  r = await c.get(`/platform/occupiers/${occ.id}/audit?what=users.import`);
  assert.match(textOf(r.text), /1 entries/);
  assert.match(r.text, /<option value="users\.import" selected>Imported users from a file<\/option>/);
  r = await c.get(`/platform/occupiers/${occ.id}/audit?who=${encodeURIComponent('staff@demo.test')}`);
  assert.match(textOf(r.text), /0 entries/);
  r = await c.get(`/platform/occupiers/${occ.id}/audit?who=olivia&what=user.update`);
  assert.match(textOf(r.text), /2 entries/);
  const today = sqlValue(`SELECT DATE_FORMAT(MAX(at), '%Y-%m-%d') FROM audit_log WHERE occupier_id = ${occ.id}`);
  r = await c.get(`/platform/occupiers/${occ.id}/audit?from=${today}&to=${today}&what=user.create`);
  assert.match(textOf(r.text), /2 entries/);
  r = await c.get(`/platform/occupiers/${occ.id}/audit?to=2000-01-01`);
  assert.match(textOf(r.text), /0 entries/);
  // bad filters: a message by the field, no entries listed
  r = await c.get(`/platform/occupiers/${occ.id}/audit?from=31/01/2026&to=2026-02-30&what=nonsense`);
  assert.equal(r.status, 400);
  assert.match(r.text, /id="from-error"[^>]*>Enter a date as YYYY-MM-DD/);
  assert.match(r.text, /id="to-error"[^>]*>Enter a date as YYYY-MM-DD/);
  assert.match(r.text, /id="what-error"[^>]*>Choose an action from the list/);
  r = await c.get(`/platform/occupiers/${occ.id}/audit?from=2026-03-01&to=2026-02-01`);
  assert.match(r.text, /id="to-error"[^>]*>The end date must not be before the start date/);
  // the same log in French and German: the words come from the catalogue
  sql("UPDATE users SET language = 'fr' WHERE email = 'ops@demo.test'");
  try {
    const fr = await ops();
    t = textOf((await fr.get(`/platform/occupiers/${occ.id}/audit`)).text);
    assert.match(t, /2 utilisateurs importés depuis words\.csv/);
    assert.match(t, /Modification : rôle/);
    sql("UPDATE users SET language = 'de' WHERE email = 'ops@demo.test'");
    const de = await ops();
    t = textOf((await de.get(`/platform/occupiers/${occ.id}/audit`)).text);
    assert.match(t, /2 Benutzer aus words\.csv importiert/);
    assert.match(t, /Geändert: Rolle/);
  } finally {
    sql("UPDATE users SET language = 'en' WHERE email = 'ops@demo.test'");
  }
});

test('occupier admins read their own occupier\'s audit log, read-only; never another occupier\'s', async () => {
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  sql("INSERT INTO audit_log (operator_id, occupier_id, subject_label, actor_label, action) VALUES (1, 2, 'globex-only@globex.test', 'ops@demo.test', 'user.create'), (1, 1, 'acme-entry@acme.test', 'ops@demo.test', 'user.create')");
  try {
    const nav = await admin.get('/users');
    assert.match(nav.text, /href="\/audit"/, 'a navigation entry');
    const r = await admin.get('/audit');
    assert.equal(r.status, 200);
    const t = textOf(r.text);
    assert.match(t, /Audit log/);
    assert.match(t, /Created user acme-entry@acme\.test/);
    assert.doesNotMatch(t, /globex-only@globex\.test/);
    assert.doesNotMatch(r.text, /href="\/platform\//, 'no link into the platform');
    const posts = [...r.text.matchAll(/<form[^>]*method="post"[^>]*>/gi)].map((m) => m[0]).filter((f) => !/action="\/signout"/.test(f));
    assert.deepEqual(posts, [], 'read-only: no form but Sign out');
    const f = await admin.get('/audit?q=globex-only');
    assert.match(textOf(f.text), /0 entries/);
    assert.equal((await admin.post('/audit', { csrf: csrfOf(r.text) })).status, 405);
    // a plain user, another operator's admin
    const user = new Client();
    await user.signIn('user@acme.test');
    assert.equal((await user.get('/audit')).status, 403);
    const ini = new Client();
    await ini.signIn('admin@initech.test');
    const other = textOf((await ini.get('/audit')).text);
    assert.doesNotMatch(other, /acme-entry|globex-only/);
  } finally {
    sql("DELETE FROM audit_log WHERE subject_label IN ('globex-only@globex.test', 'acme-entry@acme.test')");
  }
});

test('audit entries never hold a password, PIN or token', async () => {
  const rows = sql("SELECT CONCAT(field, '|', old_value, '|', new_value) FROM audit_log").flat();
  for (const v of rows) assert.doesNotMatch(v, /^(password|pin|token|custom_pin|password_hash)\|/i, v);
  assert.equal(sqlValue("SELECT COUNT(*) FROM audit_log WHERE new_value LIKE '$argon2%' OR old_value LIKE '$argon2%'"), '0');
});

test('Add N users: the kept file is sealed for its session and occupier: a copy under another opens for neither (issue 13)', async () => {
  const a = await ops();
  const b = await ops();
  const occA = createOccupier();
  const occB = createOccupier();
  const file = (occ) => `${HEADER}\nSeal,One,p13.seal.1@${occ.domain},,,,en,user,no,,,no,no\n`;
  let r = await upload(a, occA.id, file(occA));
  assert.ok(formByButton(r.text, 'Add 1 user'), 'offered');
  r = await upload(b, occB.id, file(occB));
  const confirmB = formByButton(r.text, 'Add 1 user');
  assert.ok(confirmB);
  // the sealed value, not the clear text, and in the format of its own use (02 || key id)
  assert.equal(sqlValue(`SELECT HEX(LEFT(body_enc, 1)) FROM import_pending WHERE occupier_id = ${occA.id}`), '02');
  // B's row gets A's sealed file (as someone with write access to the table could do): the
  // row is B's session's and occupier's, the sealed bytes are not
  sql(`UPDATE import_pending SET body_enc = (SELECT x.body_enc FROM (SELECT body_enc FROM import_pending WHERE occupier_id = ${occA.id}) x)
       WHERE occupier_id = ${occB.id}`);
  r = await b.submit(confirmB);
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /The checked file is no longer available/);
  assert.equal(userCount(occB.id), 0, 'nothing imported');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM import_pending WHERE occupier_id = ${occB.id}`), '0', 'the copy is gone');
  sql(`DELETE FROM import_pending WHERE occupier_id = ${occA.id}`);
});
