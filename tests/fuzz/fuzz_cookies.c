/*
 * libFuzzer harness: http_parse_cookies (the Cookie header) with the limits main.c uses and
 * with the form limits. Checks: names and values valid UTF-8, within their limits, without
 * ";" (a cookie never swallows the next one), at most max_fields of them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct http_limits header = { 50, 64, 512 };    /* as in main.c */
	const struct http_limits *lims[] = { &header, &HTTP_FORM_LIMITS };
	char *s;
	struct arena a;

	/* the header arrives as a C string */
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	arena_init(&a, 16u << 20);
	for (size_t i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		struct kvlist l;
		enum http_err e;

		memset(&l, 0, sizeof(l));
		e = http_parse_cookies(&a, s, lims[i], &l);
		if ((unsigned)e >= HTTP_ERR__MAX)
			abort();
		if (e != HTTP_OK)
			continue;
		if (l.n > lims[i]->max_fields)
			abort();
		for (size_t j = 0; j < l.n; j++) {
			const struct kv *kv = &l.v[j];
			size_t kl = strlen(kv->key);

			if (kl > lims[i]->max_name || kv->vlen > lims[i]->max_value ||
			    strlen(kv->val) != kv->vlen)
				abort();
			if (strchr(kv->key, ';') != NULL || strchr(kv->val, ';') != NULL ||
			    strchr(kv->key, '=') != NULL)
				abort();
			if (!utf8_valid((const unsigned char *)kv->key, kl) ||
			    !utf8_valid((const unsigned char *)kv->val, kv->vlen))
				abort();
		}
	}
	arena_free(&a);
	free(s);
	return 0;
}
