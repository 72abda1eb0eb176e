'use strict';
// Issue 16: TOTP codes computed in the tests from the shared secret the set-up page shows
// (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), with node's crypto, never read from the
// server. Used by tests/e2e/twofa.test.js and tests/browser/twofa.test.js.
const crypto = require('node:crypto');

/** RFC 4648 base32 text (spaces allowed) to bytes. */
function b32decode(s) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of s.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | abc.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code of one 30-second step. */
function totp(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = crypto.createHmac('sha1', secret).update(msg).digest();
  return String((h.readUInt32BE(h[19] & 15) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/** The current step. */
const stepNow = () => Math.floor(Date.now() / 1000 / 30);

/** Waits until the current step has at least 4 s left and 2 s gone, so that "the previous
 * step" means the same to the test and to the server. */
async function midStep() {
  for (;;) {
    const s = (Date.now() / 1000) % 30;
    if (s > 2 && s < 26) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

module.exports = { b32decode, totp, stepNow, midStep };
