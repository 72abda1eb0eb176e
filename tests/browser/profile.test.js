'use strict';
// My profile in a real browser (PROF-1..3, TEL-5 with JavaScript): the read-only view with the
// Default PIN on hover/focus, editing the details, call forwarding with its dependent number
// field and the Busy / Call waiting exclusion, Set password for Wi-Fi, Reset PIN; on a desktop
// screen and a phone-sized one. Screenshots go to SCREENSHOT_DIR.
const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, url, screenshot, signIn, watch, noSidewaysScroll } = require('./lib');
const { sql, sqlQuote } = require('../e2e/lib');

const USER = 'user@acme.test';
const NUMBER = '+442079460101';
const COLS = ['fwd_always', 'fwd_always_to', 'fwd_busy', 'fwd_busy_to', 'call_waiting', 'custom_pin_hash', 'status'];

let browser;
test.before(async () => {
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
});

function numberState() {
  const [row] = sql(`SELECT ${COLS.join(', ')} FROM phone_numbers WHERE number = '${NUMBER}'`);
  return Object.fromEntries(COLS.map((c, i) => [c, row[i]]));
}

test('My profile: edit the details, change call forwarding, set the Wi-Fi password, reset the PIN', async () => {
  const saved = numberState();
  const [[job]] = sql(`SELECT job_title FROM users WHERE email = '${USER}'`);
  // a call waiting that is on, and a custom PIN, so that the exclusion and Reset PIN show
  sql(`UPDATE phone_numbers SET call_waiting = 1, fwd_busy = 0, fwd_always = 0,
    custom_pin_hash = '$argon2id$browser-test' WHERE number = '${NUMBER}'`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await signIn(page, USER);
    await page.goto(url('/profile'));
    await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();
    for (const h of ['User details', 'Wi-Fi account', 'Telephony']) {
      await page.getByRole('heading', { name: h, level: 2 }).waitFor();
    }
    // the Default PIN: dots until hovered or focused by keyboard
    const pin = page.locator('.pin');
    const value = page.locator('.pin .pin-value');
    assert.ok((await value.boundingBox()).width <= 1, 'hidden at first');
    await pin.hover();
    assert.ok((await value.boundingBox()).width > 20, 'shown on hover');
    await page.mouse.move(0, 0);
    await pin.focus();
    assert.equal(await value.innerText(), '482915');
    assert.ok((await value.boundingBox()).width > 20, 'shown on keyboard focus');
    await page.evaluate(() => window.scrollTo(0, 0));
    console.log(`screenshot: ${await screenshot(page, 'profile-view-desktop', { fullPage: true })}`);

    // Edit: the details and call forwarding
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('First name').waitFor();
    await page.getByLabel('Job title').fill('Lead designer');
    const target = page.getByLabel('Number to forward all calls to');
    assert.equal(await target.isVisible(), false, 'the number field follows its switch');
    await page.getByLabel('Always', { exact: true }).check();
    assert.equal(await target.isVisible(), true);
    await target.fill('+44 7700 900555');
    // TEL-5 with JavaScript: Call waiting is on, so Busy cannot be chosen, and says why
    const busy = page.getByLabel('Busy', { exact: true });
    const cw = page.getByLabel('Call waiting', { exact: true });
    assert.equal(await busy.isDisabled(), true);
    assert.equal(await page.locator('#tel_fwd_busy-reason').isVisible(), true);
    await cw.uncheck();
    assert.equal(await busy.isEnabled(), true);
    await busy.check();
    assert.equal(await cw.isDisabled(), true);
    assert.equal(await page.locator('#tel_call_waiting-reason').isVisible(), true);
    await busy.uncheck();
    assert.equal(await cw.isEnabled(), true);
    await cw.check();
    await page.evaluate(() => window.scrollTo(0, 0));
    console.log(`screenshot: ${await screenshot(page, 'profile-edit-desktop', { fullPage: true })}`);
    await page.getByRole('button', { name: 'Save changes' }).first().click();
    await page.getByText('Changes saved.').waitFor();
    assert.match(page.url(), /\/profile\?n=changes_saved$/);
    await page.getByText('Lead designer').waitFor();
    await page.getByText('+44 7700 900555').waitFor();
    const now = numberState();
    assert.equal(now.fwd_always, '1');
    assert.equal(now.fwd_always_to, '+44 7700 900555');
    assert.equal(now.call_waiting, '1');
    assert.equal(now.fwd_busy, '0');

    // Wi-Fi: Set password, with its warning
    await page.getByRole('link', { name: 'Set password' }).click();
    await page.getByText('you must reconnect all of your private devices').waitFor();
    await page.getByLabel('New Wi-Fi password', { exact: true }).fill('Green4Meadow');
    await page.getByLabel('Confirm new Wi-Fi password', { exact: true }).fill('Green4Meadow');
    console.log(`screenshot: ${await screenshot(page, 'profile-wifi-password')}`);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Changes saved.').waitFor();
    assert.ok(!(await page.content()).includes('Green4Meadow'), 'the password is never shown');

    // Reset PIN
    await page.getByText('A custom PIN is in use.').waitFor();
    await page.getByRole('button', { name: 'Reset PIN' }).click();
    await page.getByText('The PIN is back to the Default PIN.').waitFor();
    assert.equal(numberState().custom_pin_hash, null);

    assert.deepEqual(problems, [], 'no console errors, CSP violations or script errors');
  } finally {
    await context.close();
    sql(`UPDATE users SET job_title = ${sqlQuote(job)} WHERE email = '${USER}'`);
    sql(`UPDATE phone_numbers SET ${COLS.map((c) => `${c} = ${saved[c] === null ? 'NULL' : sqlQuote(saved[c])}`).join(', ')}
      WHERE number = '${NUMBER}'`);
  }
});

test('My profile on a phone-sized screen: no sideways scrolling, read-only and edit views', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await signIn(page, USER);
    await page.goto(url('/profile'));
    await page.getByRole('heading', { name: 'Telephony' }).waitFor();
    await noSidewaysScroll(page, 390);
    console.log(`screenshot: ${await screenshot(page, 'profile-view-narrow', { fullPage: true })}`);
    await page.goto(url('/profile/edit'));
    await page.getByLabel('Job title').waitFor();
    await noSidewaysScroll(page, 390);
    console.log(`screenshot: ${await screenshot(page, 'profile-edit-narrow', { fullPage: true })}`);
    // a refused save: the summary takes the focus and links to the field
    await page.getByLabel('First name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).first().click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true);
    await summary.getByRole('link', { name: 'Enter your first name.' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'first_name');
    await noSidewaysScroll(page, 390);
    await page.evaluate(() => window.scrollTo(0, 0));
    console.log(`screenshot: ${await screenshot(page, 'profile-edit-error-narrow', { fullPage: true })}`);
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  } finally {
    await context.close();
  }
});
