'use strict';
// An occupier admin signs in with the form, found by its labels, and lands on User management,
// on a desktop screen and on a phone-sized one.
const test = require('node:test');
const assert = require('node:assert/strict');
const { launch, screenshot, signIn, watch } = require('./lib');

let browser;
test.before(async () => {
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
});

for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['narrow', { width: 390, height: 844 }]]) {
  test(`admin@acme.test signs in and sees User management (${label}, ${viewport.width}px)`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await signIn(page, 'admin@acme.test');
      await page.getByRole('heading', { name: 'User management' }).first().waitFor({ timeout: 10000 });
      const file = await screenshot(page, `signin-user-management-${label}`);
      console.log(`screenshot: ${file}`);
      // SEC-1: the CSP allows no inline script or style; a violation shows as a console error.
      assert.deepEqual(problems.filter((p) => /Content Security Policy/i.test(p)), []);
      // Nothing wider than the screen: no sideways scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${viewport.width}px screen`);
    } finally {
      await context.close();
    }
  });
}
