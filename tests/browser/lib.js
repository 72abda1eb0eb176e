'use strict';
// Browser tests: Debian's chromium driven by playwright-core (no browser download). Tests run
// against the stack that scripts/test.sh starts (BASE_URL) and save screenshots in SCREENSHOT_DIR.
//
//   const { launch, url, screenshot, watch } = require('./lib');
//   const browser = await launch();
//   const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
//   const problems = watch(page);              // console errors, page errors, CSP violations
//   await page.goto(url('/signin'));
//   await screenshot(page, 'signin-narrow');

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || path.resolve(__dirname, '../../var/test/screenshots');
const DEMO_PASSWORD = 'demo-password-1';

/** Starts headless chromium (CHROMIUM overrides /usr/bin/chromium). */
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** An absolute URL of the portal. */
function url(p) {
  return new URL(p, BASE_URL).href;
}

/** Saves a PNG of what the screen shows (the whole page with { fullPage: true }) as
 * SCREENSHOT_DIR/<name>.png and returns its path. */
async function screenshot(page, name, { fullPage = false } = {}) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${String(name).replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Collects what went wrong in a page: console errors (CSP violations among them) and uncaught
 * exceptions, as strings. The array fills as the page runs. */
function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** Signs in through the form, by its labels and button, as a person would. */
async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.goto(url('/signin'));
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForLoadState();
}

/** Fails when the page is wider than the screen (no sideways scrolling, UI.md). */
async function noSidewaysScroll(page, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`the page is ${overflow}px wider than the ${width}px screen`);
}

module.exports = { BASE_URL, SCREENSHOT_DIR, DEMO_PASSWORD, launch, url, screenshot, watch, signIn,
  noSidewaysScroll };
