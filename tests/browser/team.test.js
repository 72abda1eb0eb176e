'use strict';
// PLAT-6 in a browser (issue 13 item 1): a super admin runs a team member's whole life cycle:
// add, open the details page from the list, "Edit team member" (a bad entry first, its message
// by the field), create the Wi-Fi account, deactivate and reactivate it, reset its password,
// send and resend the platform invitation, deactivate the access, then delete the member
// through the confirmation dialog. Whatever it adds is removed at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { launch, screenshot, signIn, url, watch } = require('./lib');
const { removeUsersByEmail, sql, sqlValue, sqlQuote } = require('../e2e/lib');

const email = `p6-browser-${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}@demo.test`;
let browser;

test.before(async () => {
  browser = await launch();
});

test.after(async () => {
  if (browser) await browser.close();
  removeUsersByEmail([email]);
});

/** No script error, no CSP violation (400 answers of refused forms are expected). */
function clean(problems) {
  assert.deepEqual(problems.filter((p) => !/Failed to load resource: .* status of 400/.test(p)), []);
}

test('a super admin runs the whole team-member life cycle', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const button = (name) => page.getByRole('button', { name, exact: true }).first();
  const state = () => sql(`SELECT u.role, u.account_state, IFNULL(w.state, 'NO_ACCOUNT') FROM users u
    LEFT JOIN wifi_accounts w ON w.user_id = u.id WHERE u.email = ${sqlQuote(email)}`)[0];
  await signIn(page, 'ops@demo.test');

  // add
  await page.goto(url('/platform/account'));
  await page.getByRole('link', { name: 'Add a team member' }).click();
  await page.getByLabel('First name').fill('Brenda');
  await page.getByLabel('Last name').fill('Browser');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Role').selectOption('admin');
  await page.getByLabel('London Bridge').check();
  await page.getByLabel('Send invite to join the platform').uncheck();
  await button('Add team member').click();
  await page.waitForURL(/\/platform\/account\?n=user_added$/);

  // the list links to the details page by the email address
  await page.getByRole('link', { name: email }).click();
  await page.waitForURL(/\/platform\/account\/members\/\d+$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Brenda Browser');

  // edit: a bad mobile number first, its message next to the field; then a good save
  await page.getByRole('link', { name: 'Edit team member' }).click();
  await page.getByLabel('Mobile phone').fill('call me maybe');
  await page.getByLabel('Job title').fill('Community manager');
  await page.getByLabel('Role').selectOption('super_admin');
  await page.getByLabel('Canary Wharf').check();
  await page.locator('form[data-validate]').evaluate((f) => f.setAttribute('novalidate', ''));
  await button('Save changes').click();
  await page.locator('#mobile_phone-error').waitFor();
  assert.equal(await page.getByLabel('Mobile phone').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'team-member-edit-error', { fullPage: true });
  assert.deepEqual(state(), ['admin', 'NOT_INVITED', 'NO_ACCOUNT'], 'nothing saved');
  await page.getByLabel('Mobile phone').fill('+44 7700 900456');
  await button('Save changes').click();
  await page.waitForURL(/\?n=changes_saved$/);
  assert.match(await page.locator('main').textContent(), /Canary Wharf, London Bridge/);
  assert.deepEqual(state(), ['super_admin', 'NOT_INVITED', 'NO_ACCOUNT']);

  // Wi-Fi: create through the form, then deactivate, reactivate and reset from the page
  await page.getByRole('link', { name: 'Create a Wi-Fi account' }).click();
  assert.ok(await page.getByLabel('Create a Wi-Fi account').isChecked(), 'the switch is on');
  await page.getByLabel('Concurrent device limit').fill('2');
  await page.getByLabel('Wi-Fi homesite').selectOption({ label: 'London Bridge' });
  await button('Save changes').click();
  await page.waitForURL(/\?n=changes_saved$/);
  assert.equal(state()[2], 'ACTIVE');
  await button('Deactivate Wi-Fi account').click();
  await page.waitForURL(/n=wifi_deactivated$/);
  assert.equal(state()[2], 'DEACTIVATED');
  await button('Reactivate Wi-Fi account').click();
  await page.waitForURL(/n=wifi_reactivated$/);
  await button('Reset password').click();
  await page.waitForURL(/n=wifi_password_sent$/);
  assert.equal(state()[2], 'ACTIVE');

  // the platform invitation: send, resend, deactivate the access, reactivate it
  await button('Send invite to join the platform').click();
  await page.waitForURL(/n=invite_sent$/);
  assert.equal(state()[1], 'AWAITING_VALIDATION');
  await button('Resend invite').click();
  await page.waitForURL(/n=invite_sent$/);
  await button('Deactivate user account').click();
  await page.waitForURL(/n=account_deactivated$/);
  assert.equal(state()[1], 'DEACTIVATED');
  await button('Reactivate user account').click();
  await page.waitForURL(/n=account_reactivated$/);
  await screenshot(page, 'team-member-details', { fullPage: true });

  // delete through the dialog
  await button('Delete team member').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete team member' }).click();
  await page.waitForURL(/\/platform\/account\?n=user_deleted$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${sqlQuote(email)}`), '0');
  clean(problems);
  await context.close();
});
