/* json.c: the API's strict JSON reader (what it accepts, refuses, and keeps) and writer. */
#include <string.h>

#include "json.h"
#include "util.h"
#include "unit.h"

static const struct json_limits LIM = { 8, 100, 64 };

static enum json_err
parse(struct arena *a, const char *s, struct json **v)
{
	return json_parse(a, s, strlen(s), &LIM, v);
}

static void
json_reads_values_and_unescapes(void **state)
{
	struct arena a;
	struct json *v;
	const struct json *m;

	(void)state;
	arena_init(&a, 1 << 20);
	assert_int_equal(parse(&a, " {\"a\": [1, -0.5e+3, true, null], \"s\": \"x\\n\\u00e9\\ud83d\\ude00\\/\"} ", &v), JSON_OK);
	assert_int_equal(v->type, J_OBJ);
	assert_int_equal(v->n, 2);
	m = json_get(v, "a");
	assert_non_null(m);
	assert_int_equal(m->type, J_ARR);
	assert_int_equal(m->n, 4);
	assert_string_equal(m->kids->s, "1");
	assert_string_equal(m->kids->next->s, "-0.5e+3");
	assert_int_equal(m->kids->next->next->b, 1);
	assert_int_equal(m->kids->next->next->next->type, J_NULL);
	m = json_get(v, "s");
	assert_string_equal(m->s, "x\n\xc3\xa9\xf0\x9f\x98\x80/");
	assert_null(json_get(v, "missing"));
	arena_free(&a);
}

static void
json_refuses_what_is_not_strict_json(void **state)
{
	static const struct { const char *text; enum json_err e; } bad[] = {
		{ "", JSON_ERR_SYNTAX }, { "{", JSON_ERR_SYNTAX }, { "{\"a\":1,}", JSON_ERR_SYNTAX },
		{ "[1,]", JSON_ERR_SYNTAX }, { "01", JSON_ERR_SYNTAX }, { "1.", JSON_ERR_SYNTAX },
		{ "+1", JSON_ERR_SYNTAX }, { "'a'", JSON_ERR_SYNTAX }, { "{a:1}", JSON_ERR_SYNTAX },
		{ "\"a\tb\"", JSON_ERR_SYNTAX }, { "\"\\x\"", JSON_ERR_SYNTAX }, { "tru", JSON_ERR_SYNTAX },
		{ "{} {}", JSON_ERR_SYNTAX }, { "NaN", JSON_ERR_SYNTAX },
		{ "{\"a\":1,\"a\":2}", JSON_ERR_DUP_KEY },
		{ "\"\\ud800\"", JSON_ERR_UTF8 }, { "\"\\udc00\"", JSON_ERR_UTF8 },
		{ "\"\\ud800\\u0041\"", JSON_ERR_UTF8 }, { "\"\\u0000\"", JSON_ERR_UTF8 },
		{ "\"\xff\"", JSON_ERR_UTF8 }, { "\"\xc0\xaf\"", JSON_ERR_UTF8 },
		{ "[[[[[[[[[]]]]]]]]]", JSON_ERR_DEPTH },
		{ "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", JSON_ERR_TOO_BIG },
	};
	struct arena a;
	struct json *v;

	(void)state;
	arena_init(&a, 1 << 20);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(&a, bad[i].text, &v), bad[i].e);
	/* a NUL byte inside the text */
	assert_int_equal(json_parse(&a, "\"a\0b\"", 5, &LIM, &v), JSON_ERR_UTF8);
	arena_free(&a);
}

static void
json_counts_every_value(void **state)
{
	struct arena a;
	struct json *v;
	char text[512] = "[";

	(void)state;
	arena_init(&a, 1 << 20);
	for (int i = 0; i < 100; i++)
		strcat(text, i ? ",1" : "1");
	strcat(text, "]");
	assert_int_equal(parse(&a, text, &v), JSON_ERR_TOO_BIG);   /* 101 values */
	text[strlen(text) - 3] = ']';
	text[strlen(text) - 2] = '\0';
	assert_int_equal(parse(&a, text, &v), JSON_OK);            /* 100 */
	arena_free(&a);
}

static void
json_writer_escapes_and_places_commas(void **state)
{
	struct sbuf b;
	struct jw w;

	(void)state;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_open(&w, NULL, '{');
	jw_str(&w, "s", "\"<b>\\\n\x01");
	jw_str(&w, "n", NULL);
	jw_int(&w, "i", -42);
	jw_open(&w, "a", '[');
	jw_bool(&w, NULL, 1);
	jw_open(&w, NULL, '{');
	jw_close(&w);
	jw_close(&w);
	jw_close(&w);
	assert_string_equal(b.data, "{\"s\":\"\\\"<b>\\\\\\u000a\\u0001\",\"n\":null,\"i\":-42,"
	    "\"a\":[true,{}]}");
	sbuf_free(&b);
}

int
run_json_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_reads_values_and_unescapes),
		cmocka_unit_test(json_refuses_what_is_not_strict_json),
		cmocka_unit_test(json_counts_every_value),
		cmocka_unit_test(json_writer_escapes_and_places_commas),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
