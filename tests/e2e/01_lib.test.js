'use strict';
// The helpers of lib.js on fixed inputs (no server needed), so that a failing end-to-end test
// points at the portal, not at the harness.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lib = require('./lib');

const PAGE = `<!doctype html><html><body>
<form method="post" action="/users/7">
  <input type="hidden" name="csrf" value="tok&amp;en">
  <label for="f-first">First name<span>*</span></label>
  <input id="f-first" name="first_name" value="Ada" required>
  <label for="f-lang">Language</label>
  <select id="f-lang" name="lang"><option value="en">English</option><option value="fr" selected>Fran&ccedil;ais</option></select>
  <label for="f-wifi">Create a Wi-Fi account</label>
  <input type="checkbox" id="f-wifi" name="wifi" value="1">
  <label for="f-note">Note</label>
  <textarea id="f-note" name="note">a &lt; b</textarea>
  <input type="text" name="off" value="x" disabled>
  <button type="submit" data-x=">">Save changes</button>
</form>
<form method="post" action="/signout"><input type="hidden" name="csrf" value="t2"><button>Sign out</button></form>
<a href="/users/7">ada@acme.test</a>
</body></html>`;

test('forms(): fields, labels and buttons of each form', () => {
  const fs_ = lib.forms(PAGE);
  assert.equal(fs_.length, 2);
  const f = fs_[0];
  assert.equal(f.method, 'post');
  assert.equal(f.action, '/users/7');
  assert.deepEqual(f.inputs.map((i) => i.name), ['csrf', 'first_name', 'lang', 'wifi', 'note', 'off']);
  assert.equal(f.labels['First name*'], 'f-first');
  assert.equal(lib.field(f, 'First name').name, 'first_name');
  assert.equal(lib.field(f, 'Language').value, 'fr');
  assert.equal(lib.field(f, 'Note').value, 'a < b');
  assert.deepEqual(f.buttons.map((b) => b.text), ['Save changes']);
  assert.equal(lib.csrfOf(PAGE), 'tok&en');
  assert.equal(lib.formByButton(PAGE, 'sign out').action, '/signout');
  assert.equal(lib.linkByText(PAGE, 'ada@acme.test'), '/users/7');
});

test('formValues(): what a browser would send, with changes by label or name', () => {
  const f = lib.formByButton(PAGE, 'Save changes');
  assert.deepEqual(lib.formValues(f), [['csrf', 'tok&en'], ['first_name', 'Ada'], ['lang', 'fr'], ['note', 'a < b']]);
  assert.deepEqual(lib.formValues(f, { 'First name': 'Bea', wifi: true, lang: 'en', extra: 'y' }),
    [['csrf', 'tok&en'], ['first_name', 'Bea'], ['lang', 'en'], ['wifi', '1'], ['note', 'a < b'], ['extra', 'y']]);
});

test('mailbox(): multipart mail decoded, links found, mark() and waitFor()', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-'));
  const eml = [
    'From: Demo Workspaces <no-reply@demo.test>',
    'To: ada@acme.test',
    'Subject: =?UTF-8?B?SW52aXRhdGlvbiDDoCByZWpvaW5kcmU=?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Bonjour Ad=C3=A9la=C3=AFde, follow http://127.0.0.1:8080/invite/abc=',
    'def.',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('<p><a href="http://127.0.0.1:8080/invite/abcdef">Join</a></p>').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
  const box = lib.mailbox(dir);
  fs.writeFileSync(path.join(dir, '1.eml'), eml);
  const [m] = box.list();
  assert.equal(m.subject, 'Invitation à rejoindre');
  assert.equal(m.to, 'ada@acme.test');
  assert.match(m.text, /^Bonjour Adélaïde, follow http:\/\/127\.0\.0\.1:8080\/invite\/abcdef\.$/m);
  assert.match(m.html, /<a href=/);
  assert.deepEqual(m.links(), ['http://127.0.0.1:8080/invite/abcdef']);
  box.mark();
  assert.equal(box.list().length, 0);
  setTimeout(() => fs.writeFileSync(path.join(dir, '2.eml'), 'To: bea@acme.test\r\nSubject: Hi\r\n\r\nbody\r\n'), 300);
  const m2 = await box.waitFor((x) => x.to === 'bea@acme.test', 5000);
  assert.equal(m2.text.trim(), 'body');
  await assert.rejects(box.waitFor((x) => x.to === 'nobody', 300), /no matching mail/);
  fs.rmSync(dir, { recursive: true });
});
