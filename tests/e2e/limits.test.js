'use strict';
// Limits and hardening (SEC-1..3): request body, field count and length, UTF-8, header size,
// redirect targets after sign-in, error pages without internals, security headers. Every limit
// must give a clear 4xx and the program must keep serving.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Client, formByButton, field, csrfOf, textOf, sqlValue, sqlQuote, DEMO_PASSWORD } = require('./lib');

const uid = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let admin;
let csrf;
test.before(async () => {
  admin = new Client();
  await admin.signIn('admin@acme.test');
  csrf = csrfOf((await admin.get('/users/new')).text);
  assert.match(csrf, /^[0-9a-f]{64}$/);
});

/** The program still answers: /healthz 200 and a signed-in page 200. */
async function assertStillServing() {
  assert.equal((await new Client().get('/healthz')).status, 200, '/healthz after');
  assert.equal((await admin.get('/users', { follow: false })).status, 200, 'a page after');
}

function assert4xx(r, what) {
  assert.ok(r.status >= 400 && r.status < 500, `${what}: status ${r.status}`);
}

/** A raw POST body (string or Buffer) to /users/new as the signed-in admin. */
function rawPost(body, p = '/users/new') {
  return admin.request('POST', p, body, { follow: false, headers: FORM });
}

const usersWithEmail = (email) => sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${sqlQuote(email)}`);

// ---------------------------------------------------------------------------------------------
// SEC-2: bodies, fields, UTF-8, headers

test('a form body over 1 MiB is refused with 413, and the program keeps serving', async () => {
  const email = `t7-big-${uid()}@acme.test`;
  const r = await admin.post('/users/new', {
    csrf, first_name: 'Big', last_name: 'Body', email, job_title: 'x'.repeat(1100 * 1024),
  }, { follow: false });
  assert.equal(r.status, 413);
  assert.equal(usersWithEmail(email), '0');
  await assertStillServing();
});

test('a body just under 1 MiB in one field is refused by the program (field limit), 413', async () => {
  const r = await admin.post('/users/new', { csrf, job_title: 'x'.repeat(1024 * 1024 - 1000) }, { follow: false });
  assert.equal(r.status, 413);
  assert.ok(r.text.length > 0, 'with a message');
  await assertStillServing();
});

test('several bodies over the limit in a row do not stop the program', async () => {
  const big = 'a='.concat('y'.repeat(2 * 1024 * 1024));
  const results = await Promise.all([1, 2, 3, 4].map(() => rawPost(big)));
  for (const r of results) assert.equal(r.status, 413);
  await assertStillServing();
});

test('a form with 10,000 fields is refused with 413, and the program keeps serving', async () => {
  const email = `t7-fields-${uid()}@acme.test`;
  const body = `csrf=${csrf}&first_name=Many&last_name=Fields&email=${encodeURIComponent(email)}&`
    + Array.from({ length: 10000 }, (_, i) => `f${i}=1`).join('&');
  const r = await rawPost(body);
  assert.equal(r.status, 413);
  assert.ok(textOf(r.text).includes('too many fields'), `the message: ${textOf(r.text).slice(0, 200)}`);
  assert.equal(usersWithEmail(email), '0');
  await assertStillServing();
});

test('a query string with 10,000 parameters is refused with a 4xx', async () => {
  const qs = Array.from({ length: 10000 }, (_, i) => `p${i}=1`).join('&');
  const r = await admin.get(`/users?${qs}`, { follow: false });
  assert4xx(r, 'many parameters');
  await assertStillServing();
});

test('a field value over its limit is refused: 64 KiB at the parser (413), 100 characters for a name (400 on the field)', async () => {
  let email = `t7-long-${uid()}@acme.test`;
  let r = await admin.post('/users/new', { csrf, first_name: 'L'.repeat(70 * 1024), last_name: 'Long', email }, { follow: false });
  assert.equal(r.status, 413);
  assert.ok(textOf(r.text).includes('too long'), textOf(r.text).slice(0, 200));
  assert.equal(usersWithEmail(email), '0');
  // A field name over 128 bytes.
  r = await admin.post('/users/new', { csrf, ['n'.repeat(300)]: 'x' }, { follow: false });
  assert.equal(r.status, 413);
  // Within the parser's limit but over the field's own.
  email = `t7-long-${uid()}@acme.test`;
  const page = await admin.get('/users/new');
  r = await admin.submit(formByButton(page.text, 'Add user'), {
    'First name': 'F'.repeat(101), 'Last name': 'Long', 'Email address': email,
  }, { follow: false });
  assert.equal(r.status, 400);
  assert.match(r.text, /<p class="error-message" id="first_name-error">This is too long.<\/p>/);
  assert.equal(usersWithEmail(email), '0');
  email = `t7-long-${uid()}@acme.test`;
  r = await admin.submit(formByButton(page.text, 'Add user'), {
    'First name': 'Ok', 'Last name': 'Long', 'Email address': `${'e'.repeat(250)}@acme.test`,
  }, { follow: false });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="email-error"/);
  await assertStillServing();
});

test('a long password at sign-in is refused without hashing it for ever', async () => {
  const c = new Client();
  const page = await c.get('/signin');
  const t0 = Date.now();
  const r = await c.submit(formByButton(page.text, 'Sign in'), { 'Email address': 'admin@acme.test', Password: 'p'.repeat(60 * 1024) });
  assert.equal(r.status, 400);
  assert.ok(!c.cookies.has('sid'));
  assert.ok(Date.now() - t0 < 20000);
  await assertStillServing();
});

test('invalid UTF-8 in a form field is refused with 400, nothing is written', async () => {
  const email = `t7-utf8-${uid()}@acme.test`;
  const base = `csrf=${csrf}&last_name=Bytes&email=${encodeURIComponent(email)}&language=en&role=user`;
  for (const [what, body] of [
    ['%FF', `${base}&first_name=%FF`],
    ['%C3%28 (a broken sequence)', `${base}&first_name=%C3%28`],
    ['%ED%A0%80 (a UTF-16 surrogate)', `${base}&first_name=%ED%A0%80`],
    ['%C0%AF (an overlong encoding)', `${base}&first_name=%C0%AF`],
    ['%00 (NUL)', `${base}&first_name=A%00B`],
    ['raw bytes', Buffer.concat([Buffer.from(`${base}&first_name=`), Buffer.from([0xff, 0xfe, 0x41])])],
  ]) {
    const r = await rawPost(body);
    assert.equal(r.status, 400, what);
    assert.ok(textOf(r.text).includes('not valid UTF-8'), `${what}: ${textOf(r.text).slice(0, 200)}`);
  }
  assert.equal(usersWithEmail(email), '0');
  // Valid UTF-8 is fine.
  const ok = await rawPost(`${base}&first_name=${encodeURIComponent('Zoë Ñandú 日本')}`);
  assert.equal(ok.status, 303);
  const id = sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(email)}`);
  assert.equal(sqlValue(`SELECT first_name FROM users WHERE id = ${id}`), 'Zoë Ñandú 日本');
  sqlValue(`DELETE FROM users WHERE id = ${id}`);
  await assertStillServing();
});

test('invalid UTF-8 or a broken escape in the query string is refused with 400', async () => {
  for (const q of ['q=%FF', 'q=%C3%28', 'q=%E2%82', 'next=%FF', 'q=%G1', 'q=%', 'page=%00']) {
    const r = await admin.get(`/users?${q}`, { follow: false });
    assert.equal(r.status, 400, q);
  }
  const anon = await new Client().get('/signin?next=%FF', { follow: false });
  assert.equal(anon.status, 400);
  await assertStillServing();
});

test('invalid UTF-8 in the path is refused with a 4xx', async () => {
  for (const p of ['/users/%FF', '/%C3%28', '/signin%FF']) {
    const r = await admin.get(p, { follow: false });
    assert4xx(r, p);
  }
  await assertStillServing();
});

test('a huge cookie header is refused with a 4xx; an unreadable one is ignored; the program keeps serving', async () => {
  assert4xx(await new Client().get('/signin', { headers: { cookie: `junk=${'b'.repeat(20 * 1024)}` } }),
    'a 20 KiB cookie header');
  // Cookies of other applications on the host may be anything: the portal ignores a cookie
  // header it cannot read (too long a value, too many cookies) instead of refusing every page.
  const many = Array.from({ length: 200 }, (_, i) => `c${i}=v`).join('; ');
  for (const [what, cookie] of [['a 7 KiB cookie', `junk=${'b'.repeat(7 * 1024)}`], ['200 cookies', many]]) {
    const r = await new Client().get('/signin', { headers: { cookie } });
    assert.equal(r.status, 200, `${what}: the sign-in page still answers`);
    assert.match(r.text, /name="password"/, `${what}: the sign-in form is there`);
  }
  await assertStillServing();
});

test('a huge request header or URL is refused with a 4xx', async () => {
  assert4xx(await new Client().get('/signin', { headers: { 'x-filler': 'h'.repeat(32 * 1024) } }), 'a 32 KiB header');
  assert4xx(await new Client().get(`/users?q=${'q'.repeat(10000)}`), 'a 10 KB query string');
  assert4xx(await new Client().get(`/${'p'.repeat(9000)}`), 'a 9 KB path');
  await assertStillServing();
});

function multipart(parts) {
  const b = `t7${crypto.randomBytes(8).toString('hex')}`;
  const chunks = [];
  for (const [name, value] of parts) {
    chunks.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`));
    chunks.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value)));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${b}` };
}

test('the same limits hold for multipart forms: invalid UTF-8 (400), too many fields (413)', async () => {
  const email = `t7-mp-${uid()}@acme.test`;
  let m = multipart([['csrf', csrf], ['first_name', Buffer.from([0x41, 0xff, 0x42])], ['last_name', 'Part'], ['email', email]]);
  let r = await admin.request('POST', '/users/new', m.body, { follow: false, headers: { 'content-type': m.type } });
  assert.equal(r.status, 400);
  assert.ok(textOf(r.text).includes('not valid UTF-8'));
  m = multipart([['csrf', csrf], ...Array.from({ length: 5000 }, (_, i) => [`f${i}`, '1'])]);
  r = await admin.request('POST', '/users/new', m.body, { follow: false, headers: { 'content-type': m.type } });
  assert.equal(r.status, 413);
  assert.equal(usersWithEmail(email), '0');
  await assertStillServing();
});

test('a malformed multipart body is refused with 400', async () => {
  const r = await admin.request('POST', '/users/new', '--xx\r\nnot a part', {
    follow: false, headers: { 'content-type': 'multipart/form-data; boundary=xx' },
  });
  assert4xx(r, 'malformed multipart');
  await assertStillServing();
});

test('an unknown method is refused with 405', async () => {
  for (const m of ['PUT', 'DELETE', 'PATCH']) {
    const r = await admin.request(m, '/users', undefined, { follow: false });
    assert.ok(r.status === 405 || r.status === 400, `${m}: ${r.status}`);
  }
  await assertStillServing();
});

// ---------------------------------------------------------------------------------------------
// SEC-3: redirect targets after sign-in

async function signInWithNext(next) {
  const c = new Client();
  const page = await c.get(`/signin?next=${encodeURIComponent(next)}`);
  assert.equal(page.status, 200);
  const f = formByButton(page.text, 'Sign in');
  const r = await c.submit(f, { 'Email address': 'admin@acme.test', Password: DEMO_PASSWORD }, { follow: false });
  assert.equal(r.status, 303, `sign-in with next=${next}`);
  return { location: r.headers.get('location'), hidden: field(f, 'next').value };
}

for (const evil of ['//evil.example', 'https://evil.example', 'http://evil.example/users', '/\\evil.example',
  '\\\\evil.example', 'javascript:alert(1)', ' //evil.example', '/\t/evil.example', 'evil.example', '///evil.example',
  '/\r\nSet-Cookie: sid=planted']) {
  test(`after sign-in, next=${JSON.stringify(evil)} goes to / (local paths only)`, async () => {
    const { location, hidden } = await signInWithNext(evil);
    assert.equal(location, '/');
    assert.equal(hidden, '', 'the unsafe target is not put into the form');
  });
}

test('a forged next in the POSTed form is ignored too', async () => {
  const c = new Client();
  const page = await c.get('/signin');
  for (const next of ['//evil.example', 'https://evil.example']) {
    const r = await c.post('/signin', { csrf: csrfOf(page.text), email: 'admin@acme.test', password: DEMO_PASSWORD, next }, { follow: false });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/');
    c.cookies.delete('sid');
  }
});

test('a local next is followed after sign-in; a protected page sends its path as next', async () => {
  const { location } = await signInWithNext('/users?q=brown');
  assert.equal(location, '/users?q=brown');
  const c = new Client();
  let r = await c.get('/users/3/edit', { follow: false });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/signin?next=%2Fusers%2F3%2Fedit');
  r = await c.get(r.headers.get('location'));
  r = await c.submit(formByButton(r.text, 'Sign in'), { 'Email address': 'admin@acme.test', Password: DEMO_PASSWORD });
  assert.equal(new URL(r.url).pathname, '/users/3/edit');
});

// ---------------------------------------------------------------------------------------------
// SEC-3: error pages show no internals

const INTERNALS = /SELECT |INSERT |UPDATE |mysql|mariadb|\/work\/|\/tmp\/|cgi-bin|\.c:\d|\bat 0x|stack trace|segmentation|ASAN|errno|sqlstate|token_hash|password_hash/i;

test('error pages show no SQL, paths or stack data', async () => {
  const anon = new Client();
  const cases = [
    ['404 page', await admin.get('/no-such-page-\'"<x>', { follow: false }), 404],
    ['404 id', await admin.get('/users/999999999', { follow: false }), 404],
    ['404 id too long', await admin.get('/users/12345678901234567890', { follow: false }), 404],
    ['404 id not a number', await admin.get('/users/abc\'%20OR%201=1', { follow: false }), 404],
    ['404 id zero', await admin.get('/users/0', { follow: false }), 404],
    ['403', await admin.post('/users/2/delete', { csrf }, { follow: false }), 403],
    ['403 csrf', await anon.post('/signin', { email: 'a@b.c', password: 'x' }, { follow: false }), 403],
    ['400 utf-8', await admin.get('/users?q=%FF', { follow: false }), 400],
    ['400 resend', await admin.post('/users/3/resend', { csrf }, { follow: false }), 400],
    ['413', await admin.post('/users/new', { csrf, x: 'z'.repeat(1100 * 1024) }, { follow: false }), 413],
  ];
  for (const [what, r, status] of cases) {
    assert.equal(r.status, status, what);
    assert.doesNotMatch(r.text, INTERNALS, `${what} shows internals`);
    assert.ok(!r.text.includes('<x>'), `${what} does not reflect markup`);
  }
  const nf = cases[0][1];
  assert.ok(textOf(nf.text).includes('Page not found'));
  assert.match(nf.text, /<main id="main"/, 'the 404 page is in the layout');
});

// ---------------------------------------------------------------------------------------------
// SEC-1: security headers

function assertSecurityHeaders(r, what) {
  const csp = r.headers.get('content-security-policy') || '';
  assert.ok(csp, `${what}: a Content-Security-Policy`);
  assert.doesNotMatch(csp, /, *default-src/, `${what}: one CSP header, not two`);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(' ')]));
  assert.equal(directives['default-src'], "'self'", `${what}: default-src 'self' (${csp})`);
  assert.equal(directives['object-src'], "'none'", what);
  assert.equal(directives['base-uri'], "'none'", what);
  assert.equal(directives['frame-ancestors'], "'none'", what);
  assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), `${what}: no unsafe-inline`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(r.headers.get('referrer-policy'), 'same-origin', what);
  assert.equal(r.headers.get('strict-transport-security'), null, `${what}: no HSTS over http`);
}

test('security headers on pages, redirects, errors and refusals', async () => {
  const anon = new Client();
  const checks = [
    ['GET /signin', await anon.get('/signin')],
    ['GET /forgot', await anon.get('/forgot')],
    ['GET /users signed in', await admin.get('/users')],
    ['GET /users/3', await admin.get('/users/3')],
    ['redirect to sign-in', await new Client().get('/users', { follow: false })],
    ['GET /healthz', await anon.get('/healthz')],
    ['404', await admin.get('/no-such-page', { follow: false })],
    ['403', await admin.post('/users/2/delete', { csrf }, { follow: false })],
    ['400', await admin.get('/users?q=%FF', { follow: false })],
    ['413 (nginx)', await admin.post('/users/new', { csrf, x: 'z'.repeat(1100 * 1024) }, { follow: false })],
    ['413 (program)', await rawPost(`csrf=${csrf}&${Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&')}`)],
    ['405', await admin.request('PUT', '/users', undefined, { follow: false })],
    ['static', await anon.get('/static/app.js')],
  ];
  for (const [what, r] of checks) assertSecurityHeaders(r, `${what} (${r.status})`);
  // Signed-in pages are not cached.
  assert.match(checks[2][1].headers.get('cache-control') || '', /no-store/);
});
