/* pcache.c: a page comes back only under its own key, and never past its maximum age. */
#include <string.h>
#include <time.h>

#include "app.h"
#include "pcache.h"
#include "util.h"
#include "unit.h"

/* A key made of one byte pattern (the cache does not care how a key was made). */
static void
key_of(unsigned char key[PCACHE_KEY], unsigned char b)
{
	memset(key, b, PCACHE_KEY);
}

/* 1 and a copy of the page kept under key in out, else 0. */
static int
cached(const unsigned char key[PCACHE_KEY], struct sbuf *out)
{
	const struct pcache_page *p;
	const char *data;
	size_t len;

	if (!pcache_hold(key, &p))
		return 0;
	data = pcache_data(p, &len);
	sbuf_reset(out);
	sbuf_add(out, data, len);
	pcache_drop(&p);
	assert_null(p);
	return 1;
}

static void
pcache_returns_a_page_under_its_key_only(void **state)
{
	unsigned char k1[PCACHE_KEY], k2[PCACHE_KEY];
	struct sbuf out;

	(void)state;
	sbuf_init(&out);
	key_of(k1, 0x11);
	key_of(k2, 0x12);
	pcache_put(k1, "<p>one</p>", 10, 0);
	assert_int_equal(cached(k1, &out), 1);
	assert_int_equal(out.len, 10);
	assert_memory_equal(out.data, "<p>one</p>", 10);
	assert_int_equal(cached(k2, &out), 0);
	pcache_put(k1, "<p>two</p>", 10, 0);    /* the same key again: replaced */
	assert_int_equal(cached(k1, &out), 1);
	assert_memory_equal(out.data, "<p>two</p>", 10);
	sbuf_free(&out);
}

static void
pcache_a_held_page_outlives_its_replacement(void **state)
{
	unsigned char k[PCACHE_KEY];
	const struct pcache_page *held;
	const char *data;
	size_t len;

	(void)state;
	key_of(k, 0x31);
	pcache_put(k, "<p>old</p>", 10, 0);
	assert_int_equal(pcache_hold(k, &held), 1);
	pcache_put(k, "<p>new page</p>", 15, 0);        /* replaced while a request holds it */
	data = pcache_data(held, &len);
	assert_int_equal(len, 10);
	assert_memory_equal(data, "<p>old</p>", 10);
	pcache_drop(&held);
	assert_int_equal(pcache_hold(k, &held), 1);
	data = pcache_data(held, &len);
	assert_memory_equal(data, "<p>new page</p>", 15);
	pcache_drop(&held);
}

static void
pcache_keeps_a_page_no_longer_than_its_age(void **state)
{
	unsigned char k[PCACHE_KEY], never[PCACHE_KEY];
	struct timespec wait = { 1, 100 * 1000 * 1000 };
	struct sbuf out;

	(void)state;
	sbuf_init(&out);
	key_of(never, 0x21);
	pcache_put(never, "<p>x</p>", 8, -1);   /* under a second left: not kept */
	assert_int_equal(cached(never, &out), 0);
	key_of(k, 0x22);
	pcache_put(k, "<p>brief</p>", 12, 1);
	assert_int_equal(cached(k, &out), 1);
	nanosleep(&wait, NULL);
	assert_int_equal(cached(k, &out), 0);
	sbuf_free(&out);
}

static void
pcache_key_hashes_the_callers_inputs_and_the_query(void **state)
{
	struct req r;
	struct me me;
	unsigned char a[PCACHE_KEY], b[PCACHE_KEY], c[PCACHE_KEY], d[PCACHE_KEY];

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&me, 0, sizeof(me));
	me.id = 5;
	me.occupier_id = 1;
	me.first_name = "Ada";
	r.me = &me;
	r.lang = "en";
	r.path = "/profile";
	r.query_string = "";
	pcache_key(&r, "profile/7/3", a);
	pcache_key(&r, "profile/7/3", b);
	assert_memory_equal(a, b, PCACHE_KEY);
	pcache_key(&r, "profile/7/4", c);       /* the user's version bumped */
	assert_memory_not_equal(a, c, PCACHE_KEY);
	r.query_string = "n=changes_saved";
	pcache_key(&r, "profile/7/3", d);
	assert_memory_not_equal(a, d, PCACHE_KEY);
	r.query_string = "";
	me.token_hash[0] = 1;                   /* another session: another CSRF token */
	pcache_key(&r, "profile/7/3", d);
	assert_memory_not_equal(a, d, PCACHE_KEY);
}

int
run_pcache_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pcache_returns_a_page_under_its_key_only),
		cmocka_unit_test(pcache_a_held_page_outlives_its_replacement),
		cmocka_unit_test(pcache_keeps_a_page_no_longer_than_its_age),
		cmocka_unit_test(pcache_key_hashes_the_callers_inputs_and_the_query),
	};

	return cmocka_run_group_tests_name("pcache", tests, NULL, NULL);
}
