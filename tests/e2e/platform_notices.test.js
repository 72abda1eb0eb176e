'use strict';
// Issue 13, the remainder of items 2, 3, 4 and 6:
//   - an account invited to the mobile app only is refused by the portal's sign-in page with
//     the reason (in each language), and nothing of a session is made; setting its password
//     through the invitation does not sign it in to the portal; invitation emails name what they
//     grant; "Resend invite" per invitation;
//   - the sign-in page carries the brand of the operator whose portal address the host name is
//     (an unknown host: the default); the scheduler's reminders use the operator's address;
//   - contacts, several per kind, each checked; the emergency contacts receive the operator's
//     notices (a message the mailer could not deliver, a provisioning job that kept failing)
//     once, through the outbox, and a notice that fails raises none;
//   - the kept import file is sealed for its session and occupier (a copy does not open).
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { BASE_URL, DEMO_PASSWORD, DEMO_HASH, Client, formByButton, csrfOf, textOf, mailbox, sql, sqlValue, sqlQuote } = require('./lib');
const { schedulerOnce, waitFor } = require('./scheduler_lib');


const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const created = [];
const CONTACTS = sql('SELECT kind, email FROM operator_contacts WHERE operator_id = 1');
const BASE = sqlValue("SELECT IFNULL(base_url, '') FROM operators WHERE id = 1");

test.after(() => {
  if (created.length) sql(`DELETE FROM users WHERE id IN (${created.join(', ')})`);
  sql('DELETE FROM operator_contacts WHERE operator_id = 1');
  if (CONTACTS.length) sql(`INSERT INTO operator_contacts (operator_id, kind, email) VALUES ${CONTACTS.map(([k, e]) => `(1, ${sqlQuote(k)}, ${sqlQuote(e)})`).join(', ')}`);
  sql(`UPDATE operators SET base_url = ${BASE ? sqlQuote(BASE) : 'NULL'} WHERE id = 1`);
  sql("DELETE FROM operator_notices WHERE what LIKE '%t13n-%'");
});

/** An Acme user with the demo password, invited as asked. */
function user({ portal = 0, app = 1, state = 'VALIDATED', lang = 'en' } = {}) {
  const email = `t13n-${uid()}@acme.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, language, account_state,
        invited_portal, invited_app, password_hash)
       VALUES (1, 1, 'user', 'App', 'Only', ${sqlQuote(email)}, ${sqlQuote(lang)}, ${sqlQuote(state)}, ${portal}, ${app},
        ${state === 'NOT_INVITED' ? 'NULL' : sqlQuote(DEMO_HASH)})`);
  const id = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`));
  created.push(id);
  return { id, email };
}

const sessions = (id) => Number(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${id}`));

test('an account invited to the app only is refused by the portal with the reason, in each language, and gets no session', async () => {
  const u = user();
  const wording = {
    en: /invited to the mobile app only, not to the portal/,
    fr: /invité à l'application mobile seulement, pas au portail/,
    de: /nur zur mobilen App eingeladen, nicht zum Portal/,
    es: /invitó solo a la aplicación móvil, no al portal/,
  };
  for (const [lang, words] of Object.entries(wording)) {
    const c = new Client();
    const headers = { 'accept-language': lang };
    const form = await c.get('/signin', { headers });
    const r = await c.post('/signin', { csrf: csrfOf(form.text), email: u.email, password: DEMO_PASSWORD, next: '' }, { headers });
    assert.equal(r.status, 403, lang);
    assert.match(textOf(r.text), words, `${lang}: the reason on the sign-in page`);
    assert.match(r.text, /action="\/signin"/, `${lang}: the sign-in form again`);
    assert.equal((await c.get('/profile', { follow: false })).status, 303, `${lang}: not signed in`);
  }
  assert.equal(sessions(u.id), 0, 'no session made');
  assert.equal(sqlValue(`SELECT last_sign_in IS NULL FROM users WHERE id = ${u.id}`), '1', 'not stamped as signed in');
  // a wrong password says nothing of the invitation
  const w = await new Client().signIn(u.email, 'not-the-password-1');
  assert.equal(w.status, 400);
  assert.doesNotMatch(textOf(w.text), /mobile app/);
  // invited to the portal as well: signs in
  sql(`UPDATE users SET invited_portal = 1 WHERE id = ${u.id}`);
  const ok = await new Client().signIn(u.email);
  assert.equal(ok.status, 200);
  assert.match(ok.url, /\/profile$/);
  assert.equal(sessions(u.id), 1);
  sql(`DELETE FROM signin_failures WHERE throttle_key = 'u:${u.id}'`);
});

test('an app-only invitation: its email names the app; choosing the password does not sign in to the portal', async () => {
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const u = user({ state: 'NOT_INVITED', app: 0 });
  const box = mailbox().mark();
  let page = await admin.get(`/users/${u.id}`);
  let r = await admin.submit(formByButton(page.text, 'Send invite to join app'));
  assert.equal(r.status, 200);
  const m = await box.waitFor((x) => x.to.includes(u.email));
  assert.equal(m.subject, 'You are invited to the mobile app');
  assert.match(m.text, /does not give access to the portal/);
  const link = m.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));
  assert.ok(link);
  // "Resend invite" sits beside the app's invitation only
  page = await admin.get(`/users/${u.id}`);
  assert.match(page.text, /name="to" value="app"><button[^>]*>Resend invite</);
  assert.doesNotMatch(page.text, /name="to" value="portal"><button[^>]*>Resend invite</);
  r = await admin.post(`/users/${u.id}/resend`, { csrf: csrfOf(page.text), to: 'portal' }, { follow: false });
  assert.equal(r.status, 400, 'no portal invitation to resend');
  r = await admin.post(`/users/${u.id}/resend`, { csrf: csrfOf(page.text), to: 'app' });
  assert.equal(r.status, 200);
  const again = await box.waitFor((x) => x.to.includes(u.email) && x.links().some((l) => l !== link && /set-password#t=/.test(l)));
  assert.equal(again.subject, 'You are invited to the mobile app');
  const fresh = again.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));

  // the invitee chooses a password: told to use the app, no portal session
  const c = new Client();
  const t = /#t=([0-9a-f]{64})$/.exec(fresh)[1];
  r = await c.get(`/set-password?t=${t}`);
  assert.equal(r.status, 200);
  r = await c.submit(formByButton(r.text, 'Save password and sign in'), { 'New password': 'a-new-app-password-1', 'Confirm new password': 'a-new-app-password-1' });
  assert.equal(r.status, 200);
  assert.match(r.url, /\/signin\?n=password_set_app$/);
  assert.match(textOf(r.text), /Your password is set\. Sign in to the mobile app/);
  assert.equal(sessions(u.id), 0, 'no portal session');
});

test('invitation emails name what they grant: portal and app together, the platform for a team member; the second one names the app', async () => {
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const both = user({ state: 'NOT_INVITED', app: 0 });
  const box = mailbox().mark();
  let page = await admin.get(`/users/${both.id}/edit`);
  let r = await admin.submit(formByButton(page.text, 'Save changes'), { 'Send invite to join portal': true, 'Send invite to join app': true });
  assert.equal(r.status, 200);
  let m = await box.waitFor((x) => x.to.includes(both.email));
  assert.equal(m.subject, 'You are invited to the portal and the mobile app');
  page = await admin.get(`/users/${both.id}`);
  assert.match(page.text, /name="to" value="portal"><button[^>]*>Resend invite</, 'a "Resend invite" per invitation');
  assert.match(page.text, /name="to" value="app"><button[^>]*>Resend invite</);
  r = await admin.post(`/users/${both.id}/resend`, { csrf: csrfOf(page.text), to: 'portal' });
  assert.equal(r.status, 200);
  m = await box.waitFor((x) => x.to.includes(both.email) && x.subject === 'You are invited to the portal');
  assert.match(m.text, /invited to use the portal\./);

  const ops = new Client();
  await ops.signIn('ops@demo.test');
  const email = `t13n-team-${uid()}@demo.test`;
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, language, account_state)
       VALUES (1, NULL, 'admin', 'Tess', 'Team', ${sqlQuote(email)}, 'fr', 'NOT_INVITED')`);
  const tid = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`));
  created.push(tid);
  page = await ops.get(`/platform/account/members/${tid}`);
  r = await ops.submit(formByButton(page.text, 'Send invite to join the platform'));
  assert.equal(r.status, 200);
  m = await box.waitFor((x) => x.to.includes(email));
  assert.equal(m.subject, "Vous êtes invité à rejoindre la plateforme de l'opérateur", 'in the member\'s language');
});

test('the scheduler\'s reminder names the app and its link starts with the operator\'s own portal address', async () => {
  const u = user({ state: 'NOT_INVITED', app: 0 });
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  sql("UPDATE operators SET base_url = 'https://portal.demo-workspaces.test' WHERE id = 1");
  const page = await admin.get(`/users/${u.id}`);
  await admin.submit(formByButton(page.text, 'Send invite to join app'));
  sql(`UPDATE user_tokens SET created_at = created_at - INTERVAL 2 DAY - INTERVAL 1 HOUR WHERE user_id = ${u.id} AND chase = 1`);
  const before = Number(sqlValue('SELECT IFNULL(MAX(id), 0) FROM mail_outbox'));
  assert.equal(await schedulerOnce(), 0);
  const box = mailbox();
  const m = await box.waitFor((x) => x.to.includes(u.email) && /^Reminder/.test(x.subject));
  assert.equal(m.subject, 'Reminder: your invitation to the mobile app');
  assert.match(m.text, /invited to use the mobile app/);
  assert.ok(m.links().some((l) => /^https:\/\/portal\.demo-workspaces\.test\/set-password#t=[0-9a-f]{64}$/.test(l)), m.links().join(' '));
  assert.ok(Number(sqlValue('SELECT MAX(id) FROM mail_outbox')) > before);
  sql(`UPDATE operators SET base_url = ${BASE ? sqlQuote(BASE) : 'NULL'} WHERE id = 1`);
});

test('the sign-in page is branded by the host name (an unknown host gets the default); an address names one operator', async () => {
  const port = new URL(BASE_URL).port;
  const host = `localhost:${port}`;
  sql(`UPDATE operators SET base_url = ${sqlQuote(`http://${host}`)} WHERE id = 1`);
  try {
    let r = await fetch(`http://${host}/signin`);
    let html = await r.text();
    assert.match(html, /<span class="operator-name">Demo Workspaces<\/span>/);
    assert.match(html, /href="\/brand\.css\?v=/);
    r = await fetch(`http://${host}/brand.css`);
    assert.match(await r.text(), /--brand:#[0-9a-f]{6}/);
    // an unknown host (127.0.0.1), and a host with a bad character: the default brand
    html = await (await fetch(new URL('/signin', BASE_URL))).text();
    assert.doesNotMatch(html, /operator-name">[^<]+</);
    assert.doesNotMatch(html, /brand\.css/);
    // another operator cannot take the same address
    const other = new Client();
    await other.signIn('ops@other.test');
    const page = await other.get('/platform/account/settings');
    r = await other.submit(formByButton(page.text, 'Save changes'), { base_url: `http://${host}` });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="base_url-error"/);
    assert.match(textOf(r.text), /This address is already another operator's portal address/);
    assert.equal(sqlValue("SELECT IFNULL(base_url, '-') FROM operators WHERE id = 2"), '-', 'nothing saved');
  } finally {
    sql(`UPDATE operators SET base_url = ${BASE ? sqlQuote(BASE) : 'NULL'} WHERE id = 1`);
  }
});

test('contacts: several per kind, each address checked with the message by its field, nothing half-saved', async () => {
  const ops = new Client();
  await ops.signIn('ops@demo.test');
  const before = sql('SELECT kind, email FROM operator_contacts WHERE operator_id = 1 ORDER BY kind, email');
  let page = await ops.get('/platform/account/settings');
  let r = await ops.submit(formByButton(page.text, 'Save changes'), {
    'Billing contacts': 'pay@demo.test\nfinance@demo.test', 'Technical contacts': 'tech@demo.test, bad@@demo', 'Emergency contacts': 'a@demo.test',
  });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="technical_emails-error"/);
  assert.match(textOf(r.text), /"bad@@demo" is not a valid email address/);
  assert.match(r.text, /id="technical_emails"[^>]*aria-invalid="true"/);
  assert.doesNotMatch(r.text, /id="billing_emails-error"/);
  assert.match(r.text, /pay@demo\.test\s+finance@demo\.test<\/textarea>/, 'what was typed is kept');
  assert.deepEqual(sql('SELECT kind, email FROM operator_contacts WHERE operator_id = 1 ORDER BY kind, email'), before, 'nothing saved');
  const eleven = Array.from({ length: 11 }, (_, i) => `e${i}@demo.test`).join('\n');
  r = await ops.submit(formByButton(page.text, 'Save changes'), { 'Emergency contacts': eleven });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="emergency_emails-error"/);
  assert.match(textOf(r.text), /Enter at most 10 addresses/);

  r = await ops.submit(formByButton(page.text, 'Save changes'), {
    'Billing contacts': 'Pay@Demo.test\nfinance@demo.test\npay@demo.test', 'Technical contacts': '', 'Emergency contacts': 'oncall@demo.test; night@demo.test',
  });
  assert.equal(r.status, 200);
  assert.deepEqual(sql('SELECT kind, email FROM operator_contacts WHERE operator_id = 1 ORDER BY kind, email'),
    [['billing', 'finance@demo.test'], ['billing', 'pay@demo.test'], ['emergency', 'night@demo.test'], ['emergency', 'oncall@demo.test']]);
  page = await ops.get('/platform/account/settings');
  assert.match(page.text, /finance@demo\.test, pay@demo\.test<\/textarea>/);
  assert.deepEqual(sql("SELECT new_value FROM audit_log WHERE action = 'operator.update' AND field = 'emergency_emails' ORDER BY id DESC LIMIT 1"),
    [['oncall@demo.test, night@demo.test']]);
});

test('the emergency contacts get each operator notice once through the outbox; a failing notice raises none', async () => {
  sql("DELETE FROM operator_contacts WHERE operator_id = 1 AND kind = 'emergency'");
  sql("INSERT INTO operator_contacts (operator_id, kind, email) VALUES (1, 'emergency', 'oncall@demo.test'), (1, 'emergency', 'night@demo.test')");
  const box = mailbox().mark();
  const tag = `t13n-${uid()}`;
  // A message that cannot be delivered (its bodies open with no key) at its fifth attempt: the
  // stack's mailer fails it once more.
  sql(`INSERT INTO mail_outbox (operator_id, to_addr, subject, body_text, body_html, attempts)
       VALUES (1, '${tag}@acme.test', 'undeliverable', 'x', 'x', 4)`);
  const mid = sqlValue(`SELECT id FROM mail_outbox WHERE to_addr = '${tag}@acme.test'`);
  await waitFor('the mailer to fail the message', () => sqlValue(`SELECT attempts FROM mail_outbox WHERE id = ${mid}`) === '5', 20000);
  assert.deepEqual(sql(`SELECT kind, operator_id, what FROM operator_notices WHERE kind = 'mail_failed' AND ref_id = ${mid}`),
    [['mail_failed', '1', `${tag}@acme.test: undeliverable`]]);
  // A provisioning job failing its fifth time (as build/provisioner records it).
  const num = sqlValue('SELECT id FROM phone_numbers WHERE operator_id = 1 ORDER BY id LIMIT 1');
  sql(`INSERT INTO provisioning_jobs (number_id, attempts, next_try_at) VALUES (${num}, 4, UTC_TIMESTAMP() + INTERVAL 1 DAY)`);
  const jid = sqlValue('SELECT MAX(id) FROM provisioning_jobs');
  sql(`UPDATE provisioning_jobs SET attempts = attempts + 1, last_error = 'pbx refused ${tag}' WHERE id = ${jid}`);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM operator_notices WHERE kind = 'job_failed' AND ref_id = ${jid}`), '1');

  assert.equal(await schedulerOnce(), 0);
  const sent = await waitFor('the notices', () => {
    const l = box.list().filter((x) => /^Notice:/.test(x.subject));
    return l.length >= 4 ? l : null;
  }, 20000);
  const to = (subject) => sent.filter((x) => x.subject === subject).map((x) => x.to.replace(/.*</, '').replace(/>.*/, '')).sort();
  assert.deepEqual(to('Notice: an email could not be delivered'), ['night@demo.test', 'oncall@demo.test']);
  assert.deepEqual(to('Notice: a phone number change could not be applied'), ['night@demo.test', 'oncall@demo.test']);
  const mail = sent.find((x) => x.subject === 'Notice: an email could not be delivered');
  assert.match(mail.text, new RegExp(`${tag}@acme\\.test: undeliverable`));
  assert.match(mail.text, /cannot decrypt the bodies/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM operator_notices WHERE ref_id IN (${mid}, ${jid}) AND sent_at IS NULL`), '0');
  assert.equal(sqlValue("SELECT COUNT(*) FROM mail_outbox WHERE notice = 1 AND subject LIKE 'Notice:%' AND id > " + mid), '4');

  // Once: another failure of the same message, and another scheduler run, send nothing more.
  sql(`UPDATE mail_outbox SET attempts = attempts + 1, last_error = 'again' WHERE id = ${mid}`);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM operator_notices WHERE ref_id = ${mid}`), '1');
  // A notice that cannot be delivered either raises no notice of its own.
  const nid = sqlValue(`SELECT MIN(id) FROM mail_outbox WHERE notice = 1 AND id > ${mid}`);
  sql(`UPDATE mail_outbox SET sent_at = NULL, attempts = 4, body_text = 'x', body_html = 'x', next_try_at = UTC_TIMESTAMP(), claim_token = NULL WHERE id = ${nid}`);
  await waitFor('the mailer to fail the notice', () => sqlValue(`SELECT attempts FROM mail_outbox WHERE id = ${nid}`) === '5', 20000);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM operator_notices WHERE ref_id = ${nid} AND kind = 'mail_failed'`), '0', 'no loop');
  const n = box.list().length;
  assert.equal(await schedulerOnce(), 0);
  await new Promise((res) => setTimeout(res, 1500));
  assert.equal(box.list().length, n, 'nothing sent twice');
  sql(`UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), body_text = '', body_html = '' WHERE id IN (${mid}, ${nid})`);
  sql(`DELETE FROM provisioning_jobs WHERE id = ${jid}`);
});
