'use strict';
// The operator's Account (PLAT-6, PLAT-7) for super admins: team members, services per site,
// settings (white label, portal telephony rights, contacts). Whatever a test adds is removed
// and whatever setting it changes is put back at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { removeUsersByEmail, Client, formByButton, formValues, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote } = require('./lib');

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const SETTINGS = sql("SELECT name, brand_colour, offers_occupier_experience, portal_may_cli, portal_may_moh, portal_may_acr FROM operators WHERE id = 1")[0];
const CONTACTS = sql('SELECT kind, email FROM operator_contacts WHERE operator_id = 1');
const EMERGENCY = CONTACTS.filter(([k]) => k === 'emergency').map(([, e]) => e).sort().join(', ');
const SERVICES = sql('SELECT site_id, service FROM site_services WHERE operator_id = 1');
const emails = [];

test.after(() => {
  removeUsersByEmail(emails);
  const [name, colour, exp, cli, moh, acr] = SETTINGS;
  sql(`UPDATE operators SET name = ${sqlQuote(name)}, brand_colour = ${sqlQuote(colour)}, offers_occupier_experience = ${exp},
       portal_may_cli = ${cli}, portal_may_moh = ${moh}, portal_may_acr = ${acr} WHERE id = 1`);
  sql('DELETE FROM operator_contacts WHERE operator_id = 1');
  if (CONTACTS.length) sql(`INSERT INTO operator_contacts (operator_id, kind, email) VALUES ${CONTACTS.map(([k, e]) => `(1, ${sqlQuote(k)}, ${sqlQuote(e)})`).join(', ')}`);
  sql('DELETE FROM site_services WHERE operator_id = 1');
  if (SERVICES.length) sql(`INSERT INTO site_services (operator_id, site_id, service) VALUES ${SERVICES.map(([s, v]) => `(1, ${s}, ${sqlQuote(v)})`).join(', ')}`);
});

async function ops() {
  const c = new Client();
  await c.signIn('ops@demo.test');
  return c;
}

test('only super admins open the Account; its tabs', async () => {
  const admin = new Client();
  await admin.signIn('staff@demo.test');
  for (const p of ['/platform/account', '/platform/account/settings', '/platform/account/members/new', '/platform/account/devices']) {
    assert.equal((await admin.get(p)).status, 403, p);
  }
  assert.equal((await admin.get('/platform/occupiers')).status, 200, 'an admin still has the occupiers');
  const c = await ops();
  const r = await c.get('/platform/account');
  assert.equal(r.status, 200);
  const t = textOf(r.text);
  assert.match(t, /Account Demo Workspaces Team members Services Wi-Fi devices Telephony Settings and contacts/);
  assert.match(t, /Olivia Operator ops@demo\.test Super admin/);
  assert.match(t, /Rita Reception reception@demo\.test User London Bridge ACTIVE No platform access/);
  assert.doesNotMatch(t, /ops@other\.test|@acme\.test/);
});

test('add a team member with sites, a Wi-Fi account and a platform invite; then delete them after confirming', async () => {
  const c = await ops();
  const email = `p6-team-${uid()}@demo.test`;
  emails.push(email);
  const page = await c.get('/platform/account/members/new');
  const f = formByButton(page.text, 'Add team member');
  const box = mailbox().mark();
  // the "site" boxes by name: their labels are the sites' names
  let r = await c.post(f.action, [...formValues(f, {
    'First name': 'Tess', 'Last name': 'Team', 'Email address': email.toUpperCase(), Role: 'admin',
    wifi: true, 'Concurrent device limit': '2', 'Wi-Fi homesite': '2', invite: true,
  }), ['site', '1'], ['site', '2']]);
  assert.equal(r.status, 200, textOf(r.text).slice(0, 500));
  assert.match(r.url, /\/platform\/account\?n=user_added$/);
  const id = sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`);
  assert.deepEqual(sql(`SELECT IFNULL(occupier_id, 'none'), role, account_state FROM users WHERE id = ${id}`), [['none', 'admin', 'AWAITING_VALIDATION']]);
  assert.deepEqual(sql(`SELECT site_id FROM user_sites WHERE user_id = ${id} ORDER BY site_id`).flat(), ['1', '2']);
  assert.deepEqual(sql(`SELECT state, device_limit, homesite_id FROM wifi_accounts WHERE user_id = ${id}`), [['ACTIVE', '2', '2']]);
  await box.waitFor((m) => m.to.includes(email) && /invited/i.test(m.subject));
  assert.match(textOf(r.text), new RegExp(`Tess Team ${email.replace(/[.]/g, '\\.')} Admin Canary Wharf, London Bridge ACTIVE AWAITING VALIDATION`));
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE subject_user_id = ${id} AND action = 'user.create'`)) === 1);

  // deleting: without the confirmation it only asks
  r = await c.post(`/platform/account/members/${id}/delete`, { csrf: csrfOf(r.text) });
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /Delete team member/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE id = ${id}`), '1');
  r = await c.submit(formByButton(r.text, 'Delete team member'));
  assert.equal(r.status, 200);
  assert.match(r.url, /\?n=user_deleted$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE id = ${id}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_accounts WHERE user_id = ${id}`), '0');
  // nobody deletes themselves; another operator's team member is not found
  r = await c.post('/platform/account/members/1/delete', { csrf: csrfOf(r.text), confirmed: '1' });
  assert.equal(r.status, 403);
  r = await c.post('/platform/account/members/5/delete', { csrf: csrfOf(r.text), confirmed: '1' });
  assert.equal(r.status, 404);
  assert.equal(sqlValue('SELECT COUNT(*) FROM users WHERE id IN (1, 5)'), '2');
});

test('team member form errors: role User with an invite, a taken email, another operator\'s site', async () => {
  const c = await ops();
  const page = await c.get('/platform/account/members/new');
  const f = formByButton(page.text, 'Add team member');
  const r = await c.post(f.action, [...formValues(f, {
    'First name': 'Dup', 'Last name': 'Licate', 'Email address': 'staff@demo.test', Role: 'user', invite: true,
  }), ['site', '3']]);
  assert.equal(r.status, 400);
  const t = textOf(r.text);
  assert.match(t, /There is a problem/);
  assert.match(t, /A user with this email address already exists/);
  assert.match(t, /Team members with the role User cannot sign in/);
  assert.match(t, /Choose among your sites/);
  assert.match(r.text, /id="first_name"[^>]*value="Dup"/, 'what was typed is kept');
  assert.equal(sqlValue("SELECT COUNT(*) FROM users WHERE first_name = 'Dup' AND last_name = 'Licate'"), '0');
});

test('services per site: saved, audited, and another operator\'s site refused', async () => {
  const c = await ops();
  let page = await c.get('/platform/account/services');
  const f = formByButton(page.text, 'Save changes');
  const ticked = f.inputs.filter((i) => i.name === 'service' && i.checked).map((i) => i.value);
  assert.deepEqual(ticked.sort(), ['1:telephony', '1:wifi', '2:telephony', '2:wifi']);
  let r = await c.submit(f, { service: [...ticked, '1:printing'].filter((v) => v !== '2:telephony') });
  assert.equal(r.status, 200);
  assert.match(r.url, /\?n=changes_saved$/);
  assert.deepEqual(sql("SELECT CONCAT(site_id, ':', service) FROM site_services WHERE operator_id = 1 ORDER BY 1").flat(),
    ['1:printing', '1:telephony', '1:wifi', '2:wifi']);
  assert.deepEqual(sql("SELECT subject_label, field, old_value, new_value FROM audit_log WHERE action = 'site.service' ORDER BY id DESC LIMIT 2").map((x) => x.join(' ')).sort(),
    ['Canary Wharf telephony on off', 'London Bridge printing off on']);
  page = await c.get('/platform/account/services');
  r = await c.post('/platform/account/services', [['csrf', csrfOf(page.text)], ['service', '3:wifi']]);
  assert.equal(r.status, 400);
  assert.equal(sqlValue('SELECT COUNT(*) FROM site_services WHERE site_id = 3 AND operator_id = 1'), '0');
});

test('settings: a bad colour is refused and leaves no audit entry; a good change is audited with old and new values', async () => {
  const c = await ops();
  const before = Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'operator.update'"));
  let page = await c.get('/platform/account/settings');
  let r = await c.submit(formByButton(page.text, 'Save changes'), { 'Brand colour': 'red', 'Emergency contacts': 'ok@demo.test\nnot-an-email' });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /Enter a colour as # and six hexadecimal digits/);
  assert.match(r.text, /id="emergency_emails-error"[^>]*>[^<]*not-an-email/, 'the bad address named by its field');
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'operator.update'")), before);
  assert.equal(sqlValue('SELECT brand_colour FROM operators WHERE id = 1'), SETTINGS[1]);

  page = await c.get('/platform/account/settings');
  r = await c.submit(formByButton(page.text, 'Save changes'), { 'Brand colour': '#0A7B3E', portal_may_cli: true, 'Emergency contacts': 'help@demo.test' });
  assert.equal(r.status, 200);
  assert.match(r.url, /\?n=changes_saved$/);
  assert.deepEqual(sql('SELECT brand_colour, portal_may_cli FROM operators WHERE id = 1'), [['#0a7b3e', '1']]);
  assert.deepEqual(sql("SELECT email FROM operator_contacts WHERE operator_id = 1 AND kind = 'emergency'"), [['help@demo.test']]);
  assert.deepEqual(sql("SELECT field, old_value, new_value FROM audit_log WHERE action = 'operator.update' ORDER BY id DESC LIMIT 3").map((x) => x.join(' ')).sort(),
    [`brand_colour ${SETTINGS[1]} #0a7b3e`, `emergency_emails ${EMERGENCY} help@demo.test`, 'portal_may_cli 0 1'].sort());
  const css = await c.get('/brand.css');
  assert.match(css.text, /--brand:#0a7b3e/);
  r = await c.get('/platform/audit?q=operator.update');
  assert.match(textOf(r.text), /Changed account setting brand colour Demo Workspaces brand colour: #1f5fbf →\s*changed to #0a7b3e/);
});
