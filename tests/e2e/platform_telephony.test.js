'use strict';
// The platform's Telephony pages (PLAT-5, TEL-1, TEL-3..6), signed in as ops@demo.test. The
// numbers, the occupier and the users a test changes are made in the database for it and
// removed at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Client, formByButton, csrfOf, textOf, sql, sqlValue, sqlQuote } = require('./lib');

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const made = { numbers: [], users: [], occupiers: [] };

function createOccupier(sites) {
  const name = `P6 Tel ${uid()}`;
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (1, ${sqlQuote(name)})`);
  const id = Number(sqlValue(`SELECT id FROM occupiers WHERE name = ${sqlQuote(name)}`));
  sql(`INSERT INTO occupier_sites (occupier_id, site_id) VALUES ${sites.map((s) => `(${id}, ${s})`).join(', ')}`);
  made.occupiers.push(id);
  return id;
}

function createUser(occupier, { direct = '' } = {}) {
  const email = `p6-tel-${uid()}@example.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, direct_line)
       VALUES (1, ${occupier === null ? 'NULL' : occupier}, 'user', 'Tel', 'Person', ${sqlQuote(email)}, ${sqlQuote(direct)})`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`));
  made.users.push(id);
  return { id, email };
}

/** A new unallocated number of Demo Workspaces at site (2 = Canary Wharf). */
function createNumber(site = 2) {
  for (;;) {
    const n = `+4420798${String(crypto.randomInt(0, 100000)).padStart(5, '0')}`;
    if (sqlValue(`SELECT COUNT(*) FROM phone_numbers WHERE number = '${n}'`) !== '0') continue;
    sql(`INSERT INTO phone_numbers (operator_id, site_id, allocated, number, extension, default_pin)
         VALUES (1, ${site}, 0, '${n}', '${n.slice(-4)}', '111222')`);
    const id = Number(sqlValue(`SELECT id FROM phone_numbers WHERE number = '${n}'`));
    made.numbers.push(id);
    return { id, number: n };
  }
}

test.after(() => {
  for (const id of made.numbers) sql(`DELETE FROM phone_numbers WHERE id = ${id}`);
  for (const id of made.users) {
    sql(`DELETE FROM wifi_accounts WHERE user_id = ${id}`);
    sql(`DELETE FROM users WHERE id = ${id}`);
  }
  for (const id of made.occupiers) {
    sql(`DELETE FROM occupier_sites WHERE occupier_id = ${id}`);
    sql(`DELETE FROM occupiers WHERE id = ${id}`);
  }
});

async function ops() {
  const c = new Client();
  await c.signIn('ops@demo.test');
  return c;
}

/** Posts one of the number page's forms (by its button) with values. */
async function submitOn(c, id, button, values = {}) {
  const page = await c.get(`/platform/telephony/${id}`);
  assert.equal(page.status, 200);
  const f = formByButton(page.text, button);
  assert.ok(f, `a "${button}" form on the number's page`);
  return c.submit(f, values);
}

const row = (id) => sql(`SELECT IFNULL(occupier_id, 'none'), allocated, IFNULL(user_id, 'none'), status FROM phone_numbers WHERE id = ${id}`)[0];

test('the numbers by site, with status, allocation and assignee; never another operator\'s', async () => {
  const c = await ops();
  const n = createNumber(2);
  const r = await c.get('/platform/telephony');
  assert.equal(r.status, 200);
  const t = textOf(r.text);
  assert.match(t, /Telephony/);
  assert.match(t, /Canary Wharf .*London Bridge/, 'grouped by site, in order');
  assert.match(r.text, new RegExp(`href="/platform/telephony/${n.id}"`));
  assert.match(t, new RegExp(`\\${n.number} \\d+ ACTIVE Unallocated Not assigned`));
  assert.match(t, /\+442079460101 101 (ACTIVE|PENDING) Acme Ltd Uma User ?user@acme\.test/);
  assert.doesNotMatch(t, /\+44113496/, 'Other Spaces\' numbers are not listed');
  const f = await c.get(`/platform/telephony?q=${encodeURIComponent(n.number)}`);
  assert.match(textOf(f.text), /\b1 numbers\b/);
});

test('another operator\'s number is not found, for reading and for every change', async () => {
  const c = await ops();
  const page = await c.get('/platform/telephony');
  const csrf = csrfOf(page.text);
  assert.equal((await c.get('/platform/telephony/10')).status, 404);
  for (const [p, f] of [['allocate', { allocation: 'account' }], ['assign', { user: '5' }], ['features', { tel_dnd: '1' }]]) {
    const r = await c.post(`/platform/telephony/10/${p}`, { csrf, ...f });
    assert.equal(r.status, 404, p);
  }
  assert.deepEqual(sql('SELECT IFNULL(occupier_id, \'none\'), allocated, dnd FROM phone_numbers WHERE id = 10'), [['none', '0', '0']]);
});

test('allocate to an occupier with space at the site, assign a user (direct line replaced), one number per user', async () => {
  const c = await ops();
  const occ = createOccupier([1, 2]);
  const n = createNumber(2);
  const n2 = createNumber(2);
  const u = createUser(occ, { direct: '+44 20 7946 0999' });

  // Globex has no space at Canary Wharf, Initech is another operator's
  for (const bad of ['2', '4', 'garbage']) {
    const r = await submitOn(c, n.id, 'Save allocation', { allocation: bad });
    assert.equal(r.status, 400, `allocation ${bad}`);
    assert.match(textOf(r.text), /Choose your account or an occupier that has space/);
  }
  assert.deepEqual(row(n.id), ['none', '0', 'none', 'ACTIVE']);
  // no assignment before an allocation
  let r = await c.get(`/platform/telephony/${n.id}`);
  assert.equal(formByButton(r.text, 'Save assignment'), null);
  assert.match(textOf(r.text), /Allocate the number before assigning it/);

  r = await submitOn(c, n.id, 'Save allocation', { allocation: String(occ) });
  assert.equal(r.status, 200);
  assert.match(r.url, /\?n=number_saved$/);
  assert.deepEqual(row(n.id).slice(0, 3), [String(occ), '1', 'none']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'number.allocate' AND subject_label = '${n.number}'`), '1');

  // a user of another occupier is not offered and refused
  r = await submitOn(c, n.id, 'Save assignment', { user: '3' });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /Choose a person of the occupier/);
  r = await submitOn(c, n.id, 'Save assignment', { user: String(u.id) });
  assert.equal(r.status, 200);
  assert.equal(row(n.id)[2], String(u.id));
  assert.equal(sqlValue(`SELECT CONCAT('[', direct_line, ']') FROM users WHERE id = ${u.id}`), '[]');
  assert.deepEqual(sql(`SELECT old_value, new_value FROM audit_log WHERE subject_user_id = ${u.id} AND field = 'direct_line'`),
    [['+44 20 7946 0999', n.number]]);
  assert.match(textOf(r.text), new RegExp(`Assigned to Tel Person ${u.email.replace(/[.+]/g, '\\$&')}`));

  // the same user cannot hold a second number
  await submitOn(c, n2.id, 'Save allocation', { allocation: String(occ) });
  r = await c.post(`/platform/telephony/${n2.id}/assign`, { csrf: csrfOf(r.text), user: String(u.id) });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /already has a phone number/);
  assert.equal(row(n2.id)[2], 'none');

  // unassign, then a new allocation drops the assignment
  r = await submitOn(c, n.id, 'Save assignment', { user: '' });
  assert.equal(row(n.id)[2], 'none');
  await submitOn(c, n.id, 'Save assignment', { user: String(u.id) });
  r = await submitOn(c, n.id, 'Save allocation', { allocation: 'account' });
  assert.equal(r.status, 200);
  assert.deepEqual(row(n.id).slice(0, 3), ['none', '1', 'none']);
});

test('a number of the account goes to a team member', async () => {
  const c = await ops();
  const n = createNumber(1);
  const member = createUser(null);
  await submitOn(c, n.id, 'Save allocation', { allocation: 'account' });
  let r = await c.get(`/platform/telephony/${n.id}`);
  const f = formByButton(r.text, 'Save assignment');
  const options = f.inputs.find((i) => i.name === 'user').options.map((o) => o.text);
  assert.ok(options.some((o) => o.includes(member.email)), 'team members are offered');
  assert.ok(!options.some((o) => o.includes('@acme.test')), 'occupier users are not');
  r = await c.submit(f, { user: String(member.id) });
  assert.equal(r.status, 200);
  assert.equal(row(n.id)[2], String(member.id));
  r = await c.get('/platform/account/telephony');
  assert.match(textOf(r.text), new RegExp(`\\${n.number}.*${member.email.replace(/[.+]/g, '\\$&')}`));
});

test('features with the platform\'s rights: TEL-5 refused on the field, a valid change saved, queued and audited', async () => {
  const c = await ops();
  const occ = createOccupier([2]);
  const n = createNumber(2);
  sql(`UPDATE phone_numbers SET occupier_id = ${occ}, allocated = 1 WHERE id = ${n.id}`);
  let page = await c.get(`/platform/telephony/${n.id}`);
  const f = formByButton(page.text, 'Save changes');
  assert.ok(f, 'the features form');
  for (const name of ['tel_fwd_always', 'tel_voicemail', 'tel_call_waiting', 'tel_cli', 'tel_hide_caller_id', 'tel_dnd',
    'tel_auth_code', 'tel_moh', 'tel_acr']) {
    assert.ok(f.inputs.some((i) => i.name === name), `the platform edits ${name}`);
  }
  let r = await c.submit(f, { tel_fwd_busy: true, tel_fwd_busy_to: '+44 7700 900555', tel_call_waiting: true });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /cannot be on together with/);
  assert.match(r.text, /class="error-summary"/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_label = '${n.number}' AND action = 'tel.update'`), '0');
  assert.deepEqual(sql(`SELECT fwd_busy, call_waiting, status FROM phone_numbers WHERE id = ${n.id}`), [['0', '0', 'ACTIVE']]);

  page = await c.get(`/platform/telephony/${n.id}`);
  r = await c.submit(formByButton(page.text, 'Save changes'), { tel_moh: true, tel_acr: true, tel_voicemail: true });
  assert.equal(r.status, 200);
  assert.match(r.url, /\?n=number_saved$/);
  // PENDING until the provisioner (running beside the tests) has applied the queued job
  assert.deepEqual(sql(`SELECT music_on_hold, anon_reject, voicemail FROM phone_numbers WHERE id = ${n.id}`), [['1', '1', '1']]);
  assert.match(sqlValue(`SELECT status FROM phone_numbers WHERE id = ${n.id}`), /^(PENDING|ACTIVE)$/);
  assert.deepEqual(sql(`SELECT field, old_value, new_value FROM audit_log WHERE subject_label = '${n.number}' AND action = 'tel.update' ORDER BY id`).map((x) => x.join(' ')).sort(),
    ['anon_reject off on', 'music_on_hold off on', 'voicemail off on'].sort());
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ${n.id}`)) >= 1);

  // a form from before someone else's change is refused, not applied
  r = await c.submit(formByButton(page.text, 'Save changes'), { tel_dnd: true });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /Someone else changed these phone number features/);
  assert.equal(sqlValue(`SELECT dnd FROM phone_numbers WHERE id = ${n.id}`), '0');
});

test('a number moved to another allocation stops being the CLI of its old occupier\'s numbers', async () => {
  const c = await ops();
  const occ = createOccupier([2]);
  const a = createNumber(2);
  const b = createNumber(2);
  sql(`UPDATE phone_numbers SET occupier_id = ${occ}, allocated = 1 WHERE id IN (${a.id}, ${b.id})`);
  sql(`UPDATE phone_numbers SET cli = 1, cli_number_id = ${a.id} WHERE id = ${b.id}`);
  const r = await submitOn(c, a.id, 'Save allocation', { allocation: 'account' });
  assert.equal(r.status, 200);
  assert.deepEqual(sql(`SELECT cli, IFNULL(cli_number_id, 'none') FROM phone_numbers WHERE id = ${b.id}`), [['0', 'none']]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ${b.id}`), '1');
  assert.deepEqual(sql(`SELECT field, old_value FROM audit_log WHERE subject_label = '${b.number}' AND action = 'tel.update'`), [['cli_number_id', a.number]]);
});
