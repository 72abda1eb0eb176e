/*
 * Request parsing with hard limits (pure functions over bytes, so they can be fuzzed), and
 * small response helpers. Nothing here knows about FastCGI.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>

struct arena;

/* What a parser can refuse; each maps to a 4xx status and a clear message. */
enum http_err {
	HTTP_OK = 0,
	HTTP_ERR_NOMEM,          /* 413: the request needs more memory than allowed */
	HTTP_ERR_TOO_MANY,       /* 413: too many fields */
	HTTP_ERR_TOO_LONG,       /* 413: a name or value over its limit */
	HTTP_ERR_BAD_UTF8,       /* 400: invalid UTF-8 or NUL */
	HTTP_ERR_MALFORMED,      /* 400: broken encoding (bad %xx, bad multipart) */
	HTTP_ERR__MAX
};

int	 http_err_status(enum http_err e);
const char *http_err_key(enum http_err e);

struct kv {
	const char *key;
	const char *val;
	size_t vlen;
};

struct kvlist {
	struct kv *v;
	size_t n, cap;
};

struct http_limits {
	size_t max_fields;       /* number of key=value pairs */
	size_t max_name;         /* bytes of a name */
	size_t max_value;        /* bytes of a value (text fields) */
};

extern const struct http_limits HTTP_FORM_LIMITS;

/* An uploaded file of a multipart form. */
struct upload {
	const char *field;
	const char *filename;
	const char *ctype;
	const char *data;
	size_t len;
};

const char *kv_get(const struct kvlist *l, const char *key);
size_t	 kv_count(const struct kvlist *l, const char *key);
const char *kv_nth(const struct kvlist *l, const char *key, size_t nth);
int	 kv_add(struct arena *a, struct kvlist *l, const char *key, const char *val, size_t vlen);

enum http_err http_parse_urlencoded(struct arena *a, const char *s, size_t n,
	    const struct http_limits *lim, struct kvlist *out);
enum http_err http_parse_cookies(struct arena *a, const char *s,
	    const struct http_limits *lim, struct kvlist *out);
enum http_err http_parse_multipart(struct arena *a, const char *ctype, const char *body,
	    size_t n, const struct http_limits *lim, struct kvlist *fields,
	    struct upload *file, size_t max_file);

/* Percent-encodes s for a query-string value into out (arena). */
char	*url_encode(struct arena *a, const char *s);
/* 1 when target is a local path ("/" then not "/" or "\"), safe to redirect to. */
int	 http_local_path(const char *target);

#endif
