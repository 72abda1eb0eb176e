'use strict';
// The operator platform in a browser (PLAT-1, PLAT-2, PLAT-4): the Occupiers list filtered as
// one types, an occupier's Users tab, an import whose report lists bad rows, and a bulk action
// with its summary; on a desktop screen and a phone-sized one, with screenshots. The occupier
// and its users are made in the database for this file and removed at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { launch, screenshot, signIn, url, watch } = require('./lib');
const { sql, sqlValue, sqlQuote } = require('../e2e/lib');

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'tests/users-import-example.csv');
const DEMO_WIFI_HEX = /SET @wifi = UNHEX\('([0-9A-F]+)'\)/i.exec(fs.readFileSync(path.join(ROOT, 'sql/demo/001_demo.sql'), 'utf8'))[1];

let browser;
let occ;
const occName = `P6 Browser ${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;

test.before(async () => {
  browser = await launch();
  sql(`INSERT INTO occupiers (operator_id, name) VALUES (1, ${sqlQuote(occName)})`);
  occ = Number(sqlValue(`SELECT id FROM occupiers WHERE name = ${sqlQuote(occName)}`));
  sql(`INSERT INTO occupier_sites (occupier_id, site_id) VALUES (${occ}, 1), (${occ}, 2)`);
  for (const [first, wifi] of [['Ann', 1], ['Ben', 1], ['Cat', 0], ['Dan', 1]]) {
    const email = `${first.toLowerCase()}.${occ}@p6browser.test`;
    sql(`INSERT INTO users (operator_id, occupier_id, first_name, last_name, email) VALUES (1, ${occ}, '${first}', 'Browser', '${email}')`);
    if (wifi) {
      sql(`INSERT INTO wifi_accounts (user_id, state, device_limit, homesite_id, password_enc)
           SELECT id, 'ACTIVE', 2, 1, UNHEX('${DEMO_WIFI_HEX}') FROM users WHERE email = '${email}'`);
    }
  }
});

test.after(async () => {
  if (browser) await browser.close();
  if (occ) {
    const ids = `SELECT id FROM users WHERE occupier_id = ${occ}`;
    for (const t of ['wifi_accounts', 'user_tokens', 'sessions']) sql(`DELETE FROM ${t} WHERE user_id IN (${ids})`);
    sql(`DELETE FROM users WHERE occupier_id = ${occ}`);
    sql(`DELETE FROM occupier_sites WHERE occupier_id = ${occ}`);
    sql(`DELETE FROM occupiers WHERE id = ${occ}`);
  }
});

/** Fails on a CSP violation or a script error, and on a page wider than the screen. (A page
 * that answers 400, the import report, is logged by chromium too: that one is expected.) */
async function assertClean(page, problems, width) {
  assert.deepEqual(problems.filter((p) => !/Failed to load resource: .* status of 400/.test(p)), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${width}px screen`);
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['narrow', { width: 390, height: 844 }]]) {
  test(`Occupiers: filter as you type, then an occupier's Users tab (${label})`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await signIn(page, 'ops@demo.test');
      await page.goto(url('/platform/occupiers'));
      await page.getByRole('heading', { name: 'Occupiers', exact: true }).waitFor();
      await screenshot(page, `platform-occupiers-${label}`, { fullPage: true });
      const filter = page.getByLabel('Filter by name');
      await filter.fill(occName.slice(3));
      // the list is replaced in place, without leaving the page
      await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 1);
      assert.match(page.url(), /\?q=/);
      await assertClean(page, problems, viewport.width);
      await screenshot(page, `platform-occupiers-filtered-${label}`);
      await page.getByRole('link', { name: occName }).click();
      await page.waitForURL(/\/platform\/occupiers\/\d+\/users$/);
      await page.getByRole('heading', { name: occName }).waitFor();
      assert.ok(await page.getByRole('link', { name: 'Add multiple users' }).isVisible());
      assert.ok(await page.getByRole('link', { name: 'Download users' }).isVisible());
      await assertClean(page, problems, viewport.width);
      await screenshot(page, `platform-users-tab-${label}`, { fullPage: true });
    } finally {
      await context.close();
    }
  });

  test(`Add multiple users: a file with bad rows shows the report, and nothing is imported (${label})`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      await signIn(page, 'ops@demo.test');
      await page.goto(url(`/platform/occupiers/${occ}/users`));
      await page.getByRole('link', { name: 'Add multiple users' }).click();
      await page.getByRole('heading', { name: 'Add multiple users' }).waitFor();
      await page.getByLabel('CSV file (required)', { exact: true }).setInputFiles(EXAMPLE);
      assert.ok(await page.getByLabel(/Only check the file/).isChecked(), 'a dry run by default');
      await page.getByLabel(/Only check the file/).uncheck();
      await page.getByRole('button', { name: 'Upload file' }).click();
      await page.getByRole('heading', { name: 'Nothing was imported' }).waitFor();
      const rows = await page.locator('#import-report tbody tr').allInnerTexts();
      assert.ok(rows.some((r) => /^4\s+last_name\b/.test(r)), rows.join(' | '));
      assert.ok(rows.some((r) => /^6\s+email\b[\s\S]*also on row 2/.test(r)), rows.join(' | '));
      assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE occupier_id = ${occ}`), '4');
      await assertClean(page, problems, viewport.width);
      await screenshot(page, `platform-import-report-${label}`, { fullPage: true });
    } finally {
      await context.close();
    }
  });
}

test('Add multiple users: a dry run without a problem, then "Add 3 users" in one click', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const csv = ['first_name,last_name,email,language',
    ...['Eve', 'Fay', 'Gus'].map((f) => `${f},Click,${f.toLowerCase()}.${occ}@p6browser.test,en`)].join('\n');
  try {
    await signIn(page, 'ops@demo.test');
    await page.goto(url(`/platform/occupiers/${occ}/import`));
    await page.getByLabel('CSV file (required)', { exact: true }).setInputFiles({ name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    assert.ok(await page.getByLabel(/Only check the file/).isChecked(), 'a dry run by default');
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.locator('#import-ok').waitFor();
    assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email LIKE '%.${occ}@p6browser.test' AND last_name = 'Click'`), '0', 'a dry run adds nobody');
    await screenshot(page, 'platform-import-add-n', { fullPage: true });
    await page.getByRole('button', { name: 'Add 3 users' }).click();
    await page.waitForURL(/\/users\?n=import_done$/);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE occupier_id = ${occ} AND last_name = 'Click'`), '3');
    await assertClean(page, problems, 1280);
  } finally {
    await context.close();
  }
});

test('bulk action: tick users on the Users tab, deactivate their Wi-Fi, read the summary', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await signIn(page, 'ops@demo.test');
    await page.goto(url(`/platform/occupiers/${occ}/users`));
    await page.getByRole('heading', { name: occName }).waitFor();
    // ticked from the keyboard: the row's link covers the whole row for the mouse
    for (const who of ['ann', 'cat']) {
      const box = page.getByRole('checkbox', { name: new RegExp(`${who}\\.${occ}@`) });
      await box.focus();
      await page.keyboard.press('Space');
      assert.ok(await box.isChecked());
    }
    await page.getByLabel('With the selected users').selectOption('deactivate_wifi');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Deactivate Wi-Fi accounts' }).waitFor();
    const summary = await page.locator('#bulk-summary').innerText();
    assert.match(summary, /Done: 1\. Skipped: 1\./);
    assert.match(await page.locator('#bulk-skipped').innerText(), new RegExp(`cat\\.${occ}@p6browser\\.test\\s+Has no Wi-Fi account`));
    assert.equal(sqlValue(`SELECT w.state FROM wifi_accounts w JOIN users u ON u.id = w.user_id WHERE u.email = 'ann.${occ}@p6browser.test'`), 'DEACTIVATED');
    assert.equal(sqlValue(`SELECT w.state FROM wifi_accounts w JOIN users u ON u.id = w.user_id WHERE u.email = 'ben.${occ}@p6browser.test'`), 'ACTIVE');
    await assertClean(page, problems, 1280);
    await screenshot(page, 'platform-bulk-summary', { fullPage: true });

    // a bulk delete asks on a page of its own first
    await page.goto(url(`/platform/occupiers/${occ}/users`));
    await page.getByRole('checkbox', { name: new RegExp(`dan\\.${occ}@`) }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('With the selected users').selectOption('delete');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('button', { name: 'Delete these users' }).waitFor();
    await screenshot(page, 'platform-bulk-delete-confirm');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email = 'dan.${occ}@p6browser.test'`), '1');
    await page.getByRole('button', { name: 'Delete these users' }).click();
    await page.getByRole('heading', { name: 'Delete users' }).waitFor();
    assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email = 'dan.${occ}@p6browser.test'`), '0');
    await assertClean(page, problems, 1280);
  } finally {
    await context.close();
  }
});
