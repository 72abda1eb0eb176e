/* secret.c: sealing with the server key, generated Wi-Fi passwords and PINs. */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include "secret.h"
#include "util.h"
#include "validate.h"
#include "unit.h"

static int
setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

static void
seal_open_round_trip(void **state)
{
	unsigned char key[32];
	struct arena a;
	const char msg[] = "https://portal.example/set-password?t=0123 and a Wi-Fi password";
	unsigned char *box;
	char *back;
	size_t blen, mlen = 0;

	(void)state;
	crypto_secretbox_keygen(key);
	arena_init(&a, 0);
	box = secret_seal(&a, key, msg, strlen(msg), &blen);
	assert_non_null(box);
	assert_int_equal(blen, strlen(msg) + SECRET_OVERHEAD);
	assert_null(memmem(box, blen, "password", 8));          /* not in the clear */
	back = secret_open(&a, key, box, blen, &mlen);
	assert_non_null(back);
	assert_int_equal(mlen, strlen(msg));
	assert_string_equal(back, msg);
	/* empty plaintext */
	box = secret_seal(&a, key, "", 0, &blen);
	assert_int_equal(blen, SECRET_OVERHEAD);
	back = secret_open(&a, key, box, blen, NULL);
	assert_non_null(back);
	assert_string_equal(back, "");
	arena_free(&a);
}

static void
seal_uses_a_fresh_nonce(void **state)
{
	unsigned char key[32], *b1, *b2;
	struct arena a;
	size_t l1, l2;

	(void)state;
	crypto_secretbox_keygen(key);
	arena_init(&a, 0);
	b1 = secret_seal(&a, key, "same", 4, &l1);
	b2 = secret_seal(&a, key, "same", 4, &l2);
	assert_int_equal(l1, l2);
	assert_true(memcmp(b1, b2, l1) != 0);
	arena_free(&a);
}

static void
tampered_or_foreign_boxes_fail(void **state)
{
	unsigned char key[32], other[32], *box;
	struct arena a;
	size_t blen;

	(void)state;
	crypto_secretbox_keygen(key);
	crypto_secretbox_keygen(other);
	arena_init(&a, 0);
	box = secret_seal(&a, key, "secret text", 11, &blen);
	for (size_t i = 0; i < blen; i++) {          /* any one bit flipped, anywhere */
		box[i] ^= 0x01;
		assert_null(secret_open(&a, key, box, blen, NULL));
		box[i] ^= 0x01;
	}
	assert_non_null(secret_open(&a, key, box, blen, NULL));
	assert_null(secret_open(&a, other, box, blen, NULL));
	assert_null(secret_open(&a, key, box, blen - 1, NULL));    /* truncated */
	assert_null(secret_open(&a, key, box, SECRET_OVERHEAD - 1, NULL));
	assert_null(secret_open(&a, key, box, 0, NULL));
	arena_free(&a);
}

static void
wifi_passwords_have_a_letter_and_a_digit(void **state)
{
	static const char alphabet[] =
	    "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char pw[13], prev[13] = "";

	(void)state;
	for (int n = 0; n < 2000; n++) {
		int letter = 0, digit = 0;

		secret_wifi_password(pw);
		assert_int_equal(strlen(pw), 12);
		for (int i = 0; i < 12; i++) {
			assert_non_null(strchr(alphabet, pw[i]));
			letter |= isalpha((unsigned char)pw[i]) != 0;
			digit |= isdigit((unsigned char)pw[i]) != 0;
		}
		assert_true(letter && digit);
		assert_null(validate_wifi_password(pw));
		assert_string_not_equal(pw, prev);
		memcpy(prev, pw, sizeof(pw));
	}
}

static void
pins_are_six_digits(void **state)
{
	char pin[7];

	(void)state;
	for (int n = 0; n < 200; n++) {
		secret_pin(pin);
		assert_int_equal(strlen(pin), 6);
		for (int i = 0; i < 6; i++)
			assert_true(isdigit((unsigned char)pin[i]));
	}
}

int
run_secret_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seal_open_round_trip),
		cmocka_unit_test(seal_uses_a_fresh_nonce),
		cmocka_unit_test(tampered_or_foreign_boxes_fail),
		cmocka_unit_test(wifi_passwords_have_a_letter_and_a_digit),
		cmocka_unit_test(pins_are_six_digits),
	};

	return cmocka_run_group_tests_name("secret", tests, setup, NULL);
}
