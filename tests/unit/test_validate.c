/* validate.c: every field validator, good and bad values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "validate.h"
#include "unit.h"

#define OK(x) assert_null(x)
#define BAD(x, key) do { const char *e_ = (x); assert_non_null(e_); \
	assert_string_equal(e_, key); } while (0)

/* A string of n copies of the UTF-8 character c. */
static char *
rep(const char *c, size_t n)
{
	size_t l = strlen(c);
	char *s = test_malloc(l * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(s + i * l, c, l);
	s[l * n] = '\0';
	return s;
}

static void
name_validator(void **state)
{
	char *s;

	(void)state;
	BAD(validate_name(NULL), "err_required");
	BAD(validate_name(""), "err_required");
	OK(validate_name("Ada"));
	OK(validate_name("Jean-Fran\xc3\xa7ois O'Neil"));
	s = rep("a", 100);
	OK(validate_name(s));
	test_free(s);
	s = rep("\xc3\xa9", 100);               /* 100 characters, 200 bytes */
	OK(validate_name(s));
	test_free(s);
	s = rep("a", 101);
	BAD(validate_name(s), "err_too_long");
	test_free(s);
	BAD(validate_name("Ada\nLovelace"), "err_bad_chars");
	BAD(validate_name("Ada\x7f"), "err_bad_chars");
}

static void
text_validator(void **state)
{
	(void)state;
	OK(validate_text(NULL, 5));
	OK(validate_text("", 5));
	OK(validate_text("abcde", 5));
	OK(validate_text("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5));
	BAD(validate_text("abcdef", 5), "err_too_long");
	BAD(validate_text("a\tb", 5), "err_bad_chars");
	BAD(validate_text("a\rb", 5), "err_bad_chars");
}

static void
email_validator_accepts(void **state)
{
	char local[65], addr[300];

	(void)state;
	OK(validate_email("a@b.co"));
	OK(validate_email("user@acme.test"));
	OK(validate_email("first.last+tag@mail.example.co.uk"));
	OK(validate_email("o'brien@example.com"));
	OK(validate_email("x_y-z@sub-domain.example.com"));
	memset(local, 'a', 64);
	local[64] = '\0';
	snprintf(addr, sizeof(addr), "%s@example.com", local);      /* 64-byte local part */
	OK(validate_email(addr));
	OK(validate_email_optional(""));
	OK(validate_email_optional(NULL));
	OK(validate_email_optional("a@b.co"));
}

static void
email_validator_refuses(void **state)
{
	char local[66], label[70], addr[400];

	(void)state;
	BAD(validate_email(NULL), "err_required");
	BAD(validate_email(""), "err_required");
	BAD(validate_email("plainaddress"), "err_email");
	BAD(validate_email("@example.com"), "err_email");
	BAD(validate_email("user@"), "err_email");
	BAD(validate_email("user@localhost"), "err_email");         /* no dot */
	BAD(validate_email("a@b@c.de"), "err_email");
	BAD(validate_email("a b@c.de"), "err_email");
	BAD(validate_email(".a@c.de"), "err_email");
	BAD(validate_email("a.@c.de"), "err_email");
	BAD(validate_email("a..b@c.de"), "err_email");
	BAD(validate_email("a@c..de"), "err_email");
	BAD(validate_email("a@.c.de"), "err_email");
	BAD(validate_email("a@c.de."), "err_email");
	BAD(validate_email("a@-c.de"), "err_email");
	BAD(validate_email("a@c-.de"), "err_email");
	BAD(validate_email("a@c_d.de"), "err_email");
	BAD(validate_email("\"a\"@c.de"), "err_email");
	BAD(validate_email("a@c.de\r\nBcc: x@y.z"), "err_email");
	BAD(validate_email("caf\xc3\xa9@c.de"), "err_email");
	BAD(validate_email_optional("nope"), "err_email");
	memset(local, 'a', 65);
	local[65] = '\0';
	snprintf(addr, sizeof(addr), "%s@example.com", local);      /* 65-byte local part */
	BAD(validate_email(addr), "err_email");
	memset(label, 'b', 64);
	label[64] = '\0';
	snprintf(addr, sizeof(addr), "a@%s.com", label);            /* a 64-byte label */
	BAD(validate_email(addr), "err_email");
	{
		char *s = rep("abcdefghi.", 25);            /* a@ + 250 bytes + com: 255 */

		snprintf(addr, sizeof(addr), "a@%scom", s);
		test_free(s);
		assert_true(strlen(addr) > 254);
		BAD(validate_email(addr), "err_email");
	}
}

static void
phone_validators(void **state)
{
	(void)state;
	OK(validate_phone(NULL));
	OK(validate_phone(""));
	OK(validate_phone("+44 20 7946 0000"));
	OK(validate_phone("(020) 7946-0000"));
	OK(validate_phone("123"));
	OK(validate_phone("123456789012345"));                       /* 15 digits */
	BAD(validate_phone("12"), "err_phone");
	BAD(validate_phone("1234567890123456"), "err_phone");         /* 16 digits */
	BAD(validate_phone("44+20"), "err_phone");
	BAD(validate_phone("++4420"), "err_phone");
	BAD(validate_phone("020 7946 000x"), "err_phone");
	BAD(validate_phone("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7"), "err_phone");   /* > 32 */
	BAD(validate_phone_required(""), "err_required");
	BAD(validate_phone_required(NULL), "err_required");
	OK(validate_phone_required("+33 1 23 45 67 89"));
}

static void
wifi_password_validator(void **state)
{
	char *s;

	(void)state;
	BAD(validate_wifi_password(NULL), "err_required");
	BAD(validate_wifi_password(""), "err_required");
	BAD(validate_wifi_password("abc1234"), "err_wifi_length");    /* 7 */
	OK(validate_wifi_password("abcd1234"));                       /* 8 */
	s = rep("a1", 25);                                            /* 50 */
	OK(validate_wifi_password(s));
	test_free(s);
	s = rep("a1", 25);
	s = test_realloc(s, 52);
	strcat(s, "b");                                               /* 51 */
	BAD(validate_wifi_password(s), "err_wifi_length");
	test_free(s);
	BAD(validate_wifi_password("abcdefgh"), "err_wifi_mix");      /* no digit */
	BAD(validate_wifi_password("12345678"), "err_wifi_mix");      /* no letter */
	BAD(validate_wifi_password("1234-5678 !"), "err_wifi_mix");
	OK(validate_wifi_password("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" "1234"));  /* 8 characters */
	BAD(validate_wifi_password("\xc3\xa9\xc3\xa9\xc3\xa9" "1234"), "err_wifi_length");
	BAD(validate_wifi_password("abcd\x01" "1234"), "err_bad_chars");
}

static void
mac_validator(void **state)
{
	(void)state;
	BAD(validate_mac(NULL), "err_required");
	BAD(validate_mac(""), "err_required");
	OK(validate_mac("aa:bb:cc:dd:ee:ff"));
	OK(validate_mac("AA-BB-CC-DD-EE-0F"));
	OK(validate_mac("00:1A:2b:3C:4d:5E"));
	BAD(validate_mac("aa:bb:cc:dd:ee"), "err_mac");
	BAD(validate_mac("aa:bb:cc:dd:ee:ff:"), "err_mac");
	BAD(validate_mac("aabbccddeeff"), "err_mac");
	BAD(validate_mac("gg:bb:cc:dd:ee:ff"), "err_mac");
	BAD(validate_mac("aa.bb.cc.dd.ee.ff"), "err_mac");
	BAD(validate_mac("aa:bb:cc:dd:ee:f "), "err_mac");
}

static char catdir[256];

static int
lang_setup(void **state)
{
	(void)state;
	return catalogue_make(catdir, sizeof(catdir));
}

static int
lang_teardown(void **state)
{
	(void)state;
	i18n_free();
	catalogue_remove(catdir);
	return 0;
}

static void
language_validator(void **state)
{
	(void)state;
	OK(validate_language("en"));
	OK(validate_language("fr"));
	OK(validate_language("de"));
	BAD(validate_language("es"), "err_language");
	BAD(validate_language("EN"), "err_language");
	BAD(validate_language("fr-FR"), "err_language");
	BAD(validate_language(""), "err_required");
	BAD(validate_language(NULL), "err_required");
}

/* issue 16: a leaving date */
static void
leave_date_validator(void **state)
{
	(void)state;
	OK(validate_leave_date("2026-12-06", "2026-12-06"));
	OK(validate_leave_date("2028-02-29", "2026-12-06"));
	BAD(validate_leave_date("2026-12-05", "2026-12-06"), "leave_err_past");
	BAD(validate_leave_date("2027-02-29", "2026-12-06"), "leave_err_format");
	BAD(validate_leave_date("2027-04-31", "2026-12-06"), "leave_err_format");
	BAD(validate_leave_date("2027-13-01", "2026-12-06"), "leave_err_format");
	BAD(validate_leave_date("2027-1-01", "2026-12-06"), "leave_err_format");
	BAD(validate_leave_date("27-01-01xx", "2026-12-06"), "leave_err_format");
	BAD(validate_leave_date("2027-01-0a", "2026-12-06"), "leave_err_format");
	BAD(validate_leave_date("2027-01-01 ", "2026-12-06"), "leave_err_format");
	BAD(validate_leave_date("", "2026-12-06"), "leave_err_required");
	BAD(validate_leave_date(NULL, "2026-12-06"), "leave_err_required");
}

int
run_validate_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(name_validator),
		cmocka_unit_test(text_validator),
		cmocka_unit_test(email_validator_accepts),
		cmocka_unit_test(email_validator_refuses),
		cmocka_unit_test(phone_validators),
		cmocka_unit_test(wifi_password_validator),
		cmocka_unit_test(mac_validator),
		cmocka_unit_test_setup_teardown(language_validator, lang_setup, lang_teardown),
		cmocka_unit_test(leave_date_validator),
	};

	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
