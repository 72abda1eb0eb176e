/* nthash.c: the NT hash FreeRADIUS checks Wi-Fi passwords against (MD4 of UTF-16LE). */
#include <string.h>

#include "nthash.h"
#include "util.h"
#include "unit.h"

static void
hex_of(const char *pw, size_t n, char out[33])
{
	unsigned char h[NT_HASH_BYTES];

	assert_int_equal(nt_hash(pw, n, h), 0);
	hex_encode(out, h, sizeof(h));
}

/* Known answers: "password" (the classic), "" and one with a 2-byte character and an emoji
 * outside the BMP (a surrogate pair), both checked against `iconv -t utf-16le | openssl md4`. */
static void
known_answers(void **state)
{
	char hex[33];
	const char odd[] = "p\xc3\xa4ssw\xf0\x9f\x98\x80rd";

	(void)state;
	hex_of("password", 8, hex);
	assert_string_equal(hex, "8846f7eaee8fb117ad06bdd830b7586c");
	hex_of("", 0, hex);
	assert_string_equal(hex, "31d6cfe0d16ae931b73c59d7e0c089c0");
	hex_of(odd, strlen(odd), hex);
	assert_string_equal(hex, "d32764072815e3a8807c63b9337c4a34");
}

/* Not UTF-8 (a lone continuation byte, a cut sequence, an overlong '/', a surrogate) or
 * too long: refused, never hashed as something else. */
static void
refuses_bad_input(void **state)
{
	unsigned char h[NT_HASH_BYTES];
	char big[300];

	(void)state;
	assert_int_equal(nt_hash("\x80", 1, h), -1);
	assert_int_equal(nt_hash("ab\xc3", 3, h), -1);
	assert_int_equal(nt_hash("\xc0\xaf", 2, h), -1);
	assert_int_equal(nt_hash("\xed\xa0\x80", 3, h), -1);
	memset(big, 'a', sizeof(big));
	assert_int_equal(nt_hash(big, 256, h), 0);
	assert_int_equal(nt_hash(big, 257, h), -1);
}

int
run_nthash_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_answers),
		cmocka_unit_test(refuses_bad_input),
	};

	return cmocka_run_group_tests_name("nthash", tests, NULL, NULL);
}
