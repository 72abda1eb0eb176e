'use strict';
// Phone number features in My profile (TEL-3..6): what the portal may set (TEL-4, and the
// operator's widened set), the rules (TEL-5) with a message on the field, the CLI number
// scoping, forged platform-only features, and provisioning (PENDING -> the provisioner ->
// provisioned_config, ACTIVE). Each test puts the numbers and the operator back as they were.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { Client, TEST_DIR, formByButton, formValues, field, textOf, sql, sqlValue, sqlQuote, waitFor } = require('./lib');

const USER = 'user@acme.test';      // +442079460101, Acme, London Bridge
const OWN = '+442079460101';
const ROOT = path.resolve(__dirname, '../..');

const FEATURES = ['fwd_always', 'fwd_always_to', 'fwd_busy', 'fwd_busy_to', 'fwd_noanswer',
  'fwd_noanswer_to', 'voicemail', 'vm_to_email', 'vm_email', 'call_waiting', 'dnd', 'cli',
  'cli_number_id', 'hide_caller_id', 'auth_code', 'music_on_hold', 'anon_reject'];

async function signedIn(email) {
  const c = new Client();
  assert.equal((await c.signIn(email)).status, 200, `sign-in of ${email}`);
  return c;
}

/** The features (and version, status) of a number, by its digits. */
function numberRow(number) {
  const cols = [...FEATURES, 'version', 'status', 'id'];
  const [row] = sql(`SELECT ${cols.join(', ')} FROM phone_numbers WHERE number = ${sqlQuote(number)}`);
  return Object.fromEntries(cols.map((c, i) => [c, row[i]]));
}

/** Puts a number's features back as saved by numberRow() (status too). */
function restoreNumber(saved) {
  const sets = FEATURES.map((c) => `${c} = ${saved[c] === null ? 'NULL' : sqlQuote(saved[c])}`);
  sql(`UPDATE phone_numbers SET ${sets.join(', ')}, status = ${sqlQuote(saved.status)} WHERE id = ${saved.id}`);
}

const featuresOf = (row) => Object.fromEntries(FEATURES.map((c) => [c, row[c]]));
const jobCount = (id) => Number(sqlValue(`SELECT COUNT(*) FROM provisioning_jobs WHERE number_id = ${id}`));

/** The edit form of My profile. */
async function editForm(c) {
  const r = await c.get('/profile/edit');
  assert.equal(r.status, 200);
  const f = formByButton(r.text, 'Save changes');
  assert.ok(f, 'the edit form');
  return f;
}

/** Submits the form with feature changes; asserts it is refused with msg on the field `on`. */
async function refused(c, values, on, msg) {
  const f = await editForm(c);
  const r = await c.submit(f, values);
  assert.equal(r.status, 400, `refused: ${JSON.stringify(values)}`);
  assert.ok(r.text.includes(`<p class="error-message" id="${on}-error">${msg}</p>`), `"${msg}" under ${on}`);
  assert.ok(r.text.includes(`<li><a href="#${on}">${msg}</a></li>`), `"${msg}" in the summary`);
  assert.match(r.text, new RegExp(`id="${on}"[^>]*aria-invalid="true"`));
  return r;
}

test('TEL-3/TEL-6: saving features sets the number PENDING, queues a job, the provisioner applies it (ACTIVE)', async () => {
  const saved = numberRow(OWN);
  const jobs = jobCount(saved.id);
  const c = await signedIn(USER);
  try {
    const f = await editForm(c);
    const r = await c.submit(f, {
      tel_fwd_always: true, tel_fwd_always_to: ' +44 7700 900123 ', tel_fwd_noanswer: true,
      tel_fwd_noanswer_to: '+44 20 7946 0999', tel_voicemail: true, tel_vm_to_email: true,
      tel_vm_email: 'Uma.Voicemail@Acme.test', tel_hide_caller_id: true, tel_dnd: true,
      tel_call_waiting: false,
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.redirects.map((x) => x.location), ['/profile?n=changes_saved']);
    const now = numberRow(OWN);
    assert.equal(now.fwd_always, '1');
    assert.equal(now.fwd_always_to, '+44 7700 900123', 'trimmed');
    assert.equal(now.fwd_noanswer, '1');
    assert.equal(now.vm_to_email, '1');
    assert.equal(now.vm_email, 'uma.voicemail@acme.test');
    assert.equal(now.hide_caller_id, '1');
    assert.equal(now.dnd, '1');
    assert.equal(now.call_waiting, '0');
    assert.equal(Number(now.version), Number(saved.version) + 1);
    assert.equal(jobCount(saved.id), jobs + 1, 'one provisioning job');
    // the read-only view says PENDING until the provisioner has run, or ACTIVE after
    assert.match(textOf(r.text), /Status (PENDING Changes to this number are being applied\.|ACTIVE) Phone number \+442079460101/);
    // audit: one entry per changed field, old and new values
    const audit = sql(`SELECT field, old_value, new_value FROM audit_log WHERE action = 'tel.update'
      AND subject_label = '${OWN}' ORDER BY id DESC LIMIT 9`);
    const byField = Object.fromEntries(audit.map(([fld, o, n]) => [fld, [o, n]]));
    assert.deepEqual(byField.fwd_always, ['off', 'on']);
    assert.deepEqual(byField.fwd_always_to, ['', '+44 7700 900123']);
    assert.deepEqual(byField.call_waiting, ['on', 'off']);
    assert.deepEqual(byField.vm_email, ['', 'uma.voicemail@acme.test']);
    // TEL-6: applied, ACTIVE again, and the configuration a PBX receives
    await waitFor('the job to be applied', () => sqlValue(`SELECT COUNT(*) FROM provisioning_jobs
      WHERE number_id = ${saved.id} AND applied_at IS NULL`) === '0');
    assert.equal(numberRow(OWN).status, 'ACTIVE');
    const cfg = JSON.parse(sqlValue(`SELECT config FROM provisioned_config WHERE number_id = ${saved.id}`));
    assert.equal(cfg.number, OWN);
    assert.equal(cfg.extension, '101');
    assert.deepEqual(cfg.features.call_forwarding.always, { on: true, to: '+44 7700 900123' });
    assert.deepEqual(cfg.features.call_forwarding.busy.on, false);
    assert.deepEqual(cfg.features.voicemail, { on: true, to_email: true, email: 'uma.voicemail@acme.test' });
    assert.equal(cfg.features.hide_caller_id, true);
    assert.equal(cfg.features.do_not_disturb, true);
    assert.equal(cfg.presented_caller_id, null, 'Hide Caller ID: nothing presented');
    assert.equal(cfg.user.email, USER);
    // the read-only panel lists the features
    const view = textOf((await c.get('/profile')).text);
    assert.ok(view.includes('Call forwarding: Always On: +44 7700 900123'));
    assert.ok(view.includes('Voicemail to email On: uma.voicemail@acme.test'));
    assert.ok(view.includes('Do Not Disturb On Calls go to voicemail.'));
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-5: Busy forwarding and Call waiting exclude each other (either way round)', async () => {
  const saved = numberRow(OWN); // call waiting is on in the demo data
  const c = await signedIn(USER);
  const jobs = jobCount(saved.id);
  try {
    sql(`UPDATE phone_numbers SET call_waiting = 1, fwd_busy = 0 WHERE id = ${saved.id}`);
    await refused(c, { tel_fwd_busy: true, tel_fwd_busy_to: '+44 20 7946 0555' }, 'tel_fwd_busy',
      'Busy forwarding cannot be on together with Call waiting: when the line is busy, calls can either wait or be forwarded, not both.');
    sql(`UPDATE phone_numbers SET call_waiting = 0, fwd_busy = 1, fwd_busy_to = '+44 20 7946 0555' WHERE id = ${saved.id}`);
    await refused(c, { tel_call_waiting: true }, 'tel_call_waiting',
      'Call waiting cannot be on together with Busy forwarding: when the line is busy, calls can either wait or be forwarded, not both.');
    assert.equal(numberRow(OWN).call_waiting, '0');
    assert.equal(jobCount(saved.id), jobs, 'nothing queued');
    // the form carries the hooks that make the combination unselectable with JavaScript
    const f = await editForm(c);
    assert.equal(field(f, 'tel_fwd_busy').attrs['data-excludes'], 'tel_call_waiting');
    assert.equal(field(f, 'tel_call_waiting').attrs['data-excludes'], 'tel_fwd_busy');
    assert.match(f.html, /<p class="reason" id="tel_fwd_busy-reason" hidden>/);
    assert.match(f.html, /<p class="reason" id="tel_call_waiting-reason" hidden>/);
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-5: each chosen forwarding needs a valid target number', async () => {
  const saved = numberRow(OWN);
  const c = await signedIn(USER);
  try {
    await refused(c, { tel_fwd_always: true, tel_fwd_always_to: '' }, 'tel_fwd_always_to',
      'Enter the number to forward all calls to.');
    await refused(c, { tel_call_waiting: false, tel_fwd_busy: true, tel_fwd_busy_to: '  ' }, 'tel_fwd_busy_to',
      'Enter the number to forward calls to when busy.');
    await refused(c, { tel_fwd_noanswer: true }, 'tel_fwd_noanswer_to',
      'Enter the number to forward unanswered calls to.');
    const r = await refused(c, { tel_fwd_always: true, tel_fwd_always_to: 'not a number' }, 'tel_fwd_always_to',
      'Enter a valid phone number: digits, spaces and + ( ) - only.');
    assert.equal(field(formByButton(r.text, 'Save changes'), 'tel_fwd_always_to').value, 'not a number', 'typed value kept');
    assert.ok(field(formByButton(r.text, 'Save changes'), 'tel_fwd_always').checked, 'the switch stays on');
    await refused(c, { tel_fwd_always: true, tel_fwd_always_to: '+44 (0) 20 - 7946 - 0000' }, 'tel_fwd_always_to',
      'A forwarding number can have at most 20 characters.');
    await refused(c, { tel_fwd_always: true, tel_fwd_always_to: '+4412+3' }, 'tel_fwd_always_to',
      'Enter a valid phone number: digits, spaces and + ( ) - only.');
    assert.deepEqual(featuresOf(numberRow(OWN)), featuresOf(saved), 'nothing saved');
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-5: voicemail to email needs voicemail on and a valid address', async () => {
  const saved = numberRow(OWN);
  const c = await signedIn(USER);
  try {
    await refused(c, { tel_voicemail: false, tel_vm_to_email: true, tel_vm_email: 'uma@acme.test' },
      'tel_vm_to_email', 'Voicemail to email needs Voicemail to be on.');
    await refused(c, { tel_voicemail: true, tel_vm_to_email: true, tel_vm_email: '' },
      'tel_vm_email', 'Enter the email address to send voicemail to.');
    await refused(c, { tel_voicemail: true, tel_vm_to_email: true, tel_vm_email: 'uma@' },
      'tel_vm_email', 'Enter a valid email address, like name@example.com.');
    assert.deepEqual(featuresOf(numberRow(OWN)), featuresOf(saved));
    const f = await editForm(c);
    assert.equal(field(f, 'tel_voicemail').attrs['data-controls'], 'tel-vm-more');
    assert.equal(field(f, 'tel_vm_to_email').attrs['data-controls'], 'tel_vm_email-box');
    assert.equal(field(f, 'tel_fwd_always').attrs['data-controls'], 'tel_fwd_always_to-box');
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-5: while an authorization code is on, call forwarding is off and locked', async () => {
  const saved = numberRow(OWN);
  sql(`UPDATE phone_numbers SET auth_code = 1 WHERE id = ${saved.id}`);
  const c = await signedIn(USER);
  try {
    const f = await editForm(c);
    assert.match(f.html, /<fieldset id="tel-forwarding" class="options" disabled aria-describedby="tel-forwarding-reason">/);
    assert.match(f.html, /<p class="reason" id="tel-forwarding-reason">Call forwarding is off and locked while an authorization code is on.<\/p>/);
    // a browser sends nothing of a disabled fieldset; a forged forwarding is refused on the field
    const r = await c.submit(f, { tel_fwd_always: true, tel_fwd_always_to: '+44 20 7946 0123' });
    assert.equal(r.status, 400);
    assert.ok(r.text.includes('<p class="error-message" id="tel_fwd_always-error">Call forwarding must be off while an authorization code is on.</p>'));
    assert.equal(numberRow(OWN).fwd_always, '0');
    // the read-only list says the code is on
    assert.ok(textOf((await c.get('/profile')).text).includes('Authorization code On'));
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-4: platform-only features forged into the portal form (auth code, MoH, ACR, CLI) do not change', async () => {
  const saved = numberRow(OWN);
  const other = numberRow('+442079460102');
  const c = await signedIn(USER);
  try {
    const f = await editForm(c);
    const r = await c.post('/profile/edit', formValues(f, { tel_dnd: true }).concat([
      ['tel_auth_code', '1'], ['tel_moh', '1'], ['tel_acr', '1'], ['tel_cli', '1'],
      ['tel_cli_number', numberRow('+442079460100').id], ['tel_number_id', other.id], ['number_id', other.id],
    ]));
    assert.equal(r.status, 200);
    const now = numberRow(OWN);
    assert.equal(now.dnd, '1', 'the portal feature is saved');
    assert.equal(now.auth_code, '0');
    assert.equal(now.music_on_hold, '0');
    assert.equal(now.anon_reject, '0');
    assert.equal(now.cli, '0');
    assert.equal(now.cli_number_id, null);
    assert.deepEqual(featuresOf(numberRow('+442079460102')), featuresOf(other), "another user's number is untouched");
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'tel.update' AND subject_label = '${OWN}'
      AND field IN ('auth_code', 'music_on_hold', 'anon_reject', 'cli', 'cli_number_id') AND id > 0
      AND at > NOW() - INTERVAL 1 MINUTE`), '0');
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-4: an operator that allows CLI, MoH and ACR widens the portal; TEL-5: the CLI number is scoped', async () => {
  const saved = numberRow(OWN);
  const op = sql("SELECT portal_may_cli, portal_may_moh, portal_may_acr FROM operators WHERE id = 1")[0];
  sql('UPDATE operators SET portal_may_cli = 1, portal_may_moh = 1, portal_may_acr = 1 WHERE id = 1');
  const c = await signedIn(USER);
  const id = (n) => numberRow(n).id;
  try {
    const f = await editForm(c);
    const cli = field(f, 'Number to be displayed');
    assert.ok(cli, 'the CLI number is a select with a label');
    // choices: Acme's ACTIVE numbers at London Bridge, not this one, not other sites, occupiers, operators
    const choices = cli.options.map((o) => o.text).filter((t) => t.startsWith('+'));
    assert.ok(choices.includes('+442079460100'));
    for (const not of [OWN, '+442079460201', '+442079460202', '+442079460301', '+441134960101', '+442079460001']) {
      assert.ok(!choices.includes(not), `${not} is not a choice`);
    }
    assert.ok(field(f, 'tel_moh') && field(f, 'tel_acr'), 'MoH and ACR editable');
    assert.equal(field(f, 'tel_auth_code'), null, 'the authorization code stays platform-only');
    // numbers of another site, another occupier, another operator, a PENDING one, junk: refused
    const msg = 'Choose one of the active numbers of the same organisation at the same site.';
    for (const bad of [id('+442079460201'), id('+442079460301'), id('+441134960101'), id('+442079460202'), id('+442079460001'), saved.id, 999999, 'abc']) {
      await refused(c, { tel_cli: true, tel_cli_number: String(bad) }, 'tel_cli_number', msg);
    }
    await refused(c, { tel_cli: true, tel_cli_number: '' }, 'tel_cli_number', 'Choose the number to be displayed, or turn CLI off.');
    assert.equal(numberRow(OWN).cli, '0');
    // a right one is saved; Hide Caller ID may be on as well and overrides it
    const r = await c.submit(await editForm(c), {
      tel_cli: true, tel_cli_number: String(id('+442079460100')), tel_hide_caller_id: true, tel_moh: true, tel_acr: true,
    });
    assert.equal(r.status, 200);
    const now = numberRow(OWN);
    assert.equal(now.cli, '1');
    assert.equal(now.cli_number_id, id('+442079460100'));
    assert.equal(now.music_on_hold, '1');
    assert.equal(now.anon_reject, '1');
    const view = textOf((await c.get('/profile')).text);
    assert.ok(view.includes('CLI On: +442079460100 Hide Caller ID is on, so the caller ID stays hidden.'), view);
    await waitFor('the job to be applied', () => sqlValue(`SELECT COUNT(*) FROM provisioning_jobs
      WHERE number_id = ${saved.id} AND applied_at IS NULL`) === '0');
    const cfg = JSON.parse(sqlValue(`SELECT config FROM provisioned_config WHERE number_id = ${saved.id}`));
    assert.deepEqual(cfg.features.cli, { on: true, number: '+442079460100' });
    assert.equal(cfg.presented_caller_id, null);
    assert.equal(cfg.features.music_on_hold, true);
    // Globex's admin, at the same site, cannot pick Acme's numbers, and has none of its own to pick
    const g = await signedIn('admin@globex.test');
    const gf = await editForm(g);
    assert.deepEqual(field(gf, 'tel_cli_number').options.map((o) => o.value), ['']);
    assert.ok(textOf(gf.html).includes('There is no other active number at this site.'));
    const gr = await g.submit(gf, { tel_cli: true, tel_cli_number: String(id('+442079460100')) });
    assert.equal(gr.status, 400);
    assert.equal(numberRow('+442079460301').cli, '0');
  } finally {
    sql(`UPDATE operators SET portal_may_cli = ${op[0]}, portal_may_moh = ${op[1]}, portal_may_acr = ${op[2]} WHERE id = 1`);
    restoreNumber(saved);
  }
});

test("TEL-4: another operator's occupier edits its own number only (Initech)", async () => {
  const saved = numberRow('+441134960101');
  const c = await signedIn('admin@initech.test');
  try {
    const v = await c.get('/profile');
    assert.ok(textOf(v.text).includes('Phone number +441134960101'));
    const r = await c.submit(await editForm(c), { tel_call_waiting: true, tel_hide_caller_id: true });
    assert.equal(r.status, 200);
    assert.equal(numberRow('+441134960101').hide_caller_id, '1');
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-5: the phone features of a stale form are refused ("changed by someone else")', async () => {
  const saved = numberRow(OWN);
  const c = await signedIn(USER);
  try {
    const f = await editForm(c);
    sql(`UPDATE phone_numbers SET dnd = 1, version = version + 1 WHERE id = ${saved.id}`); // someone else saved
    const r = await c.submit(f, { tel_dnd: false, tel_hide_caller_id: true });
    assert.equal(r.status, 409);
    assert.ok(textOf(r.text).includes('Someone else changed your profile while you were editing it.'));
    assert.equal(numberRow(OWN).dnd, '1', "the other save stays");
    assert.equal(numberRow(OWN).hide_caller_id, '0');
    // the form now shows the stored state and saves
    const fresh = formByButton(r.text, 'Save changes');
    assert.ok(field(fresh, 'tel_dnd').checked);
    assert.equal((await c.submit(fresh, { tel_hide_caller_id: true })).status, 200);
    assert.equal(numberRow(OWN).hide_caller_id, '1');
  } finally {
    restoreNumber(saved);
  }
});

test('TEL-6: the provisioner runs on its own with --once and stops cleanly on SIGTERM', async () => {
  const bin = path.join(ROOT, process.env.BIN_DIR || 'build', 'provisioner');
  const args = ['-c', path.join(ROOT, 'conf/portal.conf'), '-o', `db_socket=${path.join(TEST_DIR, 'run/mysqld.sock')}`];
  const start = (extra) => {
    const p = spawn(bin, [...args, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const out = { p, err: '' };
    p.stderr.on('data', (d) => { out.err += d; });
    out.exited = new Promise((resolve) => p.on('exit', (code) => resolve(code)));
    return out;
  };
  // --once: everything due is applied, then it exits by itself
  const once = start(['--once']);
  assert.equal(await once.exited, 0, once.err);
  assert.match(once.err, /provisioner: applying phone number changes with the record adapter/);
  assert.match(once.err, /provisioner: stopped/);
  // polling: SIGTERM (to the process this test started) stops it cleanly
  const run = start([]);
  await waitFor('the provisioner to start', () => /applying phone number changes/.test(run.err), 10000);
  run.p.kill('SIGTERM');
  assert.equal(await run.exited, 0, run.err);
  assert.match(run.err, /stopped/);
  // an unknown adapter is a usage error
  assert.equal(spawnSync(bin, ['--adapter', 'nonesuch'], { encoding: 'utf8' }).status, 2);
});
