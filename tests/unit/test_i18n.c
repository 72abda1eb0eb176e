/* i18n.c: a catalogue made in a temporary directory; lookups, fallback, negotiation. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "unit.h"

int
write_file(const char *dir, const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((slash = strrchr(path, '/')) != NULL) {
		*slash = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
catalogue_remove(const char *dir)
{
	if (dir[0] != '\0')
		nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* en (complete), fr (partial), de (one key), and a stray file that is not a catalogue. */
int
catalogue_make(char *dir, size_t len)
{
	snprintf(dir, len, "/tmp/unit-i18n-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	if (write_file(dir, "en/a.txt", "# comment\n\nhello = Hello\nbye = Goodbye\n") < 0 ||
	    write_file(dir, "en/b.txt", "only_en = English only\n  spaced  =  trimmed text  \n"
	    "with_eq = a = b\n") < 0 ||
	    write_file(dir, "fr/a.txt", "hello = Bonjour\nbye = Au revoir\n") < 0 ||
	    write_file(dir, "de/a.txt", "hello = Hallo\n") < 0 ||
	    write_file(dir, "de/notes.md", "not = loaded\n") < 0 ||
	    i18n_init(dir) < 0) {
		catalogue_remove(dir);
		return -1;
	}
	return 0;
}

static char dir[256];

static int
setup(void **state)
{
	(void)state;
	return catalogue_make(dir, sizeof(dir));
}

static int
teardown(void **state)
{
	(void)state;
	i18n_free();
	catalogue_remove(dir);
	return 0;
}

static void
lookup_and_fallback(void **state)
{
	(void)state;
	assert_string_equal(i18n_lookup("en", "hello"), "Hello");
	assert_string_equal(i18n_lookup("fr", "hello"), "Bonjour");
	assert_string_equal(i18n_lookup("de", "hello"), "Hallo");
	assert_string_equal(i18n_lookup("de", "bye"), "Goodbye");          /* English */
	assert_string_equal(i18n_lookup("fr", "only_en"), "English only");
	assert_string_equal(i18n_lookup("xx", "hello"), "Hello");
	assert_string_equal(i18n_lookup(NULL, "hello"), "Hello");
	assert_string_equal(i18n_lookup("en", "spaced"), "trimmed text");
	assert_string_equal(i18n_lookup("en", "with_eq"), "a = b");
	assert_null(i18n_lookup("en", "missing"));
	assert_null(i18n_lookup("fr", "missing"));
	assert_null(i18n_lookup("de", "not"));          /* only *.txt files are read */
	assert_string_equal(i18n("fr", "missing"), "missing");
	assert_string_equal(i18n("fr", "bye"), "Au revoir");
}

static void
languages_listed_english_first(void **state)
{
	int fr = 0, de = 0;

	(void)state;
	assert_int_equal(i18n_nlangs(), 3);
	assert_string_equal(i18n_lang(0), "en");
	for (size_t i = 1; i < i18n_nlangs(); i++) {
		fr += strcmp(i18n_lang(i), "fr") == 0;
		de += strcmp(i18n_lang(i), "de") == 0;
	}
	assert_int_equal(fr, 1);
	assert_int_equal(de, 1);
	assert_string_equal(i18n_lang(99), "en");
}

static void
pick(void **state)
{
	(void)state;
	assert_string_equal(i18n_pick("fr"), "fr");
	assert_string_equal(i18n_pick("fr-CA"), "fr");
	assert_string_equal(i18n_pick("fr_FR"), "fr");
	assert_string_equal(i18n_pick("de"), "de");
	assert_string_equal(i18n_pick("en-GB"), "en");
	assert_string_equal(i18n_pick("es"), "en");
	assert_string_equal(i18n_pick("french"), "en");
	assert_string_equal(i18n_pick("f"), "en");
	assert_string_equal(i18n_pick(""), "en");
	assert_string_equal(i18n_pick(NULL), "en");
}

static void
negotiate(void **state)
{
	(void)state;
	assert_string_equal(i18n_negotiate("de-DE,de;q=0.9,en;q=0.8"), "de");
	assert_string_equal(i18n_negotiate("es-ES, fr;q=0.5, en;q=0.1"), "fr");
	assert_string_equal(i18n_negotiate("fr-CH, fr;q=0.9"), "fr");
	assert_string_equal(i18n_negotiate("en-US,en;q=0.9,fr;q=0.8"), "en");
	assert_string_equal(i18n_negotiate("ja, zh-Hant-TW;q=0.5"), "en");
	assert_string_equal(i18n_negotiate("*"), "en");
	assert_string_equal(i18n_negotiate(""), "en");
	assert_string_equal(i18n_negotiate(NULL), "en");
	assert_string_equal(i18n_negotiate(",,, ;q=1,"), "en");
	assert_string_equal(i18n_negotiate("averyveryverylongtag-fr, de"), "de");
}

/* Builds one catalogue from files, expects i18n_init to refuse it, then cleans up. */
static void
expect_refused(const char *rel1, const char *text1, const char *rel2, const char *text2)
{
	char bad[256];

	snprintf(bad, sizeof(bad), "/tmp/unit-i18n-bad-XXXXXX");
	assert_non_null(mkdtemp(bad));
	assert_int_equal(write_file(bad, rel1, text1), 0);
	if (rel2 != NULL)
		assert_int_equal(write_file(bad, rel2, text2), 0);
	assert_int_equal(i18n_init(bad), -1);
	i18n_free();
	catalogue_remove(bad);
}

static void
broken_catalogues_refused(void **state)
{
	(void)state;
	i18n_free();
	/* the same key twice, in two files of one language */
	expect_refused("en/a.txt", "k = one\n", "en/b.txt", "k = two\n");
	/* the same key twice in one file */
	expect_refused("en/a.txt", "k = one\nk = two\n", NULL, NULL);
	/* and in a language other than English */
	expect_refused("en/a.txt", "k = one\n", "fr/a.txt", "k = un\nk = deux\n");
	/* a line without "=" */
	expect_refused("en/a.txt", "k = one\njust words\n", NULL, NULL);
	/* text that is not UTF-8 */
	expect_refused("en/a.txt", "k = caf\xe9\n", NULL, NULL);
	/* no English */
	expect_refused("fr/a.txt", "k = un\n", NULL, NULL);
	assert_int_equal(i18n_init("/tmp/unit-i18n-does-not-exist"), -1);
	i18n_free();
	/* and the good one loads again afterwards */
	assert_int_equal(i18n_init(dir), 0);
	assert_string_equal(i18n_lookup("fr", "hello"), "Bonjour");
}

int
run_i18n_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookup_and_fallback),
		cmocka_unit_test(languages_listed_english_first),
		cmocka_unit_test(pick),
		cmocka_unit_test(negotiate),
		cmocka_unit_test(broken_catalogues_refused),
	};

	return cmocka_run_group_tests_name("i18n", tests, setup, teardown);
}
