/* Two-factor sign-in, the pure parts (see totp.h). */
#include <ctype.h>
#include <string.h>

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include "totp.h"
#include "http.h"
#include "util.h"

int
totp_init(void)
{
	return oath_init() == OATH_OK ? 0 : -1;
}

void
totp_secret_new(unsigned char s[TOTP_SECRET_BYTES])
{
	randombytes_buf(s, TOTP_SECRET_BYTES);
}

void
totp_base32(char out[TOTP_B32_LEN + 1], const unsigned char s[TOTP_SECRET_BYTES])
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned buf = 0;
	int bits = 0;
	size_t o = 0;

	for (size_t i = 0; i < TOTP_SECRET_BYTES; i++) {
		buf = (buf << 8) | s[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = abc[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[o] = '\0';
}

long long
totp_step(time_t now)
{
	return (long long)now / TOTP_STEP;
}

int
totp_code(const unsigned char s[TOTP_SECRET_BYTES], long long step, char out[7])
{
	return oath_totp_generate((const char *)s, TOTP_SECRET_BYTES,
	    (time_t)(step * TOTP_STEP), TOTP_STEP, 0, TOTP_DIGITS, out) == OATH_OK ? 0 : -1;
}

long long
totp_check(const unsigned char s[TOTP_SECRET_BYTES], time_t now, const char *code,
    long long last_step)
{
	long long step = totp_step(now), found = 0;
	char want[7];

	if (code == NULL || strlen(code) != TOTP_DIGITS ||
	    strspn(code, "0123456789") != TOTP_DIGITS)
		return TOTP_WRONG;
	/* every candidate is computed and compared, so the time taken does not tell which */
	for (long long k = step - 1; k <= step + 1; k++)
		if (totp_code(s, k, want) == 0 && sodium_memcmp(want, code, TOTP_DIGITS) == 0)
			found = k;
	if (found == 0)
		return TOTP_WRONG;
	return found <= last_step ? TOTP_REPLAY : found;
}

static const char rec_abc[] = "23456789abcdefghjkmnpqrstuvwxyz";

void
recovery_new(char out[RECOVERY_LEN + 1])
{
	for (int i = 0, o = 0; i < 10; i++) {
		if (i == 5)
			out[o++] = '-';
		out[o++] = rec_abc[randombytes_uniform(sizeof(rec_abc) - 1)];
	}
	out[RECOVERY_LEN] = '\0';
}

int
recovery_normalise(const char *in, char out[11])
{
	size_t n = 0;

	if (in == NULL)
		return -1;
	for (; *in; in++) {
		char c = (char)tolower((unsigned char)*in);

		if (c == '-' || c == ' ')
			continue;
		if (n == 10 || strchr(rec_abc, c) == NULL || c == '\0')
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == 10 ? 0 : -1;
}

/* 8 MiB, 3 passes: about 10 ms a hash. */
#define REC_OPS 3
#define REC_MEM (8U << 20)

int
recovery_hash(const char *norm, char h[RECOVERY_HASH_LEN])
{
	return crypto_pwhash_str(h, norm, strlen(norm), REC_OPS, REC_MEM) == 0 ? 0 : -1;
}

int
recovery_check(const char *h, const char *norm)
{
	if (h == NULL || strncmp(h, "$argon2id$", 10) != 0)
		return -1;
	return crypto_pwhash_str_verify(h, norm, strlen(norm)) == 0 ? 0 : -1;
}

char *
totp_uri(struct arena *a, const char *issuer, const char *account, const char *b32)
{
	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1"
	    "&digits=%d&period=%d", url_encode(a, issuer), url_encode(a, account), b32,
	    url_encode(a, issuer), TOTP_DIGITS, TOTP_STEP);
}

char *
qr_svg_path(struct arena *a, const char *text, int *size)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct sbuf b;
	char *out;

	if (q == NULL)
		return NULL;
	sbuf_init(&b);
	/* one subpath per horizontal run of dark modules */
	for (int y = 0; y < q->width; y++) {
		for (int x = 0; x < q->width; x++) {
			int run = 0;

			while (x + run < q->width && (q->data[y * q->width + x + run] & 1))
				run++;
			if (run == 0)
				continue;
			sbuf_printf(&b, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
			x += run;
		}
	}
	*size = q->width + 8;
	QRcode_free(q);
	out = arena_strndup(a, b.data ? b.data : "", b.len);
	sbuf_free(&b);
	return out;
}
