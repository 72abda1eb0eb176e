'use strict';
// Issue 16 item 4: scheduled offboarding. An admin sets a leaving date on the user's page
// (bad dates refused by the field), the list shows it, it can be cancelled; once the date is
// reached (moved into the past here) build/scheduler --once deactivates the Wi-Fi account and
// the user account, ends the sessions, unassigns the phone number (a provisioning job queued)
// and the audit log says so.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Client, formByButton, textOf, sql, sqlValue } = require('./lib');
const { schedulerOnce, waitFor } = require('./scheduler_lib');

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

/** An Acme user with a password and an ACTIVE Wi-Fi account, no number, no other test's. */
function leaver() {
  const [row] = sql(`SELECT u.id, u.email FROM users u
    JOIN occupiers o ON o.id = u.occupier_id AND o.name = 'Acme Ltd'
    JOIN wifi_accounts w ON w.user_id = u.id AND w.state = 'ACTIVE'
    WHERE u.account_state = 'VALIDATED' AND u.password_hash IS NOT NULL AND u.role = 'user'
    AND u.email NOT IN ('user@acme.test') AND u.leave_on IS NULL
    AND NOT EXISTS (SELECT 1 FROM phone_numbers p WHERE p.user_id = u.id)
    ORDER BY u.id DESC LIMIT 1`);
  assert.ok(row, 'a demo user with Wi-Fi');
  const [id, email] = row;
  return { id, email };
}

/** A free number of Acme assigned to user id (as the platform would); its id. */
function giveNumber(id) {
  const n = sqlValue(`SELECT p.id FROM phone_numbers p JOIN occupiers o ON o.id = p.occupier_id
    AND o.name = 'Acme Ltd' WHERE p.user_id IS NULL AND p.allocated = 1 ORDER BY p.id LIMIT 1`);
  assert.ok(n, 'a free number of Acme');
  sql(`UPDATE phone_numbers SET user_id = ${id} WHERE id = ${n}`);
  return n;
}

async function setDate(admin, id, value) {
  const page = await admin.get(`/users/${id}`);
  const f = formByButton(page.text, 'Set leaving date');
  assert.ok(f, 'the leaving date form on the details page');
  assert.match(page.text, /<label for="leave_on">Leaving date/);
  return admin.submit(f, { leave_on: value });
}

test('offboarding: bad dates get a message by the field, nothing saved', async () => {
  const u = leaver();
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  for (const [value, msg] of [
    ['2020-01-01', 'The leaving date cannot be in the past.'],
    [inDays(-1), 'The leaving date cannot be in the past.'],
    ['2027-02-30', 'Enter a real date as YYYY-MM-DD.'],
    ['next friday', 'Enter a real date as YYYY-MM-DD.'],
    ['2027-1-5', 'Enter a real date as YYYY-MM-DD.'],
    ['', 'Enter a leaving date.'],
  ]) {
    const r = await setDate(admin, u.id, value);
    assert.equal(r.status, 400, value);
    assert.match(r.text, new RegExp(`id="leave_on-error">${msg.replace('.', '\\.')}</p>`), value);
    assert.match(r.text, /aria-invalid="true" aria-describedby="leave_on-error"/);
  }
  assert.equal(sqlValue(`SELECT leave_on IS NULL FROM users WHERE id = ${u.id}`), '1');
  // nobody schedules their own leaving
  const self = sqlValue(`SELECT id FROM users WHERE email = 'admin@acme.test'`);
  const page = await admin.get(`/users/${self}`);
  assert.equal(formByButton(page.text, 'Set leaving date'), null);
});

test('offboarding: set (shown on the page and in the list), cancelled before the date', async () => {
  const u = leaver();
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const date = inDays(10);
  let r = await setDate(admin, u.id, date);
  assert.match(textOf(r.text), /Leaving date set\./);
  assert.match(textOf(r.text), new RegExp(`Leaves on ${date} \\(UTC\\)`));
  assert.equal(sqlValue(`SELECT DATE_FORMAT(leave_on, '%Y-%m-%d') FROM users WHERE id = ${u.id}`), date);
  assert.equal(sqlValue(`SELECT new_value FROM audit_log WHERE subject_user_id = ${u.id} AND action = 'user.leaving_set' ORDER BY id DESC LIMIT 1`), date);
  const list = await admin.get(`/users?q=${encodeURIComponent(u.email)}`);
  assert.match(textOf(list.text), new RegExp(`Leaving ${date}`), 'shown in the list');
  // today is allowed (it happens at the next run)
  r = await setDate(admin, u.id, today());
  assert.equal(r.status, 200);
  r = await admin.submit(formByButton(r.text, 'Cancel leaving date'));
  assert.match(textOf(r.text), /Leaving date cancelled\./);
  assert.match(textOf(r.text), /No leaving date is set\./);
  assert.equal(sqlValue(`SELECT leave_on IS NULL FROM users WHERE id = ${u.id}`), '1');
  assert.equal(sqlValue(`SELECT action FROM audit_log WHERE subject_user_id = ${u.id} ORDER BY id DESC LIMIT 1`), 'user.leaving_cancel');
  // cancelled: the scheduler leaves the user alone
  assert.equal(await schedulerOnce(), 0);
  assert.equal(sqlValue(`SELECT account_state FROM users WHERE id = ${u.id}`), 'VALIDATED');
});

test('offboarding: at the date the scheduler deactivates Wi-Fi and the account, ends sessions, unassigns the number, audited', async (t) => {
  const u = leaver();
  u.numberId = giveNumber(u.id);
  t.after(() => {
    // give the demo data back to the tests that follow (the number stays free)
    sql(`UPDATE users SET account_state = 'VALIDATED', leave_on = NULL WHERE id = ${u.id}`);
    sql(`UPDATE wifi_accounts SET state = 'ACTIVE' WHERE user_id = ${u.id}`);
    sql(`UPDATE phone_numbers SET user_id = NULL, status = 'ACTIVE' WHERE id = ${u.numberId}`);
  });
  const them = new Client();
  assert.match((await them.signIn(u.email)).url, /\/profile$/);
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  await setDate(admin, u.id, inDays(3));
  const jobs = Number(sqlValue(`SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ${u.numberId}`));
  const lastAudit = Number(sqlValue('SELECT IFNULL(MAX(id), 0) FROM audit_log'));
  sql(`UPDATE users SET leave_on = UTC_DATE() - INTERVAL 1 DAY WHERE id = ${u.id}`);
  assert.equal(await schedulerOnce(), 0);
  // the stack's own scheduler may have taken it first: either way it is done once
  await waitFor('the offboarding', () => sqlValue(`SELECT leave_on IS NULL FROM users WHERE id = ${u.id}`) === '1');
  assert.equal(sqlValue(`SELECT account_state FROM users WHERE id = ${u.id}`), 'DEACTIVATED');
  assert.equal(sqlValue(`SELECT state FROM wifi_accounts WHERE user_id = ${u.id}`), 'DEACTIVATED');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
  assert.match((await them.get('/profile')).url, /\/signin/, 'the session ended');
  assert.equal(sqlValue(`SELECT user_id IS NULL FROM phone_numbers WHERE id = ${u.numberId}`), '1');
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ${u.numberId}`)), jobs + 1, 'queued to the PBX');
  const audit = sql(`SELECT action, field, old_value, new_value, actor_label FROM audit_log
    WHERE subject_user_id = ${u.id} AND actor_label = 'scheduler' AND id > ${lastAudit} ORDER BY id`);
  const actions = audit.map((a) => `${a[0]}:${a[1]}`);
  for (const want of ['wifi.update:state', 'user.update:account_state', 'number.assign:user', 'user.offboard:leave_on']) {
    assert.equal(actions.filter((a) => a === want).length, 1, `${want} once in ${actions}`);
  }
  // the sign-in is refused; the page says no leaving date any more
  const again = await new Client().signIn(u.email);
  assert.match(again.url, /\/signin$/);
  const page = await admin.get(`/users/${u.id}`);
  assert.match(textOf(page.text), /No leaving date is set\./);
  // a second run finds nothing
  assert.equal(await schedulerOnce(), 0);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${u.id} AND action = 'user.offboard' AND id > ${lastAudit}`), '1');
});
