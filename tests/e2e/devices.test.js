'use strict';
// Shared Wi-Fi devices (WIFI-5): an occupier admin's at /devices (admin@globex.test) and the
// operator account's at /platform/account/devices. Devices a test adds are removed at the end.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Client, formByButton, csrfOf, textOf, sql, sqlValue } = require('./lib');

const macs = [];
const newMac = () => {
  const m = ['02', ...crypto.randomBytes(5).toString('hex').match(/../g)].join(':');
  macs.push(m);
  return m;
};

test.after(() => {
  for (const m of macs) sql(`DELETE FROM wifi_devices WHERE mac = '${m}'`);
});

async function as(email) {
  const c = new Client();
  await c.signIn(email);
  return c;
}

const devicesOf = (occ) => sql(`SELECT name, type, mac, site_id FROM wifi_devices WHERE operator_id = 1 AND occupier_id ${occ === null ? 'IS NULL' : `= ${occ}`} ORDER BY id`);

test('an occupier admin lists and adds their devices; the MAC address is checked and kept in one form', async () => {
  const c = await as('admin@globex.test');
  let r = await c.get('/devices');
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /Wi-Fi devices/);
  assert.doesNotMatch(textOf(r.text), /Reception printer/, 'Acme\'s devices are not shown');
  const mac = newMac();
  r = await c.submit(formByButton(r.text, 'Add device'), { 'Device name': 'Front desk printer', Type: 'Printer', 'MAC address': mac.toUpperCase().replace(/:/g, '-'), Site: '1' });
  assert.equal(r.status, 200);
  assert.match(r.url, /\/devices\?n=device_added$/);
  assert.match(textOf(r.text), new RegExp(`Front desk printer Printer ${mac} London Bridge`));
  assert.deepEqual(devicesOf(2).find((d) => d[2] === mac), ['Front desk printer', 'Printer', mac, '1']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE occupier_id = 2 AND action = 'device.create' AND subject_label LIKE '%${mac}%'`), '1');
});

test('device form errors: bad MAC, a MAC already registered, a site without the occupier, an unknown type', async () => {
  const c = await as('admin@globex.test');
  const count = devicesOf(2).length;
  let page = await c.get('/devices');
  let r = await c.submit(formByButton(page.text, 'Add device'), { 'Device name': '', Type: 'Toaster', 'MAC address': 'zz:zz', Site: '2' });
  assert.equal(r.status, 400);
  const t = textOf(r.text);
  assert.match(t, /There is a problem/);
  assert.match(t, /This field is required/);
  assert.match(t, /Choose a type from the list/);
  assert.match(t, /Enter a MAC address like 00:1a:2b:3c:4d:5e/);
  assert.match(t, /Choose one of the sites/);
  page = await c.get('/devices');
  r = await c.submit(formByButton(page.text, 'Add device'), { 'Device name': 'Clone', Type: 'AV', 'MAC address': '00:1a:2b:3c:4d:01', Site: '1' });
  assert.equal(r.status, 400);
  assert.match(textOf(r.text), /already registered/);
  assert.match(r.text, /id="name"[^>]*value="Clone"/);
  assert.equal(devicesOf(2).length, count);
});

test('deleting a device asks first; another occupier\'s device is not found', async () => {
  const c = await as('admin@globex.test');
  const mac = newMac();
  sql(`INSERT INTO wifi_devices (operator_id, occupier_id, site_id, name, type, mac) VALUES (1, 2, 1, 'Old screen', 'Display', '${mac}')`);
  const id = sqlValue(`SELECT id FROM wifi_devices WHERE mac = '${mac}'`);
  const acme = sqlValue("SELECT id FROM wifi_devices WHERE mac = '00:1a:2b:3c:4d:01'");
  let page = await c.get('/devices');
  const csrf = csrfOf(page.text);
  assert.equal((await c.get(`/devices/${acme}/delete`)).status, 404);
  assert.equal((await c.post(`/devices/${acme}/delete`, { csrf, confirmed: '1' })).status, 404);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_devices WHERE id = ${acme}`), '1');

  let r = await c.post(`/devices/${id}/delete`, { csrf });
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /Delete device .*Old screen/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_devices WHERE id = ${id}`), '1', 'asked, not deleted');
  r = await c.submit(formByButton(r.text, 'Delete device'));
  assert.equal(r.status, 200);
  assert.match(r.url, /\?n=device_deleted$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_devices WHERE id = ${id}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE occupier_id = 2 AND action = 'device.delete' AND old_value LIKE '%${mac}%'`), '1');
});

test('only occupier admins have /devices; operators manage the account\'s devices at any of their sites', async () => {
  for (const who of ['user@acme.test', 'ops@demo.test']) {
    const c = await as(who);
    assert.equal((await c.get('/devices')).status, 403, who);
  }
  const c = await as('ops@demo.test');
  let r = await c.get('/platform/account/devices');
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /Lobby display AV system 00:1a:2b:3c:4d:03 London Bridge/);
  assert.doesNotMatch(textOf(r.text), /Reception printer/);
  const mac = newMac();
  r = await c.submit(formByButton(r.text, 'Add device'), { 'Device name': 'Wharf AV', Type: 'AV', 'MAC address': mac, Site: '2' });
  assert.equal(r.status, 200);
  assert.deepEqual(devicesOf(null).find((d) => d[2] === mac), ['Wharf AV', 'AV', mac, '2']);
  r = await c.submit(formByButton(r.text, 'Add device'), { 'Device name': 'Leeds', Type: 'AV', 'MAC address': newMac(), Site: '3' });
  assert.equal(r.status, 400, 'another operator\'s site');
  const id = sqlValue(`SELECT id FROM wifi_devices WHERE mac = '${mac}'`);
  r = await c.post(`/platform/account/devices/${id}/delete`, { csrf: csrfOf(r.text), confirmed: '1' });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM wifi_devices WHERE id = ${id}`), '0');
  const other = sqlValue("SELECT id FROM wifi_devices WHERE mac = '00:1a:2b:3c:4d:04'");
  assert.equal((await c.post(`/platform/account/devices/${other}/delete`, { csrf: csrfOf(r.text), confirmed: '1' })).status, 404);
});

test('shared Wi-Fi devices can be edited: bad input gets a message by the field, a good change is saved and audited', async () => {
  const c = await as('admin@globex.test');
  const mac = newMac();
  let r = await c.get('/devices');
  r = await c.submit(formByButton(r.text, 'Add device'), { 'Device name': 'Edit me', Type: 'Printer', 'MAC address': mac, Site: '1' });
  const id = sqlValue(`SELECT id FROM wifi_devices WHERE mac = '${mac}'`);
  r = await c.get(`/devices/${id}/edit`);
  assert.equal(r.status, 200);
  assert.match(textOf(r.text), /Edit device: Edit me/);
  let f = formByButton(r.text, 'Save changes');
  assert.ok(f, 'the form in edit mode');
  r = await c.submit(f, { 'MAC address': 'zz:zz', 'Device name': '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="mac-error"/);
  assert.match(r.text, /id="name-error"/);
  assert.deepEqual(devicesOf(2).find((d) => d[2] === mac), ['Edit me', 'Printer', mac, '1'], 'nothing saved');
  const mac2 = newMac();
  r = await c.submit(formByButton((await c.get(`/devices/${id}/edit`)).text, 'Save changes'), { 'Device name': 'Edited', Type: 'Display', 'MAC address': mac2.toUpperCase() });
  assert.equal(r.status, 200);
  assert.match(r.url, /\/devices\?n=changes_saved$/);
  assert.deepEqual(sql(`SELECT name, type, mac FROM wifi_devices WHERE id = ${id}`), [['Edited', 'Display', mac2]]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'device.update' AND subject_label LIKE '%${mac2}%'`), '1');
  // another occupier's admin, and another operator: not found, nothing changes
  const acme = await as('admin@acme.test');
  assert.equal((await acme.get(`/devices/${id}/edit`)).status, 404);
  const page = await acme.get('/devices');
  assert.equal((await acme.post(`/devices/${id}/edit`, { csrf: csrfOf(page.text), name: 'Hijack', type: 'AV', mac: newMac(), site: '1' })).status, 404);
  assert.equal(sqlValue(`SELECT name FROM wifi_devices WHERE id = ${id}`), 'Edited');
});
