/*
 * The strict JSON reader of json.h: recursive descent over the bytes, depth bounded by the
 * limits (so the C stack is too), every value counted, every string checked as it is
 * unescaped.
 */
#include <string.h>

#include "json.h"
#include "util.h"

struct parser {
	struct arena *a;
	const char *p, *end;
	const struct json_limits *lim;
	size_t values;
	enum json_err err;
};

static struct json *parse_value(struct parser *ps, size_t depth);

static void
skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
	    *ps->p == '\r'))
		ps->p++;
}

static struct json *
fail(struct parser *ps, enum json_err e)
{
	if (ps->err == JSON_OK)
		ps->err = e;
	return NULL;
}

static struct json *
node(struct parser *ps, enum json_type t)
{
	struct json *v;

	if (++ps->values > ps->lim->values)
		return fail(ps, JSON_ERR_TOO_BIG);
	if ((v = arena_zalloc(ps->a, sizeof(*v))) == NULL)
		return fail(ps, JSON_ERR_NOMEM);
	v->type = t;
	return v;
}

/* Four hex digits at ps->p; -1 when not. */
static long
hex4(struct parser *ps)
{
	long v = 0;

	if (ps->end - ps->p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int d = hex_digit(ps->p[i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	ps->p += 4;
	return v;
}

/* Appends code point c as UTF-8. */
static void
put_utf8(struct sbuf *b, long c)
{
	if (c < 0x80)
		sbuf_addc(b, (char)c);
	else if (c < 0x800) {
		sbuf_addc(b, (char)(0xc0 | (c >> 6)));
		sbuf_addc(b, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		sbuf_addc(b, (char)(0xe0 | (c >> 12)));
		sbuf_addc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		sbuf_addc(b, (char)(0x80 | (c & 0x3f)));
	} else {
		sbuf_addc(b, (char)(0xf0 | (c >> 18)));
		sbuf_addc(b, (char)(0x80 | ((c >> 12) & 0x3f)));
		sbuf_addc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
		sbuf_addc(b, (char)(0x80 | (c & 0x3f)));
	}
}

/* A \u escape (after the "\u"): one code point, a surrogate pair in two escapes. */
static int
unicode_escape(struct parser *ps, struct sbuf *b)
{
	long c = hex4(ps), lo;

	if (c < 0)
		return JSON_ERR_SYNTAX;
	if (c >= 0xdc00 && c <= 0xdfff)
		return JSON_ERR_UTF8;
	if (c >= 0xd800 && c <= 0xdbff) {
		if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
			return JSON_ERR_UTF8;
		ps->p += 2;
		if ((lo = hex4(ps)) < 0)
			return JSON_ERR_SYNTAX;
		if (lo < 0xdc00 || lo > 0xdfff)
			return JSON_ERR_UTF8;
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (c == 0)
		return JSON_ERR_UTF8;
	put_utf8(b, c);
	return JSON_OK;
}

/* A string (at its opening quote) into *s, *len; JSON_OK or why not. */
static enum json_err
parse_string(struct parser *ps, const char **s, size_t *len)
{
	struct sbuf b;
	enum json_err e = JSON_OK;
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

	sbuf_init(&b);
	ps->p++;
	for (;;) {
		unsigned char c;

		if (ps->p >= ps->end) {
			e = JSON_ERR_SYNTAX;
			break;
		}
		c = (unsigned char)*ps->p++;
		if (c == '"')
			break;
		if (c < 0x20) {
			e = c == 0 ? JSON_ERR_UTF8 : JSON_ERR_SYNTAX;
			break;
		}
		if (c == '\\') {
			const char *k;

			if (ps->p >= ps->end) {
				e = JSON_ERR_SYNTAX;
				break;
			}
			c = (unsigned char)*ps->p++;
			if (c == 'u')
				e = unicode_escape(ps, &b);
			else if (c != 0 && (k = strchr(from, c)) != NULL)
				sbuf_addc(&b, to[k - from]);
			else
				e = JSON_ERR_SYNTAX;
			if (e != JSON_OK)
				break;
		} else
			sbuf_addc(&b, (char)c);
		if (b.len > ps->lim->str_bytes) {
			e = JSON_ERR_TOO_BIG;
			break;
		}
	}
	if (e == JSON_OK && b.oom)
		e = JSON_ERR_NOMEM;
	if (e == JSON_OK && !utf8_valid((const unsigned char *)(b.data ? b.data : ""), b.len))
		e = JSON_ERR_UTF8;
	if (e == JSON_OK && (*s = arena_strndup(ps->a, b.data ? b.data : "", b.len)) == NULL)
		e = JSON_ERR_NOMEM;
	*len = b.len;
	sbuf_free(&b);
	return e;
}

/* A number by the RFC's grammar: -? int frac? exp?; kept as written. */
static struct json *
parse_number(struct parser *ps)
{
	const char *start = ps->p;
	struct json *v;

#define DIGITS(p, e) while ((p) < (e) && *(p) >= '0' && *(p) <= '9') (p)++
	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end)
		return fail(ps, JSON_ERR_SYNTAX);
	if (*ps->p == '0')
		ps->p++;
	else if (*ps->p >= '1' && *ps->p <= '9')
		DIGITS(ps->p, ps->end);
	else
		return fail(ps, JSON_ERR_SYNTAX);
	if (ps->p < ps->end && *ps->p == '.') {
		const char *d = ++ps->p;

		DIGITS(ps->p, ps->end);
		if (ps->p == d)
			return fail(ps, JSON_ERR_SYNTAX);
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		const char *d;

		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		d = ps->p;
		DIGITS(ps->p, ps->end);
		if (ps->p == d)
			return fail(ps, JSON_ERR_SYNTAX);
	}
#undef DIGITS
	if ((size_t)(ps->p - start) > ps->lim->str_bytes)
		return fail(ps, JSON_ERR_TOO_BIG);
	if ((v = node(ps, J_NUM)) == NULL)
		return NULL;
	v->len = (size_t)(ps->p - start);
	if ((v->s = arena_strndup(ps->a, start, v->len)) == NULL)
		return fail(ps, JSON_ERR_NOMEM);
	return v;
}

/* An array or object (at its bracket); members linked in order. */
static struct json *
parse_container(struct parser *ps, size_t depth, int obj)
{
	struct json *v, **tail;
	char close = obj ? '}' : ']';

	if (depth >= ps->lim->depth)
		return fail(ps, JSON_ERR_DEPTH);
	if ((v = node(ps, obj ? J_OBJ : J_ARR)) == NULL)
		return NULL;
	tail = &v->kids;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return v;
	}
	for (;;) {
		const char *key = NULL;
		size_t klen;
		struct json *m;
		enum json_err e;

		skip_ws(ps);
		if (obj) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, JSON_ERR_SYNTAX);
			if ((e = parse_string(ps, &key, &klen)) != JSON_OK)
				return fail(ps, e);
			if (json_get(v, key) != NULL)
				return fail(ps, JSON_ERR_DUP_KEY);
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p++ != ':')
				return fail(ps, JSON_ERR_SYNTAX);
		}
		if ((m = parse_value(ps, depth + 1)) == NULL)
			return NULL;
		m->key = key;
		*tail = m;
		tail = &m->next;
		v->n++;
		skip_ws(ps);
		if (ps->p >= ps->end)
			return fail(ps, JSON_ERR_SYNTAX);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p++ != close)
			return fail(ps, JSON_ERR_SYNTAX);
		return v;
	}
}

/* A literal word (true, false, null). */
static struct json *
parse_word(struct parser *ps, const char *w, enum json_type t, int b)
{
	size_t n = strlen(w);
	struct json *v;

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0)
		return fail(ps, JSON_ERR_SYNTAX);
	ps->p += n;
	if ((v = node(ps, t)) != NULL)
		v->b = b;
	return v;
}

static struct json *
parse_value(struct parser *ps, size_t depth)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, JSON_ERR_SYNTAX);
	switch (*ps->p) {
	case '{':
		return parse_container(ps, depth, 1);
	case '[':
		return parse_container(ps, depth, 0);
	case '"': {
		struct json *v = node(ps, J_STR);
		enum json_err e;

		if (v == NULL)
			return NULL;
		if ((e = parse_string(ps, &v->s, &v->len)) != JSON_OK)
			return fail(ps, e);
		return v;
	}
	case 't':
		return parse_word(ps, "true", J_BOOL, 1);
	case 'f':
		return parse_word(ps, "false", J_BOOL, 0);
	case 'n':
		return parse_word(ps, "null", J_NULL, 0);
	default:
		return parse_number(ps);
	}
}

enum json_err
json_parse(struct arena *a, const char *s, size_t n, const struct json_limits *lim,
    struct json **out)
{
	struct parser ps = { a, s, s, lim, 0, JSON_OK };
	struct json *v;

	*out = NULL;
	if (s == NULL)
		return JSON_ERR_SYNTAX;
	ps.end = s + n;
	/* a byte sequence that is not UTF-8 is refused as such, whatever its syntax */
	if (!utf8_valid((const unsigned char *)s, n))
		return JSON_ERR_UTF8;
	if ((v = parse_value(&ps, 0)) == NULL)
		return ps.err == JSON_OK ? JSON_ERR_SYNTAX : ps.err;
	skip_ws(&ps);
	if (ps.p != ps.end)
		return JSON_ERR_SYNTAX;
	*out = v;
	return JSON_OK;
}

const struct json *
json_get(const struct json *o, const char *key)
{
	if (o == NULL || o->type != J_OBJ)
		return NULL;
	for (const struct json *m = o->kids; m != NULL; m = m->next)
		if (m->key != NULL && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

void
json_write(struct sbuf *b, const struct json *v)
{
	switch (v->type) {
	case J_NULL:
		sbuf_adds(b, "null");
		break;
	case J_BOOL:
		sbuf_adds(b, v->b ? "true" : "false");
		break;
	case J_NUM:
		sbuf_adds(b, v->s);
		break;
	case J_STR:
		json_add_str(b, v->s);
		break;
	case J_ARR:
	case J_OBJ:
		sbuf_addc(b, v->type == J_OBJ ? '{' : '[');
		for (const struct json *m = v->kids; m != NULL; m = m->next) {
			if (m != v->kids)
				sbuf_addc(b, ',');
			if (v->type == J_OBJ) {
				json_add_str(b, m->key);
				sbuf_addc(b, ':');
			}
			json_write(b, m);
		}
		sbuf_addc(b, v->type == J_OBJ ? '}' : ']');
		break;
	}
}

/* ------------------------------------------------------------------ writing */

void
jw_init(struct jw *w, struct sbuf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
}

/* The comma before a member and its name. */
static void
jw_member(struct jw *w, const char *key)
{
	if (w->later[w->depth])
		sbuf_addc(w->b, ',');
	w->later[w->depth] = 1;
	if (key != NULL) {
		json_add_str(w->b, key);
		sbuf_addc(w->b, ':');
	}
}

void
jw_open(struct jw *w, const char *key, char bracket)
{
	jw_member(w, key);
	sbuf_addc(w->b, bracket);
	if (w->depth + 1 >= JW_DEPTH) {
		w->b->oom = 1;          /* deeper than any answer of ours: refuse to go on */
		return;
	}
	w->depth++;
	w->later[w->depth] = 0;
	w->close[w->depth] = bracket == '[' ? ']' : '}';
}

void
jw_close(struct jw *w)
{
	if (w->depth == 0)
		return;
	sbuf_addc(w->b, w->close[w->depth]);
	w->depth--;
}

void
jw_str(struct jw *w, const char *key, const char *v)
{
	jw_member(w, key);
	if (v == NULL)
		sbuf_adds(w->b, "null");
	else
		json_add_str(w->b, v);
}

void
jw_int(struct jw *w, const char *key, long long v)
{
	jw_member(w, key);
	sbuf_printf(w->b, "%lld", v);
}

void
jw_bool(struct jw *w, const char *key, int v)
{
	jw_member(w, key);
	sbuf_adds(w->b, v ? "true" : "false");
}
