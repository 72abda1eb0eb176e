/*
 * libFuzzer harness: json_parse (the API's request bodies) with the API's limits and tight
 * ones. Checks: an error is one of the enum; a parsed text written out again (json_write)
 * parses to the same text (nothing lost or invented by the escapes), every string is valid
 * UTF-8 of its stated length without NUL, depth and value counts within the limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

static size_t
check(const struct json *v, const struct json_limits *lim, size_t depth)
{
	size_t count = 1, n = 0;

	if (v->type == J_STR && (strlen(v->s) != v->len || v->len > lim->str_bytes ||
	    !utf8_valid((const unsigned char *)v->s, v->len)))
		abort();
	if (v->type == J_ARR || v->type == J_OBJ) {
		if (depth >= lim->depth)
			abort();
		for (const struct json *m = v->kids; m != NULL; m = m->next, n++) {
			if ((v->type == J_OBJ) != (m->key != NULL))
				abort();
			count += check(m, lim, depth + 1);
		}
		if (n != v->n)
			abort();
	}
	return count;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct json_limits api = { 8, 2000, 4096 }, tight = { 2, 8, 16 };
	const struct json_limits *lims[] = { &api, &tight };
	struct arena a;

	arena_init(&a, 64u << 20);
	for (size_t i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		struct json *v, *w;
		struct sbuf b1, b2;
		enum json_err e = json_parse(&a, (const char *)data, size, lims[i], &v);

		if ((unsigned)e > JSON_ERR_NOMEM)
			abort();
		if (e != JSON_OK)
			continue;
		if (check(v, lims[i], 0) > lims[i]->values)
			abort();
		sbuf_init(&b1);
		sbuf_init(&b2);
		json_write(&b1, v);
		if (json_parse(&a, b1.data, b1.len, lims[i], &w) != JSON_OK)
			abort();
		json_write(&b2, w);
		if (b1.len != b2.len || memcmp(b1.data, b2.data, b1.len) != 0)
			abort();
		sbuf_free(&b1);
		sbuf_free(&b2);
	}
	arena_free(&a);
	return 0;
}
