'use strict';
// Issue 11, item 1: every sealed value of the database (Wi-Fi passwords, queued email) names
// the key that sealed it; scripts/rotate-key moves them all to a new key while the stack keeps
// serving, and back. The stack runs with the demo key (conf/secrets.demo.conf); the rotation
// works on a copy of that file, and build/rekey (which the script runs) on the test database.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { BASE_URL, TEST_DIR, DEMO_WIFI_HEX, Client, formByButton, csrfOf, sql, sqlValue, sqlQuote } = require('./lib');

const ROOT = path.resolve(__dirname, '../..');
const DEMO_SECRETS = fs.readFileSync(path.join(ROOT, 'conf', 'secrets.demo.conf'), 'utf8');
const DEMO_KEY = /^wifi_key = ([0-9a-f]{64})$/m.exec(DEMO_SECRETS)[1];

/** The 5 header bytes of a value sealed under key (cgi-bin/secret.h): 02 and the key id. */
const headerOf = (key) => `02${crypto.createHash('sha256').update('portal key id')
  .update(Buffer.from(key, 'hex')).digest('hex').slice(0, 8)}`.toUpperCase();

function rotate(args, env = {}) {
  return execFileSync('bash', [path.join(ROOT, 'scripts', 'rotate-key'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
}
const dbOpt = ['-o', `db_socket=${TEST_DIR}/run/mysqld.sock`];
const keyOf = (file, name) => (new RegExp(`^${name} = ([0-9a-f]{64})$`, 'm').exec(fs.readFileSync(file, 'utf8')) || [])[1];
/** Header bytes of every Wi-Fi password and of the queued test mail, with their counts. */
const headers = () => Object.fromEntries(sql(`SELECT h, COUNT(*) FROM (
    SELECT HEX(LEFT(password_enc, 5)) AS h FROM wifi_accounts
    UNION ALL SELECT HEX(LEFT(body_text, 5)) FROM mail_outbox WHERE to_addr = 'rotate@acme.test'
    UNION ALL SELECT HEX(LEFT(body_html, 5)) FROM mail_outbox WHERE to_addr = 'rotate@acme.test') x GROUP BY h`));

test('scripts/rotate-key re-seals every Wi-Fi password and queued email under a new key, and back, while the site serves', async () => {
  const dir = path.join(TEST_DIR, 'rotate');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'secrets.conf');
  fs.writeFileSync(file, DEMO_SECRETS, { mode: 0o600 });
  // A queued message in the older format (secretbox under the demo key), not due for a day:
  // the stack's mailer leaves it alone.
  sql(`DELETE FROM mail_outbox WHERE to_addr = 'rotate@acme.test'`);
  sql(`INSERT INTO mail_outbox (operator_id, to_addr, subject, body_text, body_html, next_try_at)
       VALUES (1, 'rotate@acme.test', 'rotation', UNHEX('${DEMO_WIFI_HEX}'), UNHEX('${DEMO_WIFI_HEX}'),
       UTC_TIMESTAMP() + INTERVAL 1 DAY)`);
  const wifiRows = Number(sqlValue('SELECT COUNT(*) FROM wifi_accounts'));
  try {
    // make test's stack start ran build/rekey: every Wi-Fi password is in the new format
    // under the demo key already (the demo data holds the older one).
    assert.deepEqual(Object.keys(headers()).filter((h) => h.startsWith('02')), [headerOf(DEMO_KEY)]);

    // issue 13: a file kept for "Add N users" (import_pending, sealed for its session and
    // occupier) is re-sealed too, and still opens after the rotation
    const kept = await keptImport();

    let out = rotate(['prepare', file]);
    assert.match(out, /wifi_key_next added/);
    const next = keyOf(file, 'wifi_key_next');
    assert.ok(next && next !== DEMO_KEY, 'a new random key');
    assert.equal(keyOf(file, 'wifi_key'), DEMO_KEY, 'still sealing with the old key');
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
    assert.match(fs.readFileSync(file, 'utf8'), /^db_password = demo-db-password-1$/m, 'the other lines are kept');
    assert.throws(() => rotate(['finish', file, '-c', 'conf/portal.conf', ...dbOpt]), /run switch first/);

    out = rotate(['switch', file]);
    assert.equal(keyOf(file, 'wifi_key'), next);
    assert.equal(keyOf(file, 'wifi_key_previous'), DEMO_KEY);
    assert.equal(keyOf(file, 'wifi_key_next'), undefined);
    assert.equal((await fetch(new URL('/healthz', BASE_URL))).status, 200, 'the site serves throughout');

    // Messages other tests left queued for later (a retry, a reminder) are re-sealed too.
    // The stack's mailer may send a message that is due meanwhile: those not due for a minute
    // are certain to be re-sealed, the others may be sent first.
    const unsent = 'FROM mail_outbox WHERE sent_at IS NULL AND LENGTH(body_text) > 0';
    const later = Number(sqlValue(`SELECT COUNT(*) ${unsent} AND next_try_at > UTC_TIMESTAMP() + INTERVAL 1 MINUTE`));
    const pending = Number(sqlValue(`SELECT COUNT(*) ${unsent}`));
    assert.ok(later >= 1);
    out = rotate(['finish', file, '-c', 'conf/portal.conf', ...dbOpt], { BIN_DIR: process.env.BIN_DIR || 'build' });
    assert.match(out, new RegExp(`rekey: wifi re-sealed ${wifiRows}, current 0, unreadable 0`));
    const resealed = Number((out.match(/outbox re-sealed (\d+), current 0, unreadable 0/) || [])[1]);
    assert.ok(resealed >= later && resealed <= pending, `outbox re-sealed ${resealed}: between ${later} and ${pending}`);
    assert.deepEqual(headers(), { [headerOf(next)]: String(wifiRows + 2) }, 'every value under the new key');
    assert.match(out, /rekey: import files re-sealed [1-9]\d*, current 0, unreadable 0/);
    assert.equal(sqlValue(`SELECT HEX(LEFT(body_enc, 5)) FROM import_pending WHERE occupier_id = ${kept.occ}`), headerOf(next));
    assert.equal(keyOf(file, 'wifi_key_previous'), undefined, 'the old key is gone from the file');

    // And back to the demo key in one go (one host: --restart runs between the steps).
    out = rotate(['all', file, '--restart', 'true', '-c', 'conf/portal.conf', ...dbOpt], { ROTATE_NEW_KEY: DEMO_KEY });
    assert.match(out, new RegExp(`rekey: wifi re-sealed ${wifiRows}, current 0`));
    assert.deepEqual(headers(), { [headerOf(DEMO_KEY)]: String(wifiRows + 2) });
    assert.equal(sqlValue(`SELECT HEX(LEFT(body_enc, 5)) FROM import_pending WHERE occupier_id = ${kept.occ}`), headerOf(DEMO_KEY));
    // the one click imports the file that went through both rotations
    const r = await kept.client.submit(kept.confirm);
    assert.equal(r.status, 200);
    assert.match(r.url, /\?n=import_done$/);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE occupier_id = ${kept.occ}`), '1');
    assert.equal(keyOf(file, 'wifi_key'), DEMO_KEY);
    // The stack's own configuration now finds nothing to do.
    execFileSync(path.join(ROOT, process.env.BIN_DIR || 'build', 'rekey'), ['-c', 'conf/portal.conf', ...dbOpt, '--check'],
      { cwd: ROOT, stdio: 'ignore' });
  } finally {
    sql(`DELETE FROM mail_outbox WHERE to_addr = 'rotate@acme.test'`);
    sql("DELETE FROM users WHERE email LIKE 'rot.%@rotate.test'");
    sql("DELETE FROM occupiers WHERE name LIKE 'Rotate %'");
  }
});

/** A clean dry run of a fresh occupier's import: its "Add 1 user" form kept for later. */
async function keptImport() {
  const name = `Rotate ${Date.now().toString(36)}`;
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (1, ${sqlQuote(name)})`);
  const occ = Number(sqlValue(`SELECT id FROM occupiers WHERE name = ${sqlQuote(name)}`));
  const client = new Client();
  await client.signIn('ops@demo.test');
  const page = await client.get(`/platform/occupiers/${occ}/import`);
  const csv = 'first_name,last_name,email,job_title,mobile_phone,direct_line,language,role,wifi,device_limit,homesite,invite_portal,invite_app\n'
    + `Rot,Ate,rot.${occ}@rotate.test,,,,en,user,no,,,no,no\n`;
  const r = await client.postMultipart(formByButton(page.text, 'Upload file').action, [['csrf', csrfOf(page.text)], ['dry_run', '1']],
    { file: { filename: 'rotate.csv', content: csv, type: 'text/csv' } });
  const confirm = formByButton(r.text, 'Add 1 user');
  assert.ok(confirm, 'a clean dry run offers "Add 1 user"');
  return { occ, client, confirm };
}

test('a Wi-Fi ciphertext copied onto another user does not open (bound to its user id)', () => {
  const [a, b] = sql('SELECT user_id FROM wifi_accounts ORDER BY user_id LIMIT 2').map((r) => r[0]);
  const saved = sqlValue(`SELECT HEX(password_enc) FROM wifi_accounts WHERE user_id = ${b}`);
  sql(`UPDATE wifi_accounts SET password_enc = (SELECT password_enc FROM (SELECT password_enc FROM wifi_accounts WHERE user_id = ${a}) x) WHERE user_id = ${b}`);
  try {
    let status = 0;
    let out = '';
    try {
      execFileSync(path.join(ROOT, process.env.BIN_DIR || 'build', 'rekey'), ['-c', 'conf/portal.conf', ...dbOpt, '--check'],
        { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      status = e.status;
      out = e.stderr;
    }
    assert.equal(status, 1);
    assert.match(out, new RegExp(`wifi_accounts user ${b}: no key opens it`));
  } finally {
    sql(`UPDATE wifi_accounts SET password_enc = UNHEX('${saved}') WHERE user_id = ${b}`);
  }
});
