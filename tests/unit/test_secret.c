/* secret.c: sealing with the server key, generated Wi-Fi passwords and PINs. */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include "conf.h"
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

/* issue 11: subkeys, the user id as additional data, the key id and the rotation keys */
static void
sealed_for_a_use_and_a_user(void **state)
{
	struct config c, old, rotated;
	struct arena a;
	unsigned char *box, *legacy;
	size_t blen, llen, mlen = 0;
	char *back;
	int cur = -1;

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(c.wifi_key, 0x11, 32);
	c.has_wifi_key = 1;
	arena_init(&a, 0);
	assert_int_equal(secret_init(&c), 0);
	box = secret_seal_for(&a, SECRET_WIFI, 42, "Wifi-pass-1", 11, &blen);
	assert_non_null(box);
	assert_int_equal(blen, 11 + SECRET_V2_OVERHEAD);
	assert_int_equal(box[0], 0x02);
	back = secret_open_for(&a, SECRET_WIFI, 42, box, blen, &mlen, &cur);
	assert_non_null(back);
	assert_string_equal(back, "Wifi-pass-1");
	assert_int_equal(mlen, 11);
	assert_int_equal(cur, 1);
	/* bound to its user and its use: another user's row, or the outbox key, opens nothing */
	assert_null(secret_open_for(&a, SECRET_WIFI, 43, box, blen, NULL, NULL));
	assert_null(secret_open_for(&a, SECRET_OUTBOX, 42, box, blen, NULL, NULL));
	/* the header is authenticated too */
	box[1] ^= 1;
	assert_null(secret_open_for(&a, SECRET_WIFI, 42, box, blen, NULL, NULL));
	box[1] ^= 1;
	/* not the master key itself: secretbox with it does not open the new format */
	assert_null(secret_open(&a, c.wifi_key, box, blen, NULL));

	/* the older format (secretbox under the master key) still opens, as not current */
	legacy = secret_seal(&a, c.wifi_key, "old-pass-22", 11, &llen);
	back = secret_open_for(&a, SECRET_WIFI, 7, legacy, llen, NULL, &cur);
	assert_non_null(back);
	assert_string_equal(back, "old-pass-22");
	assert_int_equal(cur, 0);

	/* rotation: a new wifi_key with the old one as wifi_key_previous opens both, and only
	 * the new key's values are current */
	old = c;
	memset(&rotated, 0, sizeof(rotated));
	memset(rotated.wifi_key, 0x22, 32);
	rotated.has_wifi_key = 1;
	memcpy(rotated.wifi_key_previous, old.wifi_key, 32);
	rotated.has_wifi_key_previous = 1;
	assert_int_equal(secret_init(&rotated), 0);
	back = secret_open_for(&a, SECRET_WIFI, 42, box, blen, NULL, &cur);
	assert_non_null(back);
	assert_int_equal(cur, 0);
	assert_non_null(secret_open_for(&a, SECRET_WIFI, 7, legacy, llen, NULL, &cur));
	{
		size_t nlen;
		unsigned char *fresh = secret_seal_for(&a, SECRET_OUTBOX, 0, "mail", 4, &nlen);

		assert_memory_not_equal(fresh + 1, box + 1, 4);         /* another key id */
		assert_non_null(secret_open_for(&a, SECRET_OUTBOX, 0, fresh, nlen, NULL, &cur));
		assert_int_equal(cur, 1);
		/* and the old key alone (a host not restarted yet) cannot open it: hence
		 * wifi_key_next, which a rotation adds everywhere first */
		assert_int_equal(secret_init(&old), 0);
		assert_null(secret_open_for(&a, SECRET_OUTBOX, 0, fresh, nlen, NULL, NULL));
		memcpy(old.wifi_key_next, rotated.wifi_key, 32);
		old.has_wifi_key_next = 1;
		assert_int_equal(secret_init(&old), 0);
		assert_non_null(secret_open_for(&a, SECRET_OUTBOX, 0, fresh, nlen, NULL, &cur));
		assert_int_equal(cur, 0);
	}
	/* after the rotation, without the previous key, the old values no longer open */
	rotated.has_wifi_key_previous = 0;
	assert_int_equal(secret_init(&rotated), 0);
	assert_null(secret_open_for(&a, SECRET_WIFI, 42, box, blen, NULL, NULL));
	assert_null(secret_open_for(&a, SECRET_WIFI, 7, legacy, llen, NULL, NULL));
	arena_free(&a);
}

int
run_secret_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seal_open_round_trip),
		cmocka_unit_test(seal_uses_a_fresh_nonce),
		cmocka_unit_test(tampered_or_foreign_boxes_fail),
		cmocka_unit_test(sealed_for_a_use_and_a_user),
		cmocka_unit_test(wifi_passwords_have_a_letter_and_a_digit),
		cmocka_unit_test(pins_are_six_digits),
	};

	return cmocka_run_group_tests_name("secret", tests, setup, NULL);
}
