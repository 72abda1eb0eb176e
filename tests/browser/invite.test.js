'use strict';
// The invitation journey in a real browser (UM-2, UM-3, AUTH-6): the admin of Acme adds a user
// with "Send invite to join portal" (the "Add user" button waits for valid mandatory fields, a
// server-side error is shown first), the new user follows the emailed link in a fresh browser,
// chooses a password and is signed in; the admin's list then shows the user VALIDATED.
// Screenshots (SCREENSHOT_DIR): the list, the add form with errors, the details view, the
// filtered list, and the list on a 390 px wide screen.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { launch, url, screenshot, watch, signIn } = require('./lib');
const fs = require('node:fs');
const path = require('node:path');
const { mailbox, sql, sqlQuote, TEST_DIR } = require('../e2e/lib');

const EMAIL = `t7-browser-${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}@acme.test`;
const PASSWORD = `a walk by the river ${crypto.randomBytes(3).toString('hex')}`;

let browser;
test.before(async () => {
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
  sql(`DELETE FROM users WHERE operator_id = 1 AND email = ${sqlQuote(EMAIL)}`);
});

function cspProblems(problems) {
  return problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
}

async function shot(page, name) {
  const file = await screenshot(page, name, { fullPage: true });
  console.log(`screenshot: ${file}`);
  return file;
}

/** Whether every "Add user" button of the form is disabled (the page has one at the top and
 * one at the bottom). */
async function addButtonsDisabled(page) {
  const buttons = page.getByRole('button', { name: 'Add user', exact: true });
  const n = await buttons.count();
  assert.ok(n >= 1, 'an "Add user" button');
  const states = [];
  for (let i = 0; i < n; i++) states.push(await buttons.nth(i).isDisabled());
  assert.ok(states.every((s) => s === states[0]), `the buttons agree: ${states}`);
  return states[0];
}

test('an admin adds a user with a portal invitation; the user accepts it and shows VALIDATED', async () => {
  const box = mailbox().mark();
  const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await admin.newPage();
  const problems = watch(page);
  try {
    // Sign in through the form; User management.
    await signIn(page, 'admin@acme.test');
    await page.getByRole('heading', { name: 'User management' }).first().waitFor({ timeout: 15000 });
    await page.getByRole('columnheader', { name: 'Wi-Fi access' }).waitFor();
    await shot(page, 'invite-1-users-list');

    // Add a user: the button waits for valid first name, last name and email.
    await page.getByRole('link', { name: 'Add a user', exact: true }).click();
    await page.getByRole('heading', { name: 'Add a user' }).waitFor();
    assert.equal(await addButtonsDisabled(page), true, 'disabled on an empty form');
    await page.getByLabel('First name').fill('Ivy');
    assert.equal(await addButtonsDisabled(page), true, 'disabled with only the first name');
    await page.getByLabel('Last name').fill('Browser');
    assert.equal(await addButtonsDisabled(page), true, 'disabled without an email address');
    await page.getByLabel('Email address').fill('not-an-email');
    assert.equal(await addButtonsDisabled(page), true, 'disabled with a malformed email address');
    await page.getByLabel('Email address').fill('ivy@');
    assert.equal(await addButtonsDisabled(page), true, 'disabled with a partial email address');
    await page.getByLabel('First name').fill('');
    await page.getByLabel('Email address').fill('user@acme.test');
    assert.equal(await addButtonsDisabled(page), true, 'disabled again when the first name is emptied');
    await page.getByLabel('First name').fill('Ivy');
    assert.equal(await addButtonsDisabled(page), false, 'enabled once the mandatory fields are valid');

    // A mistake only the server can see first: an address already in use.
    await page.getByRole('button', { name: 'Add user', exact: true }).first().click();
    await page.waitForLoadState();
    const summary = page.locator('.error-summary');
    await summary.waitFor({ timeout: 15000 });
    assert.match(await summary.innerText(), /A user with this email address already exists\./);
    assert.match(await page.locator('#email-error').innerText(), /A user with this email address already exists\./);
    assert.equal(await page.getByLabel('First name').inputValue(), 'Ivy', 'what was typed is kept');
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Browser');
    await shot(page, 'invite-2-add-form-errors');

    // Correct it and invite to the portal.
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Job title').fill('Browser tester');
    await page.getByLabel('Send invite to join portal').check();
    assert.equal(await addButtonsDisabled(page), false);
    await page.getByRole('button', { name: 'Add user', exact: true }).first().click();
    await page.waitForURL(/\/users\/\d+\?n=user_added$/, { timeout: 15000 });
    await page.getByRole('heading', { name: 'Ivy Browser' }).waitFor();
    const details = await page.locator('main').innerText();
    assert.match(details, /User added\./);
    assert.match(details, new RegExp(EMAIL.replace(/[.]/g, '\\.')));
    assert.match(details, /AWAITING VALIDATION/);
    assert.ok(await page.getByRole('button', { name: 'Resend invite' }).isVisible(), 'Resend invite on the details view');
    await shot(page, 'invite-3-user-details');

    // The invitation email, from the maildir.
    const mail = await box.waitFor((m) => m.to.includes(EMAIL) && m.subject === 'You are invited to the portal', 20000);
    const link = mail.links().find((l) => /\/set-password#t=[0-9a-f]{64}$/.test(l));
    assert.ok(link, `an invitation link in: ${mail.text}`);
    assert.equal(new URL(link).origin, new URL(url('/')).origin, 'the link points at this portal');

    // The new user, in a browser of their own.
    const invitee = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const p2 = await invitee.newPage();
      const problems2 = watch(p2);
      await p2.goto(link);
      await p2.getByRole('heading', { name: 'Choose your password' }).waitFor();
      // issue 11: static/setpw.js took the token from the fragment and swapped it for a cookie
      assert.equal(new URL(p2.url()).hash, '', 'the token has left the address bar');
      assert.equal(new URL(p2.url()).pathname, '/set-password');
      assert.match(await p2.locator('main').innerText(), new RegExp(EMAIL.replace(/[.]/g, '\\.')));
      await p2.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await p2.getByLabel('Confirm new password', { exact: true }).fill(PASSWORD);
      await p2.getByRole('button', { name: 'Save password and sign in' }).click();
      await p2.waitForURL(/\/profile/, { timeout: 15000 });
      await p2.getByRole('heading', { name: 'My profile' }).waitFor();
      assert.match(await p2.locator('.topbar').innerText(), new RegExp(EMAIL.replace(/[.]/g, '\\.')), 'signed in as the new user');
      await shot(p2, 'invite-4-invitee-signed-in');
      assert.deepEqual(cspProblems(problems2), []);
      const token = link.slice(-64);
      const access = fs.readFileSync(path.join(TEST_DIR, 'nginx', 'logs', 'access.log'), 'utf8');
      assert.match(access, /"POST \/set-password\/claim HTTP\/1\.1" 303 /, 'the token was posted');
      assert.equal(access.includes(token), false, 'the token is nowhere in the access log');
    } finally {
      await invitee.close();
    }

    // The admin's list, filtered as you type by the new address: VALIDATED.
    await page.goto(url('/users'));
    await page.getByLabel('Filter by name or email').fill(EMAIL);
    const row = page.locator('#results tbody tr', { hasText: EMAIL });
    await row.waitFor({ timeout: 15000 });
    await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 1, null, { timeout: 15000 });
    assert.match(await row.innerText(), /VALIDATED/);
    assert.doesNotMatch(await row.innerText(), /AWAITING/);
    assert.equal(new URL(page.url()).searchParams.get('q'), EMAIL, 'the address of the page follows the filter');
    await shot(page, 'invite-5-users-list-filtered');
    assert.deepEqual(cspProblems(problems), [], 'no CSP violations');
    assert.deepEqual(problems.filter((p) => /page error/.test(p)), [], 'no script errors');
  } finally {
    await admin.close();
  }
});

test('the users list on a 390 px wide screen fits without sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await signIn(page, 'admin@acme.test');
    await page.getByRole('heading', { name: 'User management' }).first().waitFor({ timeout: 15000 });
    await shot(page, 'invite-6-users-list-390');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the 390px screen`);
    // Every row still names its user and links to the details.
    const first = page.locator('#results tbody tr').first();
    assert.ok(await first.getByRole('link').first().isVisible());
    assert.deepEqual(cspProblems(problems), []);
  } finally {
    await context.close();
  }
});
