/* ngram.c: the single grams of a query that the operator search samples (page_search.c). */
#include <string.h>

#include "ngram.h"
#include "util.h"
#include "unit.h"

/* The grams of q, at most max, joined by '|' into out. */
static int
singles(const char *q, int max, char *out, size_t len)
{
	struct arena a;
	const char *g[16];
	int n;

	arena_init(&a, 0);
	n = ngram_singles(&a, q, g, max);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i > 0)
			strncat(out, "|", len - strlen(out) - 1);
		strncat(out, g[i], len - strlen(out) - 1);
	}
	arena_free(&a);
	return n;
}

static void
grams_spanning_two_words_come_first_then_the_others_spread(void **state)
{
	char out[128];

	(void)state;
	/* smi mit ith [th ] h_j _ja jam ame mes: 'th ' ends in a space (= ignores it) */
	assert_int_equal(singles("smith james", NGRAM_PROBES, out, sizeof(out)), 6);
	assert_string_equal(out, "h j| ja|smi|mit|jam|mes");
	assert_int_equal(singles("smith james", 9, out, sizeof(out)), 8);
	assert_string_equal(out, "h j| ja|smi|mit|ith|jam|ame|mes");
	assert_int_equal(singles("smith james", 1, out, sizeof(out)), 1);
	assert_string_equal(out, "h j");
	assert_int_equal(singles("abcd", NGRAM_PROBES, out, sizeof(out)), 2);
	assert_string_equal(out, "abc|bcd");
	assert_int_equal(singles("abcdefgh", 3, out, sizeof(out)), 3);
	assert_string_equal(out, "abc|cde|fgh");
}

static void
grams_are_whole_characters_and_each_is_given_once(void **state)
{
	char out[128];

	(void)state;
	assert_int_equal(singles("aaaaaa", NGRAM_PROBES, out, sizeof(out)), 1);
	assert_string_equal(out, "aaa");
	/* Zoë, oë_ (ends in a space), ë_M */
	assert_int_equal(singles("Zo\xc3\xab M", NGRAM_PROBES, out, sizeof(out)), 2);
	assert_string_equal(out, "\xc3\xab M|Zo\xc3\xab");
	assert_int_equal(singles("\xf0\x9f\x98\x80" "ab", NGRAM_PROBES, out, sizeof(out)), 1);
	assert_string_equal(out, "\xf0\x9f\x98\x80" "ab");
}

static void
no_grams_in_short_or_invalid_text(void **state)
{
	char out[128];

	(void)state;
	assert_int_equal(singles("", NGRAM_PROBES, out, sizeof(out)), 0);
	assert_int_equal(singles("ab", NGRAM_PROBES, out, sizeof(out)), 0);
	assert_int_equal(singles("\xc3\xa9\xc3\xa9", NGRAM_PROBES, out, sizeof(out)), 0);
	assert_int_equal(singles("abc\xff", NGRAM_PROBES, out, sizeof(out)), 0);
	assert_int_equal(singles("abc", 0, out, sizeof(out)), 0);
	/* only windows that end in a space: none is a single gram */
	assert_int_equal(singles("a  ", NGRAM_PROBES, out, sizeof(out)), 0);
}

int
run_ngram_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grams_spanning_two_words_come_first_then_the_others_spread),
		cmocka_unit_test(grams_are_whole_characters_and_each_is_given_once),
		cmocka_unit_test(no_grams_in_short_or_invalid_text),
	};

	return cmocka_run_group_tests_name("ngram", tests, NULL, NULL);
}
