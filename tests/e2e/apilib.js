'use strict';
// The JSON API (issue 16) from a test: a client with a bearer token (node fetch, no cookies),
// and a checker of each answer against the OpenAPI document the server serves
// (/api/v1/openapi.json): the status must be documented for the operation, and the body must
// match its schema (the subset of OpenAPI 3.0 the document uses: $ref, type, nullable,
// properties, required, additionalProperties, items, enum, pattern, minimum, maxLength,
// minProperties). Each operation answered is recorded, so a test can require that all were.
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { BASE_URL, DEMO_PASSWORD } = require('./lib');

const doc = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../static/openapi.json'), 'utf8'));
const exercised = new Set();

/** The schema s with its $ref followed. */
function deref(s) {
  while (s && s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    assert.ok(doc.components.schemas[name], `schema ${s.$ref} exists`);
    s = { ...doc.components.schemas[name], ...(s.nullable ? { nullable: true } : {}) };
  }
  return s;
}

/** The list of what in value does not match schema (empty when it does). */
function check(value, schema, at = '$', out = []) {
  const s = deref(schema);
  if (value === null) {
    if (!s.nullable) out.push(`${at}: null where ${s.type} expected`);
    return out;
  }
  const type = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (s.type && !(s.type === type || (s.type === 'number' && type === 'integer'))) {
    out.push(`${at}: ${type} where ${s.type} expected`);
    return out;
  }
  if (s.enum && !s.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(s.enum)}`);
  if (s.pattern && !new RegExp(s.pattern).test(value)) out.push(`${at}: ${value} does not match ${s.pattern}`);
  if (s.maxLength !== undefined && [...value].length > s.maxLength) out.push(`${at}: longer than ${s.maxLength}`);
  if (s.minimum !== undefined && value < s.minimum) out.push(`${at}: below ${s.minimum}`);
  if (type === 'array' && s.items) value.forEach((v, i) => check(v, s.items, `${at}[${i}]`, out));
  if (type === 'object') {
    const props = s.properties || {};
    for (const k of s.required || []) if (!(k in value)) out.push(`${at}: ${k} missing`);
    if (s.minProperties !== undefined && Object.keys(value).length < s.minProperties) out.push(`${at}: too few members`);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) check(v, props[k], `${at}.${k}`, out);
      else if (s.additionalProperties === false) out.push(`${at}: ${k} not documented`);
      else if (typeof s.additionalProperties === 'object') check(v, s.additionalProperties, `${at}.${k}`, out);
    }
  }
  return out;
}

/** The documented operation of method and a concrete path: [template, operation]. */
function operationOf(method, urlPath) {
  const p = urlPath.split('?')[0];
  for (const [tpl, item] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${tpl.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(p) && item[method.toLowerCase()]) return [tpl, item[method.toLowerCase()]];
  }
  return [null, null];
}

/** Checks a JSON answer against the document; records the operation as exercised. */
function validate(method, urlPath, status, body) {
  const [tpl, op] = operationOf(method, urlPath);
  assert.ok(op, `${method} ${urlPath} is documented`);
  const resp = op.responses[String(status)];
  assert.ok(resp, `${method} ${tpl}: status ${status} is documented (${JSON.stringify(body)})`);
  const schema = resp.content && resp.content['application/json'] && resp.content['application/json'].schema;
  assert.ok(schema, `${method} ${tpl} ${status}: a JSON schema`);
  const errs = check(body, schema);
  assert.deepEqual(errs, [], `${method} ${tpl} ${status} matches its schema: ${JSON.stringify(body)}`);
  exercised.add(`${method.toUpperCase()} ${tpl} ${status}`);
  exercised.add(`${method.toUpperCase()} ${tpl}`);
}

/**
 * One API request: opts.token (bearer), opts.body (JSON-encoded unless opts.raw), opts.headers.
 * Resolves to {status, headers, json, text}; the answer is checked against the document unless
 * opts.unchecked.
 */
async function api(method, urlPath, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const res = await fetch(new URL(urlPath, BASE_URL), { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  assert.match(res.headers.get('content-type') || '', /^application\/json/, `${method} ${urlPath}: JSON (${text.slice(0, 200)})`);
  assert.equal(res.headers.get('set-cookie'), null, `${method} ${urlPath}: no cookie`);
  const json = JSON.parse(text);
  if (!opts.unchecked) validate(method, urlPath, res.status, json);
  return { status: res.status, headers: res.headers, json, text };
}

/** A token for email (the demo password unless given); asserts the sign-in worked. */
async function apiToken(email, password = DEMO_PASSWORD, client = 'node test') {
  const r = await api('POST', '/api/v1/signin', { body: { email, password, client } });
  assert.equal(r.status, 200, `${email} signs in to the API: ${r.text}`);
  return r.json.token;
}

/** The error's member messages as {field: message}. */
function fieldErrors(r) {
  assert.ok(r.json.error, `an error: ${r.text}`);
  return Object.fromEntries(r.json.error.fields.map((f) => [f.field, f.message]));
}

module.exports = { doc, exercised, check, api, apiToken, fieldErrors, operationOf };
