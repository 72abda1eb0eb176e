'use strict';
// PLAT-6 end to end (issue 13 item 1): a team member's details page and "Edit team member"
// form, and from the details page the Wi-Fi account (create, deactivate, reactivate, reset),
// the platform invitation (send, resend, deactivate, reactivate) and the phone number's page;
// the last super admin can be neither demoted nor deleted. Whatever a test adds is removed.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { removeUsersByEmail, Client, forms, formByButton, formValues, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote } = require('./lib');

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const emails = [];

test.after(() => {
  removeUsersByEmail(emails);
});

async function ops() {
  const c = new Client();
  await c.signIn('ops@demo.test');
  return c;
}

// Adds a team member of role admin working at London Bridge, without Wi-Fi or invitation.
async function addMember(c, first = 'Tina') {
  const email = `p6-life-${uid()}@demo.test`;
  emails.push(email);
  const page = await c.get('/platform/account/members/new');
  const f = formByButton(page.text, 'Add team member');
  const r = await c.post(f.action, [...formValues(f, {
    'First name': first, 'Last name': 'Member', 'Email address': email, Role: 'admin', invite: false,
  }), ['site', '1']]);
  assert.equal(r.status, 200, textOf(r.text).slice(0, 400));
  return { email, id: sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`), page: r };
}

test('the team list links each member to a details page with role, sites, Wi-Fi, access and number', async () => {
  const c = await ops();
  const list = await c.get('/platform/account');
  assert.match(list.text, /<a href="\/platform\/account\/members\/7">staff@demo\.test<\/a>/);
  const r = await c.get('/platform/account/members/7');
  assert.equal(r.status, 200);
  const t = textOf(r.text);
  assert.match(t, /Team members/);
  assert.match(t, /Role Admin/);
  assert.match(t, /Edit team member/);
  assert.match(t, /Platform access Invited/);
  // the phone number links to the number's page
  assert.match(r.text, /<a class="mono" href="\/platform\/telephony\/7">\+442079460001<\/a>/);
  // a team member of role User has no platform access and no invitation to send
  const u = textOf((await c.get('/platform/account/members/8')).text);
  assert.match(u, /Role User/);
  assert.match(u, /Platform access No platform access/);
  assert.doesNotMatch(u, /Send invite to join the platform/);
  // an occupier user is not a team member; unknown ids are not found
  assert.equal((await c.get('/platform/account/members/2')).status, 404);
  assert.equal((await c.get('/platform/account/members/999999')).status, 404);
});

test('edit team member: name, email (notices to both addresses), job title, mobile, language, role, sites; audited', async () => {
  const c = await ops();
  const m = await addMember(c);
  let page = await c.get(`/platform/account/members/${m.id}`);
  assert.match(textOf(page.text), /Sites they work at London Bridge/);
  page = await c.get(`/platform/account/members/${m.id}/edit`);
  assert.equal(page.status, 200);
  assert.match(textOf(page.text), /Edit team member: Tina Member/);
  const f = formByButton(page.text, 'Save changes');
  assert.ok(f.inputs.some((i) => i.name === 'site' && i.value === '1' && i.checked), 'the stored site is ticked');
  const email2 = `p6-new-${uid()}@demo.test`;
  emails.push(email2);
  const box = mailbox().mark();
  const r = await c.post(f.action, [...formValues(f, {
    'First name': 'Tania', 'Email address': email2, 'Job title': 'Host', 'Mobile phone': '+44 7700 900123',
    Language: 'fr', Role: 'super_admin', site: false,
  }), ['site', '2'], ['site', '1']]);
  assert.equal(r.status, 200, textOf(r.text).slice(0, 600));
  assert.match(r.url, new RegExp(`/platform/account/members/${m.id}\\?n=changes_saved$`));
  assert.deepEqual(sql(`SELECT first_name, email, job_title, mobile_phone, language, role FROM users WHERE id = ${m.id}`),
    [['Tania', email2, 'Host', '+44 7700 900123', 'fr', 'super_admin']]);
  assert.deepEqual(sql(`SELECT site_id FROM user_sites WHERE user_id = ${m.id} ORDER BY site_id`).flat(), ['1', '2']);
  await box.waitFor((x) => x.to.includes(m.email));
  await box.waitFor((x) => x.to.includes(email2));
  const audit = sql(`SELECT action, field, old_value, new_value FROM audit_log WHERE subject_user_id = ${m.id} AND action IN ('user.update', 'team.update') ORDER BY id`).map((x) => x.join(' '));
  assert.ok(audit.includes(`user.update email ${m.email} ${email2}`), audit.join('\n'));
  assert.ok(audit.includes('user.update role admin super_admin'));
  assert.ok(audit.includes('team.update sites London Bridge Canary Wharf, London Bridge'));
  const t = textOf(r.text);
  assert.match(t, /Role Super admin/);
  assert.match(t, /Sites they work at Canary Wharf, London Bridge/);
});

test('edit team member: bad input gets a message by each field and saves nothing', async () => {
  const c = await ops();
  const m = await addMember(c, 'Bad');
  const before = sql(`SELECT version, first_name, role FROM users WHERE id = ${m.id}`);
  const page = await c.get(`/platform/account/members/${m.id}/edit`);
  const f = formByButton(page.text, 'Save changes');
  const r = await c.post(f.action, [...formValues(f, {
    'First name': '', 'Email address': 'not-an-email', 'Mobile phone': 'call me', Role: 'user', invite_portal: true, site: false,
  }), ['site', '3']]);
  assert.equal(r.status, 400);
  assert.match(r.text, /id="first_name-error"/);
  assert.match(r.text, /id="email-error"/);
  assert.match(r.text, /id="mobile_phone-error"/);
  assert.match(r.text, /id="invite-error"[^>]*>Team members with the role User cannot sign in/);
  assert.match(r.text, /<fieldset class="options field-error" id="sites">\s*<legend>Sites they work at<\/legend>\s*<p class="error-message">Choose among your sites/);
  assert.match(textOf(r.text), /There is a problem/);
  assert.deepEqual(sql(`SELECT version, first_name, role FROM users WHERE id = ${m.id}`), before);
  assert.deepEqual(sql(`SELECT site_id FROM user_sites WHERE user_id = ${m.id}`).flat(), ['1']);
});

test('the last super admin can be neither demoted nor deleted', async () => {
  const c = await ops();
  // the members the tests above promoted step down first
  if (emails.length) sql(`UPDATE users SET role = 'admin' WHERE operator_id = 1 AND email IN (${emails.map(sqlQuote).join(', ')})`);
  assert.equal(sqlValue("SELECT COUNT(*) FROM users WHERE operator_id = 1 AND occupier_id IS NULL AND role = 'super_admin'"), '1');
  const page = await c.get('/platform/account/members/1/edit');
  const r = await c.submit(formByButton(page.text, 'Save changes'), { Role: 'admin' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="role-error"[^>]*>The last super admin cannot be demoted or deleted/);
  assert.equal(sqlValue('SELECT role FROM users WHERE id = 1'), 'super_admin');
  // nor deleted (here: themselves, which nobody may)
  const d = await c.post('/platform/account/members/1/delete', { csrf: csrfOf(page.text), confirmed: '1' });
  assert.equal(d.status, 403);
  assert.equal(sqlValue('SELECT COUNT(*) FROM users WHERE id = 1'), '1');
  // with a second super admin, the first may step down to admin (and back, by the other)
  const m = await addMember(c, 'Second');
  sql(`UPDATE users SET role = 'super_admin' WHERE id = ${m.id}`);
  const e = await c.get(`/platform/account/members/${m.id}/edit`);
  const ok = await c.submit(formByButton(e.text, 'Save changes'), { Role: 'admin' });
  assert.equal(ok.status, 200, textOf(ok.text).slice(0, 400));
  assert.equal(sqlValue(`SELECT role FROM users WHERE id = ${m.id}`), 'admin');
});

test('from the details page: Wi-Fi create, deactivate, reactivate, reset; platform invite send, resend, deactivate, reactivate', async () => {
  const c = await ops();
  const m = await addMember(c, 'Life');
  const box = mailbox().mark();
  let r = await c.get(`/platform/account/members/${m.id}`);
  // Wi-Fi: "Create a Wi-Fi account" opens the form with the switch on
  const link = r.text.match(/href="([^"]*\/edit\?wifi=1#wifi)">Create a Wi-Fi account/);
  assert.ok(link, 'a create link');
  r = await c.get(link[1].replace('#wifi', ''));
  assert.match(r.text, /id="wifi" name="wifi" value="1"[^>]* checked/);
  let f = formByButton(r.text, 'Save changes');
  r = await c.submit(f, { 'Concurrent device limit': '999', 'Wi-Fi homesite': '2' });
  assert.equal(r.status, 400, 'a limit out of bounds');
  assert.match(r.text, /id="device_limit-error"/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_accounts WHERE user_id = ${m.id}`), '0');
  r = await c.submit(formByButton(r.text, 'Save changes'), { 'Concurrent device limit': '2', 'Wi-Fi homesite': '2' });
  assert.equal(r.status, 200, textOf(r.text).slice(0, 400));
  assert.equal(sqlValue(`SELECT state FROM wifi_accounts WHERE user_id = ${m.id}`), 'ACTIVE');
  await box.waitFor((x) => x.to.includes(m.email) && /Wi-Fi/i.test(x.subject));

  r = await c.submit(formByButton(r.text, 'Deactivate Wi-Fi account'));
  assert.match(r.url, /n=wifi_deactivated$/);
  assert.equal(sqlValue(`SELECT state FROM wifi_accounts WHERE user_id = ${m.id}`), 'DEACTIVATED');
  const mark = mailbox().mark();
  r = await c.submit(formByButton(r.text, 'Reactivate Wi-Fi account'));
  assert.match(r.url, /n=wifi_reactivated$/);
  assert.equal(sqlValue(`SELECT state FROM wifi_accounts WHERE user_id = ${m.id}`), 'ACTIVE');
  await mark.waitFor((x) => x.to.includes(m.email));
  r = await c.submit(formByButton(r.text, 'Reset password'));
  assert.match(r.url, /n=wifi_password_sent$/);
  // reactivating an ACTIVE account is refused
  const again = await c.post(`/platform/account/members/${m.id}/wifi`, { csrf: csrfOf(r.text), action: 'reactivate' });
  assert.equal(again.status, 400);

  // the platform invitation
  assert.match(textOf(r.text), /Platform access Not invited/);
  const inv = mailbox().mark();
  r = await c.submit(formByButton(r.text, 'Send invite to join the platform'));
  assert.match(r.url, /n=invite_sent$/);
  assert.deepEqual(sql(`SELECT account_state, invited_portal FROM users WHERE id = ${m.id}`), [['AWAITING_VALIDATION', '1']]);
  await inv.waitFor((x) => x.to.includes(m.email) && /invited/i.test(x.subject));
  r = await c.submit(formByButton(r.text, 'Resend invite'));
  assert.match(r.url, /n=invite_sent$/);
  r = await c.submit(formByButton(r.text, 'Deactivate user account'));
  assert.match(r.url, /n=account_deactivated$/);
  assert.equal(sqlValue(`SELECT account_state FROM users WHERE id = ${m.id}`), 'DEACTIVATED');
  r = await c.submit(formByButton(r.text, 'Reactivate user account'));
  assert.equal(sqlValue(`SELECT account_state FROM users WHERE id = ${m.id}`), 'AWAITING_VALIDATION');

  // a member of role User is never invited
  const u = await c.post('/platform/account/members/8/invite', { csrf: csrfOf(r.text), to: 'portal' });
  assert.equal(u.status, 400);
  assert.equal(sqlValue('SELECT account_state FROM users WHERE id = 8'), 'NOT_INVITED');

  // and deleted from the details page
  r = await c.submit(formByButton(r.text, 'Delete team member'), { confirmed: '1' });
  assert.equal(r.status, 200);
  assert.match(r.url, /\/platform\/account\?n=user_deleted$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE id = ${m.id}`), '0');
});

test('invitations say what they grant: the platform, the portal, the app; the second one names the app', async () => {
  const c = await ops();
  // a team member: the platform
  const m = await addMember(c, 'Grant');
  const box = mailbox().mark();
  let page = await c.get(`/platform/account/members/${m.id}`);
  await c.submit(formByButton(page.text, 'Send invite to join the platform'));
  let mail = await box.waitFor((x) => x.to.includes(m.email));
  assert.match(mail.text, /invited to use the operator platform/);
  // an occupier user: the app only, then the portal as a notice
  const email = `p13-grant-${uid()}@acme.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email) VALUES (1, 1, 'Grant', 'Occupier', ${sqlQuote(email)})`);
  const id = sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`);
  try {
    page = await c.get(`/platform/occupiers/1/users/${id}`);
    const box2 = mailbox().mark();
    let r = await c.submit(formByButton(page.text, 'Send invite to join app'));
    assert.match(r.url, /n=invite_sent$/);
    mail = await box2.waitFor((x) => x.to.includes(email));
    assert.match(mail.text, /invited to use the mobile app/);
    assert.match(mail.text, /does not give access to the portal/);
    assert.deepEqual(sql(`SELECT invited_portal, invited_app FROM users WHERE id = ${id}`), [['0', '1']]);
    const box3 = mailbox().mark();
    r = await c.submit(formByButton(r.text, 'Send invite to join portal'));
    mail = await box3.waitFor((x) => x.to.includes(email));
    assert.match(mail.text, /now also have access to the portal/);
    assert.equal(mail.links().length, 0, 'no new credentials');
    assert.equal(mail.subject, 'You now also have access to the portal');
    // issue 13: "Resend invite" per invitation, each naming its own
    const box4 = mailbox().mark();
    const resends = forms(r.text).filter((f) => f.action.endsWith('/resend'));
    assert.deepEqual(resends.map((f) => formValues(f).find(([k]) => k === 'to')[1]), ['portal', 'app']);
    r = await c.submit(resends[1]);
    mail = await box4.waitFor((x) => x.to.includes(email));
    assert.equal(mail.subject, 'You are invited to the mobile app');
    assert.match(mail.text, /invited to use the mobile app/);
  } finally {
    for (const t of ['user_tokens', 'sessions', 'wifi_accounts']) sql(`DELETE FROM ${t} WHERE user_id = ${id}`);
    sql(`DELETE FROM users WHERE id = ${id}`);
  }
});

test('a number\'s page on the platform offers Reset PIN and Handset logout; another operator cannot use them', async () => {
  const c = await ops();
  try {
    // the team member's details page links to the number's page, which offers both
    const details = await c.get('/platform/account/members/7');
    const link = details.text.match(/href="(\/platform\/telephony\/7)"/);
    assert.ok(link, 'the number links to its page');
    let r = await c.get(link[1]);
    assert.ok(formByButton(r.text, 'Reset PIN'));
    const before = Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'tel.pin_reset'"));
    r = await c.submit(formByButton(r.text, 'Reset PIN'));
    assert.match(r.url, /\/platform\/telephony\/7\?n=pin_reset$/);
    assert.equal(Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'tel.pin_reset'")), before + 1);
    r = await c.submit(formByButton(r.text, 'Handset logout'));
    assert.match(r.url, /n=handset_logged_out$/);
    assert.equal(sqlValue('SELECT handset_logged_in FROM phone_numbers WHERE id = 7'), '0');
    assert.ok(!formByButton(r.text, 'Handset logout'), 'no handset to log out any more');
    assert.equal((await c.post('/platform/telephony/7/handset-logout', { csrf: csrfOf(r.text) })).status, 400);
    // another operator: not found, nothing changes
    const other = new Client();
    await other.signIn('ops@other.test');
    const p = await other.get('/platform/telephony');
    const n = Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'tel.pin_reset'"));
    assert.equal((await other.post('/platform/telephony/7/pin-reset', { csrf: csrfOf(p.text) })).status, 404);
    assert.equal(Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'tel.pin_reset'")), n);
  } finally {
    sql('UPDATE phone_numbers SET handset_logged_in = 1 WHERE id = 7');
  }
});
