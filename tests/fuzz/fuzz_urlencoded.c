/*
 * libFuzzer harness: http_parse_urlencoded (query strings and form bodies, SEC-2) with the
 * form limits and with tiny ones. Beyond what the sanitizers see, it checks what the parser
 * promises: every kept name and value is valid UTF-8 without NUL and within its limit, no
 * more fields than allowed, and url_encode() of a value parses back to the same value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "util.h"

static void
check(struct arena *a, const struct kvlist *l, const struct http_limits *lim)
{
	if (l->n > lim->max_fields)
		abort();
	for (size_t i = 0; i < l->n; i++) {
		const struct kv *kv = &l->v[i];
		size_t kl;

		if (kv->key == NULL || kv->val == NULL)
			abort();
		kl = strlen(kv->key);
		if (kl > lim->max_name || kv->vlen > lim->max_value || strlen(kv->val) != kv->vlen)
			abort();
		if (!utf8_valid((const unsigned char *)kv->key, kl) ||
		    !utf8_valid((const unsigned char *)kv->val, kv->vlen))
			abort();
	}
	/* url_encode and the decoder agree (a value of a link we build comes back as it was) */
	for (size_t i = 0; i < l->n && i < 4; i++) {
		char *enc = url_encode(a, l->v[i].val), *q;
		struct kvlist back;

		if (enc == NULL || (q = arena_printf(a, "v=%s", enc)) == NULL)
			continue;
		memset(&back, 0, sizeof(back));
		if (http_parse_urlencoded(a, q, strlen(q), &HTTP_FORM_LIMITS, &back) != HTTP_OK ||
		    back.n != 1 || strcmp(back.v[0].val, l->v[i].val) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct http_limits tiny = { .max_fields = 4, .max_name = 8, .max_value = 16 };
	const struct http_limits *lims[] = { &HTTP_FORM_LIMITS, &tiny };
	struct arena a;

	arena_init(&a, 16u << 20);
	for (size_t i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		struct kvlist l;
		enum http_err e;

		memset(&l, 0, sizeof(l));
		e = http_parse_urlencoded(&a, (const char *)data, size, lims[i], &l);
		if ((unsigned)e >= HTTP_ERR__MAX)
			abort();
		if (e == HTTP_OK)
			check(&a, &l, lims[i]);
	}
	arena_free(&a);
	return 0;
}
