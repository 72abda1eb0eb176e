/*
 * auth.c without a database: password rules and hashing (AUTH-2), tokens (AUTH-3, AUTH-6),
 * CSRF (AUTH-4). stubs.c answers every query with an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "conf.h"
#include "unit.h"

static struct config cfg;
static char dir[256];

static int
setup(void **state)
{
	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.hash_slots = 2;
	memset(cfg.wifi_key, 0x42, sizeof(cfg.wifi_key));
	if (auth_init(&cfg) < 0)
		return -1;
	snprintf(dir, sizeof(dir), "/tmp/unit-auth-XXXXXX");
	if (mkdtemp(dir) == NULL ||
	    write_file(dir, "common.txt", "# comment\npassword1234\nQwertyuiop123\n\n") < 0)
		return -1;
	{
		char path[300];

		snprintf(path, sizeof(path), "%s/common.txt", dir);
		return auth_load_common_passwords(path);
	}
}

static int
teardown(void **state)
{
	(void)state;
	catalogue_remove(dir);
	return 0;
}

/* n copies of the UTF-8 character c, in buf. */
static const char *
rep(char *buf, const char *c, size_t n)
{
	size_t l = strlen(c);

	for (size_t i = 0; i < n; i++)
		memcpy(buf + i * l, c, l);
	buf[l * n] = '\0';
	return buf;
}

static void
password_rules(void **state)
{
	char buf[600];
	const char *p;

	(void)state;
	assert_string_equal(auth_password_problem(NULL), "pw_required");
	assert_string_equal(auth_password_problem(""), "pw_required");
	assert_string_equal(auth_password_problem(rep(buf, "x", 11)), "pw_too_short");
	assert_null(auth_password_problem(rep(buf, "x", 12)));
	assert_null(auth_password_problem(rep(buf, "x", 128)));
	assert_string_equal(auth_password_problem(rep(buf, "x", 129)), "pw_too_long");
	/* characters, not bytes: 12 two-byte characters pass, 11 do not */
	assert_null(auth_password_problem(rep(buf, "\xc3\xa9", 12)));
	assert_string_equal(auth_password_problem(rep(buf, "\xc3\xa9", 11)), "pw_too_short");
	/* 128 four-byte characters (512 bytes) are still 128 */
	assert_null(auth_password_problem(rep(buf, "\xf0\x9f\x98\x80", 128)));
	assert_string_equal(auth_password_problem(rep(buf, "\xf0\x9f\x98\x80", 129)),
	    "pw_too_long");
	/* no composition rules */
	assert_null(auth_password_problem("all lower case words"));
	/* common passwords, compared without regard to case */
	p = auth_password_problem("password1234");
	assert_non_null(p);
	assert_string_equal(p, "pw_common");
	assert_string_equal(auth_password_problem("PassWord1234"), "pw_common");
	assert_string_equal(auth_password_problem("qwertyuiop123"), "pw_common");
	assert_null(auth_password_problem("password12345"));
}

static void
hash_and_verify(void **state)
{
	char hash[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(auth_hash_password("correct horse battery", hash), 0);
	assert_memory_equal(hash, "$argon2id$", 10);
	assert_int_equal(auth_verify_password(hash, "correct horse battery"), 0);
	assert_int_not_equal(auth_verify_password(hash, "correct horse batterY"), 0);
	assert_int_not_equal(auth_verify_password(hash, ""), 0);
	assert_int_not_equal(auth_verify_password("", "correct horse battery"), 0);
	/* issue 11: the unknown-account hash is ready once auth_init returned (no thread makes
	 * it lazily) and matches nothing a user types */
	assert_memory_equal(auth_dummy_hash(), "$argon2id$", 10);
	assert_int_not_equal(auth_verify_password(auth_dummy_hash(), "correct horse battery"), 0);
	assert_int_not_equal(auth_verify_password(NULL, "correct horse battery"), 0);
	assert_int_not_equal(auth_verify_password("$argon2id$garbage", "x"), 0);
	assert_int_equal(auth_needs_rehash(hash), 0);
	/* a hash made with weaker limits than today's is re-hashed at the next sign-in */
	{
		char weak[crypto_pwhash_STRBYTES];

		assert_int_equal(crypto_pwhash_str(weak, "pw", 2, crypto_pwhash_OPSLIMIT_MIN,
		    crypto_pwhash_MEMLIMIT_MIN), 0);
		assert_int_equal(auth_verify_password(weak, "pw"), 0);
		assert_int_not_equal(auth_needs_rehash(weak), 0);
	}
}

static void
tokens(void **state)
{
	char hex[TOKEN_HEX], hex2[TOKEN_HEX];
	unsigned char h[32], h2[32], again[32];

	(void)state;
	token_new(hex, h);
	token_new(hex2, h2);
	assert_int_equal(strlen(hex), 64);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 64);
	assert_string_not_equal(hex, hex2);
	assert_true(memcmp(h, h2, 32) != 0);
	assert_int_equal(token_hash_hex(hex, again), 0);
	assert_memory_equal(again, h, 32);
	assert_int_equal(token_hash_hex(hex2, again), 0);
	assert_memory_equal(again, h2, 32);
	/* the stored hash is not the token */
	{
		unsigned char raw[32];

		assert_int_equal(hex_decode(raw, 32, hex), 0);
		assert_true(memcmp(raw, h, 32) != 0);
	}
	assert_int_equal(token_hash_hex(NULL, again), -1);
	assert_int_equal(token_hash_hex("", again), -1);
	hex[63] = '\0';
	assert_int_equal(token_hash_hex(hex, again), -1);       /* 63 digits */
	hex[63] = 'g';
	assert_int_equal(token_hash_hex(hex, again), -1);       /* not hex */
	hex2[10] = '\0';
	assert_int_equal(token_hash_hex(hex2, again), -1);
}

struct fake {
	struct arena a;
	struct req r;
	struct me me;
};

static void
fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	arena_init(&f->a, 1 << 20);
	f->r.a = &f->a;
	f->r.cfg = &cfg;
}

static void
fake_form(struct fake *f, const char *name, const char *value)
{
	assert_int_equal(kv_add(&f->a, &f->r.form, name, value, strlen(value)), 0);
}

static void
fake_cookie(struct fake *f, const char *name, const char *value)
{
	assert_int_equal(kv_add(&f->a, &f->r.cookies, name, value, strlen(value)), 0);
}

static void
csrf_signed_in(void **state)
{
	const char *tok = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	struct fake f;

	(void)state;
	/* the same token passes */
	fake_init(&f);
	memcpy(f.me.csrf, tok, 65);
	f.r.me = &f.me;
	assert_string_equal(csrf_token(&f.r), tok);
	fake_form(&f, "csrf", tok);
	assert_int_equal(csrf_check(&f.r), 0);
	arena_free(&f.a);

	/* a different one fails, even by one character */
	fake_init(&f);
	memcpy(f.me.csrf, tok, 65);
	f.r.me = &f.me;
	fake_form(&f, "csrf", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeefe");
	assert_int_equal(csrf_check(&f.r), -1);
	arena_free(&f.a);

	/* missing */
	fake_init(&f);
	memcpy(f.me.csrf, tok, 65);
	f.r.me = &f.me;
	fake_form(&f, "other", tok);
	assert_int_equal(csrf_check(&f.r), -1);
	arena_free(&f.a);

	/* short, long, empty: a prefix of the right token is not enough */
	fake_init(&f);
	memcpy(f.me.csrf, tok, 65);
	f.r.me = &f.me;
	fake_form(&f, "csrf", "0011223344556677");
	assert_int_equal(csrf_check(&f.r), -1);
	memset(&f.r.form, 0, sizeof(f.r.form));
	fake_form(&f, "csrf", "");
	assert_int_equal(csrf_check(&f.r), -1);
	memset(&f.r.form, 0, sizeof(f.r.form));
	fake_form(&f, "csrf", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0");
	assert_int_equal(csrf_check(&f.r), -1);
	arena_free(&f.a);

	/* the session's token, not another session's */
	fake_init(&f);
	memcpy(f.me.csrf, tok, 65);
	f.me.csrf[0] = 'f';
	f.r.me = &f.me;
	fake_form(&f, "csrf", tok);
	assert_int_equal(csrf_check(&f.r), -1);
	arena_free(&f.a);
}

static void
csrf_anonymous(void **state)
{
	const char *pre = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	const char *pre2 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
	char tok[65];
	struct fake f;
	int before;

	(void)state;
	/* the form's token is derived from the "pre" cookie; no new cookie when it is there */
	fake_init(&f);
	fake_cookie(&f, "pre", pre);
	before = stub_headers;
	snprintf(tok, sizeof(tok), "%s", csrf_token(&f.r));
	assert_int_equal(strlen(tok), 64);
	assert_int_equal(stub_headers, before);
	assert_string_equal(csrf_token(&f.r), tok);     /* stable within the request */
	arena_free(&f.a);

	/* the next request with the same cookie and that token passes */
	fake_init(&f);
	fake_cookie(&f, "pre", pre);
	fake_form(&f, "csrf", tok);
	assert_int_equal(csrf_check(&f.r), 0);
	arena_free(&f.a);

	/* another browser's cookie does not go with it */
	fake_init(&f);
	fake_cookie(&f, "pre", pre2);
	fake_form(&f, "csrf", tok);
	assert_int_equal(csrf_check(&f.r), -1);
	arena_free(&f.a);

	/* nor does a request without the cookie (a cross-site form post) */
	fake_init(&f);
	fake_form(&f, "csrf", tok);
	assert_int_equal(csrf_check(&f.r), -1);
	arena_free(&f.a);

	/* without a cookie, one is set: a Set-Cookie header that is HttpOnly and SameSite */
	fake_init(&f);
	before = stub_headers;
	assert_int_equal(strlen(csrf_token(&f.r)), 64);
	assert_int_equal(stub_headers, before + 1);
	assert_memory_equal(stub_last_header, "Set-Cookie: pre=", 16);
	assert_non_null(strstr(stub_last_header, "HttpOnly"));
	assert_non_null(strstr(stub_last_header, "SameSite=Lax"));
	assert_null(strstr(stub_last_header, "Secure"));
	arena_free(&f.a);

	/* over HTTPS the cookie is Secure */
	fake_init(&f);
	f.r.https = 1;
	(void)csrf_token(&f.r);
	assert_non_null(strstr(stub_last_header, "; Secure"));
	arena_free(&f.a);
}

static void
session_load_without_a_database(void **state)
{
	struct fake f;
	char hex[TOKEN_HEX];
	unsigned char h[32];

	(void)state;
	/* no cookie, or one that is not shaped like a token: anonymous, no query */
	fake_init(&f);
	assert_int_equal(session_load(&f.r), 0);
	assert_null(f.r.me);
	fake_cookie(&f, "sid", "not-a-token");
	assert_int_equal(session_load(&f.r), 0);
	assert_null(f.r.me);
	arena_free(&f.a);
	/* a well-formed token needs the database, which (here) fails: -1, the page says 503 */
	fake_init(&f);
	token_new(hex, h);
	fake_cookie(&f, "sid", hex);
	assert_int_equal(session_load(&f.r), -1);
	assert_null(f.r.me);
	arena_free(&f.a);
}

/* issue 11: the per-address counter of an IPv6 client is its /64 */
static void
throttle_address_keys(void **state)
{
	char k[96];

	(void)state;
	assert_int_equal(throttle_addr_key("192.0.2.7", k, sizeof(k)), 0);
	assert_string_equal(k, "ip:192.0.2.7");
	assert_int_equal(throttle_addr_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", k, sizeof(k)), 0);
	assert_string_equal(k, "ip:2001:db8:1:2::/64");
	assert_int_equal(throttle_addr_key("2001:db8:1:2::1", k, sizeof(k)), 0);
	assert_string_equal(k, "ip:2001:db8:1:2::/64");     /* the same line, the same key */
	assert_int_equal(throttle_addr_key("2001:db8:1:3::1", k, sizeof(k)), 0);
	assert_string_equal(k, "ip:2001:db8:1:3::/64");     /* the next /64, another key */
	assert_int_equal(throttle_addr_key("::ffff:192.0.2.7", k, sizeof(k)), 0);
	assert_string_equal(k, "ip:192.0.2.7");             /* v4-mapped: the IPv4 key */
	assert_int_equal(throttle_addr_key(NULL, k, sizeof(k)), 0);
	assert_string_equal(k, "ip:");
	assert_int_equal(throttle_addr_key("2001:db8::1", k, 8), -1);  /* does not fit */
}

int
run_auth_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_rules),
		cmocka_unit_test(throttle_address_keys),
		cmocka_unit_test(hash_and_verify),
		cmocka_unit_test(tokens),
		cmocka_unit_test(csrf_signed_in),
		cmocka_unit_test(csrf_anonymous),
		cmocka_unit_test(session_load_without_a_database),
	};

	return cmocka_run_group_tests_name("auth", tests, setup, teardown);
}
