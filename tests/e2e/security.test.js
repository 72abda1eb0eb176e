'use strict';
// What outside security scanners try (SEC-3, AUTH-4), on every route:
//   - CSRF: every POST route of cgi-bin/router.c's table (read from the source, so a new route is
//     covered) is refused 403 without a valid token (none, a random one, another session's), by
//     a client whose role may use it, and nothing changes;
//   - open redirects: every parameter that takes a return address (`next`, and the usual names
//     a scanner tries) only ever leads to a path of this site;
//   - reflected input: `"><svg onload=alert(1)>` sent in queries, filters, form values, odd
//     paths and API bodies comes back escaped (or not at all), never as markup.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Client, forms, formByButton, csrfOf, elements, sql, sqlValue, sqlQuote, BASE_URL, DEMO_PASSWORD,
  DEMO_HASH } = require('./lib');

const ROUTER = fs.readFileSync(path.resolve(__dirname, '../../cgi-bin/router.c'), 'utf8');
const ORIGIN = new URL(BASE_URL).origin;
const victimEmail = `t-sec-${Date.now().toString(36)}@acme.test`;
let victim = 0;

test.before(() => {
  sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, account_state,
        invited_portal, password_hash) VALUES (1, 1, 'user', 'Csrf', 'Victim', ${sqlQuote(victimEmail)},
        'VALIDATED', 1, ${sqlQuote(DEMO_HASH)})`);
  victim = Number(sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(victimEmail)}`));
});
test.after(() => {
  if (victim) sql(`DELETE FROM users WHERE id = ${victim}`);
});

/** The POST routes of the route table: [{pattern, roles}]. */
function postRoutes() {
  return [...ROUTER.matchAll(/\{\s*POST,\s*"([^"]+)",\s*(R_[A-Z_]+)/g)].map((m) => ({ pattern: m[1], roles: m[2] }));
}

/** A route's path with each '#' replaced by a real id of operator 1 (the segment before says
 * what the id is); throws for a segment this test does not know yet. */
function pathOf(pattern) {
  const ids = {
    users: () => victim,
    occupiers: () => 1,
    telephony: () => sqlValue('SELECT MIN(id) FROM phone_numbers WHERE operator_id = 1'),
    devices: (p) => (p.startsWith('/platform/') ? 3 : 1),
    members: () => sqlValue("SELECT id FROM users WHERE email = 'reception@demo.test'"),
  };
  return pattern.replace(/\/([a-z-]+)\/#/g, (all, seg) => {
    if (!ids[seg]) throw new Error(`security.test.js: no id for "${seg}/#" in ${pattern}: add one to pathOf()`);
    return `/${seg}/${ids[seg](pattern)}`;
  });
}

/** Everything a refused POST must leave as it was. */
function snapshot() {
  return sql(`SELECT 'audit', COUNT(*) FROM audit_log; SELECT 'outbox', COUNT(*) FROM mail_outbox;
    SELECT 'sessions', COUNT(*) FROM sessions; SELECT 'tokens', COUNT(*) FROM api_tokens;
    SELECT 'links', COUNT(*) FROM user_tokens; SELECT 'jobs', COUNT(*) FROM provisioning_jobs;
    SELECT 'victim', u.* FROM users u WHERE id = ${victim};
    SELECT 'devices', id, name, mac, site_id FROM wifi_devices ORDER BY id;
    SELECT 'numbers', id, user_id FROM phone_numbers ORDER BY id;
    SELECT 'operators', o.* FROM operators o ORDER BY id;
    CHECKSUM TABLE users, wifi_accounts, phone_numbers, wifi_devices, operators, operator_logos, site_services`);
}

/** A client signed in as email (anonymous with the pre-session cookie when null), its token. */
async function client(email) {
  const c = new Client();
  const r = email ? await c.signIn(email) : await c.get('/signin');
  assert.equal(r.status, 200, `${email || 'anonymous'}: ${r.status}`);
  const page = email ? await c.get(email.endsWith('acme.test') ? '/profile' : '/platform/occupiers') : r;
  c.csrf = csrfOf(page.text);
  assert.match(c.csrf || '', /^[0-9a-f]{64}$/);
  return c;
}

test('CSRF: every POST route of the route table is refused 403 without a valid token, and nothing changes', async () => {
  const routes = postRoutes();
  assert.ok(routes.length >= 60, `only ${routes.length} POST routes read from router.c`);
  const who = { R_ALL: null, R_SIGNED: 'admin@acme.test', R_OCC: 'admin@acme.test', R_OCC_ADMIN: 'admin@acme.test',
    R_OP: 'ops@demo.test', R_OP_SUPER: 'ops@demo.test' };
  const clients = new Map();
  for (const email of new Set(Object.values(who))) clients.set(email, await client(email));
  const other = await client('admin@globex.test');
  // the control: the same client with its own token gets past the check (a refused form, 400)
  const admin = clients.get('admin@acme.test');
  assert.equal((await admin.post('/users/new', { csrf: admin.csrf, first_name: '' }, { follow: false })).status, 400);
  const before = snapshot();
  const fields = { email: victimEmail, password: DEMO_PASSWORD, confirmed: '1', action: 'deactivate', to: 'app',
    first_name: 'Forged', last_name: 'Request', code: '123456', t: '0'.repeat(64), date: '2030-01-01' };
  for (const { pattern, roles } of routes) {
    assert.ok(roles in who, `${pattern}: unknown roles ${roles}`);
    const c = clients.get(who[roles]);
    const p = pathOf(pattern);
    for (const [what, token] of [['no token', undefined], ['a random token', crypto.randomBytes(32).toString('hex')],
      ["another session's token", other.csrf], ['a truncated token', c.csrf.slice(0, 63)]]) {
      const body = token === undefined ? fields : { ...fields, csrf: token };
      const r = await c.post(p, body, { follow: false });
      assert.equal(r.status, 403, `POST ${p} with ${what} as ${who[roles] || 'anonymous'}: ${r.status}`);
    }
  }
  assert.deepEqual(snapshot(), before, 'nothing changed');
});

// ---------------------------------------------------------------------------------------------
// Open redirects (SEC-3)

const EVIL = ['//evil.example', 'https://evil.example/', '/\\evil.example', '\\\\evil.example', '%2F%2Fevil.example',
  'javascript:alert(1)', 'http:evil.example', '///evil.example', '/\t/evil.example', ' //evil.example',
  '/%2F%2Fevil.example', 'https:/\\evil.example', '/.//evil.example'];
const RETURN_PARAMS = ['next', 'return', 'return_to', 'returnTo', 'back', 'redirect', 'redirect_uri', 'url', 'continue', 'to'];

/** Fails when a Location, or a link, form or refresh of the page, leads off this site. */
function assertStaysHere(r, what) {
  const loc = r.headers.get('location');
  if (loc) {
    assert.ok(!/^\s*javascript:/i.test(loc), `${what}: Location ${loc}`);
    assert.equal(new URL(loc, r.url).origin, ORIGIN, `${what}: Location ${loc}`);
  }
  // where a link, form, button or refresh leads; a hidden field's value (a return address
  // carried by a form); a text field may show what was typed (a filter), escaped
  const targets = [];
  for (const tag of ['a', 'form', 'button']) {
    for (const e of elements(r.text, tag)) targets.push(...['href', 'action', 'formaction'].map((k) => [tag, k, e.attrs[k]]));
  }
  for (const e of elements(r.text, 'input', { paired: false })) {
    targets.push(['input', 'formaction', e.attrs.formaction]);
    if ((e.attrs.type || '').toLowerCase() === 'hidden') targets.push(['input hidden', 'value', e.attrs.value]);
  }
  for (const e of [...elements(r.text, 'meta', { paired: false }), ...elements(r.text, 'link', { paired: false })]) {
    targets.push(['meta/link', 'content', e.attrs.content], ['meta/link', 'href', e.attrs.href]);
  }
  for (const [tag, k, v] of targets) {
    if (v === undefined || v === '') continue;
    const bad = /^\s*javascript:/i.test(v) || /evil\.example/i.test(v) && /^\s*([a-z][a-z0-9+.-]*:|[\\/]{2}|\/\\)/i.test(v);
    assert.ok(!bad, `${what}: <${tag} ${k}="${v}">`);
  }
}

test('open redirects: signing in with a foreign `next` lands on a path of this site', async () => {
  let good = 0;
  for (const next of EVIL) {
    const c = new Client();
    const page = await c.get(`/signin?next=${encodeURIComponent(next)}`);
    assertStaysHere(page, `GET /signin?next=${next}`);
    const form = forms(page.text).find((f) => f.action === '/signin');
    assert.ok(form, 'the sign-in form');
    const kept = (form.inputs.find((i) => i.name === 'next') || {}).value || '';
    assert.ok(kept === '' || new URL(kept, BASE_URL).origin === ORIGIN, `next kept as ${kept}`);
    const r = await c.post('/signin', { csrf: csrfOf(page.text), email: 'admin@acme.test', password: DEMO_PASSWORD, next },
      { follow: false });
    assert.equal(r.status, 303, `sign-in with next=${next}`);
    assertStaysHere(r, `POST /signin next=${next}`);
    good++;
  }
  // the check can fail: a local next is followed
  const c = new Client();
  const page = await c.get('/signin?next=%2Fprofile');
  const r = await c.post('/signin', { csrf: csrfOf(page.text), email: 'admin@acme.test', password: DEMO_PASSWORD, next: '/profile' },
    { follow: false });
  assert.equal(r.headers.get('location'), '/profile');
  assert.equal(good, EVIL.length);
});

test('open redirects: no page takes a return address from its query (every name a scanner tries)', async () => {
  const pages = {
    anonymous: ['/', '/signin', '/forgot', '/set-password', '/signin/code', '/no-such-page', '/users'],
    'admin@acme.test': ['/', '/users', `/users/${victim}`, `/users/${victim}/edit`, `/users/${victim}/delete`, '/profile',
      '/profile/edit', '/profile/two-factor', '/devices', '/audit', '/signin'],
    'ops@demo.test': ['/', '/platform/occupiers', '/platform/users', `/platform/occupiers/1/users/${victim}`,
      '/platform/account', '/platform/account/settings', '/platform/audit', '/platform/two-factor', '/platform/telephony'],
  };
  for (const [who, list] of Object.entries(pages)) {
    const c = who === 'anonymous' ? new Client() : await client(who);
    for (const p of list) {
      for (const evil of [EVIL[0], EVIL[1], EVIL[2], EVIL[5]]) {
        const q = RETURN_PARAMS.map((k) => `${k}=${encodeURIComponent(evil)}`).join('&');
        const r = await c.get(`${p}?${q}`, { follow: false });
        assert.ok(r.status < 500, `${who} GET ${p}?${q}: ${r.status}`);
        assertStaysHere(r, `${who} GET ${p}?${q}`);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Reflected input

const XSS = '"><svg onload=alert(1)>';
const X = encodeURIComponent(XSS);

/** Fails when the payload comes back as markup; true when it comes back escaped. */
function assertEscaped(r, what) {
  const type = r.headers.get('content-type') || '';
  const loc = r.headers.get('location') || '';
  assert.ok(!/[<>"]/.test(loc), `${what}: Location ${loc}`);
  if (/json/.test(type)) {
    assert.doesNotThrow(() => JSON.parse(r.text), `${what}: not JSON`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
    return false;
  }
  assert.ok(!/<svg[\s/>]/i.test(r.text), `${what} (${r.status}, ${type}): the payload came back as markup`);
  assert.ok(!/=\s*"[^"<>]*"><svg/i.test(r.text), `${what}: an attribute was broken out of`);
  return /&lt;svg onload=alert\(1\)&gt;/.test(r.text);
}

test('reflected input: the payload in queries, filters, paths and error pages comes back escaped', async () => {
  let reflected = 0;
  const check = async (c, who, p) => {
    const r = await c.get(p, { follow: false });
    assert.ok(r.status < 500, `${who} GET ${p}: ${r.status}`);
    if (assertEscaped(r, `${who} GET ${p}`)) reflected++;
  };
  const anon = new Client();
  for (const p of [`/signin?next=/${X}`, `/signin?next=${X}`, `/forgot?email=${X}`, `/set-password?t=${X}`, `/${X}`,
    `/users/${X}`, `/static/${X}`, `/signin/${X}`, `/users?q=${X}`, `/api/v1/${X}`, `/api/v1/users?q=${X}`]) {
    await check(anon, 'anonymous', p);
  }
  const admin = await client('admin@acme.test');
  for (const p of [`/users?q=${X}`, `/users?q=${X}&page=${X}`, `/users?page=2&q=${X}`, `/audit?what=${X}&who=${X}&from=${X}&to=${X}`,
    `/users/${victim}/edit?wifi=${X}`, `/profile?n=${X}`, `/users/${victim}?n=${X}`, `/devices?n=${X}`, `/users/${victim}/${X}`,
    `/profile/${X}`]) {
    await check(admin, 'admin@acme.test', p);
  }
  const ops = await client('ops@demo.test');
  for (const p of [`/platform/users?q=${X}`, `/platform/users?q=${X}&after=${X}`, `/platform/occupiers?q=${X}`,
    `/platform/occupiers/1/users?q=${X}`, `/platform/audit?what=${X}&who=${X}&from=${X}&to=${X}`,
    `/platform/occupiers/1/audit?what=${X}&who=${X}`, `/platform/telephony?q=${X}`, `/platform/account?n=${X}`,
    `/platform/occupiers/${X}`, `/platform/telephony/${X}`]) {
    await check(ops, 'ops@demo.test', p);
  }
  assert.ok(reflected >= 5, `the payload came back escaped on only ${reflected} pages (the check sees nothing)`);
});

test('reflected input: refused forms show what was typed escaped, and the API answers JSON', async () => {
  let reflected = 0;
  const post = async (c, who, p, fields) => {
    const r = await c.post(p, { csrf: c.csrf, ...fields }, { follow: false });
    assert.ok(r.status < 500, `${who} POST ${p}: ${r.status}`);
    if (assertEscaped(r, `${who} POST ${p}`)) reflected++;
    return r;
  };
  const anon = await client(null);
  await post(anon, 'anonymous', '/signin', { email: XSS, password: XSS, next: XSS });
  await post(anon, 'anonymous', '/forgot', { email: XSS });
  const admin = await client('admin@acme.test');
  const bad = { first_name: XSS, last_name: XSS, email: XSS, job_title: XSS, mobile_phone: XSS, direct_line: XSS, language: XSS };
  assert.equal((await post(admin, 'admin@acme.test', '/users/new', bad)).status, 400);
  await post(admin, 'admin@acme.test', `/users/${victim}/edit`, { ...bad, version: '1' });
  await post(admin, 'admin@acme.test', '/profile/edit', bad);
  await post(admin, 'admin@acme.test', '/devices/new', { name: XSS, type: XSS, mac: XSS, site: XSS });
  await post(admin, 'admin@acme.test', `/users/${victim}/leaving`, { date: XSS, leaving_date: XSS });
  await post(admin, 'admin@acme.test', '/profile/wifi-password', { password: XSS, password_confirm: XSS });
  const ops = await client('ops@demo.test');
  await post(ops, 'ops@demo.test', '/platform/account/members/new', bad);
  await post(ops, 'ops@demo.test', '/platform/occupiers/1/users/bulk', { action: XSS, user: XSS });
  await post(ops, 'ops@demo.test', '/platform/account/devices/new', { name: XSS, type: XSS, mac: XSS, site: XSS });
  assert.ok(reflected >= 4, `what was typed came back escaped on only ${reflected} refused forms`);
  // the API: errors are JSON whatever the body held
  for (const [method, p, body] of [['POST', '/api/v1/signin', JSON.stringify({ email: XSS, password: XSS })],
    ['POST', '/api/v1/signin', `{"email": "${XSS}`], ['GET', `/api/v1/users/${X}`, undefined], ['POST', `/api/v1/${X}`, '{}']]) {
    const r = await anon.request(method, p, body, { headers: { 'content-type': 'application/json' }, follow: false });
    assert.ok(r.status >= 400 && r.status < 500, `${method} ${p}: ${r.status}`);
    assert.match(r.headers.get('content-type') || '', /^application\/(problem\+)?json/, `${method} ${p}: ${r.headers.get('content-type')}`);
    assertEscaped(r, `${method} ${p}`);
  }
});

// ---------------------------------------------------------------------------------------------
// SQL injection (every statement is prepared: cgi-bin/db_stmts.c)

const SQLI = ["' OR '1'='1", "1' OR 1=1 -- ", '" OR ""="', "1; DROP TABLE users; --", "' UNION SELECT email, password_hash FROM users -- ",
  "1' AND SLEEP(10) AND '1'='1", '%', '_', '\\'];

test('SQL injection: quotes and SQL in queries, filters, ids and form values give no error, no extra rows, no delay', async () => {
  const admin = await client('admin@acme.test');
  const ops = await client('ops@demo.test');
  const users = Number(sqlValue('SELECT COUNT(*) FROM users'));
  const none = (await admin.get('/users?q=zzzz-nobody')).text.split('@acme.test').length;
  assert.ok((await admin.get('/users?q=sarah')).text.split('@acme.test').length > none + 5, 'a real filter lists users');
  for (const inj of SQLI) {
    const v = encodeURIComponent(inj);
    for (const [c, p] of [[admin, `/users?q=${v}`], [admin, `/users?page=${v}`], [admin, `/audit?what=${v}&who=${v}&from=${v}&to=${v}`],
      [admin, `/users/${v}`], [ops, `/platform/users?q=${v}`], [ops, `/platform/users?q=a&after=${v}`],
      [ops, `/platform/occupiers?q=${v}`], [ops, `/platform/occupiers/1/users?q=${v}`], [ops, `/platform/telephony?q=${v}`],
      [ops, `/platform/audit?what=${v}&who=${v}`]]) {
      const t0 = Date.now();
      const r = await c.get(p, { follow: false });
      assert.ok(r.status < 500, `GET ${p}: ${r.status}`);
      assert.ok(Date.now() - t0 < 8000, `GET ${p} took ${Date.now() - t0} ms`);
      assert.ok(!/SQL|mysql|mariadb|syntax/i.test(r.text), `GET ${p} shows a database error`);
      assert.ok(!/\$argon2/.test(r.text), `GET ${p} shows a password hash`);
    }
    // a filter that matched every row would list users: as many addresses as for no match
    const r = await admin.get(`/users?q=${v}`);
    if (!/^[%_\\]$/.test(inj)) assert.equal(r.text.split('@acme.test').length, none, `q=${inj} matched users`);
    const s = await admin.post('/signin', { csrf: admin.csrf, email: inj, password: inj }, { follow: false });
    assert.ok(s.status < 500, `POST /signin with ${inj}: ${s.status}`);
  }
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM users')), users, 'no user added or removed');
});
