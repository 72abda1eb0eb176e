'use strict';
// Connected devices (issue 14) in a real browser: sessions that FreeRADIUS wrote from
// accounting Start packets (radclient to the FreeRADIUS of make test) on a user's details page,
// at desktop and phone width, and "Disconnect". Screenshots go to SCREENSHOT_DIR.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { launch, url, screenshot, signIn, watch } = require('./lib');
const { sql, sqlValue, sqlQuote, DEMO_WIFI_HEX } = require('../e2e/lib');

const PORT = Number(process.env.RADIUS_PORT);
const email = `t14-browser-${crypto.randomBytes(4).toString('hex')}@acme.test`;
let browser;
let id;

test.before(async () => {
  sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email)
       VALUES (1, 1, 'Devi', 'Devices', ${sqlQuote(email)})`);
  id = Number(sqlValue(`SELECT id FROM users WHERE operator_id = 1 AND email = ${sqlQuote(email)}`));
  sql(`INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
       VALUES (${id}, 'ACTIVE', 3, 1, UNHEX('${DEMO_WIFI_HEX}'))`);
  browser = await launch();
});
test.after(async () => {
  if (browser) await browser.close();
  sql(`DELETE FROM radacct WHERE user_id = ${id}; DELETE FROM wifi_accounts WHERE user_id = ${id};
       DELETE FROM users WHERE id = ${id}`);
});

function start(session, mac, nas) {
  const r = spawnSync('radclient', ['-q', '-r', '2', '-t', '3', `127.0.0.1:${PORT + 1}`, 'acct', 'demo-radius-secret'], {
    input: `User-Name = "${email}"\nAcct-Status-Type = Start\nAcct-Session-Id = "${session}"\n`
      + `NAS-Identifier = "${nas}"\nCalling-Station-Id = "${mac}"\n`,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `accounting Start answered: ${r.stderr}`);
}

test('Connected devices: listed on the details page at desktop and phone width, one disconnected', async () => {
  assert.ok(PORT > 0, 'RADIUS_PORT');
  start(`b1-${id}`, '3C-22-FB-00-00-01', 'london-bridge');
  start(`b2-${id}`, '3C-22-FB-00-00-02', 'canary-wharf');
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await signIn(page, 'admin@acme.test');
      await page.goto(url(`/users/${id}`));
      await page.getByRole('heading', { name: 'Connected devices', level: 2 }).waitFor();
      const rows = page.locator('#connected-devices tbody tr');
      assert.equal(await rows.count(), name === 'desktop' ? 2 : 1, 'the open sessions');
      assert.ok((await rows.first().innerText()).includes('3C-22-FB-00-00-0'));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at ${viewport.width}px (${overflow}px)`);
      await page.locator('#connected-devices').scrollIntoViewIfNeeded();
      console.log(`screenshot: ${await screenshot(page, `radius-devices-${name}`, { fullPage: true })}`);
      if (name === 'desktop') {
        await page.getByRole('button', { name: 'Disconnect 3C-22-FB-00-00-01' }).click();
        await page.waitForLoadState();
        assert.ok((await page.locator('.notice').innerText()).includes('marked as ended'));
        assert.equal(await page.locator('#connected-devices tbody tr').count(), 1);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
