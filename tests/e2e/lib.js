'use strict';
// A small client for the end-to-end tests, with no dependencies (Node 20: fetch, FormData, Blob).
// Tests run against the stack that scripts/test.sh starts: BASE_URL is its address, TEST_DIR its
// directory (mail in TEST_DIR/mail/new, database socket TEST_DIR/run/mysqld.sock).
//
//   const { Client, forms, formByButton, mailbox, sql } = require('./lib');
//   const c = new Client();
//   let r = await c.signIn('admin@acme.test');           // follows redirects, keeps the cookie
//   const f = formByButton(r.text, 'Save changes');
//   r = await c.submit(f, { 'First name': 'Ada' });      // by label text or by field name
//   const m = await mailbox().waitFor((m) => m.to.includes('ada@acme.test'));
//   sql('SELECT email FROM users WHERE id = 1');         // [['ada@acme.test']]

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const TEST_DIR = process.env.TEST_DIR || path.resolve(__dirname, '../../var/test');
const DEMO_PASSWORD = 'demo-password-1';
// What sql/demo/001_demo.sql stores: the hash of DEMO_PASSWORD and the sealed Wi-Fi password,
// for accounts a test makes straight in the database.
const DEMO_SQL = fs.readFileSync(path.resolve(__dirname, '../../sql/demo/001_demo.sql'), 'utf8');
const DEMO_HASH = /SET @pw = '([^']+)'/.exec(DEMO_SQL)[1];
const DEMO_WIFI_HEX = /SET @wifi = UNHEX\('([0-9A-F]+)'\)/i.exec(DEMO_SQL)[1];
const MAX_REDIRECTS = 5;
// The programs the tests start themselves (a second FastCGI process, a mailer): the checkout,
// its configuration, and the binaries make test runs (build-asan/ when built, else build/).
const ROOT = path.resolve(__dirname, '../..');
const CONF = path.join(ROOT, 'conf', 'portal.conf');
const BIN_DIR = (() => {
  const d = process.env.BIN_DIR || (fs.existsSync(path.join(ROOT, 'build-asan', 'portal')) ? 'build-asan' : 'build');
  return path.isAbsolute(d) ? d : path.join(ROOT, d);
})();

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = require('node:net').createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// HTML: just enough parsing for the pages of the portal (forms, labels, links, text).

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes character references (&amp; &#39; &#x27; ...). */
function decodeEntities(s) {
  return String(s).replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return Object.prototype.hasOwnProperty.call(ENTITIES, e.toLowerCase()) ? ENTITIES[e.toLowerCase()] : m;
  });
}

/** Visible text of an HTML fragment: tags, scripts and styles removed, whitespace folded. */
function textOf(html) {
  return decodeEntities(String(html)
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(?:a|abbr|b|bdi|cite|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u|var)\b[^>]*>/gi, '')
    .replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Attributes of a start tag's attribute text, names lower-cased, values decoded. */
function attrsOf(s) {
  const out = {};
  const re = /([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m;
  while ((m = re.exec(s)) !== null) {
    const v = m[2] ?? m[3] ?? m[4];
    out[m[1].toLowerCase()] = v === undefined ? '' : decodeEntities(v);
  }
  return out;
}

// A start tag whose attribute values may contain '>'.
const TAG_ATTRS = String.raw`((?:[^>"']|"[^"]*"|'[^']*')*)`;

/** Every element `tag` of html with its attributes, inner HTML and position, in document order. */
function elements(html, tag, { paired = true } = {}) {
  const re = paired
    ? new RegExp(`<${tag}\\b${TAG_ATTRS}>([\\s\\S]*?)<\\/${tag}\\s*>`, 'gi')
    : new RegExp(`<${tag}\\b${TAG_ATTRS}>`, 'gi');
  const out = [];
  let m;
  while ((m = re.exec(html)) !== null) {
    out.push({ attrs: attrsOf(m[1]), inner: paired ? m[2] : '', index: m.index, end: re.lastIndex });
  }
  return out;
}

function has(attrs, name) {
  return Object.prototype.hasOwnProperty.call(attrs, name);
}

/** The fields, labels and buttons of one form's inner HTML. */
function parseFormBody(body) {
  const inputs = [];
  const buttons = [];
  const labels = {};
  for (const e of elements(body, 'input', { paired: false })) {
    const a = e.attrs;
    const type = (a.type || 'text').toLowerCase();
    if (['submit', 'image', 'reset', 'button'].includes(type)) {
      buttons.push({ text: a.value || '', name: a.name, value: a.value, type, index: e.index });
      continue;
    }
    inputs.push({
      tag: 'input', type, name: a.name, id: a.id,
      value: has(a, 'value') ? a.value : (type === 'checkbox' || type === 'radio' ? 'on' : ''),
      checked: has(a, 'checked'), disabled: has(a, 'disabled'), readonly: has(a, 'readonly'),
      required: has(a, 'required'), attrs: a, index: e.index,
    });
  }
  for (const e of elements(body, 'select')) {
    const a = e.attrs;
    const options = elements(e.inner, 'option').map((o) => ({
      value: has(o.attrs, 'value') ? o.attrs.value : textOf(o.inner),
      text: textOf(o.inner),
      selected: has(o.attrs, 'selected'),
      disabled: has(o.attrs, 'disabled'),
    }));
    const sel = options.find((o) => o.selected) || options[0];
    inputs.push({
      tag: 'select', type: has(a, 'multiple') ? 'select-multiple' : 'select', name: a.name, id: a.id,
      value: sel ? sel.value : '', options, disabled: has(a, 'disabled'), required: has(a, 'required'),
      attrs: a, index: e.index,
    });
  }
  for (const e of elements(body, 'textarea')) {
    const a = e.attrs;
    inputs.push({
      tag: 'textarea', type: 'textarea', name: a.name, id: a.id,
      value: decodeEntities(e.inner.replace(/^\r?\n/, '')),
      disabled: has(a, 'disabled'), readonly: has(a, 'readonly'), required: has(a, 'required'),
      attrs: a, index: e.index,
    });
  }
  for (const e of elements(body, 'button')) {
    const a = e.attrs;
    buttons.push({
      text: textOf(e.inner), name: a.name, value: a.value, type: (a.type || 'submit').toLowerCase(),
      disabled: has(a, 'disabled'), attrs: a, index: e.index,
    });
  }
  for (const e of elements(body, 'label')) {
    labels[textOf(e.inner)] = e.attrs.for;
  }
  inputs.sort((x, y) => x.index - y.index);
  buttons.sort((x, y) => x.index - y.index);
  return { inputs, buttons, labels };
}

/**
 * The forms of a page: [{action, method, enctype, attrs, html, inputs, labels, buttons}].
 * inputs: {tag, type, name, id, value, checked, disabled, readonly, required, options?, attrs};
 * labels: {label text: the id its `for` names}; buttons: {text, name, value, type}.
 */
function forms(html) {
  return elements(String(html), 'form').map((f) => ({
    action: f.attrs.action || '',
    method: (f.attrs.method || 'get').toLowerCase(),
    enctype: (f.attrs.enctype || 'application/x-www-form-urlencoded').toLowerCase(),
    attrs: f.attrs,
    html: f.inner,
    ...parseFormBody(f.inner),
  }));
}

const norm = (s) => String(s).replace(/\s+/g, ' ').replace(/[\s*:]+$/, '').trim().toLowerCase();

/** The form with a button (or submit input) whose text is `text` (case and spacing aside). */
function formByButton(html, text) {
  const want = norm(text);
  const all = forms(html);
  return all.find((f) => f.buttons.some((b) => norm(b.text) === want))
    || all.find((f) => f.buttons.some((b) => norm(b.text).includes(want)))
    || null;
}

/** The form that has a label with this text (e.g. 'Email address'). */
function formByLabel(html, text) {
  return forms(html).find((f) => labelTarget(f, text) !== undefined) || null;
}

/** The id that the label `text` of `form` points at: exact text first, then without a trailing
 * `*` or `:`, case-insensitive, then a label that contains the text. */
function labelTarget(form, text) {
  const entries = Object.entries(form.labels);
  const want = norm(text);
  const hit = entries.find(([t]) => t === text)
    || entries.find(([t]) => norm(t) === want)
    || entries.find(([t]) => norm(t).includes(want));
  return hit ? hit[1] : undefined;
}

/** The input of `form` that the label `text` is for, or the one named `text`; null if none. */
function field(form, text) {
  const id = labelTarget(form, text);
  if (id !== undefined) {
    const byId = form.inputs.find((i) => i.id === id);
    if (byId) return byId;
  }
  return form.inputs.find((i) => i.name === text) || null;
}

/** The value of the page's CSRF field (`<input name="csrf">`, else `<meta name="csrf">`). */
function csrfOf(html) {
  for (const e of elements(String(html), 'input', { paired: false })) {
    if (e.attrs.name === 'csrf') return e.attrs.value ?? '';
  }
  for (const e of elements(String(html), 'meta', { paired: false })) {
    if (e.attrs.name === 'csrf' || e.attrs.name === 'csrf-token') return e.attrs.content ?? '';
  }
  return null;
}

/** The links of a page: [{href, text}]. */
function anchors(html) {
  return elements(String(html), 'a').map((a) => ({ href: a.attrs.href, text: textOf(a.inner), attrs: a.attrs }));
}

/** The href of the first link whose text is `text` (exact, then contained), or null. */
function linkByText(html, text) {
  const all = anchors(html);
  const hit = all.find((a) => a.text === text) || all.find((a) => a.text.includes(text));
  return hit ? hit.href : null;
}

/**
 * What submitting `form` sends, as [name, value] pairs, as a browser would: enabled named fields,
 * checked boxes only, then `values` applied (keys: field names or label texts; a checkbox takes
 * true/false; an array gives several values), then the clicked button's name=value if any.
 */
function formValues(form, values = {}, button = null) {
  const pairs = [];
  const set = new Map();
  for (const [k, v] of Object.entries(values)) {
    const f = field(form, k);
    set.set(f && f.name ? f.name : k, { v, f });
  }
  const done = new Set();
  for (const i of form.inputs) {
    if (!i.name || i.disabled || i.type === 'file') continue;
    if (set.has(i.name)) {
      if (done.has(i.name)) continue;
      done.add(i.name);
      const { v } = set.get(i.name);
      if (i.type === 'checkbox' && typeof v === 'boolean') {
        if (v) pairs.push([i.name, i.value]);
      } else if (i.type === 'radio' && typeof v === 'boolean') {
        const on = form.inputs.find((r) => r.name === i.name && r.type === 'radio' && r.checked);
        if (on) pairs.push([i.name, on.value]);
      } else {
        for (const x of Array.isArray(v) ? v : [v]) pairs.push([i.name, String(x)]);
      }
      continue;
    }
    if ((i.type === 'checkbox' || i.type === 'radio') && !i.checked) continue;
    if (i.type === 'select-multiple') {
      for (const o of i.options.filter((o) => o.selected)) pairs.push([i.name, o.value]);
      continue;
    }
    pairs.push([i.name, i.value]);
  }
  // Values for names the form does not have are sent too (e.g. to test what the server refuses).
  for (const [name, { v, f }] of set) {
    if (done.has(name) || (f && f.disabled)) continue;
    if (typeof v === 'boolean') continue;
    for (const x of Array.isArray(v) ? v : [v]) pairs.push([name, String(x)]);
  }
  if (button && button.name) pairs.push([button.name, button.value ?? '']);
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** A browser-like client: one cookie jar, redirects followed by hand so cookies set on the way
 * are kept. Every method resolves to {status, headers, text, url, redirects}. */

/**
 * fetch, and once more for a GET or HEAD whose kept-alive connection nginx had closed while it
 * was idle (keepalive_timeout 30s: a test that writes for longer straight in SQL, such as
 * listcache's 24,000 users with their n-gram triggers, leaves the pool's connection stale).
 */
async function fetchKept(url, init) {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (!['GET', 'HEAD'].includes(init.method) || !(e.cause && e.cause.code === 'UND_ERR_SOCKET')) throw e;
    return fetch(url, init);
  }
}

class Client {
  constructor(base = BASE_URL) {
    this.base = base;
    this.cookies = new Map(); // name -> value
    this.setCookies = []; // every Set-Cookie header received, as sent
    this.last = null; // the last response
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(res) {
    const list = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
    for (const sc of list) {
      this.setCookies.push(sc);
      const [pair, ...attrs] = sc.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v = ''] = a.split('=').map((x) => x.trim());
        if (/^max-age$/i.test(k)) return Number(v) <= 0;
        if (/^expires$/i.test(k)) return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, redirects followed unless opts.follow === false. opts.headers add headers. */
  async request(method, urlPath, body = undefined, opts = {}) {
    let url = new URL(urlPath, this.last ? this.last.url : this.base).href;
    const redirects = [];
    for (let hop = 0; ; hop++) {
      const headers = { ...(opts.headers || {}) };
      const cookie = this.cookieHeader();
      if (cookie) headers.cookie = cookie;
      const res = await fetchKept(url, { method, headers, body, redirect: 'manual' });
      this.keepCookies(res);
      const text = await res.text();
      const out = { status: res.status, headers: res.headers, text, url, redirects };
      const loc = res.headers.get('location');
      if (opts.follow === false || !loc || ![301, 302, 303, 307, 308].includes(res.status)) {
        this.last = out;
        return out;
      }
      if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${urlPath}`);
      redirects.push({ status: res.status, location: loc });
      url = new URL(loc, url).href;
      if (res.status !== 307 && res.status !== 308) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  /**
   * GET; an invitation or reset link (/set-password#t=TOKEN) is followed as a browser with the
   * page's script does (static/setpw.js): the bare page, then its form posts the token.
   */
  async get(urlPath, opts) {
    const frag = /\/set-password#t=([^#]*)$/.exec(urlPath);
    if (!frag) return this.request('GET', urlPath, undefined, opts);
    const page = await this.request('GET', urlPath.slice(0, urlPath.indexOf('#')), undefined, opts);
    const form = forms(page.text).find((f) => f.action === '/set-password/claim');
    if (!form) return page;
    return this.post('/set-password/claim', { csrf: csrfOf(page.text), t: decodeURIComponent(frag[1]) }, opts);
  }

  /** POST application/x-www-form-urlencoded; fields: an object or [name, value] pairs. */
  post(urlPath, fields = {}, opts = {}) {
    const body = new URLSearchParams(fields).toString();
    return this.request('POST', urlPath, body, {
      ...opts, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.headers || {}) },
    });
  }

  /** POST multipart/form-data. files: {field: {filename, content, type}} or [[field, {...}], ...]. */
  postMultipart(urlPath, fields = {}, files = {}, opts = {}) {
    const fd = new FormData();
    for (const [k, v] of Array.isArray(fields) ? fields : Object.entries(fields)) fd.append(k, String(v));
    for (const [k, f] of Array.isArray(files) ? files : Object.entries(files)) {
      fd.append(k, new Blob([f.content], { type: f.type || 'application/octet-stream' }), f.filename || 'file');
    }
    return this.request('POST', urlPath, fd, opts);
  }

  /**
   * Submits a parsed form as a browser would (see formValues), clicking `opts.button` (its text)
   * or the first submit button. opts.files: {field: {filename, content, type}} for a multipart form.
   */
  submit(form, values = {}, opts = {}) {
    if (!form) throw new Error('submit: no form (was it found on the page?)');
    const submitButtons = form.buttons.filter((b) => b.type === 'submit' || b.type === 'image');
    const button = opts.button
      ? submitButtons.find((b) => norm(b.text) === norm(opts.button))
        || submitButtons.find((b) => norm(b.text).includes(norm(opts.button)))
      : submitButtons[0];
    if (opts.button && !button) throw new Error(`submit: no button "${opts.button}" in the form`);
    const pairs = formValues(form, values, button);
    const action = (button && button.attrs && button.attrs.formaction) || form.action || (this.last ? this.last.url : '/');
    const method = ((button && button.attrs && button.attrs.formmethod) || form.method).toLowerCase();
    if (method === 'get') {
      const u = new URL(action, this.last ? this.last.url : this.base);
      u.search = new URLSearchParams(pairs).toString();
      return this.get(u.href, opts);
    }
    if (form.enctype === 'multipart/form-data' || opts.files) {
      return this.postMultipart(action, pairs, opts.files || {}, opts);
    }
    return this.post(action, pairs, opts);
  }

  /** Signs in through the sign-in form (fields found by their labels); the final response. */
  async signIn(email, password = DEMO_PASSWORD) {
    const page = await this.get('/signin');
    const form = forms(page.text).find((f) => field(f, 'Email address') && field(f, 'Password'));
    if (!form) throw new Error(`no sign-in form with "Email address" and "Password" on ${page.url} (${page.status})`);
    return this.submit(form, { 'Email address': email, Password: password }, { button: 'Sign in' });
  }
}

// ---------------------------------------------------------------------------------------------
// Mail: the maildir the mailer writes (one RFC 5322 .eml file per message).

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=) of a header value, decoded. */
function decodeWords(s) {
  return String(s)
    .replace(/(=\?[^?]+\?[bq]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (m, charset, enc, data) => {
      const buf = enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64')
        : qpBytes(data.replace(/_/g, ' '));
      return buf.toString(/utf-?8/i.test(charset) ? 'utf8' : 'latin1');
    });
}

/** Quoted-printable text to bytes. */
function qpBytes(s) {
  const bytes = [];
  const text = String(s).replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '=' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Splits a message (or part) into {headers: {lower-case name: value}, body}. */
function splitHeaders(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i < 1) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    const v = decodeWords(line.slice(i + 1).trim());
    headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`;
  }
  return { headers, body };
}

function headerParam(value, name) {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value || '');
  return m ? (m[1] ?? m[2]) : null;
}

/** The leaf parts of a MIME entity: [{type, headers, text}], bodies decoded to strings. */
function mimeParts(raw) {
  const { headers, body } = splitHeaders(raw);
  const ctype = headers['content-type'] || 'text/plain';
  const type = ctype.split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(ctype, 'boundary');
    if (!boundary) return [];
    // The parts lie between `--boundary` lines, up to the `--boundary--` line.
    const parts = [];
    let cur = null;
    for (const line of body.split(/\r?\n/)) {
      const l = line.trimEnd();
      if (l === `--${boundary}` || l === `--${boundary}--`) {
        if (cur) parts.push(cur.join('\n'));
        if (l !== `--${boundary}`) break;
        cur = [];
        continue;
      }
      if (cur) cur.push(line);
    }
    return parts.flatMap(mimeParts);
  }
  const cte = (headers['content-transfer-encoding'] || '7bit').toLowerCase().trim();
  let buf;
  if (cte === 'base64') buf = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (cte === 'quoted-printable') buf = qpBytes(body);
  else buf = Buffer.from(body, 'utf8');
  const charset = headerParam(ctype, 'charset') || 'utf-8';
  const text = buf.toString(/^(us-ascii|utf-?8)$/i.test(charset) ? 'utf8' : 'latin1');
  return [{ type, headers, text }];
}

/** One .eml file, parsed: {file, headers, subject, from, to, text, html, raw, links()}. */
function parseMail(file) {
  const raw = fs.readFileSync(file, 'utf8');
  const { headers } = splitHeaders(raw);
  const parts = mimeParts(raw);
  const text = (parts.find((p) => p.type === 'text/plain') || { text: '' }).text;
  const html = (parts.find((p) => p.type === 'text/html') || { text: '' }).text;
  return {
    file, headers, raw, parts, text, html,
    subject: headers.subject || '',
    from: headers.from || '',
    to: headers.to || '',
    /** Absolute http(s) URLs of the message, text part first, without duplicates. */
    links() {
      const found = [];
      for (const m of text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) found.push(m[0].replace(/[.,;:]+$/, ''));
      for (const a of anchors(html)) if (/^https?:\/\//.test(a.href || '')) found.push(a.href);
      return [...new Set(found)];
    },
  };
}

/**
 * The maildir of the test stack (TEST_DIR/mail/new). list() gives the messages oldest first;
 * mark() makes list() and waitFor() ignore every message already there; waitFor(predicate,
 * timeoutMs) polls until a message matches and returns it (throws on timeout).
 */
function mailbox(dir = path.join(TEST_DIR, 'mail', 'new')) {
  let seen = new Set();
  const box = {
    dir,
    list() {
      let names = [];
      try {
        names = fs.readdirSync(dir).filter((n) => !n.startsWith('.'));
      } catch (e) {
        if (e.code !== 'ENOENT') throw e;
      }
      return names
        .filter((n) => !seen.has(n))
        .map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs }))
        .sort((a, b) => a.t - b.t || (a.n < b.n ? -1 : 1))
        .map(({ n }) => parseMail(path.join(dir, n)));
    },
    mark() {
      seen = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
      return box;
    },
    async waitFor(predicate = () => true, timeoutMs = 15000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = box.list().find(predicate);
        if (hit) return hit;
        if (Date.now() > until) {
          const subjects = box.list().map((m) => `${m.to}: ${m.subject}`);
          throw new Error(`no matching mail in ${dir} after ${timeoutMs} ms; new mail: ${JSON.stringify(subjects)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
  return box;
}

// ---------------------------------------------------------------------------------------------
// Database: the mariadb client as the admin (unix socket authentication), on database `portal`.

function unescapeBatch(v) {
  if (v === 'NULL') return null;
  return v.replace(/\\(.)/g, (m, c) => ({ n: '\n', t: '\t', 0: '\0', '\\': '\\' }[c] ?? m));
}

/** Runs SQL on the test database; the rows as arrays of strings (NULL as null). */
function sql(query) {
  const out = execFileSync('mariadb', [
    '--no-defaults', `--socket=${path.join(TEST_DIR, 'run', 'mysqld.sock')}`,
    `--user=${os.userInfo().username}`, '--default-character-set=utf8mb4',
    '--batch', '--skip-column-names', 'portal', '-e', query,
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t').map(unescapeBatch));
}

/** The first column of the first row of a query, or undefined. */
function sqlValue(query) {
  const rows = sql(query);
  return rows.length ? rows[0][0] : undefined;
}

/** A string as a quoted SQL literal, for building queries in tests. */
function sqlQuote(s) {
  return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Removes the users of operator op with these addresses, with their Wi-Fi accounts, links,
 * sessions and sites (what a test added). */
function removeUsersByEmail(emails, op = 1) {
  for (const e of emails) {
    const ids = `SELECT id FROM users WHERE operator_id = ${op} AND email = ${sqlQuote(e)}`;
    for (const t of ['wifi_accounts', 'user_tokens', 'sessions', 'user_sites']) sql(`DELETE FROM ${t} WHERE user_id IN (${ids})`);
    sql(`DELETE FROM users WHERE operator_id = ${op} AND email = ${sqlQuote(e)}`);
  }
}

/** Polls fn (every 200 ms, ms at most) until it returns something truthy, which it returns. */
async function waitFor(what, fn, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

module.exports = {
  removeUsersByEmail, BASE_URL, TEST_DIR, DEMO_PASSWORD, DEMO_HASH, DEMO_WIFI_HEX, ROOT, CONF, BIN_DIR, freePort,
  Client, forms, formByButton, formByLabel, field, formValues, csrfOf, anchors, linkByText, elements,
  textOf, decodeEntities, mailbox, parseMail, sql, sqlValue, sqlQuote, waitFor,
};
