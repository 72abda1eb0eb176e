/* The NT hash of a password (see nthash.h). */
#include <nettle/md4.h>
#include <sodium.h>

#include "nthash.h"

#define NT_MAX_UNITS 256

int
nt_hash(const char *pw, size_t n, unsigned char out[NT_HASH_BYTES])
{
	const unsigned char *s = (const unsigned char *)pw;
	unsigned char buf[NT_MAX_UNITS * 2];
	size_t len = 0, i = 0;
	struct md4_ctx ctx;
	int rc = -1;

	while (i < n) {
		unsigned long c;
		size_t k;

		/* one UTF-8 sequence: shortest form, no surrogates, at most U+10FFFF */
		if (s[i] < 0x80)
			c = s[i], k = 1;
		else if ((s[i] & 0xe0) == 0xc0)
			c = s[i] & 0x1f, k = 2;
		else if ((s[i] & 0xf0) == 0xe0)
			c = s[i] & 0x0f, k = 3;
		else if ((s[i] & 0xf8) == 0xf0)
			c = s[i] & 0x07, k = 4;
		else
			goto out;
		if (k > n - i)
			goto out;
		for (size_t j = 1; j < k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				goto out;
			c = (c << 6) | (s[i + j] & 0x3f);
		}
		if ((k == 2 && c < 0x80) || (k == 3 && c < 0x800) || (k == 4 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			goto out;
		i += k;
		if (c >= 0x10000) {       /* a surrogate pair */
			if (len + 4 > sizeof(buf))
				goto out;
			c -= 0x10000;
			buf[len++] = (unsigned char)((0xd800 | (c >> 10)) & 0xff);
			buf[len++] = (unsigned char)((0xd800 | (c >> 10)) >> 8);
			buf[len++] = (unsigned char)((0xdc00 | (c & 0x3ff)) & 0xff);
			buf[len++] = (unsigned char)((0xdc00 | (c & 0x3ff)) >> 8);
		} else {
			if (len + 2 > sizeof(buf))
				goto out;
			buf[len++] = (unsigned char)(c & 0xff);
			buf[len++] = (unsigned char)(c >> 8);
		}
	}
	md4_init(&ctx);
	md4_update(&ctx, len, buf);
	md4_digest(&ctx, NT_HASH_BYTES, out);
	rc = 0;
out:
	sodium_memzero(buf, sizeof(buf));
	return rc;
}
