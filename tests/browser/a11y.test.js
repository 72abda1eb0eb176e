'use strict';
// Accessibility of every page (axe-core: WCAG 2.0/2.1 A and AA, 2.2 AA, axe's best practices) at
// desktop (1280 px) and phone (375 px) width, as each demo account (SPEC 12): a crawler follows
// the same-origin GET links of each account's pages from its home page (one page per URL shape,
// as tests/e2e/html.test.js does: /users/2 stands for every user; sign-out and files are not
// followed), plus the pages no link leads to and the states a link does not reach (refused
// forms, the delete dialog, the phone menu open, the import's report and confirmation, the
// two-factor set-up, recovery codes and sign-in code pages). At 375 px no page may scroll
// sideways (a table wrapper that scrolls inside itself is allowed). Any violation fails, listed
// as rule, width, page and selector. AXE_ALL=1 runs every rule axe enables by default instead.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { launch, url, signIn } = require('./lib');
const { sql, sqlValue } = require('../e2e/lib');
const { b32decode, totp, stepNow } = require('../e2e/totp');

const EXAMPLE_CSV = path.resolve(__dirname, '../users-import-example.csv');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const WIDTHS = [['desktop', 1280, 900], ['phone', 375, 812]];
const AXE_ALL = process.env.AXE_ALL === '1';
const MAX_PAGES = 45;           // URL shapes per account; the operator has about 35
// Links a crawler must not follow: sign-out (a form anyway), files, the API, other origins.
const SKIP = /^\/(signout|static\/|brand|api\/|healthz)|\.(csv|css|js|json|svg|png)(\?|$)/;

/** The shape of a local URL: ids left out, and the query but for its keys that are not a
 * list's paging or filter (a list's second page or a search is the same template). */
function shapeOf(u) {
  const [p, q = ''] = u.split('?');
  const keys = q.split('&').map((kv) => kv.split('=')[0]).filter((k) => k && !/^(q|page|after|before)$/.test(k));
  return p.replace(/\d+/g, '#') + (keys.length ? `?${keys.join('&')}` : '');
}

/** axe's violations on the page as {rule, impact, targets}, axe injected once per document.
 * exclude: CSS selectors of parts left out. */
async function axeRun(page, exclude = []) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  return page.evaluate(async ([tags, ex]) => {
    const opts = tags ? { runOnly: { type: 'tag', values: tags } } : {};
    const context = ex.length ? { include: [['html']], exclude: ex.map((e) => [e]) } : document;
    const res = await window.axe.run(context, { ...opts, resultTypes: ['violations'] });
    return res.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, [AXE_ALL ? null : TAGS, exclude]);
}

/** How far the page scrolls sideways, and the elements that stick out (not inside a scroller). */
function sideways(page) {
  return page.evaluate(() => {
    const over = document.scrollingElement.scrollWidth - window.innerWidth;
    if (over <= 0) return { over, culprits: [] };
    const inScroller = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (/(auto|scroll)/.test(getComputedStyle(p).overflowX) && p !== document.body && p !== document.documentElement) return true;
      }
      return false;
    };
    // elements past the right edge, and elements whose content is wider than they are
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => !inScroller(el) && (el.getBoundingClientRect().right > window.innerWidth + 0.5
        || (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')))
      .slice(0, 5).map((el) => el.outerHTML.slice(0, 120));
    return { over, culprits };
  });
}

/** Checks what the page shows now at each width (resized in place: the pages' scripts do not
 * depend on the width); pushes problems as text. */
async function checkPage(page, where, problems) {
  for (const [name, width, height] of WIDTHS) {
    if (page.viewportSize().width !== width) await page.setViewportSize({ width, height });
    // A list's rows are one template: the first ten (every state of the demo data) are checked
    // at desktop width, the first three at phone width, where only the layout changes. A
    // 50-row list is most of the time axe takes otherwise.
    for (const v of await axeRun(page, [`tbody > tr:nth-child(n+${width < 400 ? 4 : 11})`])) {
      for (const t of v.targets) problems.push(`${v.rule} (${v.impact}) ${name} ${where}: ${t}`);
    }
    if (width < 400) {
      const s = await sideways(page);
      if (s.over > 0) problems.push(`sideways-scroll ${name} ${where}: ${s.over}px [${s.culprits.join(', ')}]`);
    }
  }
  await page.setViewportSize({ width: WIDTHS[0][1], height: WIDTHS[0][2] });
}

/** Opens href and checks it; returns its local links, null when it is not an HTML page. */
async function visit(page, href, problems) {
  const t0 = Date.now();
  const resp = await page.goto(url(href));
  const t1 = Date.now();
  const type = resp ? resp.headers()['content-type'] || '' : '';
  if (!/^text\/html/.test(type)) return null;
  const now = new URL(page.url());
  const where = now.pathname + now.search;
  await checkPage(page, where === href ? href : `${href} -> ${where}`, problems);
  if (process.env.A11Y_TRACE) console.log(`${href}: load ${t1 - t0} ms, axe ${Date.now() - t1} ms`);
  return page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
}

/** Crawls from start, one page per shape not in `done` (shapes another account of the same role
 * checked), at most MAX_PAGES; adds the shapes it checks to `done` and returns them. */
async function crawl(page, start, problems, done = new Set()) {
  const seen = new Set();
  const queue = [...start];
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const href = queue.shift();
    const shape = shapeOf(href);
    if (seen.has(shape) || (done.has(shape) && !start.includes(href))) continue;
    seen.add(shape);
    done.add(shape);
    const links = await visit(page, href, problems);
    for (const h of links || []) {
      if (!h.startsWith('/') || h.startsWith('//') || SKIP.test(h)) continue;
      queue.push(h.replace(/#.*$/, ''));
    }
  }
  return seen;
}

/** A browser context at desktop width, signed in as email when given; returns {context, page}. */
async function tabFor(email) {
  const context = await browser.newContext({ viewport: { width: WIDTHS[0][1], height: WIDTHS[0][2] } });
  const page = await context.newPage();
  if (email) await signIn(page, email);
  return { context, page };
}

/** Fills a form's fields by label and submits it without the browser's own checks (the
 * server's messages are what is checked), as a person whose browser runs no script would. */
async function submitRefused(page, button, values) {
  for (const [label, v] of Object.entries(values)) {
    await page.getByLabel(new RegExp(`^${label}( \\(?required\\)?)?$`)).first().fill(v);
  }
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).first()
    .evaluate((b) => { b.form.noValidate = true; b.form.requestSubmit(b.disabled ? undefined : b); })]);
}

let browser;
test.before(async () => {
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
});

test('axe finds a violation in a broken page (the check can fail)', async () => {
  const { context, page } = await tabFor(null);
  try {
    await page.goto(url('/signin'));
    await page.evaluate(() => {
      document.querySelector('main').append(document.createElement('input'));
      document.documentElement.removeAttribute('lang');
    });
    const rules = (await axeRun(page)).map((v) => v.rule);
    assert.ok(rules.includes('label') && rules.includes('html-has-lang'), rules.join(', '));
    await page.setViewportSize({ width: 375, height: 812 });
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.style.width = '900px';
      d.style.height = '10px';
      document.body.append(d);
    });
    assert.ok((await sideways(page)).over > 0, 'a 900px box scrolls sideways');
  } finally {
    await context.close();
  }
});

/** The pages without a session: sign-in, a refused sign-in, forgotten password, dead link, 404. */
async function anonymousPages() {
  const problems = [];
  const { context, page } = await tabFor(null);
  try {
    const seen = await crawl(page, ['/signin', '/forgot', '/set-password?t=00', '/no-such-page'], problems);
    assert.ok(seen.size >= 4, `only ${seen.size} pages`);
    await page.goto(url('/signin'));
    await submitRefused(page, 'Sign in', { 'Email address': 'admin@acme.test', Password: 'wrong-password' });
    await checkPage(page, 'POST /signin (wrong password)', problems);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
}

// Each demo account, with the shapes its crawl must reach (the round-2 pages among them). The
// first account of a role (operator team, occupier admin, occupier user) crawls every shape; the
// next ones check their home page and the shapes not checked yet (their data differs, their
// templates do not), which keeps the test within about a minute.
const ACCOUNTS = [
  ['ops@demo.test', 'op', ['/platform/account/members/#/delete', '/platform/occupiers/#/users/#', '/platform/occupiers/#/users/#/edit',
    '/platform/account/members/#', '/platform/account/members/#/edit', '/platform/telephony/#',
    '/platform/account/devices/#/edit', '/platform/two-factor', '/platform/audit',
    '/platform/account/settings', '/platform/occupiers/#/import', '/platform/account/members/new']],
  ['admin@acme.test', 'admin', ['/devices/#/delete', '/users/#', '/users/#/edit', '/users/new', '/devices/#/edit',
    '/profile/two-factor', '/audit', '/profile/edit', '/users/#/delete']],
  ['user@acme.test', 'user', ['/profile', '/profile/edit', '/profile/two-factor']],
  ['staff@demo.test', 'op', []],
  ['admin@globex.test', 'admin', []],
  ['ops@other.test', 'op', []],
  ['admin@initech.test', 'admin', []],
];
const doneByRole = new Map();

/** Pages no link leads to: the confirmation pages a delete asks on without script. */
const UNLINKED = {
  'admin@acme.test': () => [`/devices/${sqlValue('SELECT MIN(id) FROM wifi_devices WHERE occupier_id = 1')}/delete`],
  'ops@demo.test': () => [
    `/platform/account/devices/${sqlValue('SELECT MIN(id) FROM wifi_devices WHERE operator_id = 1 AND occupier_id IS NULL')}/delete`,
    `/platform/account/members/${sqlValue("SELECT id FROM users WHERE email = 'reception@demo.test'")}/delete`],
};

/** States no link reaches, checked after the crawl of these accounts: details pages in other
 * states, refused forms, the delete dialog, the phone menu open, the import's report and
 * confirmation, a bulk action's confirmation. None of them changes anything that stays. */
const EXTRA_STATES = {
  'admin@acme.test': async (page, problems) => {
    await page.goto(url('/users/new'));
    await submitRefused(page, 'Add user', { 'Email address': 'x' });
    await checkPage(page, 'POST /users/new (refused)', problems);
    await page.goto(url('/profile/edit'));
    await submitRefused(page, 'Save changes', { 'First name': '' });
    await checkPage(page, 'POST /profile/edit (refused)', problems);
    // details pages in other states than the crawl's: Wi-Fi, a number, devices; a leaving date
    const user = sqlValue("SELECT id FROM users WHERE email = 'user@acme.test'");
    const id = sqlValue("SELECT id FROM users WHERE email LIKE 'sarah.%@acme.test' ORDER BY id LIMIT 1");
    // and a user whose name and address are long, unbroken words (nothing may widen a phone page)
    const long = `a.very.long.address.without.any.break.${Date.now()}@acme.test`;
    sql(`UPDATE users SET leave_on = UTC_DATE() + INTERVAL 30 DAY WHERE id = ${id}`);
    sql(`INSERT INTO users (operator_id, occupier_id, role, first_name, last_name, email, job_title, account_state)
      VALUES (1, 1, 'user', 'Maximiliana-Alexandrina', 'Wolfeschlegelsteinhausenbergerdorff', '${long}',
      'Chief-Executive-Officer-and-Head-of-Everything', 'NOT_INVITED')`);
    const longId = sqlValue(`SELECT id FROM users WHERE email = '${long}'`);
    try {
      for (const p of [`/users/${user}`, `/users/${user}/edit`, `/users/${id}`, `/users/${longId}`, `/users/${longId}/edit`,
        '/users?q=a.very.long.address']) await visit(page, p, problems);
    } finally {
      sql(`UPDATE users SET leave_on = NULL WHERE id = ${id}`);
      sql(`DELETE FROM users WHERE email = '${long}'`);
    }
    await page.goto(url(`/users/${id}`));
    await page.getByRole('button', { name: 'Delete user' }).first().click();
    await page.getByRole('dialog').waitFor();
    await checkPage(page, `/users/${id} (delete dialog open)`, problems);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(url('/users'));
    await page.getByRole('button', { name: 'Menu' }).click();
    await checkPage(page, '/users (menu open)', problems);
  },
  'ops@demo.test': async (page, problems) => {
    await page.goto(url('/platform/account/members/new'));
    await submitRefused(page, 'Add team member', { 'Email address': 'x' });
    await checkPage(page, 'POST /platform/account/members/new (refused)', problems);
    const user = sqlValue("SELECT id FROM users WHERE email = 'user@acme.test'");
    const number = sqlValue(`SELECT id FROM phone_numbers WHERE user_id = ${user}`);
    const me = sqlValue("SELECT id FROM users WHERE email = 'ops@demo.test'");
    for (const p of [`/platform/occupiers/1/users/${user}`, `/platform/telephony/${number}`, `/platform/account/members/${me}`,
      `/platform/account/members/${me}/edit`]) await visit(page, p, problems);
    const csv = 'first_name,last_name,email,language\nAxe,Check,axe.check@a11y.test,en\n';
    for (const [what, file] of [['report', EXAMPLE_CSV], ['confirm', { name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]]) {
      await page.goto(url('/platform/occupiers/1/import'));
      await page.getByLabel('CSV file (required)', { exact: true }).setInputFiles(file);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Upload file' }).click()]);
      await checkPage(page, `POST /platform/occupiers/1/import (${what})`, problems);
    }
    await page.goto(url('/platform/occupiers/1/users'));
    await page.getByRole('checkbox').nth(1).check();
    await page.getByLabel('With the selected users').selectOption('delete');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Delete these users' }).waitFor();
    await checkPage(page, 'POST /platform/occupiers/1/users/bulk (confirm delete)', problems);
  },
};

/** Every page of one account, then its extra states. */
async function accountPages(email, role, must) {
  const problems = [];
  const { context, page } = await tabFor(email);
  try {
    const first = !doneByRole.has(role);
    const start = [new URL(page.url()).pathname];
    if (first) start.push('/no-such-page', role === 'op' ? '/platform/users?q=a' : '/users?q=zzzz-nobody');
    if (first) start.push(...(UNLINKED[email] || (() => []))());
    if (first) doneByRole.set(role, new Set());
    const seen = await crawl(page, start, problems, doneByRole.get(role));
    for (const s of must) assert.ok(seen.has(s), `${email}: the crawl reached ${s} (saw ${[...seen].join(' ')})`);
    await (EXTRA_STATES[email] || (async () => {}))(page, problems);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
}

/** Two-factor set-up, its refused code, the recovery codes, the sign-in code page. */
async function twofaPages(t) {
  const email = sqlValue(`SELECT u.email FROM users u JOIN occupiers o ON o.id = u.occupier_id
    AND o.name = 'Acme Ltd' WHERE u.role = 'user' AND u.account_state = 'VALIDATED'
    AND u.password_hash IS NOT NULL AND u.language = 'en' AND u.email NOT LIKE 'user@%'
    ORDER BY u.id LIMIT 1 OFFSET 14`);
  const id = sqlValue(`SELECT id FROM users WHERE email = '${email}'`);
  t.after(() => {
    sql(`UPDATE users SET totp_secret_enc = NULL, totp_last_step = 0 WHERE id = ${id}`);
    sql(`DELETE FROM twofa_recovery WHERE user_id = ${id}`);
  });
  const problems = [];
  const { context, page } = await tabFor(email);
  try {
    await page.goto(url('/profile/two-factor'));
    await page.getByLabel('6-digit code').fill('000000');
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByText('This code is not correct').waitFor();
    await checkPage(page, '/profile/two-factor (code refused)', problems);
    const secret = b32decode(await page.locator('.twofa-secret').innerText());
    await page.getByLabel('6-digit code').fill(totp(secret, stepNow()));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('heading', { name: 'Recovery codes' }).waitFor();
    await checkPage(page, 'recovery codes', problems);
    await context.clearCookies();
    await signIn(page, email);
    const code = page.getByLabel('Code from your authenticator app, or a recovery code');
    await code.waitFor();
    await checkPage(page, '/signin/code', problems);
    await code.fill('00000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await checkPage(page, '/signin/code (code refused)', problems);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
}

// Two at a time (one browser tab each): a crawl mostly waits for axe in its tab's renderer.
// The first account of each role runs before the other accounts of that role.
test.describe('axe and sideways scrolling on every page', { concurrency: 2 }, () => {
  for (const [email, role, must] of ACCOUNTS.slice(0, 3)) {
    test(`every page of ${email} passes axe at 1280 and 375 px, none scrolls sideways`, () => accountPages(email, role, must));
  }
  test('two-factor set-up, its refused code, the recovery codes and the sign-in code page pass axe', twofaPages);
  test('the pages without a session (sign-in, refused sign-in, forgotten password, 404) pass axe', anonymousPages);
  for (const [email, role, must] of ACCOUNTS.slice(3)) {
    test(`every page of ${email} passes axe at 1280 and 375 px, none scrolls sideways`, () => accountPages(email, role, must));
  }
});
