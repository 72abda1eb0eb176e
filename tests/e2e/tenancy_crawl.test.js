'use strict';
// Tenancy by crawling (SPEC 1, no IDOR), as an outside crawler does: every demo account's pages
// are found by following its links (one page per URL shape, the round-2 pages among them: team
// member details and edit, two-factor set-up, audit filters, import, settings), and
//   1. no page of an account shows an email address it must not see (another occupier's users,
//      another operator's anything), read from the database: what each account may see;
//   2. every page with an id in its path is opened by every account that may not see all that
//      its owner sees: the answer is 403 or 404 (or a redirect to a page of this site), and
//      never shows an address the viewer must not see.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Client, anchors, sql, sqlValue, sqlQuote } = require('./lib');

const MAX_PAGES = 60;           // URL shapes per account; the operator has about 35
const SKIP = /^\/(signout|static\/|brand|api\/|healthz)|\.(csv|css|js|json)(\?|$)/;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.test\b/gi;

// Each demo account, with shapes its crawl must reach.
const ACCOUNTS = [
  ['ops@demo.test', ['/platform/occupiers/#/users/#', '/platform/occupiers/#/users/#/edit', '/platform/account/members/#',
    '/platform/account/members/#/edit', '/platform/telephony/#', '/platform/account/devices/#/edit', '/platform/two-factor',
    '/platform/account/settings', '/platform/occupiers/#/import', '/platform/occupiers/#/users/#/audit']],
  ['staff@demo.test', ['/platform/occupiers/#/users/#', '/platform/telephony/#']],
  ['admin@acme.test', ['/users/#', '/users/#/edit', '/users/#/delete', '/devices/#/edit', '/profile/two-factor', '/audit']],
  ['user@acme.test', ['/profile', '/profile/edit', '/profile/two-factor']],
  ['admin@globex.test', ['/users/#', '/users/#/edit']],
  ['ops@other.test', ['/platform/occupiers/#/users/#', '/platform/account/members/#', '/platform/telephony/#']],
  ['admin@initech.test', ['/users/#', '/devices/#/edit']],
];

/** The email addresses `email` may see: for a team member its operator's users and contacts;
 * for an occupier admin its occupier's users, its operator's team and contacts; for an
 * occupier user itself, its operator's team and contacts. */
function visibleTo(email) {
  const [op, occ, role] = sql(`SELECT operator_id, COALESCE(occupier_id, 0), role FROM users WHERE email = ${sqlQuote(email)}`)[0];
  const rows = sql(`SELECT LOWER(email) FROM users WHERE operator_id = ${op} AND (${occ} = 0 OR occupier_id IS NULL
      OR (occupier_id = ${occ} AND (${sqlQuote(role)} = 'admin' OR email = ${sqlQuote(email)})));
    SELECT LOWER(email) FROM operator_contacts WHERE operator_id = ${op}`);
  return new Set(rows.map((r) => r[0]));
}

/** Every email address the database knows (users and operators' contacts). */
function allEmails() {
  return new Set(sql(`SELECT LOWER(email) FROM users; SELECT LOWER(email) FROM operator_contacts`)
    .map((r) => r[0]).filter((e) => e && e !== 'null'));
}

/** The addresses of a page that `visible` does not hold but the database does. */
function leaks(html, visible, known) {
  return [...new Set((html.match(EMAIL) || []).map((e) => e.toLowerCase()))].filter((e) => known.has(e) && !visible.has(e));
}

const shapeOf = (u) => u.replace(/\d+/g, '#').replace(/\?.*/, (q) => q.replace(/=[^&]*/g, ''));

/** Crawls an account's pages by their links, one page per shape: [{url, shape, text}]. */
async function crawl(c, start) {
  const seen = new Set();
  const queue = [...start];
  const pages = [];
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const url = queue.shift();
    const shape = shapeOf(url);
    if (seen.has(shape)) continue;
    seen.add(shape);
    const r = await c.get(url);
    if (!/^text\/html/.test(r.headers.get('content-type') || '')) continue;
    pages.push({ url, shape, status: r.status, text: r.text });
    for (const a of anchors(r.text)) {
      const h = a.href || '';
      if (!h.startsWith('/') || h.startsWith('//') || SKIP.test(h)) continue;
      queue.push(h.replace(/#.*$/, ''));
    }
  }
  return pages;
}

const sessions = new Map();     // email -> {c, visible, pages}
let known;

test.before(async () => {
  known = allEmails();
  for (const [email] of ACCOUNTS) {
    const c = new Client();
    const home = await c.signIn(email);
    assert.equal(home.status, 200, `${email} signs in`);
    sessions.set(email, { c, visible: visibleTo(email), home: new URL(home.url).pathname });
  }
});

test('the leak check can fail: an Acme admin must not see a Globex user or the other operator', () => {
  const { visible } = sessions.get('admin@acme.test');
  const globex = sqlValue("SELECT email FROM users WHERE occupier_id = (SELECT id FROM occupiers WHERE name = 'Globex') AND role = 'user' LIMIT 1");
  assert.deepEqual(leaks(`<td>${globex}</td><p>hello@other.test</p><p>admin@acme.test</p>`, visible, known).sort(),
    [globex.toLowerCase(), 'hello@other.test'].sort());
  assert.ok(visible.has('admin@acme.test') && !visible.has('user@globex.test'));
});

for (const [email, must] of ACCOUNTS) {
  test(`${email}: every page found by its links shows only what it may see`, async () => {
    const s = sessions.get(email);
    s.pages = await crawl(s.c, [s.home, '/no-such-page']);
    const shapes = new Set(s.pages.map((p) => p.shape));
    for (const m of must) assert.ok(shapes.has(m), `${email}: the crawl reached ${m} (saw ${[...shapes].join(' ')})`);
    const found = s.pages.flatMap((p) => leaks(p.text, s.visible, known).map((e) => `${p.url}: ${e}`));
    assert.deepEqual(found, [], `${email} sees addresses it must not`);
  });
}

test('every page with an id, opened by each account that may not see all its owner sees: 403/404, nothing leaks', async () => {
  const problems = [];
  let tried = 0;
  for (const [owner] of ACCOUNTS) {
    const o = sessions.get(owner);
    const withId = o.pages.filter((p) => /\/\d+(\/|$|\?)/.test(p.url) && p.status === 200);
    for (const [viewer] of ACCOUNTS) {
      const v = sessions.get(viewer);
      if (viewer === owner || [...o.visible].every((e) => v.visible.has(e))) continue;
      for (const p of withId) {
        const r = await v.c.get(p.url, { follow: false });
        tried++;
        const loc = r.headers.get('location');
        const ok = r.status === 403 || r.status === 404 || (r.status === 303 && loc && loc.startsWith('/') && !loc.startsWith('//'));
        if (!ok) problems.push(`${viewer} GET ${p.url} (${owner}'s): ${r.status}`);
        for (const e of leaks(r.text, v.visible, known)) problems.push(`${viewer} GET ${p.url} (${owner}'s) shows ${e}`);
      }
    }
  }
  assert.ok(tried >= 100, `only ${tried} pages tried`);
  assert.deepEqual(problems, []);
});
