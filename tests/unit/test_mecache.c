/* mecache.c: a user's fields come back only for the same user, occupier and data version. */
#include <string.h>

#include "app.h"
#include "mecache.h"
#include "util.h"
#include "unit.h"

static struct me
sample(long id, long occupier_id, const char *version, const char *first)
{
	struct me me;

	memset(&me, 0, sizeof(me));
	me.id = id;
	me.operator_id = 3;
	me.occupier_id = occupier_id;
	me.role = R_OCC_ADMIN;
	me.offers_experience = 1;
	me.first_name = first;
	me.last_name = "Álvarez";
	me.email = "jose@acme.test";
	me.lang = "de";
	me.operator_name = "Flex Spaces";
	me.brand_colour = "#1f5fbf";
	me.occupier_name = "Acme Ltd";
	me.occupier_version = version;
	return me;
}

static void
mecache_returns_what_was_put_for_the_same_version(void **state)
{
	struct arena a;
	struct me in = sample(101, 7, "42", "José"), out;

	(void)state;
	arena_init(&a, 1 << 20);
	mecache_put(&in);
	memset(&out, 0, sizeof(out));
	assert_int_equal(mecache_get(101, 7, "42", &a, &out), 1);
	assert_int_equal(out.id, 101);
	assert_int_equal(out.operator_id, 3);
	assert_int_equal(out.occupier_id, 7);
	assert_int_equal(out.role, R_OCC_ADMIN);
	assert_int_equal(out.offers_experience, 1);
	assert_string_equal(out.first_name, "José");
	assert_string_equal(out.last_name, "Álvarez");
	assert_string_equal(out.email, "jose@acme.test");
	assert_string_equal(out.lang, "de");
	assert_string_equal(out.operator_name, "Flex Spaces");
	assert_string_equal(out.brand_colour, "#1f5fbf");
	assert_string_equal(out.occupier_name, "Acme Ltd");
	assert_string_equal(out.occupier_version, "42");
	assert_ptr_not_equal(out.first_name, in.first_name);   /* a copy, in the arena */
	arena_free(&a);
}

static void
mecache_misses_another_version_occupier_or_user(void **state)
{
	struct arena a;
	struct me in = sample(202, 7, "42", "Ann"), out;

	(void)state;
	arena_init(&a, 1 << 20);
	mecache_put(&in);
	assert_int_equal(mecache_get(202, 7, "43", &a, &out), 0);      /* bumped since */
	assert_int_equal(mecache_get(202, 7, "4", &a, &out), 0);
	assert_int_equal(mecache_get(202, 8, "42", &a, &out), 0);      /* moved occupier */
	assert_int_equal(mecache_get(203, 7, "42", &a, &out), 0);      /* another user */
	assert_int_equal(mecache_get(202, 7, NULL, &a, &out), 0);      /* no version row */
	/* the same slot (ids 4096 apart): the newer user replaces the older */
	in = sample(202 + 4096, 7, "42", "Ben");
	mecache_put(&in);
	assert_int_equal(mecache_get(202, 7, "42", &a, &out), 0);
	assert_int_equal(mecache_get(202 + 4096, 7, "42", &a, &out), 1);
	assert_string_equal(out.first_name, "Ben");
	/* a newer version of the same user replaces the entry */
	in = sample(202 + 4096, 7, "44", "Benjamin");
	mecache_put(&in);
	assert_int_equal(mecache_get(202 + 4096, 7, "42", &a, &out), 0);
	assert_int_equal(mecache_get(202 + 4096, 7, "44", &a, &out), 1);
	assert_string_equal(out.first_name, "Benjamin");
	arena_free(&a);
}

static void
mecache_keeps_no_team_member_nor_unversioned_user(void **state)
{
	struct arena a;
	struct me in = sample(303, 0, "1", "Team"), out;
	long before = mecache_entries();

	(void)state;
	arena_init(&a, 1 << 20);
	mecache_put(&in);                       /* team members have no occupier version */
	assert_int_equal(mecache_get(303, 0, "1", &a, &out), 0);
	in = sample(304, 9, NULL, "Nover");
	mecache_put(&in);
	assert_int_equal(mecache_get(304, 9, "", &a, &out), 0);
	assert_int_equal(mecache_entries(), before);
	arena_free(&a);
}

int
run_mecache_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mecache_returns_what_was_put_for_the_same_version),
		cmocka_unit_test(mecache_misses_another_version_occupier_or_user),
		cmocka_unit_test(mecache_keeps_no_team_member_nor_unversioned_user),
	};

	return cmocka_run_group_tests_name("mecache", tests, NULL, NULL);
}
