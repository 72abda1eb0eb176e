/* util.c: UTF-8 validation, number parsing, hex, the arena and the string buffer. */
#include <stdio.h>
#include <limits.h>
#include <string.h>

#include "util.h"
#include "unit.h"

#define VALID(lit) utf8_valid((const unsigned char *)(lit), sizeof(lit) - 1)

static void
utf8_accepts_well_formed_text(void **state)
{
	(void)state;
	assert_true(VALID(""));
	assert_true(VALID("plain ASCII ~"));
	assert_true(VALID("\xc2\x80"));                 /* U+0080, the first 2-byte */
	assert_true(VALID("caf\xc3\xa9"));              /* é */
	assert_true(VALID("\xdf\xbf"));                 /* U+07FF */
	assert_true(VALID("\xe0\xa0\x80"));             /* U+0800, the first 3-byte */
	assert_true(VALID("\xed\x9f\xbf"));             /* U+D7FF, just below the surrogates */
	assert_true(VALID("\xee\x80\x80"));             /* U+E000, just above them */
	assert_true(VALID("\xef\xbf\xbf"));             /* U+FFFF */
	assert_true(VALID("\xf0\x90\x80\x80"));         /* U+10000, the first 4-byte */
	assert_true(VALID("\xf4\x8f\xbf\xbf"));         /* U+10FFFF, the last code point */
	assert_true(VALID("\xe2\x82\xac 10 \xf0\x9f\x98\x80"));
}

static void
utf8_refuses_overlongs(void **state)
{
	(void)state;
	assert_false(VALID("\xc0\x80"));                /* NUL in two bytes */
	assert_false(VALID("\xc0\xaf"));                /* "/" in two bytes */
	assert_false(VALID("\xc1\xbf"));
	assert_false(VALID("\xe0\x80\x80"));
	assert_false(VALID("\xe0\x9f\xbf"));            /* U+07FF in three bytes */
	assert_false(VALID("\xf0\x80\x80\x80"));
	assert_false(VALID("\xf0\x8f\xbf\xbf"));        /* U+FFFF in four bytes */
}

static void
utf8_refuses_surrogates_and_beyond_unicode(void **state)
{
	(void)state;
	assert_false(VALID("\xed\xa0\x80"));            /* U+D800 */
	assert_false(VALID("\xed\xbf\xbf"));            /* U+DFFF */
	assert_false(VALID("\xed\xa0\xbd\xed\xb8\x80")); /* a CESU-8 pair */
	assert_false(VALID("\xf4\x90\x80\x80"));        /* U+110000 */
	assert_false(VALID("\xf5\x80\x80\x80"));
	assert_false(VALID("\xf7\xbf\xbf\xbf"));
	assert_false(VALID("\xf8\x88\x80\x80\x80"));    /* old 5-byte form */
	assert_false(VALID("\xfe"));
	assert_false(VALID("\xff"));
}

static void
utf8_refuses_truncated_and_stray_bytes(void **state)
{
	(void)state;
	assert_false(VALID("\xc3"));
	assert_false(VALID("ab\xc3"));
	assert_false(VALID("\xe2\x82"));
	assert_false(VALID("\xf0\x9f\x98"));
	assert_false(VALID("\x80"));                    /* a continuation byte alone */
	assert_false(VALID("a\xbf"));
	assert_false(VALID("\xc3\x28"));                /* lead byte, then not a continuation */
	assert_false(VALID("\xe2\x28\xa1"));
	assert_false(VALID("\xf0\x9f\x98\x28"));
	/* n counts the bytes: a sequence cut by n is refused even if more follows */
	assert_false(utf8_valid((const unsigned char *)"\xc3\xa9", 1));
}

static void
utf8_refuses_nul(void **state)
{
	(void)state;
	assert_false(VALID("a\0b"));
	assert_false(VALID("\0"));
}

static void
utf8_chars_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("caf\xc3\xa9"), 4);
	assert_int_equal(utf8_chars("\xf0\x9f\x98\x80\xe2\x82\xac"), 2);
}

static void
str_to_long_parses_whole_numbers_in_range(void **state)
{
	long v = -1;

	(void)state;
	assert_int_equal(str_to_long("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(str_to_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(str_to_long("-5", -10, 10, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(str_to_long("007", 0, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(str_to_long("9223372036854775807", 0, LONG_MAX, &v), 0);
	assert_true(v == LONG_MAX);
	assert_int_equal(str_to_long("10", 0, 10, &v), 0);      /* bounds are inclusive */
	assert_int_equal(str_to_long("-10", -10, 10, &v), 0);
}

static void
str_to_long_refuses_everything_else(void **state)
{
	long v = 77;

	(void)state;
	assert_int_equal(str_to_long(NULL, 0, 10, &v), -1);
	assert_int_equal(str_to_long("", 0, 10, &v), -1);
	assert_int_equal(str_to_long("-", -10, 10, &v), -1);
	assert_int_equal(str_to_long("--1", -10, 10, &v), -1);
	assert_int_equal(str_to_long("+1", 0, 10, &v), -1);
	assert_int_equal(str_to_long(" 1", 0, 10, &v), -1);
	assert_int_equal(str_to_long("1 ", 0, 10, &v), -1);
	assert_int_equal(str_to_long("12a", 0, 100, &v), -1);
	assert_int_equal(str_to_long("0x10", 0, 100, &v), -1);
	assert_int_equal(str_to_long("1.5", 0, 100, &v), -1);
	assert_int_equal(str_to_long("11", 0, 10, &v), -1);
	assert_int_equal(str_to_long("-11", -10, 10, &v), -1);
	assert_int_equal(str_to_long("9223372036854775808", 0, LONG_MAX, &v), -1);
	assert_int_equal(str_to_long("99999999999999999999", 0, LONG_MAX, &v), -1);
	assert_int_equal(v, 77);                /* untouched on failure */
}

static void
hex_round_trip(void **state)
{
	const unsigned char in[] = { 0x00, 0x01, 0xab, 0xff, 0x7f };
	unsigned char out[5];
	char hex[11];

	(void)state;
	hex_encode(hex, in, sizeof(in));
	assert_string_equal(hex, "0001abff7f");
	assert_int_equal(hex_decode(out, sizeof(out), hex), 0);
	assert_memory_equal(out, in, sizeof(in));
	assert_int_equal(hex_decode(out, sizeof(out), "0001ABFF7F"), 0);   /* either case */
	assert_memory_equal(out, in, sizeof(in));
	hex_encode(hex, in, 0);
	assert_string_equal(hex, "");
}

static void
hex_decode_refuses_bad_input(void **state)
{
	unsigned char out[4];

	(void)state;
	assert_int_equal(hex_decode(out, 4, "0011223"), -1);    /* short */
	assert_int_equal(hex_decode(out, 4, "001122334"), -1);  /* long */
	assert_int_equal(hex_decode(out, 4, "0011223g"), -1);
	assert_int_equal(hex_decode(out, 4, "00 11223"), -1);
	assert_int_equal(hex_decode(out, 4, ""), -1);
	assert_int_equal(hex_decode(out, 0, ""), 0);
}

static void
str_helpers(void **state)
{
	char s1[] = "  \t padded \r\n", s2[] = "MiXeD 123";

	(void)state;
	assert_string_equal(str_trim(s1), "padded");
	/* issue 11: a NULL from an exhausted arena comes back NULL (the caller answers 500) */
	assert_null(str_trim(NULL));
	str_lower(s2);
	assert_string_equal(s2, "mixed 123");
	assert_true(str_eq("a", "a"));
	assert_false(str_eq("a", "b"));
	assert_false(str_eq(NULL, "a"));
	assert_false(str_eq(NULL, NULL));
}

static void
arena_respects_its_limit(void **state)
{
	struct arena a;
	char *p, *q;

	(void)state;
	arena_init(&a, 1024);
	assert_non_null(p = arena_alloc(&a, 100));
	assert_null(arena_alloc(&a, 2000));             /* over the limit */
	assert_null(arena_alloc(&a, (size_t)-1));       /* would overflow */
	assert_non_null(q = arena_printf(&a, "%s-%d", "x", 42));
	assert_string_equal(q, "x-42");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	arena_reset(&a);
	assert_int_equal(a.used, 0);
	assert_non_null(arena_zalloc(&a, 512));
	arena_free(&a);
}

static void
sbuf_grows(void **state)
{
	struct sbuf b;

	(void)state;
	sbuf_init(&b);
	for (int i = 0; i < 1000; i++)
		sbuf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_int_equal(b.data[b.len], '\0');
	sbuf_reset(&b);
	sbuf_adds(&b, "ab");
	sbuf_addc(&b, 'c');
	assert_string_equal(b.data, "abc");
	sbuf_free(&b);
}

/* FOLDS(in, want): str_fold gives want, never longer than in. */
#define FOLDS(in, want) do { \
		char out_[64]; \
		size_t n_ = str_fold((in), out_); \
		assert_string_equal(out_, (want)); \
		assert_int_equal(n_, strlen(want)); \
		assert_true(n_ <= strlen(in)); \
	} while (0)

static void
json_add_str_quotes_and_escapes(void **state)
{
	struct sbuf b;

	(void)state;
	sbuf_init(&b);
	json_add_str(&b, "ann@acme.test");
	assert_string_equal(b.data, "\"ann@acme.test\"");
	sbuf_reset(&b);
	json_add_str(&b, "a\"b\\c\n\x01" "d");
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\u000a\\u0001d\"");
	sbuf_reset(&b);
	json_add_str(&b, "jos\xc3\xa9@x.test");        /* UTF-8 as it is */
	assert_string_equal(b.data, "\"jos\xc3\xa9@x.test\"");
	sbuf_reset(&b);
	json_add_str(&b, "");
	assert_string_equal(b.data, "\"\"");
	sbuf_free(&b);
}

static void
str_fold_ignores_case_and_accents(void **state)
{
	(void)state;
	FOLDS("Linda HALL", "linda hall");
	FOLDS("Jos\xc3\xa9 \xc3\x81lvarez", "jose alvarez");           /* José Álvarez */
	FOLDS("Stra\xc3\x9f" "e", "strasse");                           /* Straße */
	FOLDS("\xc5\x81\xc3\xb3" "d\xc5\xba", "lodz");                /* Łódź */
	FOLDS("\xc3\x86sir \xc5\x92uvre", "aesir oeuvre");
	FOLDS("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd", "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd"); /* Иван */
	FOLDS("\xce\x91\xce\xbb", "\xce\xb1\xce\xbb");             /* Αλ */
	FOLDS("\xd0\x81", "\xd1\x91");                                 /* Ё ё */
	FOLDS("\xe2\x82\xac 5 \xc3\x97 2", "\xe2\x82\xac 5 \xc3\x97 2"); /* € and × kept */
	FOLDS("a.b_c%d@x.test", "a.b_c%d@x.test");
	FOLDS("", "");
}

int
run_util_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_accepts_well_formed_text),
		cmocka_unit_test(utf8_refuses_overlongs),
		cmocka_unit_test(utf8_refuses_surrogates_and_beyond_unicode),
		cmocka_unit_test(utf8_refuses_truncated_and_stray_bytes),
		cmocka_unit_test(utf8_refuses_nul),
		cmocka_unit_test(utf8_chars_counts_code_points),
		cmocka_unit_test(str_to_long_parses_whole_numbers_in_range),
		cmocka_unit_test(str_to_long_refuses_everything_else),
		cmocka_unit_test(hex_round_trip),
		cmocka_unit_test(hex_decode_refuses_bad_input),
		cmocka_unit_test(str_helpers),
		cmocka_unit_test(arena_respects_its_limit),
		cmocka_unit_test(sbuf_grows),
		cmocka_unit_test(json_add_str_quotes_and_escapes),
		cmocka_unit_test(str_fold_ignores_case_and_accents),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
