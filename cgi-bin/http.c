/*
 * Request parsers (see http.h). Every parser checks its limits before it allocates, copies
 * what it keeps into the arena, and validates UTF-8 after decoding.
 */
#include <string.h>
#include <strings.h>

#include "http.h"
#include "util.h"

const struct http_limits HTTP_FORM_LIMITS = {
	.max_fields = 1000,
	.max_name = 128,
	.max_value = 64 * 1024,
};

int
http_err_status(enum http_err e)
{
	switch (e) {
	case HTTP_OK:
		return 200;
	case HTTP_ERR_NOMEM:
	case HTTP_ERR_TOO_MANY:
	case HTTP_ERR_TOO_LONG:
		return 413;
	default:
		return 400;
	}
}

/* Catalogue key of the message shown for e. */
const char *
http_err_key(enum http_err e)
{
	static const char *keys[HTTP_ERR__MAX] = {
		"error_none", "error_too_large", "error_too_many_fields",
		"error_field_too_long", "error_bad_utf8", "error_malformed",
	};

	return e < HTTP_ERR__MAX ? keys[e] : "error_malformed";
}

int
kv_add(struct arena *a, struct kvlist *l, const char *key, const char *val, size_t vlen)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct kv *v = arena_alloc(a, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->v[l->n].vlen = vlen;
	l->n++;
	return 0;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	return kv_nth(l, key, 0);
}

const char *
kv_nth(const struct kvlist *l, const char *key, size_t nth)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0 && nth-- == 0)
			return l->v[i].val;
	return NULL;
}

size_t
kv_count(const struct kvlist *l, const char *key)
{
	size_t c = 0;

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			c++;
	return c;
}

/* Decodes %xx and '+' of s[0..n) into a new arena string; *outlen gets its length. */
static enum http_err
pct_decode(struct arena *a, const char *s, size_t n, char **out, size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	size_t j = 0;

	if (d == NULL)
		return HTTP_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+')
			d[j++] = ' ';
		else if (s[i] == '%') {
			int h, l;

			if (i + 2 >= n)
				return HTTP_ERR_MALFORMED;
			h = hex_digit(s[i + 1]);
			l = hex_digit(s[i + 2]);
			if (h < 0 || l < 0)
				return HTTP_ERR_MALFORMED;
			d[j++] = (char)(h << 4 | l);
			i += 2;
		} else
			d[j++] = s[i];
	}
	d[j] = '\0';
	if (!utf8_valid((unsigned char *)d, j))
		return HTTP_ERR_BAD_UTF8;
	*out = d;
	*outlen = j;
	return HTTP_OK;
}

/*
 * Parses "a=1&b=2" (a query string or an application/x-www-form-urlencoded body) into out.
 * Empty pairs are skipped; a pair without "=" has an empty value.
 */
enum http_err
http_parse_urlencoded(struct arena *a, const char *s, size_t n,
    const struct http_limits *lim, struct kvlist *out)
{
	size_t i = 0;

	while (i < n) {
		size_t start = i, eq = (size_t)-1, klen, vlen, dl;
		char *k, *v;
		enum http_err e;

		while (i < n && s[i] != '&') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		if (i > start) {
			if (out->n >= lim->max_fields)
				return HTTP_ERR_TOO_MANY;
			klen = (eq == (size_t)-1 ? i : eq) - start;
			vlen = eq == (size_t)-1 ? 0 : i - eq - 1;
			if (klen > lim->max_name * 3 || vlen > lim->max_value * 3)
				return HTTP_ERR_TOO_LONG;
			if ((e = pct_decode(a, s + start, klen, &k, &dl)) != HTTP_OK)
				return e;
			if (dl > lim->max_name)
				return HTTP_ERR_TOO_LONG;
			if (eq == (size_t)-1) {
				v = arena_strdup(a, "");
				dl = 0;
				if (v == NULL)
					return HTTP_ERR_NOMEM;
			} else if ((e = pct_decode(a, s + eq + 1, vlen, &v, &dl)) != HTTP_OK)
				return e;
			if (dl > lim->max_value)
				return HTTP_ERR_TOO_LONG;
			if (kv_add(a, out, k, v, dl) < 0)
				return HTTP_ERR_NOMEM;
		}
		i++;
	}
	return HTTP_OK;
}

/* Parses a Cookie header ("a=1; b=2"). Values are taken as they are (no decoding). */
enum http_err
http_parse_cookies(struct arena *a, const char *s, const struct http_limits *lim,
    struct kvlist *out)
{
	if (s == NULL)
		return HTTP_OK;
	while (*s) {
		const char *k, *eq, *end;
		char *key, *val;

		while (*s == ' ' || *s == ';')
			s++;
		if (*s == '\0')
			break;
		k = s;
		end = strchr(s, ';');
		if (end == NULL)
			end = s + strlen(s);
		eq = memchr(k, '=', (size_t)(end - k));
		s = end;
		if (eq == NULL || eq == k)
			continue;
		if (out->n >= lim->max_fields)
			return HTTP_ERR_TOO_MANY;
		if ((size_t)(eq - k) > lim->max_name || (size_t)(end - eq - 1) > lim->max_value)
			return HTTP_ERR_TOO_LONG;
		key = arena_strndup(a, k, (size_t)(eq - k));
		val = arena_strndup(a, eq + 1, (size_t)(end - eq - 1));
		if (key == NULL || val == NULL)
			return HTTP_ERR_NOMEM;
		str_trim(key);
		if (!utf8_valid((unsigned char *)val, strlen(val)) ||
		    !utf8_valid((unsigned char *)key, strlen(key)))
			return HTTP_ERR_BAD_UTF8;
		if (kv_add(a, out, key, val, strlen(val)) < 0)
			return HTTP_ERR_NOMEM;
	}
	return HTTP_OK;
}

static const char *
memmem_s(const char *h, size_t hn, const char *n, size_t nn)
{
	if (nn == 0 || hn < nn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

/* Copies the value of param (e.g. name="x") out of a header line into the arena. */
static char *
header_param(struct arena *a, const char *line, size_t n, const char *param)
{
	size_t pl = strlen(param);

	for (size_t i = 0; i + pl + 1 < n; i++) {
		if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') &&
		    strncasecmp(line + i, param, pl) == 0 && line[i + pl] == '=') {
			const char *v = line + i + pl + 1, *e;
			size_t rest = n - (i + pl + 1);

			if (rest && *v == '"') {
				e = memchr(v + 1, '"', rest - 1);
				if (e == NULL)
					return NULL;
				return arena_strndup(a, v + 1, (size_t)(e - v - 1));
			}
			e = v;
			while ((size_t)(e - v) < rest && *e != ';' && *e != ' ')
				e++;
			return arena_strndup(a, v, (size_t)(e - v));
		}
	}
	return NULL;
}

/* The headers of one part, p to hend: its name and file name (Content-Disposition), its
 * Content-Type (NULL when absent). */
static void
part_headers(struct arena *a, const char *p, const char *hend, char **name, char **fname,
    char **pctype)
{
	*name = *fname = *pctype = NULL;
	for (const char *h = p; h < hend;) {
		const char *le = memmem_s(h, (size_t)(hend - h) + 2, "\r\n", 2);
		size_t ll = le ? (size_t)(le - h) : (size_t)(hend - h);

		if (ll > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
			*name = header_param(a, h, ll, "name");
			*fname = header_param(a, h, ll, "filename");
		} else if (ll > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
			*pctype = arena_strndup(a, h + 13, ll - 13);
			if (*pctype != NULL)
				*pctype = str_trim(*pctype);
		}
		h += ll + 2;
	}
}

/* Keeps part name (its bytes p[0..plen-1]): the first file part in file, any other part as a
 * field; HTTP_OK or the error. */
static enum http_err
part_store(struct arena *a, const struct http_limits *lim, struct kvlist *fields,
    struct upload *file, size_t max_file, char *name, char *fname, char *pctype,
    const char *p, size_t plen)
{
	char *v;

	if (strlen(name) > lim->max_name)
		return HTTP_ERR_TOO_LONG;
	if (!utf8_valid((unsigned char *)name, strlen(name)))
		return HTTP_ERR_BAD_UTF8;
	/* the file name reaches the audit log (PLAT-2): UTF-8 like every other field */
	if (fname != NULL && (strlen(fname) > lim->max_name * 4 ||
	    !utf8_valid((unsigned char *)fname, strlen(fname))))
		return strlen(fname) > lim->max_name * 4 ? HTTP_ERR_TOO_LONG : HTTP_ERR_BAD_UTF8;
	if (fname != NULL) {
		if (file->data == NULL) {
			if (plen > max_file)
				return HTTP_ERR_TOO_LONG;
			file->field = name;
			file->filename = fname;
			file->ctype = pctype ? pctype : "";
			file->data = p;      /* points into the body, not copied */
			file->len = plen;
		}
		return HTTP_OK;
	}
	if (fields->n >= lim->max_fields)
		return HTTP_ERR_TOO_MANY;
	if (plen > lim->max_value)
		return HTTP_ERR_TOO_LONG;
	if ((v = arena_strndup(a, p, plen)) == NULL)
		return HTTP_ERR_NOMEM;
	if (!utf8_valid((unsigned char *)v, plen))
		return HTTP_ERR_BAD_UTF8;
	if (kv_add(a, fields, name, v, plen) < 0)
		return HTTP_ERR_NOMEM;
	return HTTP_OK;
}

/*
 * Parses a multipart/form-data body. Text parts go to fields (with the text limits), the
 * first part with a filename goes to *file (at most max_file bytes). Returns
 * HTTP_ERR_MALFORMED for anything that is not a well-formed body for ctype's boundary.
 */
enum http_err
http_parse_multipart(struct arena *a, const char *ctype, const char *body, size_t n,
    const struct http_limits *lim, struct kvlist *fields, struct upload *file,
    size_t max_file)
{
	char *bnd, *delim;
	size_t dl;
	const char *p, *end = body + n;

	memset(file, 0, sizeof(*file));
	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return HTTP_ERR_MALFORMED;
	bnd = header_param(a, ctype, strlen(ctype), "boundary");
	if (bnd == NULL || *bnd == '\0' || strlen(bnd) > 70)
		return HTTP_ERR_MALFORMED;
	delim = arena_printf(a, "\r\n--%s", bnd);
	if (delim == NULL)
		return HTTP_ERR_NOMEM;
	dl = strlen(delim);
	/* The body starts with the delimiter without its leading CRLF. */
	if (n < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return HTTP_ERR_MALFORMED;
	p = body + dl - 2;
	for (;;) {
		const char *hend, *next;
		char *name, *fname, *pctype;
		enum http_err e;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return HTTP_OK;     /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return HTTP_ERR_MALFORMED;
		p += 2;
		hend = memmem_s(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (hend == NULL || hend - p > 4096)
			return HTTP_ERR_MALFORMED;
		part_headers(a, p, hend, &name, &fname, &pctype);
		p = hend + 4;
		next = memmem_s(p, (size_t)(end - p), delim, dl);
		if (next == NULL || name == NULL)
			return HTTP_ERR_MALFORMED;
		e = part_store(a, lim, fields, file, max_file, name, fname, pctype, p,
		    (size_t)(next - p));
		if (e != HTTP_OK)
			return e;
		p = next + dl;
	}
}

char *
url_encode(struct arena *a, const char *s)
{
	static const char hx[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *o = arena_alloc(a, n * 3 + 1), *d = o;

	if (o == NULL)
		return NULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
			*d++ = (char)c;
		else {
			*d++ = '%';
			*d++ = hx[c >> 4];
			*d++ = hx[c & 15];
		}
	}
	*d = '\0';
	return o;
}

/* SEC-3: only "/x..." where x is not "/" or "\" (no scheme, no protocol-relative URL). */
int
http_local_path(const char *t)
{
	if (t == NULL || t[0] != '/' || t[1] == '/' || t[1] == '\\')
		return 0;
	for (; *t; t++)
		if ((unsigned char)*t < 0x20 || *t == 0x7f)
			return 0;
	return 1;
}
