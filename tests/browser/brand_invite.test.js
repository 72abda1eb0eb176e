'use strict';
// Issue 13 items 2 and 3 in a browser:
//   - an occupier admin invites a new user to the mobile app only; the invitee chooses a
//     password through the emailed link, is told to use the app (not signed in to the portal),
//     and the portal's sign-in page refuses the account with the reason; no session is made;
//   - the operator's logo on the sign-in page of its own portal address (host name) and in the
//     layout once signed in; another host name shows the default brand.
// Whatever it adds or changes is removed or put back at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { BASE_URL, launch, screenshot, signIn, url, watch } = require('./lib');
const { removeUsersByEmail, mailbox, sql, sqlValue, sqlQuote } = require('../e2e/lib');

const EMAIL = `t13-app-${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}@acme.test`;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
const BASE = sqlValue("SELECT IFNULL(base_url, '') FROM operators WHERE id = 1");
const HAD_LOGO = sqlValue('SELECT COUNT(*) FROM operator_logos WHERE operator_id = 1') !== '0';
let browser;

test.before(async () => {
  browser = await launch();
});

test.after(async () => {
  if (browser) await browser.close();
  removeUsersByEmail([EMAIL]);
  sql(`UPDATE operators SET base_url = ${BASE ? sqlQuote(BASE) : 'NULL'} WHERE id = 1`);
  if (!HAD_LOGO) sql('DELETE FROM operator_logos WHERE operator_id = 1');
});

test('an invitee of the app alone sets a password and is refused by the portal, told why', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const problems = watch(page);
  const box = mailbox().mark();
  await signIn(page, 'admin@acme.test');
  await page.goto(url('/users/new'));
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Apponly');
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Send invite to join app').check();
  await page.getByRole('button', { name: 'Add user', exact: true }).first().click();
  await page.waitForURL(/\/users\/\d+\?n=user_added$/, { timeout: 15000 });
  const details = await page.locator('main').innerText();
  assert.match(details, /AWAITING VALIDATION/);
  assert.equal(await page.getByRole('button', { name: 'Resend invite' }).count(), 1, 'one "Resend invite": the app\'s');
  await screenshot(page, 'issue13-app-invite-details');

  const mail = await box.waitFor((m) => m.to.includes(EMAIL), 20000);
  assert.equal(mail.subject, 'You are invited to the mobile app');
  const link = mail.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));
  assert.ok(link);

  const invitee = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const p2 = await invitee.newPage();
    const problems2 = watch(p2);
    await p2.goto(link);
    await p2.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await p2.getByLabel('New password', { exact: true }).fill('app-only-password-1');
    await p2.getByLabel('Confirm new password', { exact: true }).fill('app-only-password-1');
    await p2.getByRole('button', { name: 'Save password and sign in' }).click();
    await p2.waitForURL(/\/signin\?n=password_set_app$/, { timeout: 15000 });
    assert.match(await p2.locator('main').innerText(), /Sign in to the mobile app/);
    await p2.getByLabel('Email address', { exact: true }).fill(EMAIL);
    await p2.getByLabel('Password', { exact: true }).fill('app-only-password-1');
    await p2.getByRole('button', { name: 'Sign in', exact: true }).click();
    await p2.getByRole('alert').waitFor();
    assert.match(await p2.getByRole('alert').innerText(), /invited to the mobile app only, not to the portal/);
    assert.match(new URL(p2.url()).pathname, /^\/signin$/);
    await screenshot(p2, 'issue13-app-only-refused');
    const id = sqlValue(`SELECT id FROM users WHERE email = ${sqlQuote(EMAIL)}`);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${id}`), '0', 'no session');
    assert.equal((await invitee.cookies()).filter((c) => /sid$/.test(c.name)).length, 0, 'no session cookie');
    assert.deepEqual(problems2.filter((p) => !/status of 403/.test(p)), []);
  } finally {
    await invitee.close();
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('the logo on the sign-in page of the operator\'s own address and in the layout; the default elsewhere', async () => {
  const port = new URL(BASE_URL).port;
  const origin = `http://localhost:${port}`;
  sql(`INSERT INTO operator_logos (operator_id, mime, data) VALUES (1, 'image/png', FROM_BASE64('${PNG}'))
       ON DUPLICATE KEY UPDATE mime = VALUES(mime), data = VALUES(data)`);
  sql(`UPDATE operators SET logo_version = logo_version + 1, base_url = ${sqlQuote(origin)} WHERE id = 1`);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const problems = watch(page);
  const logo = async () => page.locator('.topbar .operator-logo').evaluate((el) => {
    const s = getComputedStyle(el);
    return { image: s.backgroundImage, width: el.getBoundingClientRect().width };
  });

  await page.goto(`${origin}/signin`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.locator('.topbar .operator-name').innerText(), 'Demo Workspaces');
  let l = await logo();
  assert.match(l.image, /\/brand\/logo\/1\?v=\d+/, 'the logo on the sign-in page');
  assert.ok(l.width > 0, 'shown');
  const status = await page.evaluate(async (u) => (await fetch(u)).status, /url\("?([^")]+)/.exec(l.image)[1]);
  assert.equal(status, 200, 'the logo itself is served');
  await screenshot(page, 'issue13-signin-logo');

  await page.getByLabel('Email address', { exact: true }).fill('ops@demo.test');
  await page.getByLabel('Password', { exact: true }).fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/platform\/occupiers/, { timeout: 15000 });
  l = await logo();
  assert.match(l.image, /\/brand\/logo\/1\?v=\d+/, 'the logo in the layout');
  assert.ok(l.width > 0);
  await screenshot(page, 'issue13-layout-logo');

  // another host name: the default brand, no logo
  const other = await browser.newPage();
  await other.goto(url('/signin'));
  await other.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await other.locator('.topbar .operator-name').innerText(), '');
  const img = await other.locator('.topbar .operator-logo').evaluate((el) => getComputedStyle(el).backgroundImage);
  assert.equal(img, 'none');
  assert.deepEqual(problems, []);
  await ctx.close();
  await other.close();
});
