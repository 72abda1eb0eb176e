'use strict';
// Issue 16: two-factor sign-in in a real browser, at desktop and phone width: My profile >
// Two-factor sign-in > Manage, the QR code and the secret, a first code computed here from that
// secret (RFC 6238, node's HMAC-SHA1), the recovery codes, then a sign-in that asks for the code
// after the password. No console error (the CSP forbids inline script), no sideways scrolling.
const test = require('node:test');
const assert = require('node:assert/strict');
const { b32decode, totp, stepNow, midStep } = require('../e2e/totp');
const { launch, url, screenshot, signIn, watch, noSidewaysScroll } = require('./lib');
const { sql, sqlValue } = require('../e2e/lib');

let browser;
test.before(async () => {
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
});

for (const [name, width, height, offset] of [['desktop', 1280, 900, 10], ['phone', 390, 844, 11]]) {
  test(`2FA at ${name} width: set up from My profile, then sign in with the code`, async (t) => {
    const email = sqlValue(`SELECT u.email FROM users u JOIN occupiers o ON o.id = u.occupier_id
      AND o.name = 'Acme Ltd' WHERE u.role = 'user' AND u.account_state = 'VALIDATED'
      AND u.password_hash IS NOT NULL AND u.language = 'en' AND u.email NOT LIKE 'user@%'
      ORDER BY u.id LIMIT 1 OFFSET ${offset}`);
    const id = sqlValue(`SELECT id FROM users WHERE email = '${email}'`);
    t.after(() => {
      sql(`UPDATE users SET totp_secret_enc = NULL, totp_last_step = 0 WHERE id = ${id}`);
      sql(`DELETE FROM twofa_recovery WHERE user_id = ${id}`);
    });
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await signIn(page, email);
      await page.goto(url('/profile'));
      await page.getByRole('heading', { name: 'Two-factor sign-in', level: 2 }).waitFor();
      await page.getByRole('link', { name: 'Manage' }).click();
      await page.getByRole('heading', { name: 'Two-factor sign-in', level: 1 }).waitFor();
      const qr = page.getByRole('img', { name: 'QR code to scan with an authenticator app' });
      await qr.waitFor();
      const box = await qr.boundingBox();
      assert.ok(box.width >= 150 && box.width <= width, `the QR code is ${box.width}px wide`);
      const secret = b32decode(await page.locator('.twofa-secret').innerText());
      assert.equal(secret.length, 20);
      await noSidewaysScroll(page, width);
      await screenshot(page, `twofa-setup-${name}`, { fullPage: true });

      await page.getByLabel('6-digit code').fill('000000');
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await page.getByText('This code is not correct').waitFor();
      await midStep();
      const s0 = stepNow();
      await page.getByLabel('6-digit code').fill(totp(secret, s0));
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await page.getByRole('heading', { name: 'Recovery codes' }).waitFor();
      assert.equal(await page.locator('.recovery-codes li').count(), 10);
      await noSidewaysScroll(page, width);
      await screenshot(page, `twofa-codes-${name}`, { fullPage: true });
      await page.getByRole('link', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Two-factor sign-in', level: 1 }).waitFor();

      // a new sign-in: the password, then the code
      await context.clearCookies();
      await signIn(page, email);
      assert.match(page.url(), /\/signin\/code$/);
      const codeField = page.getByLabel('Code from your authenticator app, or a recovery code');
      await codeField.waitFor();
      await noSidewaysScroll(page, width);
      await screenshot(page, `twofa-signin-code-${name}`);
      await codeField.fill(totp(secret, s0));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText('This code has already been used').waitFor();
      await midStep();
      await page.getByLabel('Code from your authenticator app, or a recovery code').fill(totp(secret, stepNow() + 1));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/profile$/);
      await page.getByRole('heading', { name: 'My profile', level: 1 }).waitFor();
      assert.match(await page.locator('.twofa-state').innerText(), /On/);
      // the two wrong codes answered 400 on purpose
      assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
    } finally {
      await context.close();
    }
  });
}
