/* http.c: the urlencoded, cookie and multipart parsers and their limits (SEC-2). */
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "util.h"
#include "unit.h"

static const struct http_limits SMALL = { .max_fields = 3, .max_name = 8, .max_value = 16 };

struct fx {
	struct arena a;
	struct kvlist l;
	struct upload up;
};

static int
fx_setup(void **state)
{
	struct fx *f = test_calloc(1, sizeof(*f));

	arena_init(&f->a, 1 << 20);
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;

	arena_free(&f->a);
	test_free(f);
	return 0;
}

static enum http_err
form(struct fx *f, const char *s, const struct http_limits *lim)
{
	memset(&f->l, 0, sizeof(f->l));
	return http_parse_urlencoded(&f->a, s, strlen(s), lim, &f->l);
}

static void
urlencoded_pairs(void **state)
{
	struct fx *f = *state;

	assert_int_equal(form(f, "a=1&b=two&c=", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_int_equal(f->l.n, 3);
	assert_string_equal(kv_get(&f->l, "a"), "1");
	assert_string_equal(kv_get(&f->l, "b"), "two");
	assert_string_equal(kv_get(&f->l, "c"), "");
	assert_null(kv_get(&f->l, "d"));
}

static void
urlencoded_decodes_plus_and_percent(void **state)
{
	struct fx *f = *state;

	assert_int_equal(form(f, "q=a+b%20c%2Bd&e%3Dx=%3d%26&u=caf%C3%A9", &HTTP_FORM_LIMITS),
	    HTTP_OK);
	assert_string_equal(kv_get(&f->l, "q"), "a b c+d");
	assert_string_equal(kv_get(&f->l, "e=x"), "=&");
	assert_string_equal(kv_get(&f->l, "u"), "caf\xc3\xa9");
	assert_int_equal(f->l.v[2].vlen, 5);
}

static void
urlencoded_missing_equals_and_empty_pairs(void **state)
{
	struct fx *f = *state;

	assert_int_equal(form(f, "&&flag&&x=1&", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_int_equal(f->l.n, 2);
	assert_string_equal(kv_get(&f->l, "flag"), "");
	assert_string_equal(kv_get(&f->l, "x"), "1");
	assert_int_equal(form(f, "", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_int_equal(f->l.n, 0);
	assert_int_equal(form(f, "a=1=2", &HTTP_FORM_LIMITS), HTTP_OK);   /* first "=" splits */
	assert_string_equal(kv_get(&f->l, "a"), "1=2");
	assert_int_equal(form(f, "=v", &HTTP_FORM_LIMITS), HTTP_OK);      /* empty name */
	assert_string_equal(kv_get(&f->l, ""), "v");
}

static void
urlencoded_repeated_names(void **state)
{
	struct fx *f = *state;

	assert_int_equal(form(f, "id=1&id=2&id=3", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_int_equal(kv_count(&f->l, "id"), 3);
	assert_string_equal(kv_nth(&f->l, "id", 2), "3");
	assert_null(kv_nth(&f->l, "id", 3));
}

static void
urlencoded_bad_percent(void **state)
{
	struct fx *f = *state;

	assert_int_equal(form(f, "a=%", &HTTP_FORM_LIMITS), HTTP_ERR_MALFORMED);
	assert_int_equal(form(f, "a=%4", &HTTP_FORM_LIMITS), HTTP_ERR_MALFORMED);
	assert_int_equal(form(f, "a=%4g", &HTTP_FORM_LIMITS), HTTP_ERR_MALFORMED);
	assert_int_equal(form(f, "a=%zz&b=1", &HTTP_FORM_LIMITS), HTTP_ERR_MALFORMED);
	assert_int_equal(form(f, "%=1", &HTTP_FORM_LIMITS), HTTP_ERR_MALFORMED);
	assert_int_equal(form(f, "a=%%41", &HTTP_FORM_LIMITS), HTTP_ERR_MALFORMED);
	assert_int_equal(form(f, "a=%41", &HTTP_FORM_LIMITS), HTTP_OK);  /* at the very end */
	assert_string_equal(kv_get(&f->l, "a"), "A");
}

static void
urlencoded_invalid_utf8_and_nul(void **state)
{
	struct fx *f = *state;

	assert_int_equal(form(f, "a=%C3%28", &HTTP_FORM_LIMITS), HTTP_ERR_BAD_UTF8);
	assert_int_equal(form(f, "a=%C0%AF", &HTTP_FORM_LIMITS), HTTP_ERR_BAD_UTF8);
	assert_int_equal(form(f, "a=%ED%A0%80", &HTTP_FORM_LIMITS), HTTP_ERR_BAD_UTF8);
	assert_int_equal(form(f, "a=%FF", &HTTP_FORM_LIMITS), HTTP_ERR_BAD_UTF8);
	assert_int_equal(form(f, "%FF=1", &HTTP_FORM_LIMITS), HTTP_ERR_BAD_UTF8);
	assert_int_equal(form(f, "a=x%00y", &HTTP_FORM_LIMITS), HTTP_ERR_BAD_UTF8);
	assert_int_equal(form(f, "a\xff=1", &HTTP_FORM_LIMITS), HTTP_ERR_BAD_UTF8);
	{
		static const char raw[] = "a=b\0c";

		memset(&f->l, 0, sizeof(f->l));
		assert_int_equal(http_parse_urlencoded(&f->a, raw, sizeof(raw) - 1,
		    &HTTP_FORM_LIMITS, &f->l), HTTP_ERR_BAD_UTF8);
	}
}

static void
urlencoded_limits(void **state)
{
	struct fx *f = *state;

	assert_int_equal(form(f, "a=1&b=2&c=3", &SMALL), HTTP_OK);
	assert_int_equal(form(f, "a=1&b=2&c=3&d=4", &SMALL), HTTP_ERR_TOO_MANY);
	assert_int_equal(form(f, "abcdefgh=1", &SMALL), HTTP_OK);              /* 8 bytes */
	assert_int_equal(form(f, "abcdefghi=1", &SMALL), HTTP_ERR_TOO_LONG);   /* 9 */
	assert_int_equal(form(f, "a=0123456789abcdef", &SMALL), HTTP_OK);      /* 16 */
	assert_int_equal(form(f, "a=0123456789abcdefg", &SMALL), HTTP_ERR_TOO_LONG);
	/* the limits are on decoded bytes: %41 is one byte */
	assert_int_equal(form(f, "a=%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41", &SMALL),
	    HTTP_OK);
	assert_int_equal(form(f, "a=%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41",
	    &SMALL), HTTP_ERR_TOO_LONG);
	/* and a value far over the limit is refused before it is decoded */
	{
		char big[200];

		memset(big, 'x', sizeof(big) - 1);
		big[0] = 'a';
		big[1] = '=';
		big[sizeof(big) - 1] = '\0';
		assert_int_equal(form(f, big, &SMALL), HTTP_ERR_TOO_LONG);
	}
}

static void
urlencoded_arena_exhausted(void **state)
{
	struct arena small;
	struct kvlist l;
	char big[4096];

	(void)state;
	memset(big, 'v', sizeof(big) - 1);
	big[0] = 'a';
	big[1] = '=';
	big[sizeof(big) - 1] = '\0';
	arena_init(&small, 1024);
	memset(&l, 0, sizeof(l));
	assert_int_equal(http_parse_urlencoded(&small, big, strlen(big), &HTTP_FORM_LIMITS, &l),
	    HTTP_ERR_NOMEM);
	arena_free(&small);
}

static enum http_err
cookies(struct fx *f, const char *s, const struct http_limits *lim)
{
	memset(&f->l, 0, sizeof(f->l));
	return http_parse_cookies(&f->a, s, lim, &f->l);
}

static void
cookies_parse(void **state)
{
	struct fx *f = *state;

	assert_int_equal(cookies(f, "sid=abc; pre=0123;lang=fr", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_int_equal(f->l.n, 3);
	assert_string_equal(kv_get(&f->l, "sid"), "abc");
	assert_string_equal(kv_get(&f->l, "pre"), "0123");
	assert_string_equal(kv_get(&f->l, "lang"), "fr");
	/* values are not decoded; "=" after the first belongs to the value */
	assert_int_equal(cookies(f, "a=%41; b=x=y", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_string_equal(kv_get(&f->l, "a"), "%41");
	assert_string_equal(kv_get(&f->l, "b"), "x=y");
}

static void
cookies_skip_junk(void **state)
{
	struct fx *f = *state;

	assert_int_equal(cookies(f, "; ;novalue; =x; ok=1;;", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_int_equal(f->l.n, 1);
	assert_string_equal(kv_get(&f->l, "ok"), "1");
	assert_int_equal(cookies(f, "", &HTTP_FORM_LIMITS), HTTP_OK);
	assert_int_equal(f->l.n, 0);
	assert_int_equal(cookies(f, NULL, &HTTP_FORM_LIMITS), HTTP_OK);
}

static void
cookies_limits_and_utf8(void **state)
{
	struct fx *f = *state;

	assert_int_equal(cookies(f, "a=1; b=2; c=3; d=4", &SMALL), HTTP_ERR_TOO_MANY);
	assert_int_equal(cookies(f, "abcdefghi=1", &SMALL), HTTP_ERR_TOO_LONG);
	assert_int_equal(cookies(f, "a=0123456789abcdefg", &SMALL), HTTP_ERR_TOO_LONG);
	assert_int_equal(cookies(f, "a=0123456789abcdef", &SMALL), HTTP_OK);
	assert_int_equal(cookies(f, "a=\xc3\x28", &SMALL), HTTP_ERR_BAD_UTF8);
	assert_int_equal(cookies(f, "\xff=1", &SMALL), HTTP_ERR_BAD_UTF8);
}

#define CT "multipart/form-data; boundary=XyZ"
#define PART(name) "--XyZ\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n"
#define FILEPART(name, fname, ct) "--XyZ\r\nContent-Disposition: form-data; name=\"" name \
	"\"; filename=\"" fname "\"\r\nContent-Type: " ct "\r\n\r\n"
#define CLOSE "\r\n--XyZ--\r\n"

static enum http_err
multipart(struct fx *f, const char *ctype, const char *body, size_t max_file)
{
	memset(&f->l, 0, sizeof(f->l));
	return http_parse_multipart(&f->a, ctype, body, strlen(body), &HTTP_FORM_LIMITS, &f->l,
	    &f->up, max_file);
}

static void
multipart_text_fields_and_a_file(void **state)
{
	struct fx *f = *state;
	const char *body =
	    PART("csrf") "abc123" "\r\n"
	    PART("note") "two\r\nlines" "\r\n"
	    FILEPART("file", "users.csv", "text/csv") "email,name\r\na@b.co,A" "\r\n"
	    PART("empty") CLOSE;

	assert_int_equal(multipart(f, CT, body, 1024), HTTP_OK);
	assert_int_equal(f->l.n, 3);
	assert_string_equal(kv_get(&f->l, "csrf"), "abc123");
	assert_string_equal(kv_get(&f->l, "note"), "two\r\nlines");
	assert_string_equal(kv_get(&f->l, "empty"), "");
	assert_string_equal(f->up.field, "file");
	assert_string_equal(f->up.filename, "users.csv");
	assert_string_equal(f->up.ctype, "text/csv");
	assert_int_equal(f->up.len, strlen("email,name\r\na@b.co,A"));
	assert_memory_equal(f->up.data, "email,name\r\na@b.co,A", f->up.len);
}

static void
multipart_quoted_boundary_and_binary_file(void **state)
{
	struct fx *f = *state;
	static const char body[] =
	    "--b:o=u\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n"
	    "\x00\xff\x01" "\r\n--b:o=u--";

	memset(&f->l, 0, sizeof(f->l));
	assert_int_equal(http_parse_multipart(&f->a,
	    "multipart/form-data; charset=utf-8; boundary=\"b:o=u\"", body, sizeof(body) - 1,
	    &HTTP_FORM_LIMITS, &f->l, &f->up, 10), HTTP_OK);
	assert_int_equal(f->up.len, 3);
	assert_memory_equal(f->up.data, "\x00\xff\x01", 3);
	assert_string_equal(f->up.ctype, "");
}

/* issue 11: the file name goes to the audit log, so it is UTF-8 like any field */
static void
multipart_file_name_utf8(void **state)
{
	struct fx *f = *state;

	assert_int_equal(multipart(f, CT, FILEPART("file", "caf\xc3\xa9.csv", "text/csv") "a"
	    CLOSE, 1024), HTTP_OK);
	assert_string_equal(f->up.filename, "caf\xc3\xa9.csv");
	memset(&f->up, 0, sizeof(f->up));
	assert_int_equal(multipart(f, CT, FILEPART("file", "bad\xc3\x28.csv", "text/csv") "a"
	    CLOSE, 1024), HTTP_ERR_BAD_UTF8);
	memset(&f->up, 0, sizeof(f->up));
	assert_int_equal(multipart(f, CT, FILEPART("file", "\xff", "text/csv") "a" CLOSE, 1024),
	    HTTP_ERR_BAD_UTF8);
}

static void
multipart_bad_boundary(void **state)
{
	struct fx *f = *state;
	const char *body = PART("a") "1" CLOSE;

	assert_int_equal(multipart(f, "multipart/form-data; boundary=Other", body, 10),
	    HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, "multipart/form-data", body, 10), HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, "multipart/form-data; boundary=", body, 10),
	    HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, "multipart/form-data; boundary=\"XyZ", body, 10),
	    HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, "multipart/form-data; boundary="
	    "XyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZXyZ", body, 10),
	    HTTP_ERR_MALFORMED);                        /* over 70 characters */
	assert_int_equal(multipart(f, "text/plain; boundary=XyZ", body, 10), HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, NULL, body, 10), HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, CT, "junk before" PART("a") "1" CLOSE, 10),
	    HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, CT, "", 10), HTTP_ERR_MALFORMED);
}

static void
multipart_missing_closing_delimiter(void **state)
{
	struct fx *f = *state;

	assert_int_equal(multipart(f, CT, PART("a") "1", 10), HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, CT, PART("a") "1\r\n--XyZ", 10), HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, CT, PART("a") "1\r\n--XyZ-", 10), HTTP_ERR_MALFORMED);
	assert_int_equal(multipart(f, CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"",
	    10), HTTP_ERR_MALFORMED);                   /* headers never end */
	assert_int_equal(multipart(f, CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1" CLOSE,
	    10), HTTP_ERR_MALFORMED);                   /* a part without a name */
}

static void
multipart_limits(void **state)
{
	struct fx *f = *state;
	const char *file = FILEPART("file", "a.csv", "text/csv") "0123456789" CLOSE;
	struct http_limits lim = SMALL;

	assert_int_equal(multipart(f, CT, file, 10), HTTP_OK);
	assert_int_equal(f->up.len, 10);
	assert_int_equal(multipart(f, CT, file, 9), HTTP_ERR_TOO_LONG);
	memset(&f->l, 0, sizeof(f->l));
	{
		const char *body = PART("a") "0123456789abcdefg" CLOSE;

		assert_int_equal(http_parse_multipart(&f->a, CT, body, strlen(body), &lim, &f->l,
		    &f->up, 10), HTTP_ERR_TOO_LONG);
	}
	memset(&f->l, 0, sizeof(f->l));
	{
		const char *body = PART("abcdefghi") "1" CLOSE;

		assert_int_equal(http_parse_multipart(&f->a, CT, body, strlen(body), &lim, &f->l,
		    &f->up, 10), HTTP_ERR_TOO_LONG);
	}
	memset(&f->l, 0, sizeof(f->l));
	{
		const char *body = PART("a") "1\r\n" PART("b") "2\r\n" PART("c") "3\r\n"
		    PART("d") "4" CLOSE;

		assert_int_equal(http_parse_multipart(&f->a, CT, body, strlen(body), &lim, &f->l,
		    &f->up, 10), HTTP_ERR_TOO_MANY);
	}
}

static void
multipart_invalid_utf8(void **state)
{
	struct fx *f = *state;

	assert_int_equal(multipart(f, CT, PART("a") "\xc3\x28" CLOSE, 10), HTTP_ERR_BAD_UTF8);
	assert_int_equal(multipart(f, CT, PART("\xff") "1" CLOSE, 10), HTTP_ERR_BAD_UTF8);
}

static void
err_statuses_and_keys(void **state)
{
	(void)state;
	assert_int_equal(http_err_status(HTTP_OK), 200);
	assert_int_equal(http_err_status(HTTP_ERR_NOMEM), 413);
	assert_int_equal(http_err_status(HTTP_ERR_TOO_MANY), 413);
	assert_int_equal(http_err_status(HTTP_ERR_TOO_LONG), 413);
	assert_int_equal(http_err_status(HTTP_ERR_BAD_UTF8), 400);
	assert_int_equal(http_err_status(HTTP_ERR_MALFORMED), 400);
	for (int e = 0; e < HTTP_ERR__MAX; e++)
		assert_non_null(http_err_key((enum http_err)e));
	assert_string_equal(http_err_key(HTTP_ERR__MAX), "error_malformed");
}

static void
local_paths_and_url_encode(void **state)
{
	struct fx *f = *state;

	assert_true(http_local_path("/"));
	assert_true(http_local_path("/users?q=a"));
	assert_false(http_local_path(NULL));
	assert_false(http_local_path(""));
	assert_false(http_local_path("//evil.example"));
	assert_false(http_local_path("/\\evil.example"));
	assert_false(http_local_path("https://evil.example/"));
	assert_false(http_local_path("users"));
	assert_false(http_local_path("/a\r\nSet-Cookie: x=1"));
	assert_string_equal(url_encode(&f->a, "a b&c=d/\xc3\xa9~_.-"),
	    "a%20b%26c%3Dd%2F%C3%A9~_.-");
}

int
run_http_tests(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(urlencoded_pairs),
		T(urlencoded_decodes_plus_and_percent),
		T(urlencoded_missing_equals_and_empty_pairs),
		T(urlencoded_repeated_names),
		T(urlencoded_bad_percent),
		T(urlencoded_invalid_utf8_and_nul),
		T(urlencoded_limits),
		cmocka_unit_test(urlencoded_arena_exhausted),
		T(cookies_parse),
		T(cookies_skip_junk),
		T(cookies_limits_and_utf8),
		T(multipart_text_fields_and_a_file),
		T(multipart_quoted_boundary_and_binary_file),
		T(multipart_file_name_utf8),
		T(multipart_bad_boundary),
		T(multipart_missing_closing_delimiter),
		T(multipart_limits),
		T(multipart_invalid_utf8),
		cmocka_unit_test(err_statuses_and_keys),
		T(local_paths_and_url_encode),
	};
#undef T

	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
