'use strict';
// White label (PLAT-7, issue 13 item 3): "Upload logo" takes a PNG, JPEG or SVG of at most
// 512 KB, its type read from the bytes; bad files get a message next to the field and change
// nothing; an SVG with scripts is refused, a clean one is served with a CSP that forbids
// everything but its styles. The logo is stored in the database, served to anyone at
// /brand/logo/ID, shown in the layout (brand.css) and in the emails. Removed at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { Client, formByButton, csrfOf, textOf, mailbox, sql, sqlValue } = require('./lib');

const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080/';

test.after(() => {
  sql('DELETE FROM operator_logos WHERE operator_id = 1');
});

/** A valid 1x1 PNG. */
function png() {
  const crc = (buf) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return (~c) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 31, 95, 191]))), chunk('IEND', Buffer.alloc(0))]);
}

async function ops() {
  const c = new Client();
  await c.signIn('ops@demo.test');
  return c;
}

async function uploadLogo(c, content, filename = 'logo.png', type = 'image/png') {
  const page = await c.get('/platform/account/settings');
  assert.ok(formByButton(page.text, 'Upload logo'), 'an "Upload logo" form');
  return c.postMultipart('/platform/account/logo', [['csrf', csrfOf(page.text)]], { logo: { filename, content, type } });
}

test('bad logo files get a message next to the field and change nothing', async () => {
  const c = await ops();
  const version = sqlValue('SELECT logo_version FROM operators WHERE id = 1');
  const cases = [
    [Buffer.from('just some text, not an image'), 'logo.png', /not a PNG, JPEG or SVG image/],
    [Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20)]), 'logo.png', /not a PNG, JPEG or SVG image/],
    [Buffer.concat([png(), Buffer.alloc(512 * 1024)]), 'big.png', /larger than 512 KB/],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg', /contains scripts/],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" onload="alert(1)"/></svg>'), 'x.svg', /contains scripts/],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.test/x.png"/></svg>'), 'x.svg', /external references/],
    [Buffer.alloc(0), 'empty.png', /Choose a PNG, JPEG or SVG file/],
  ];
  for (const [content, name, message] of cases) {
    const r = await uploadLogo(c, content, name, 'image/png');
    assert.equal(r.status, 400, name);
    assert.match(r.text, /id="logo-error"/, `${name}: the message by the field`);
    assert.match(textOf(r.text), message, name);
    assert.match(r.text, /id="logo"[^>]*aria-invalid="true"/);
  }
  assert.equal(sqlValue('SELECT COUNT(*) FROM operator_logos WHERE operator_id = 1'), '0');
  assert.equal(sqlValue('SELECT logo_version FROM operators WHERE id = 1'), version);
});

test('a PNG, named anything, is stored, served to anyone, shown in the layout and in the emails', async () => {
  const c = await ops();
  const image = png();
  let r = await uploadLogo(c, image, 'whatever.txt', 'text/plain');
  assert.equal(r.status, 200, textOf(r.text).slice(0, 300));
  assert.match(r.url, /\/platform\/account\/settings\?n=changes_saved$/);
  assert.deepEqual(sql('SELECT mime, LENGTH(data) FROM operator_logos WHERE operator_id = 1'), [['image/png', String(image.length)]]);
  const v = sqlValue('SELECT logo_version FROM operators WHERE id = 1');
  assert.match(r.text, new RegExp(`<img class="logo-preview" src="/brand/logo/1\\?v=${v}"`));
  // served without a session, with its type from the bytes
  const res = await fetch(new URL(`/brand/logo/1?v=${v}`, BASE));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), image);
  assert.equal((await fetch(new URL('/brand/logo/2', BASE))).status, 404, 'Other Spaces has none');
  // the layout: brand.css puts it beside the operator's name
  const css = await c.get('/brand.css');
  assert.match(css.text, new RegExp(`\\.operator-logo\\{[^}]*url\\(/brand/logo/1\\?v=${v}\\)`));
  assert.match((await c.get('/platform/occupiers')).text, /<span class="operator-logo" aria-hidden="true"><\/span>/);
  // another operator's pages do not show it
  const other = new Client();
  await other.signIn('ops@other.test');
  assert.doesNotMatch((await other.get('/brand.css')).text, /operator-logo/);
  // an email of the operator shows it
  const box = mailbox().mark();
  const page = await c.get('/platform/account/members/8');
  r = await c.post('/platform/account/members/8/wifi-reset', { csrf: csrfOf(page.text) });
  const mail = await box.waitFor((m) => m.to.includes('reception@demo.test'));
  assert.match(mail.html, new RegExp(`<img src="[^"]*/brand/logo/1\\?v=${v}"`));
  assert.equal(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'operator.update' AND field = 'logo'") > 0, true);
});

test('a clean SVG is accepted and served with a restrictive CSP; "Remove logo" removes it', async () => {
  const c = await ops();
  const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><style>rect{fill:#1f5fbf}</style><rect width="90" height="30"/></svg>';
  let r = await uploadLogo(c, Buffer.from(svg), 'logo.png', 'image/png');
  assert.equal(r.status, 200);
  assert.equal(sqlValue('SELECT mime FROM operator_logos WHERE operator_id = 1'), 'image/svg+xml');
  const res = await fetch(new URL('/brand/logo/1', BASE));
  assert.match(res.headers.get('content-type'), /^image\/svg\+xml/);
  assert.match(res.headers.get('content-security-policy'), /default-src 'none'; style-src 'unsafe-inline'; sandbox/);
  r = await c.submit(formByButton(r.text, 'Remove logo'));
  assert.equal(r.status, 200);
  assert.equal(sqlValue('SELECT COUNT(*) FROM operator_logos WHERE operator_id = 1'), '0');
  assert.equal((await fetch(new URL('/brand/logo/1', BASE))).status, 404);
  // only super admins
  const staff = new Client();
  await staff.signIn('staff@demo.test');
  const p = await staff.get('/platform/occupiers');
  assert.equal((await staff.postMultipart('/platform/account/logo', [['csrf', csrfOf(p.text)]], { logo: { filename: 'l.png', content: png(), type: 'image/png' } })).status, 403);
});

test('the operator\'s portal address is used in its emailed links; a bad one gets a message by the field', async () => {
  const c = await ops();
  const email = `p7-base-${Date.now().toString(36)}@demo.test`;
  try {
    let page = await c.get('/platform/account/settings');
    let r = await c.submit(formByButton(page.text, 'Save changes'), { base_url: 'portal.demo.test/path' });
    assert.equal(r.status, 400);
    assert.match(r.text, /id="base_url-error"[^>]*>Enter an address like https:\/\/portal\.example\.com/);
    assert.equal(sqlValue('SELECT IFNULL(base_url, \'none\') FROM operators WHERE id = 1'), 'none');
    page = await c.get('/platform/account/settings');
    r = await c.submit(formByButton(page.text, 'Save changes'), { base_url: 'https://Portal.Demo.test/' });
    assert.equal(r.status, 200);
    assert.equal(sqlValue('SELECT base_url FROM operators WHERE id = 1'), 'https://portal.demo.test');
    // an invitation's link starts with it
    const box = mailbox().mark();
    const form = await c.get('/platform/account/members/new');
    const f = formByButton(form.text, 'Add team member');
    r = await c.post(f.action, [...require('./lib').formValues(f, {
      'First name': 'Base', 'Last name': 'Url', 'Email address': email, Role: 'admin', invite: true,
    })]);
    assert.equal(r.status, 200);
    const mail = await box.waitFor((m) => m.to.includes(email));
    assert.ok(mail.links().some((l) => l.startsWith('https://portal.demo.test/set-password#t=')), mail.links().join(' '));
  } finally {
    sql('UPDATE operators SET base_url = NULL WHERE id = 1');
    const ids = `SELECT id FROM users WHERE email = ${require('./lib').sqlQuote(email)}`;
    for (const t of ['user_tokens', 'sessions', 'user_sites', 'wifi_accounts']) sql(`DELETE FROM ${t} WHERE user_id IN (${ids})`);
    sql(`DELETE FROM users WHERE email = ${require('./lib').sqlQuote(email)}`);
  }
});
