/* totp.c (issue 16): RFC 6238 codes, the drift window and replay, base32, recovery codes, QR. */
#include <string.h>

#include "unit.h"
#include "totp.h"
#include "util.h"

/* RFC 6238 appendix B's SHA-1 key, "12345678901234567890". */
static const unsigned char rfc_key[TOTP_SECRET_BYTES] = "12345678901234567890";

static void
rfc6238_vectors(void **state)
{
	/* appendix B's 8-digit values, of which a 6-digit code is the last six */
	static const struct { long long t; const char *code; } v[] = {
		{ 59, "287082" }, { 1111111109, "081804" }, { 1111111111, "050471" },
		{ 1234567890, "005924" }, { 2000000000, "279037" },
	};
	char out[7];

	(void)state;
	assert_int_equal(totp_init(), 0);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(totp_code(rfc_key, totp_step((time_t)v[i].t), out), 0);
		assert_string_equal(out, v[i].code);
	}
}

static void
drift_and_replay(void **state)
{
	time_t now = 1111111111;        /* step 37037037 */
	long long s = totp_step(now);
	char c[7];

	(void)state;
	totp_code(rfc_key, s, c);
	assert_int_equal(totp_check(rfc_key, now, c, 0), s);
	assert_int_equal(totp_check(rfc_key, now, c, s), TOTP_REPLAY);      /* used */
	totp_code(rfc_key, s - 1, c);
	assert_int_equal(totp_check(rfc_key, now, c, 0), s - 1);            /* one step behind */
	assert_int_equal(totp_check(rfc_key, now, c, s - 1), TOTP_REPLAY);
	totp_code(rfc_key, s + 1, c);
	assert_int_equal(totp_check(rfc_key, now, c, s), s + 1);            /* one step ahead */
	totp_code(rfc_key, s + 2, c);
	assert_int_equal(totp_check(rfc_key, now, c, 0), TOTP_WRONG);       /* two: no */
	totp_code(rfc_key, s - 2, c);
	assert_int_equal(totp_check(rfc_key, now, c, 0), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, now, "12345", 0), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, now, "1234567", 0), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, now, "12a456", 0), TOTP_WRONG);
	assert_int_equal(totp_check(rfc_key, now, NULL, 0), TOTP_WRONG);
}

static void
base32_and_uri(void **state)
{
	char b32[TOTP_B32_LEN + 1];
	struct arena a;
	char *uri;

	(void)state;
	totp_base32(b32, rfc_key);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	arena_init(&a, 0);
	uri = totp_uri(&a, "Demo Workspaces", "a@b.test", b32);
	assert_string_equal(uri, "otpauth://totp/Demo%20Workspaces:a%40b.test?secret="
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Demo%20Workspaces&algorithm=SHA1&digits=6"
	    "&period=30");
	arena_free(&a);
}

static void
recovery_codes(void **state)
{
	char c[RECOVERY_LEN + 1], n[11], m[11], h1[RECOVERY_HASH_LEN], h2[RECOVERY_HASH_LEN];

	(void)state;
	recovery_new(c);
	assert_int_equal(strlen(c), RECOVERY_LEN);
	assert_int_equal(c[5], '-');
	assert_int_equal(recovery_normalise(c, n), 0);
	assert_int_equal(strlen(n), 10);
	assert_int_equal(recovery_normalise("ABCDE FGHJK", m), 0);
	assert_string_equal(m, "abcdefghjk");
	assert_int_equal(recovery_normalise("abcde-fghj", m), -1);       /* short */
	assert_int_equal(recovery_normalise("abcde-fghjkm", m), -1);     /* long */
	assert_int_equal(recovery_normalise("abcde-fghj1", m), -1);      /* 1: not in the alphabet */
	assert_int_equal(recovery_normalise(NULL, m), -1);
	assert_int_equal(recovery_hash(n, h1), 0);
	assert_int_equal(recovery_hash(n, h2), 0);
	assert_string_not_equal(h1, h2);                  /* salted */
	assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
	assert_int_equal(recovery_check(h1, n), 0);
	assert_int_equal(recovery_check(h2, n), 0);
	assert_int_equal(recovery_check(h1, "abcdefghjk"), -1);
	assert_int_equal(recovery_check("not-a-hash", n), -1);
	assert_int_equal(recovery_check(NULL, n), -1);
}

static void
qr_path(void **state)
{
	struct arena a;
	int size = 0;
	char *d;

	(void)state;
	arena_init(&a, 0);
	d = qr_svg_path(&a, "otpauth://totp/x:y?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", &size);
	assert_non_null(d);
	assert_true(size >= 21 + 8);
	assert_int_equal((size - 8 - 17) % 4, 0);                 /* a QR version's width */
	assert_int_equal(strncmp(d, "M4 4h7v1h-7z", 12), 0);      /* the finder pattern's top row */
	assert_int_equal(strspn(d, "Mhvz-0123456789 "), strlen(d));
	arena_free(&a);
}

int
run_totp_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc6238_vectors),
		cmocka_unit_test(drift_and_replay),
		cmocka_unit_test(base32_and_uri),
		cmocka_unit_test(recovery_codes),
		cmocka_unit_test(qr_path),
	};

	return cmocka_run_group_tests_name("totp", tests, NULL, NULL);
}
