'use strict';
// My profile (PROF-1..4): the read-only view, the edit form (validation, optimistic locking,
// forged fields, audit), the Wi-Fi "Set password" form, "Reset PIN" and "Handset logout".
// Every test leaves the data as it found it, or works on data no other test relies on.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Client, formByButton, formValues, field, textOf, sql, sqlValue, sqlQuote, waitFor } = require('./lib');

const USER = 'user@acme.test';       // role user, ACTIVE Wi-Fi, +442079460101 digital, logged in
const ADMIN = 'admin@acme.test';     // role admin, +442079460102 analogue

async function signedIn(email) {
  const c = new Client();
  const r = await c.signIn(email);
  assert.equal(r.status, 200, `sign-in of ${email}`);
  return c;
}

function userRow(email) {
  const [row] = sql(`SELECT id, first_name, last_name, email, job_title, mobile_phone, direct_line,
    language, role, version, account_state, occupier_id FROM users WHERE email = ${sqlQuote(email)}`);
  const [id, first, last, mail, job, mobile, direct, language, role, version, state, occ] = row;
  return { id, first, last, email: mail, job, mobile, direct, language, role, version: Number(version), state, occ };
}

function restoreUser(u) {
  sql(`UPDATE users SET first_name = ${sqlQuote(u.first)}, last_name = ${sqlQuote(u.last)},
    job_title = ${sqlQuote(u.job)}, mobile_phone = ${sqlQuote(u.mobile)},
    direct_line = ${sqlQuote(u.direct)}, language = ${sqlQuote(u.language)} WHERE id = ${u.id}`);
}

/** An occupier user who can sign in and matches `where` (SQL on users u). */
function someUser(where) {
  const email = sqlValue(`SELECT u.email FROM users u WHERE u.password_hash IS NOT NULL
    AND u.account_state IN ('VALIDATED','AWAITING_VALIDATION') AND u.occupier_id IS NOT NULL
    AND u.email NOT IN ('user@acme.test','admin@acme.test','admin@globex.test','admin@initech.test')
    AND ${where} ORDER BY u.id DESC LIMIT 1`);
  assert.ok(email, `a demo user with ${where}`);
  return email;
}

const panelOrder = (text) => ['User details', 'Wi-Fi account', 'Telephony'].map((h) => text.indexOf(h));

test('PROF-1: a plain user sees My profile with details, Wi-Fi account and telephony panels in order', async () => {
  const c = await signedIn(USER);
  const r = await c.get('/profile');
  assert.equal(r.status, 200);
  const t = textOf(r.text);
  assert.match(r.text, /<h1>My profile<\/h1>/);
  assert.match(r.text, /<a href="\/profile"\s+aria-current="page">My profile<\/a>/, 'My profile in the navigation');
  const order = panelOrder(t);
  assert.ok(order[0] > 0 && order[0] < order[1] && order[1] < order[2], `panels in the seeds' order: ${order}`);
  for (const label of ['First name', 'Last name', 'Email address', 'Job title', 'Mobile phone', 'Language']) {
    assert.ok(t.includes(label), `label ${label}`);
  }
  const u = userRow(USER);
  assert.ok(t.includes(u.first) && t.includes(u.email));
  // TEL-1: the assigned number replaces the Direct line.
  assert.ok(t.includes('Phone number +442079460101'), 'assigned number shown');
  assert.ok(!t.includes('Direct line'), 'no Direct line when a number is assigned');
  // Wi-Fi: ACTIVE badge, homesite, device limit and Set password.
  assert.match(r.text, /<span class="badge badge-green">ACTIVE<\/span>/);
  assert.ok(t.includes('Wi-Fi homesite London Bridge'));
  assert.ok(t.includes('Concurrent devices 3'));
  assert.match(r.text, /<a class="btn[^"]*" href="\/profile\/wifi-password">Set password<\/a>/);
  // Telephony: extension, Default PIN behind the hover pattern, both actions, the features.
  assert.ok(t.includes('Extension 101'));
  assert.match(r.text, /<span class="pin" tabindex="0"[^>]*><span class="pin-value"[^>]*>482915<\/span><\/span>/);
  assert.ok(formByButton(r.text, 'Reset PIN'), 'Reset PIN');
  assert.ok(formByButton(r.text, 'Handset logout'), 'Handset logout: a digital handset is logged in');
  assert.ok(t.includes('Phone number features'));
  for (const f of ['Call forwarding: Always', 'Voicemail', 'Call waiting', 'Do Not Disturb', 'CLI',
    'Hide Caller ID', 'Authorization code', 'Music on Hold', 'Anonymous Caller Rejection']) {
    assert.ok(t.includes(f), `feature ${f}`);
  }
  assert.ok(r.text.includes('href="/profile/edit"'), 'Edit');
});

test('PROF-1: an occupier admin has My profile too; an analogue handset has no Handset logout', async () => {
  const c = await signedIn(ADMIN);
  const r = await c.get('/profile');
  assert.equal(r.status, 200);
  const t = textOf(r.text);
  assert.ok(t.includes('admin@acme.test'));
  assert.ok(t.includes('Phone number +442079460102'));
  assert.ok(formByButton(r.text, 'Reset PIN'));
  assert.equal(formByButton(r.text, 'Handset logout'), null);
  assert.match(r.text, /<a href="\/profile"[^>]*>My profile<\/a>/);
});

test('PROF-1: operators have no My profile; signed-out visitors are sent to sign in', async () => {
  const op = await signedIn('ops@demo.test');
  assert.equal((await op.get('/profile')).status, 403);
  assert.equal((await op.get('/profile/edit')).status, 403);
  const anon = new Client();
  const r = await anon.get('/profile', { follow: false });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/signin\?next=/);
  assert.equal((await anon.post('/profile/edit', { first_name: 'X' })).status, 403);
});

test('PROF-1: the edit form: fields by their labels, email as text, no Direct line with a number', async () => {
  const c = await signedIn(USER);
  const r = await c.get('/profile/edit');
  assert.equal(r.status, 200);
  const f = formByButton(r.text, 'Save changes');
  assert.ok(f, 'a form with Save changes');
  for (const label of ['First name', 'Last name', 'Job title', 'Mobile phone', 'Language']) {
    assert.ok(field(f, label), `field ${label}`);
  }
  assert.equal(field(f, 'Direct line'), null, 'the assigned number replaces the Direct line');
  assert.ok(!f.inputs.some((i) => i.name === 'email'), 'the email is not an input');
  assert.ok(textOf(f.html).includes('Email address user@acme.test'));
  assert.deepEqual(field(f, 'Language').options.map((o) => o.value), ['en', 'fr', 'de', 'es']);
  assert.deepEqual(field(f, 'Language').options.map((o) => o.text), ['English', 'Français', 'Deutsch', 'Español']);
  // every input that can be typed in has a <label for>
  for (const i of f.inputs.filter((x) => x.type !== 'hidden')) {
    assert.ok(Object.values(f.labels).includes(i.id), `label for ${i.name}`);
  }
  // TEL-4: the portal's features are editable, the platform's are not
  for (const name of ['tel_fwd_always', 'tel_fwd_busy', 'tel_fwd_noanswer', 'tel_voicemail',
    'tel_vm_to_email', 'tel_call_waiting', 'tel_dnd', 'tel_hide_caller_id']) {
    assert.ok(f.inputs.some((i) => i.name === name), `editable ${name}`);
  }
  for (const name of ['tel_auth_code', 'tel_moh', 'tel_acr', 'tel_cli', 'tel_cli_number']) {
    assert.ok(!f.inputs.some((i) => i.name === name), `not editable in the portal: ${name}`);
  }
  assert.ok(textOf(f.html).includes('Set by your operator'));
});

test('PROF-1: saving the details: redirect with a notice, new values, version + 1, one audit entry per field', async () => {
  const before = userRow(ADMIN);
  const c = await signedIn(ADMIN);
  try {
    const page = await c.get('/profile/edit');
    const f = formByButton(page.text, 'Save changes');
    const r = await c.submit(f, {
      'First name': '  Alicia ', 'Last name': 'Admin-Smith', 'Job title': 'Head of office',
      'Mobile phone': '+44 7700 900222', Language: 'de',
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.redirects.map((x) => x.location), ['/profile?n=changes_saved']);
    // The language just chosen (German) is the page's language from now on (I18N-1).
    assert.ok(textOf(r.text).includes('Änderungen gespeichert.'), 'the notice, in German');
    const after = userRow(ADMIN);
    assert.equal(after.first, 'Alicia', 'trimmed');
    assert.equal(after.last, 'Admin-Smith');
    assert.equal(after.job, 'Head of office');
    assert.equal(after.mobile, '+44 7700 900222');
    assert.equal(after.language, 'de');
    assert.equal(after.version, before.version + 1);
    const audit = sql(`SELECT field, old_value, new_value, action, actor_id FROM audit_log
      WHERE subject_user_id = ${before.id} AND action = 'user.update' ORDER BY id DESC LIMIT 5`);
    const byField = Object.fromEntries(audit.map(([fld, o, n, a, actor]) => [fld, { o, n, a, actor }]));
    assert.deepEqual(byField.first_name, { o: before.first, n: 'Alicia', a: 'user.update', actor: before.id });
    assert.equal(byField.job_title.n, 'Head of office');
    assert.equal(byField.language.o, before.language);
    assert.equal(byField.language.n, 'de');
    // The read-only view shows the new values, and the language by its name.
    const view = textOf((await c.get('/profile')).text);
    assert.ok(view.includes('Alicia') && view.includes('Head of office') && view.includes('Deutsch'));
  } finally {
    restoreUser(before);
  }
});

test('PROF-1: fields forged into the form (email, role, direct line under a number, Wi-Fi, account) change nothing', async () => {
  const before = userRow(USER);
  const wifiBefore = sql(`SELECT state, device_limit, homesite_id, HEX(password_enc) FROM wifi_accounts WHERE user_id = ${before.id}`);
  const c = await signedIn(USER);
  try {
    const f = formByButton((await c.get('/profile/edit')).text, 'Save changes');
    const tel = sql(`SELECT voicemail, call_waiting, fwd_always FROM phone_numbers WHERE user_id = ${before.id}`);
    // the browser's fields, plus forged ones by their exact names
    const pairs = formValues(f, { 'Job title': 'Still a designer' }).concat([
      ['email', 'evil@acme.test'], ['role', 'admin'], ['occupier_id', '2'], ['operator_id', '2'],
      ['id', '2'], ['direct_line', '+44 20 0000 0000'], ['account_state', 'DEACTIVATED'],
      ['wifi_state', 'DEACTIVATED'], ['device_limit', '10'], ['homesite_id', '2'], ['password_hash', 'x'],
    ]);
    const r = await c.post('/profile/edit', pairs);
    assert.equal(r.status, 200);
    assert.ok(textOf(r.text).includes('Changes saved.'));
    const after = userRow(USER);
    assert.equal(after.email, USER);
    assert.equal(after.role, 'user');
    assert.equal(after.occ, before.occ);
    assert.equal(after.direct, before.direct, 'the Direct line is not editable while a number is assigned');
    assert.equal(after.state, before.state);
    assert.equal(after.job, 'Still a designer');
    assert.equal(sqlValue("SELECT COUNT(*) FROM users WHERE email = 'evil@acme.test'"), '0');
    assert.deepEqual(sql(`SELECT state, device_limit, homesite_id, HEX(password_enc) FROM wifi_accounts WHERE user_id = ${before.id}`), wifiBefore,
      'PROF-4: the Wi-Fi account is not editable here');
    // no other user was touched, and the phone features were sent unchanged
    assert.equal(userRow(ADMIN).role, 'admin');
    assert.deepEqual(sql(`SELECT voicemail, call_waiting, fwd_always FROM phone_numbers WHERE user_id = ${before.id}`), tel);
  } finally {
    restoreUser(before);
  }
});

test('PROF-1: invalid details are refused with a summary and a message by each field, typed values kept', async () => {
  const before = userRow(USER);
  const c = await signedIn(USER);
  const f = formByButton((await c.get('/profile/edit')).text, 'Save changes');
  const r = await c.submit(f, {
    'First name': '   ', 'Last name': 'x'.repeat(101), 'Job title': 'bad\u0001title',
    'Mobile phone': 'call me maybe', Language: 'xx',
  });
  assert.equal(r.status, 400);
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(r.text);
  assert.ok(summary, 'an error summary');
  const items = [...summary[0].matchAll(/<a href="#([a-z_]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(items.map((x) => x[0]), ['first_name', 'last_name', 'job_title', 'mobile_phone', 'language']);
  assert.equal(items[0][1], 'Enter your first name.');
  assert.equal(items[1][1], 'This is too long.');
  assert.equal(items[2][1], 'This contains characters that are not allowed.');
  assert.match(items[3][1], /valid phone number/);
  assert.equal(items[4][1], 'Choose a language from the list.');
  for (const [id, msg] of items) {
    assert.ok(r.text.includes(`<p class="error-message" id="${id}-error">${msg}</p>`), `message under ${id}`);
    assert.match(r.text, new RegExp(`id="${id}"[^>]*aria-invalid="true"`), `${id} marked invalid`);
  }
  const again = formByButton(r.text, 'Save changes');
  assert.equal(field(again, 'Mobile phone').value, 'call me maybe', 'what was typed is kept');
  assert.equal(field(again, 'Last name').value, 'x'.repeat(101));
  const after = userRow(USER);
  assert.deepEqual(after, before, 'nothing saved');
});

test('UM-9 in My profile: a second save from a stale form is refused with "changed by someone else"', async () => {
  const before = userRow(ADMIN);
  const a = await signedIn(ADMIN);
  const b = await signedIn(ADMIN);
  try {
    const fa = formByButton((await a.get('/profile/edit')).text, 'Save changes');
    const fb = formByButton((await b.get('/profile/edit')).text, 'Save changes');
    assert.equal((await a.submit(fa, { 'Job title': 'First writer' })).status, 200);
    const r = await b.submit(fb, { 'Job title': 'Second writer' });
    assert.equal(r.status, 409);
    assert.match(textOf(r.text), /Someone else changed your profile while you were editing it/);
    assert.equal(userRow(ADMIN).job, 'First writer', 'the first save stays');
    // the form shows what is stored now, with the new version: saving it again works
    const fresh = formByButton(r.text, 'Save changes');
    assert.equal(field(fresh, 'Job title').value, 'First writer');
    const ok = await b.submit(fresh, { 'Job title': 'Second writer' });
    assert.equal(ok.status, 200);
    assert.equal(userRow(ADMIN).job, 'Second writer');
  } finally {
    restoreUser(before);
  }
});

test('PROF-1/PROF-3: a user without a number: Direct line editable, a plain sentence and no telephony actions', async () => {
  const email = someUser(`u.occupier_id = (SELECT id FROM occupiers WHERE name = 'Globex')
    AND u.id NOT IN (SELECT user_id FROM phone_numbers WHERE user_id IS NOT NULL)`);
  const before = userRow(email);
  const c = await signedIn(email);
  try {
    const r = await c.get('/profile');
    assert.equal(r.status, 200);
    const t = textOf(r.text);
    assert.ok(t.includes('Direct line'));
    assert.ok(t.includes('No phone number is assigned.'));
    assert.equal(formByButton(r.text, 'Reset PIN'), null);
    assert.equal(formByButton(r.text, 'Handset logout'), null);
    assert.ok(!r.text.includes('class="pin"'));
    const jobs = sqlValue('SELECT COUNT(*) FROM provisioning_jobs');
    assert.equal((await c.post('/profile/pin-reset', { csrf: /name="csrf" value="([^"]+)"/.exec(r.text)[1] })).status, 404);
    assert.equal((await c.post('/profile/handset-logout', { csrf: /name="csrf" value="([^"]+)"/.exec(r.text)[1] })).status, 404);
    const f = formByButton((await c.get('/profile/edit')).text, 'Save changes');
    assert.ok(field(f, 'Direct line'), 'Direct line editable');
    assert.ok(!f.inputs.some((i) => (i.name || '').startsWith('tel_')), 'no phone features');
    const s = await c.submit(f, { 'Direct line': '+44 20 7946 0999', tel_fwd_always: '1', tel_fwd_always_to: '+441234567890', tel_version: '1' });
    assert.equal(s.status, 200);
    assert.equal(userRow(email).direct, '+44 20 7946 0999');
    assert.equal(sqlValue('SELECT COUNT(*) FROM provisioning_jobs'), jobs, 'no provisioning job for a user without a number');
  } finally {
    restoreUser(before);
  }
});

// ---------------------------------------------------------------------------------------------
// PROF-2: Wi-Fi "Set password"

test('PROF-2: Set password refuses 7 and 51 characters, no digit, no letter, a mismatch; stores nothing', async () => {
  const u = userRow(USER);
  const enc = () => sqlValue(`SELECT HEX(password_enc) FROM wifi_accounts WHERE user_id = ${u.id}`);
  const before = enc();
  const c = await signedIn(USER);
  const page = await c.get('/profile/wifi-password');
  assert.equal(page.status, 200);
  assert.ok(textOf(page.text).includes('you must reconnect all of your private devices'), 'the warning');
  assert.match(page.text, /<div class="notice notice-warning">/);
  const f = formByButton(page.text, 'Set password');
  for (const [pw, confirm, msg] of [
    ['abcdef1', 'abcdef1', 'The password must have between 8 and 50 characters.'],
    [`${'a'.repeat(50)}1`, `${'a'.repeat(50)}1`, 'The password must have between 8 and 50 characters.'],
    ['abcdefghij', 'abcdefghij', 'The password must contain at least one letter and one digit.'],
    ['1234567890', '1234567890', 'The password must contain at least one letter and one digit.'],
    ['', '', 'This field is required.'],
    ['correct4horse', 'correct4house', 'The two passwords do not match.'],
    [`${'\u00e9'.repeat(49)}1`, `${'\u00e9'.repeat(49)}1`, 'The password is too long for its characters'],
  ]) {
    const r = await c.submit(f, { 'New Wi-Fi password': pw, 'Confirm new Wi-Fi password': confirm });
    assert.equal(r.status, 400, `${pw.length} characters refused`);
    assert.ok(textOf(r.text).includes(msg), `message: ${msg}`);
    assert.match(r.text, /<div class="error-summary"/);
    assert.ok(!r.text.includes(`value="${pw}"`) || pw === '', 'a password is never echoed');
    assert.equal(enc(), before, 'nothing stored');
  }
});

test('PROF-2: a valid Wi-Fi password is stored encrypted, never shown, and audited without its value', async () => {
  const u = userRow(USER);
  const c = await signedIn(USER);
  const f = formByButton((await c.get('/profile/wifi-password')).text, 'Set password');
  const pw = 'Blue7Harbour';
  const r = await c.submit(f, { 'New Wi-Fi password': pw, 'Confirm new Wi-Fi password': pw });
  assert.equal(r.status, 200);
  assert.deepEqual(r.redirects.map((x) => x.location), ['/profile?n=changes_saved']);
  assert.ok(!r.text.includes(pw));
  const [hex, len] = sql(`SELECT HEX(password_enc), LENGTH(password_enc) FROM wifi_accounts WHERE user_id = ${u.id}`)[0];
  assert.equal(Number(len), pw.length + 45, 'version, key id, nonce, tag + ciphertext (XChaCha20-Poly1305, issue 11)');
  assert.equal(hex.slice(0, 2), '02', 'the current format');
  assert.ok(!Buffer.from(hex, 'hex').toString('latin1').includes(pw), 'not stored in clear');
  const [action, fld, o, n] = sql(`SELECT action, field, old_value, new_value FROM audit_log
    WHERE subject_user_id = ${u.id} AND action = 'wifi.password_set' ORDER BY id DESC LIMIT 1`)[0];
  assert.deepEqual([action, fld, o, n], ['wifi.password_set', '', '', '']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE new_value LIKE '%${pw}%' OR old_value LIKE '%${pw}%'`), '0');
  // the maximum, 50 characters, is fine
  const f2 = formByButton((await c.get('/profile/wifi-password')).text, 'Set password');
  const long = `${'x'.repeat(49)}9`;
  assert.equal((await c.submit(f2, { 'New Wi-Fi password': long, 'Confirm new Wi-Fi password': long })).status, 200);
  assert.equal(sqlValue(`SELECT LENGTH(password_enc) FROM wifi_accounts WHERE user_id = ${u.id}`), String(50 + 45));
});

test('PROF-2: no Set password without an ACTIVE Wi-Fi account (NO ACCOUNT, DEACTIVATED)', async () => {
  for (const [where, badge] of [
    ['u.id NOT IN (SELECT user_id FROM wifi_accounts)', 'NO ACCOUNT'],
    ["u.id IN (SELECT user_id FROM wifi_accounts WHERE state = 'DEACTIVATED')", 'DEACTIVATED'],
  ]) {
    const email = someUser(where);
    const c = await signedIn(email);
    const r = await c.get('/profile');
    assert.equal(r.status, 200);
    assert.ok(textOf(r.text).includes(badge), `${email}: ${badge}`);
    assert.ok(!r.text.includes('href="/profile/wifi-password"'), 'no Set password');
    assert.equal((await c.get('/profile/wifi-password')).status, 404);
    const csrf = /name="csrf" value="([^"]+)"/.exec(r.text)[1];
    const p = await c.post('/profile/wifi-password', { csrf, password: 'Valid1password', password_confirm: 'Valid1password' });
    assert.equal(p.status, 404);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_accounts w JOIN users u ON u.id = w.user_id
      WHERE u.email = ${sqlQuote(email)} AND w.state = 'ACTIVE'`), '0', 'no account created or reactivated');
  }
});

// ---------------------------------------------------------------------------------------------
// PROF-3: Reset PIN, Handset logout

test('PROF-3: Reset PIN forgets the custom PIN of my own number only, queues the change and says so', async () => {
  sql("UPDATE phone_numbers SET custom_pin_hash = '$argon2id$fake-own' WHERE number = '+442079460101'");
  sql("UPDATE phone_numbers SET custom_pin_hash = '$argon2id$fake-other' WHERE number = '+442079460102'");
  try {
    const c = await signedIn(USER);
    const page = await c.get('/profile');
    assert.ok(textOf(page.text).includes('A custom PIN is in use.'));
    assert.ok(!page.text.includes('fake-own'), 'the custom PIN is never shown');
    const jobs = Number(sqlValue("SELECT COUNT(*) FROM provisioning_jobs j JOIN phone_numbers n ON n.id = j.number_id WHERE n.number = '+442079460101'"));
    // a number id of someone else's phone forged into the form is ignored
    const f = formByButton(page.text, 'Reset PIN');
    const r = await c.submit(f, { number_id: '2', id: '2' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.redirects.map((x) => x.location), ['/profile?n=pin_reset']);
    assert.ok(textOf(r.text).includes('The PIN is back to the Default PIN.'));
    assert.equal(sqlValue("SELECT custom_pin_hash FROM phone_numbers WHERE number = '+442079460101'"), null);
    assert.equal(sqlValue("SELECT custom_pin_hash FROM phone_numbers WHERE number = '+442079460102'"), '$argon2id$fake-other');
    assert.equal(Number(sqlValue("SELECT COUNT(*) FROM provisioning_jobs j JOIN phone_numbers n ON n.id = j.number_id WHERE n.number = '+442079460101'")), jobs + 1);
    assert.equal(sqlValue(`SELECT action FROM audit_log WHERE subject_label = '+442079460101' ORDER BY id DESC LIMIT 1`), 'tel.pin_reset');
    assert.ok(!textOf(r.text).includes('A custom PIN is in use.'));
  } finally {
    sql("UPDATE phone_numbers SET custom_pin_hash = NULL WHERE number IN ('+442079460101', '+442079460102')");
  }
});

test('PROF-3: Handset logout only for a logged-in digital handset; it is queued for the PBX', async () => {
  const num = '+442079460101';
  try {
    const c = await signedIn(USER);
    const page = await c.get('/profile');
    const f = formByButton(page.text, 'Handset logout');
    assert.ok(f);
    const r = await c.submit(f, { number_id: '7' });
    assert.equal(r.status, 200);
    assert.ok(textOf(r.text).includes('The handset has been logged out.'));
    assert.equal(sqlValue(`SELECT handset_logged_in FROM phone_numbers WHERE number = '${num}'`), '0');
    assert.equal(sqlValue("SELECT handset_logged_in FROM phone_numbers WHERE number = '+442079460001'"), '1', "someone else's handset stays");
    assert.equal(formByButton(r.text, 'Handset logout'), null, 'the action is gone');
    // TEL-6: the provisioner hands the new state to the PBX (here: provisioned_config)
    const cfg = await waitFor('the provisioned configuration', () => {
      const v = sqlValue(`SELECT config FROM provisioned_config p JOIN phone_numbers n ON n.id = p.number_id WHERE n.number = '${num}'`);
      return v && JSON.parse(v).handset.logged_in === false ? JSON.parse(v) : null;
    });
    assert.equal(cfg.handset.type, 'digital');
    assert.equal(sqlValue(`SELECT action FROM audit_log WHERE subject_label = '${num}' ORDER BY id DESC LIMIT 1`), 'tel.handset_logout');
    // logged out already: refused, nothing queued
    const jobs = sqlValue('SELECT COUNT(*) FROM provisioning_jobs');
    const again = await c.post('/profile/handset-logout', { csrf: /name="csrf" value="([^"]+)"/.exec(r.text)[1] });
    assert.equal(again.status, 404);
    assert.equal(sqlValue('SELECT COUNT(*) FROM provisioning_jobs'), jobs);
  } finally {
    sql(`UPDATE phone_numbers SET handset_logged_in = 1 WHERE number = '${num}'`);
  }
  // an analogue handset cannot be logged out
  const a = await signedIn(ADMIN);
  const p = await a.get('/profile');
  const jobs = sqlValue('SELECT COUNT(*) FROM provisioning_jobs');
  const r = await a.post('/profile/handset-logout', { csrf: /name="csrf" value="([^"]+)"/.exec(p.text)[1] });
  assert.equal(r.status, 404);
  assert.equal(sqlValue('SELECT COUNT(*) FROM provisioning_jobs'), jobs);
});

test('AUTH-4: the profile actions need the CSRF token', async () => {
  const c = await signedIn(USER);
  const before = userRow(USER);
  assert.equal((await c.post('/profile/edit', { first_name: 'Forged', last_name: 'X', language: 'en', version: String(before.version) })).status, 403);
  assert.equal((await c.post('/profile/pin-reset', {})).status, 403);
  assert.equal((await c.post('/profile/wifi-password', { password: 'abcdefgh1', password_confirm: 'abcdefgh1' })).status, 403);
  assert.equal(userRow(USER).first, before.first);
});
