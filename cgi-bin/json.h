/*
 * A small strict JSON reader (RFC 8259) for the API's request bodies, with hard limits: the
 * whole text one value, no trailing bytes, no duplicate keys in an object, strings valid
 * UTF-8 without NUL (also none written as \u0000), surrogate escapes paired, numbers in the
 * grammar of the RFC. The tree lives in the caller's arena. Pure: fuzzed by
 * tests/fuzz/fuzz_json.c.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

struct arena;
struct sbuf;

enum json_type { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct json {
	enum json_type type;
	const char *key;        /* its name, in an object */
	const char *s;          /* J_STR: the text (NUL-terminated, len bytes); J_NUM: as written */
	size_t len;
	int b;                  /* J_BOOL */
	struct json *kids;      /* J_ARR, J_OBJ: the first member */
	struct json *next;      /* the next member of its parent */
	size_t n;               /* J_ARR, J_OBJ: members */
};

struct json_limits {
	size_t depth;           /* nested arrays and objects */
	size_t values;          /* values in all */
	size_t str_bytes;       /* bytes of one string (after unescaping) or number */
};

enum json_err {
	JSON_OK = 0,
	JSON_ERR_SYNTAX,        /* not JSON */
	JSON_ERR_UTF8,          /* invalid UTF-8, a NUL, an unpaired surrogate */
	JSON_ERR_DEPTH,         /* nested too deep */
	JSON_ERR_TOO_BIG,       /* too many values, or a string too long */
	JSON_ERR_DUP_KEY,       /* a name twice in one object */
	JSON_ERR_NOMEM,
};

/* Parses s[0..n) into *out. Returns JSON_OK or why not (*out then undefined). */
enum json_err json_parse(struct arena *a, const char *s, size_t n, const struct json_limits *lim,
	    struct json **out);
/* The member named key of object o, NULL when none (or o is not an object). */
const struct json *json_get(const struct json *o, const char *key);
/* Writes v as JSON text (the form the API writes: no spaces). */
void	 json_write(struct sbuf *b, const struct json *v);

/*
 * Writing JSON into a buffer, commas placed by the writer: open an object or array (with
 * its name inside an object, NULL elsewhere), add members, close it. Strings are escaped by
 * json_add_str() (util.c); a NULL string is written as null.
 */
#define JW_DEPTH 16
struct jw {
	struct sbuf *b;
	int depth;
	unsigned char later[JW_DEPTH];  /* a member was written at this depth */
	char close[JW_DEPTH];           /* the bracket that closes this depth */
};
void	 jw_init(struct jw *w, struct sbuf *b);
void	 jw_open(struct jw *w, const char *key, char bracket);     /* '{' or '[' */
void	 jw_close(struct jw *w);
void	 jw_str(struct jw *w, const char *key, const char *v);
void	 jw_int(struct jw *w, const char *key, long long v);
void	 jw_bool(struct jw *w, const char *key, int v);

#endif
