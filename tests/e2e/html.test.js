'use strict';
// Every page of every demo account through `tidy -e` (as cgit's tests do): a crawler follows the
// links of each account's pages (one page of each URL shape: /users/2 stands for every user),
// adds the pages a refused form answers with, and pipes each HTML page to tidy with
// tests/tidy.conf. Any error or warning fails, but for the HTML5 that Tidy 5.6 does not know
// (documented in tests/tidy.conf).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { Client, anchors, formByButton } = require('./lib');

const CONF = path.resolve(__dirname, '../tidy.conf');
const MAX_PAGES = 150;          // per account; the demo data has about 30 shapes for the operator

// <div> groups of <dt>/<dd> in a <dl>: legitimate HTML5 that Tidy 5.6 reports (tests/tidy.conf).
const DL_GROUP = [/missing <\/div> before <dt>/, /inserting implicit <dl>/, /missing <\/dl> before <\/div>/];

/** tidy's messages about one page, but the legitimate ones; [] when it is clean. */
function tidyProblems(html) {
  const t = spawnSync('tidy', ['-e', '-config', CONF], { input: html, encoding: 'utf8' });
  if (t.error) throw t.error;
  if (t.status !== 0 && t.status !== 1 && t.status !== 2) throw new Error(`tidy exited ${t.status}: ${t.stderr}`);
  const lines = html.split('\n');
  return t.stderr.split('\n').filter((l) => {
    const m = /^line (\d+) column \d+ - (Warning|Error): (.*)$/.exec(l);
    if (!m) return false;
    if (m[2] === 'Error') return true;
    if (DL_GROUP.some((re) => re.test(m[3]))) return false;
    // the first <div> group of a <dl>: "missing <dd>" where the <dl> opens on the line before
    const n = Number(m[1]);
    return !(/missing <dd>/.test(m[3]) && /<dl\b/.test(lines[n - 2] || '') && /^\s*<div>/.test(lines[n - 1] || ''));
  });
}

/** The shape of a local URL: ids and query values left out. */
function shapeOf(url) {
  return url.replace(/\d+/g, '#').replace(/\?.*/, (q) => q.replace(/=[^&]*/g, ''));
}

/** Crawls from start (one page per shape) and checks each HTML page; returns {pages, problems}. */
async function crawl(c, start, extra = []) {
  const seen = new Set();
  const queue = [...start];
  const problems = [];
  let pages = 0;
  const check = (url, r) => {
    if (!/^text\/html/.test(r.headers.get('content-type') || '')) return false;
    pages++;
    for (const p of tidyProblems(r.text)) problems.push(`${url} (${r.status}): ${p}`);
    return true;
  };
  while (queue.length > 0 && pages < MAX_PAGES) {
    const url = queue.shift();
    const shape = shapeOf(url);
    if (seen.has(shape)) continue;
    seen.add(shape);
    const r = await c.get(url);
    if (!check(url, r)) continue;
    for (const a of anchors(r.text)) {
      const h = a.href || '';
      if (!h.startsWith('/') || h.startsWith('//') || /^\/(signout|static\/)|\.(csv|css|js)(\?|$)/.test(h)) continue;
      queue.push(h.replace(/#.*$/, ''));
    }
  }
  for (const [url, fn] of extra) check(url, await fn(c));
  return { pages, problems };
}

const accounts = [
  'ops@demo.test', 'staff@demo.test', 'admin@acme.test', 'user@acme.test',
  'admin@globex.test', 'ops@other.test', 'admin@initech.test',
];

test('tidy knows a broken page from a good one (the check can fail)', () => {
  assert.deepEqual(tidyProblems('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>ok</p></body></html>'), []);
  assert.ok(tidyProblems('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p><div>x</p></span></body></html>').length > 0);
});

test('the pages without a session pass tidy: sign-in, forgotten password, a dead link, 404, a refused sign-in', async () => {
  const c = new Client();
  const { pages, problems } = await crawl(c, ['/', '/signin', '/forgot', '/set-password?t=00', '/no-such-page'], [
    ['POST /signin (wrong password)', async (cl) => {
      const page = await cl.get('/signin');
      const r = await cl.submit(formByButton(page.text, 'Sign in'), { 'Email address': 'admin@acme.test', Password: 'wrong' });
      assert.notEqual(r.status, 200, 'a wrong password is refused');
      return r;
    }],
  ]);
  assert.ok(pages >= 5, `only ${pages} pages checked`);
  assert.deepEqual(problems, []);
});

for (const email of accounts) {
  test(`every page of ${email} passes tidy`, async () => {
    const c = new Client();
    const home = await c.signIn(email);
    assert.equal(home.status, 200);
    const extra = [];
    if (/^admin@/.test(email)) {
      // the add form refused with every message shown, and the profile form refused
      extra.push(['POST /users/new (empty)', async (cl) => {
        const page = await cl.get('/users/new');
        const r = await cl.submit(formByButton(page.text, 'Add user'), { 'First name': '', 'Last name': '', 'Email address': 'x' });
        assert.equal(r.status, 400, 'the empty form is refused with its messages');
        return r;
      }]);
    }
    const { pages, problems } = await crawl(c, [new URL(home.url).pathname, '/no-such-page'], extra);
    assert.ok(pages >= 5, `only ${pages} pages checked for ${email}`);
    assert.deepEqual(problems, []);
  });
}
