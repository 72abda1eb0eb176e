// The operator's search across all its users (/platform/users): scoped to the operator,
// a whole address found exactly, a part of a name found, and nobody else's users.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Client, textOf, sql, sqlValue, sqlQuote } = require('./lib.js');

async function search(c, q) {
  const r = await c.get(`/platform/users?q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200, `search ${q}`);
  return r;
}

test('an operator finds its users by part of a name or email, and by a whole address', async () => {
  const ops = new Client();
  await ops.signIn('ops@demo.test');
  let r = await search(ops, 'user@acme.test');
  assert.match(r.text, /href="\/platform\/occupiers\/1\/users\/3"/, 'the exact user, linked to its details');
  r = await search(ops, 'globex');
  const t = textOf(r.text);
  assert.ok(t.includes('admin@globex.test'), 'a Globex user');
  assert.ok(!t.includes('@initech.test'), 'never another operator\'s user');
  r = await search(ops, 'Smith');
  const expected = Number(sqlValue("SELECT COUNT(*) FROM users WHERE operator_id = 1 AND (email LIKE '%smith%' OR CONCAT(first_name, ' ', last_name) LIKE '%smith%')"));
  const rows = (r.text.match(/<tr>/g) || []).length - 1; // minus the header row
  assert.equal(rows, Math.min(expected, 50), 'one row per matching user, 50 at most');
  r = await search(ops, 'staff@demo.test');
  assert.ok(textOf(r.text).includes('staff@demo.test'), 'team members are found too');
});

test('another operator and occupier users cannot search Demo Workspaces\' users', async () => {
  const other = new Client();
  await other.signIn('ops@other.test');
  const r = await search(other, 'acme');
  assert.ok(!textOf(r.text).includes('@acme.test'), 'no Acme user for Other Spaces');
  const admin = new Client();
  await admin.signIn('admin@acme.test');
  const refused = await admin.get('/platform/users?q=acme');
  assert.equal(refused.status, 403);
  assert.ok(!textOf(refused.text).includes('user@acme.test'));
});

test('the occupiers list offers the search', async () => {
  const ops = new Client();
  await ops.signIn('ops@demo.test');
  const r = await ops.get('/platform/occupiers');
  assert.match(r.text, /href="\/platform\/users"/);
});

test('two words: "first last" finds exactly the users whose name has it, "last first" nobody (issue 17)', async () => {
  const ops = new Client();
  await ops.signIn('ops@demo.test');
  const [first, last] = sql(`SELECT first_name, last_name FROM users WHERE operator_id = 1
    AND occupier_id IS NOT NULL ORDER BY id LIMIT 1`)[0];
  const emails = (html) => {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html);
    return body ? [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
      .map((tr) => textOf([...tr[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)][1][1])) : [];
  };
  for (const [q, what] of [[`${first} ${last}`, 'first last'], [`${first.toUpperCase()} ${last.toLowerCase()}`, 'case ignored'],
    [`${last} ${first}`, 'last first'], [`${first.slice(1)} ${last.slice(0, 2)}`, 'parts of both words']]) {
    const want = sql(`SELECT email FROM users WHERE operator_id = 1
      AND CONCAT(first_name, ' ', last_name, '\n', email) LIKE ${sqlQuote(`%${q}%`)} ORDER BY id DESC`).map((r) => r[0]);
    const r = await search(ops, q);
    assert.deepEqual(emails(r.text), want.slice(0, 50), `${what}: ${q}`);
    assert.ok(textOf(r.text).includes(`${want.length} users found`), `${what}: the count`);
  }
});
