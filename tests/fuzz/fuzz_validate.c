/*
 * libFuzzer harness: every field validator of validate.c, and the small parsers beside them
 * (utf8_valid, str_to_long, hex_decode, http_local_path, i18n_pick, i18n_negotiate). The
 * input is a C string, as the validators get it. Checks: a validator answers NULL or a
 * catalogue key "err_..."; utf8_valid agrees with an independent decoder (the table of
 * well-formed byte sequences in the Unicode standard, 3.9); str_to_long accepts exactly the
 * whole decimal numbers in range; hex_decode round-trips; the language pickers answer a
 * language that is loaded; str_fold keeps UTF-8 valid, never grows, and is idempotent.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http.h"
#include "i18n.h"
#include "util.h"
#include "validate.h"

/* Unicode 3.9, table 3-7, with NUL refused as the portal does. */
static int
ref_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xbf;
		size_t k;

		if (c == 0)
			return 0;
		if (c <= 0x7f) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			k = 1;
		else if (c == 0xe0)
			k = 2, lo = 0xa0;
		else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef)
			k = 2;
		else if (c == 0xed)
			k = 2, hi = 0x9f;
		else if (c == 0xf0)
			k = 3, lo = 0x90;
		else if (c >= 0xf1 && c <= 0xf3)
			k = 3;
		else if (c == 0xf4)
			k = 3, hi = 0x8f;
		else
			return 0;
		if (i + k >= n)         /* cut short */
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t j = 2; j <= k; j++)
			if (s[i + j] < 0x80 || s[i + j] > 0xbf)
				return 0;
		i += k + 1;
	}
	return 1;
}

static void
check_key(const char *k)
{
	if (k != NULL && strncmp(k, "err_", 4) != 0)
		abort();
}

static int
is_lang(const char *code)
{
	for (size_t i = 0; i < i18n_nlangs(); i++)
		if (strcmp(i18n_lang(i), code) == 0)
			return 1;
	return 0;
}

/* A catalogue of three languages for validate_language and the pickers. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const langs[] = { "en", "fr", "de" };
	char dir[] = "/tmp/fuzz-i18n-XXXXXX", path[128];

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	for (size_t i = 0; i < 3; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, langs[i]);
		mkdir(path, 0700);
		snprintf(path, sizeof(path), "%s/%s/a.txt", dir, langs[i]);
		if ((f = fopen(path, "w")) == NULL)
			abort();
		fprintf(f, "hello = %s\n", langs[i]);
		fclose(f);
	}
	if (i18n_init(dir) < 0 || i18n_nlangs() != 3)
		abort();
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s/a.txt", dir, langs[i]);
		unlink(path);
		snprintf(path, sizeof(path), "%s/%s", dir, langs[i]);
		rmdir(path);
	}
	rmdir(dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t n;
	long v;

	/* utf8_valid on the raw bytes, NULs included */
	if (utf8_valid(data, size) != ref_utf8(data, size))
		abort();
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = strlen(s);
	/* the validators get valid UTF-8 (the parsers refuse anything else) but must not
	 * misbehave on anything */
	/* str_fold (the list filter's folding): never longer than its input, valid UTF-8 stays
	 * valid, no capital ASCII letter left, and folding is idempotent */
	{
		char *f = malloc(n + 1), *g = malloc(n + 1);
		size_t fl, gl;

		if (f == NULL || g == NULL)
			abort();
		fl = str_fold(s, f);
		if (fl > n || fl != strlen(f))
			abort();
		if (ref_utf8((const unsigned char *)s, n) && !ref_utf8((unsigned char *)f, fl))
			abort();
		for (size_t i = 0; i < fl; i++)
			if (f[i] >= 'A' && f[i] <= 'Z')
				abort();
		gl = str_fold(f, g);
		if (ref_utf8((const unsigned char *)s, n) && (gl != fl || memcmp(f, g, fl) != 0))
			abort();
		free(f);
		free(g);
	}
	check_key(validate_name(s));
	check_key(validate_email(s));
	check_key(validate_email_optional(s));
	check_key(validate_phone(s));
	check_key(validate_phone_required(s));
	check_key(validate_text(s, size ? data[0] : 0));
	check_key(validate_text(s, 100));
	check_key(validate_language(s));
	check_key(validate_wifi_password(s));
	check_key(validate_mac(s));
	if (validate_email(s) == NULL && (n > 254 || strchr(s, '@') == NULL ||
	    strpbrk(s, " \r\n<>\",;") != NULL))
		abort();
	if (validate_mac(s) == NULL && n != 17)
		abort();
	if (validate_language(s) == NULL && !is_lang(s))
		abort();
	if (!is_lang(i18n_pick(s)) || !is_lang(i18n_negotiate(s)))
		abort();
	/* str_to_long: only -?[0-9]+ within range, and then the value strtol reads */
	if (str_to_long(s, -1000000, 1000000, &v) == 0) {
		size_t i = s[0] == '-';
		char *end;

		if (s[i] == '\0')
			abort();
		for (; s[i]; i++)
			if (s[i] < '0' || s[i] > '9')
				abort();
		errno = 0;
		if (strtol(s, &end, 10) != v || v < -1000000 || v > 1000000)
			abort();
	}
	/* hex: what decodes, encodes back to the same digits (lower-cased) */
	if (n % 2 == 0 && n <= 128) {
		unsigned char raw[64];
		char again[129];

		if (hex_decode(raw, n / 2, s) == 0) {
			hex_encode(again, raw, n / 2);
			for (size_t i = 0; i < n; i++)
				if (again[i] != (s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 'a' : s[i]))
					abort();
		}
	}
	/* a local path never starts a scheme or a protocol-relative URL */
	if (http_local_path(s) && (s[0] != '/' || s[1] == '/' || s[1] == '\\' ||
	    strpbrk(s, "\r\n") != NULL))
		abort();
	free(s);
	return 0;
}
