'use strict';
// Issue 16 item 3: invitations that chase themselves. The invitation's expiry on the user's page
// and in the list; build/scheduler sends a reminder (through the outbox, in the user's language,
// with a link of its own) 2 and 6 days after an unanswered invitation, never twice even with
// two schedulers at once, never a third; an operator turns reminders off. The invitation's time
// is moved back in SQL and the scheduler run with --once.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Client, formByButton, textOf, sql, sqlValue, sqlQuote } = require('./lib');
const { schedulerOnce, waitFor } = require('./scheduler_lib');

const SUBJECT = { en: 'Reminder: your invitation to the portal', fr: 'Rappel : votre invitation au portail' };

/** An Acme user awaiting validation (invited to the portal), no other test's. */
function invitee(offset) {
  const [row] = sql(`SELECT u.id, u.email, u.language FROM users u
    JOIN occupiers o ON o.id = u.occupier_id AND o.name = 'Acme Ltd'
    WHERE u.account_state = 'AWAITING_VALIDATION' AND u.invited_portal = 1 AND u.role = 'user'
    ORDER BY u.id DESC LIMIT 1 OFFSET ${offset}`);
  assert.ok(row, 'a demo user awaiting validation');
  return { id: row[0], email: row[1], language: row[2] };
}

// reminders queued since the test began (ids above the outbox's last at the start)
let since = 0;
test.before(() => {
  since = Number(sqlValue('SELECT IFNULL(MAX(id), 0) FROM mail_outbox'));
});
const reminders = (u, lang = 'en') => Number(sqlValue(`SELECT COUNT(*) FROM mail_outbox
  WHERE to_addr = ${sqlQuote(u.email)} AND subject = ${sqlQuote(SUBJECT[lang])} AND id > ${since}`));
const back = (u, days) => sql(`UPDATE user_tokens SET created_at = created_at - INTERVAL ${days} DAY
  - INTERVAL 1 HOUR WHERE user_id = ${u.id} AND chase = 1`);

async function resend(admin, u) {
  const page = await admin.get(`/users/${u.id}`);
  const r = await admin.submit(formByButton(page.text, 'Resend invite'));
  assert.equal(r.status, 200);
  return r;
}

test('reminders: the expiry is shown; a reminder 2 and 6 days after, in the user\'s language, once each even with two schedulers, never a third', async (t) => {
  const u = invitee(0);
  t.after(() => sql(`UPDATE users SET language = ${sqlQuote(u.language)} WHERE id = ${u.id}`));
  sql(`UPDATE users SET language = 'fr' WHERE id = ${u.id}`);
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const r = await resend(admin, u);
  const expires = sqlValue(`SELECT DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i') FROM user_tokens WHERE user_id = ${u.id} AND kind = 'invite'`);
  assert.ok(expires);
  assert.match(textOf(r.text), new RegExp(`Invitation\\s+Expires on ${expires} UTC`), 'on the user\'s page');
  const list = await admin.get(`/users?q=${encodeURIComponent(u.email)}`);
  assert.match(textOf(list.text), new RegExp(`Invitation expires ${expires.slice(0, 10)}`), 'in the list');
  assert.equal(sqlValue(`SELECT CONCAT(chase, reminders) FROM user_tokens WHERE user_id = ${u.id}`), '10');

  // not due yet
  assert.equal(await schedulerOnce(), 0);
  assert.equal(reminders(u, 'fr'), 0);

  // two days later: two schedulers at once send one reminder
  back(u, 2);
  const codes = await Promise.all([schedulerOnce(), schedulerOnce()]);
  assert.deepEqual(codes, [0, 0]);
  await waitFor('the first reminder', () => reminders(u, 'fr') === 1);
  await new Promise((res) => setTimeout(res, 2500));
  assert.equal(reminders(u, 'fr'), 1, 'never twice');
  assert.equal(reminders(u, 'en'), 0, 'in the user\'s language');
  const tokens = sql(`SELECT chase, reminders, expires_at FROM user_tokens WHERE user_id = ${u.id} AND kind = 'invite' ORDER BY chase`);
  assert.equal(tokens.length, 2, 'the reminder carries a link of its own');
  assert.equal(tokens[0][2], tokens[1][2], 'that expires with the invitation');
  assert.equal(tokens[1][1], '1');
  assert.equal(sqlValue(`SELECT new_value FROM audit_log WHERE subject_user_id = ${u.id} AND action = 'user.invite_reminder' ORDER BY id DESC LIMIT 1`), '1');

  // six days after: the second
  back(u, 4);
  await schedulerOnce();
  await waitFor('the second reminder', () => reminders(u, 'fr') === 2);
  // never a third
  back(u, 0);
  await schedulerOnce();
  await new Promise((res) => setTimeout(res, 1500));
  assert.equal(reminders(u, 'fr'), 2);
  assert.equal(sqlValue(`SELECT reminders FROM user_tokens WHERE user_id = ${u.id} AND chase = 1`), '2');

  // an expired invitation says so on the user's page, and is not reminded
  sql(`UPDATE user_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 HOUR WHERE user_id = ${u.id}`);
  const page = await admin.get(`/users/${u.id}`);
  assert.match(textOf(page.text), /Invitation\s+Expired on/);
});

test('reminders: a late scheduler sends one reminder, not two; an operator turns reminders off', async (t) => {
  const u = invitee(1);
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  await resend(admin, u);
  back(u, 6);
  await schedulerOnce();
  await waitFor('one reminder', () => reminders(u, u.language in SUBJECT ? u.language : 'en') === 1);
  assert.equal(sqlValue(`SELECT reminders FROM user_tokens WHERE user_id = ${u.id} AND chase = 1`), '2');

  const ops = new Client();
  await ops.signIn('ops@demo.test');
  t.after(() => sql(`UPDATE operators SET invite_reminders = 1 WHERE name = 'Demo Workspaces'`));
  let page = await ops.get('/platform/account/settings');
  let r = await ops.submit(formByButton(page.text, 'Save changes'), { invite_reminders: null });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT invite_reminders FROM operators WHERE name = 'Demo Workspaces'`), '0');
  const v = invitee(2);
  await resend(admin, v);
  back(v, 3);
  await schedulerOnce();
  await new Promise((res) => setTimeout(res, 1500));
  assert.equal(reminders(v, 'en') + reminders(v, 'fr'), 0, 'no reminder when turned off');
  // back on: the unanswered invitation is reminded
  page = await ops.get('/platform/account/settings');
  r = await ops.submit(formByButton(page.text, 'Save changes'), { invite_reminders: '1' });
  await schedulerOnce();
  await waitFor('the reminder once turned on', () => reminders(v, v.language in SUBJECT ? v.language : 'en') === 1);
});
