/*
 * libFuzzer harness: http_parse_multipart (CSV uploads and multipart forms, SEC-2). The input
 * is the Content-Type header, a line feed, then the body, so that the boundary parameter is
 * fuzzed too. The body is copied to a buffer of exactly its size, so any read past its end is
 * an ASan report. Checks: the file lies inside the body and within max_file, text fields are
 * valid UTF-8 within their limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "util.h"

#define MAX_FILE 2048

static void
check(const struct kvlist *l, const struct upload *up, const char *body, size_t n,
    const struct http_limits *lim)
{
	if (l->n > lim->max_fields)
		abort();
	for (size_t i = 0; i < l->n; i++) {
		const struct kv *kv = &l->v[i];

		if (strlen(kv->key) > lim->max_name || kv->vlen > lim->max_value ||
		    strlen(kv->val) != kv->vlen ||
		    !utf8_valid((const unsigned char *)kv->key, strlen(kv->key)) ||
		    !utf8_valid((const unsigned char *)kv->val, kv->vlen))
			abort();
	}
	if (up->data != NULL) {
		if (up->data < body || up->len > MAX_FILE || up->len > n ||
		    up->data + up->len > body + n)
			abort();
		if (up->field == NULL || up->filename == NULL || up->ctype == NULL)
			abort();
	} else if (up->len != 0) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct http_limits tiny = { .max_fields = 3, .max_name = 8, .max_value = 16 };
	const struct http_limits *lims[] = { &HTTP_FORM_LIMITS, &tiny };
	const uint8_t *nl = memchr(data, '\n', size);
	size_t cl, n;
	char *ctype, *body;
	struct arena a;

	if (nl == NULL || (cl = (size_t)(nl - data)) > 256)
		return 0;
	n = size - cl - 1;
	ctype = malloc(cl + 1);
	body = malloc(n ? n : 1);
	if (ctype == NULL || body == NULL)
		goto out;
	memcpy(ctype, data, cl);
	ctype[cl] = '\0';
	if (n)
		memcpy(body, nl + 1, n);
	arena_init(&a, 16u << 20);
	for (size_t i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		struct kvlist l;
		struct upload up;
		enum http_err e;

		memset(&l, 0, sizeof(l));
		e = http_parse_multipart(&a, ctype, body, n, lims[i], &l, &up, MAX_FILE);
		if ((unsigned)e >= HTTP_ERR__MAX)
			abort();
		if (e == HTTP_OK)
			check(&l, &up, body, n, lims[i]);
	}
	arena_free(&a);
out:
	free(ctype);
	free(body);
	return 0;
}
