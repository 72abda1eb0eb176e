/*
 * Choosing the gram of a query in user_grams (sql/016, sql/025; see ngram.h), among the
 * operator's users or one occupier's. A query of three or more characters has a gram at each
 * of its positions; every user it matches has all of them, so the rarest one is the smallest
 * set of candidates. At most NGRAM_PROBES of them are counted (each count stops at
 * ngram_max() + 1 rows), spread over the query, and the counting stops at a gram
 * that is rare enough. A query of one or two characters is the start of a gram (the table
 * holds the last two and the last one characters of each text too). Grams are counted with
 * LIKE (a range of the primary key or of ix_ug_occ, in the collation of the column: case and
 * accents ignored as by the pages' LIKE on search_text). The operator search takes q's single
 * grams instead (ngram_singles(): each one value of the primary key, whose rows it holds
 * newest first) and samples them itself (page_search.c).
 */
#include <string.h>

#include "app.h"
#include "conf.h"
#include "db_search.h"
#include "ngram.h"
#include "util.h"

#define NGRAM_RARE 200          /* a gram this rare is taken without counting others */

/* The bytes of the character at s (valid UTF-8). */
static size_t
utf8_len(const unsigned char *s)
{
	return *s < 0x80 ? 1 : *s < 0xe0 ? 2 : *s < 0xf0 ? 3 : 4;
}

/*
 * The pattern of q's n bytes for `gram LIKE`: its wildcards and the escape character
 * escaped, and a % after it when prefix is set. LIKE ignores no trailing spaces while the
 * stored grams were deduplicated by = (PAD SPACE: "nn " = "nn"), so trailing spaces are
 * replaced by a %: a superset, which the pages' LIKE on search_text narrows.
 */
static char *
pattern_of(struct arena *a, const char *q, size_t n, int prefix)
{
	char *p = arena_alloc(a, n * 2 + 2), *o = p;

	if (p == NULL)
		return NULL;
	while (n > 0 && q[n - 1] == ' ') {
		n--;
		prefix = 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			*o++ = '\\';
		*o++ = q[i];
	}
	if (prefix)
		*o++ = '%';
	*o = '\0';
	return p;
}

long
ngram_max(const struct req *r)
{
	return r->cfg->ngram_max_candidates > 0 ? r->cfg->ngram_max_candidates : 1;
}

/* The rows of user_grams of a pattern in the scope, counted up to ngram_max() + 1. */
static long
count_rows(struct req *r, long op, long occ, const char *pattern)
{
	long rows;

	if (db_gram_count(r, op, occ, pattern, ngram_max(r) + 1, &rows) < 0)
		return -1;
	return rows;
}

/* The n bytes at s as a gram for `gram = ?`, or NULL: = ignores trailing spaces (PAD SPACE),
 * so a window that ends in one is looked up by its pattern only. */
static const char *
exact_gram(struct arena *a, const char *s, size_t n)
{
	char *g;

	if (n == 0 || s[n - 1] == ' ' || (g = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(g, s, n);
	g[n] = '\0';
	return g;
}

/* What the rows of the gram picked allow. */
static int
use_of(const struct req *r, const struct ngram *g)
{
	return g->pattern != NULL && g->rows <= ngram_max(r) ? NGRAM_ALL : NGRAM_NONE;
}

/*
 * q of three characters or more: the windows of three characters, NGRAM_PROBES of them at
 * most, spread evenly; the one with the fewest rows.
 */
static int
pick_windows(struct req *r, long op, long occ, const char *q, size_t nchars, struct ngram *g)
{
	size_t nwin = nchars - 2, start[NGRAM_PROBES];
	const char *s = q;

	for (size_t k = 0; k < NGRAM_PROBES && k < nwin; k++)
		start[k] = nwin <= NGRAM_PROBES ? k : k * (nwin - 1) / (NGRAM_PROBES - 1);
	for (size_t c = 0, k = 0; k < NGRAM_PROBES && k < nwin; c++) {
		const char *e = s, *pattern;
		long rows;

		if (c != start[k]) {
			s += utf8_len((const unsigned char *)s);
			continue;
		}
		k++;
		for (int j = 0; j < 3; j++)
			e += utf8_len((const unsigned char *)e);
		if ((pattern = pattern_of(r->a, s, (size_t)(e - s), 0)) == NULL)
			return -1;
		s += utf8_len((const unsigned char *)s);
		if (g->pattern != NULL && str_eq(g->pattern, pattern))
			continue;
		if ((rows = count_rows(r, op, occ, pattern)) < 0)
			return -1;
		if (g->pattern == NULL || rows < g->rows) {
			g->pattern = pattern;
			g->rows = rows;
		}
		if (g->rows <= NGRAM_RARE && g->rows <= ngram_max(r))
			break;
	}
	return use_of(r, g);
}

int
ngram_singles(struct arena *a, const char *q, const char **grams, int max)
{
	size_t len = strlen(q), nwin, nspan = 0, nrest = 0, i;
	const char **span, **rest;
	int n = 0;

	if (max <= 0 || len == 0 || !utf8_valid((const unsigned char *)q, len) ||
	    (nwin = utf8_chars(q)) < 3)
		return 0;
	nwin -= 2;
	if ((span = arena_alloc(a, nwin * sizeof(*span))) == NULL ||
	    (rest = arena_alloc(a, nwin * sizeof(*rest))) == NULL)
		return -1;
	for (const char *s = q; nwin-- > 0; s += utf8_len((const unsigned char *)s)) {
		const char *e = s, *gram;
		int seen = 0;

		for (int j = 0; j < 3; j++)
			e += utf8_len((const unsigned char *)e);
		if ((gram = exact_gram(a, s, (size_t)(e - s))) == NULL)
			continue;       /* ends in a space: no single gram */
		for (i = 0; i < nspan && !seen; i++)
			seen = str_eq(span[i], gram);
		for (i = 0; i < nrest && !seen; i++)
			seen = str_eq(rest[i], gram);
		if (seen)
			continue;
		if (strchr(gram, ' ') != NULL)
			span[nspan++] = gram;
		else
			rest[nrest++] = gram;
	}
	/* those that span two words first: rarer in names than any gram of a name */
	for (i = 0; i < nspan && n < max; i++)
		grams[n++] = span[i];
	if (nrest > 0 && n < max) {
		size_t left = (size_t)(max - n);

		for (i = 0; i < left && i < nrest; i++)
			grams[n++] = rest[nrest <= left ? i : left == 1 ? 0 :
			    i * (nrest - 1) / (left - 1)];
	}
	return n;
}

int
ngram_pick(struct req *r, long operator_id, long occupier_id, const char *q, struct ngram *g)
{
	size_t len = strlen(q), nchars;

	memset(g, 0, sizeof(*g));
	if (len == 0 || !utf8_valid((const unsigned char *)q, len))
		return NGRAM_NONE;
	nchars = utf8_chars(q);
	if (nchars >= 3)
		return pick_windows(r, operator_id, occupier_id, q, nchars, g);
	/* one or two characters: the start of a gram */
	if ((g->pattern = pattern_of(r->a, q, len, 1)) == NULL ||
	    (g->rows = count_rows(r, operator_id, occupier_id, g->pattern)) < 0)
		return -1;
	return use_of(r, g);
}
