/*
 * Choosing the gram of a query in user_grams (sql/016, see ngram.h). A query of three or more
 * characters has a gram at each of its positions; every user it matches has all of them, so
 * the rarest one is the smallest set of candidates. At most NGRAM_PROBES of them are counted
 * (each count stops at NGRAM_MAX_CANDIDATES + 1 rows), spread over the query, and the
 * counting stops at a gram that is rare enough. A query of one or two characters is the start
 * of a gram (the table holds the last two and the last one characters of each text too).
 * Grams are looked up with LIKE (a range of the primary key, in the collation of the column:
 * case and accents ignored as by the pages' LIKE on search_text).
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "ngram.h"
#include "util.h"

#define NGRAM_PROBES 6
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

/* The rows of user_grams of a pattern, counted up to NGRAM_MAX_CANDIDATES + 1. */
static long
count_rows(struct req *r, long operator_id, const char *pattern)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_NGRAM_COUNT, "isi", (long long)operator_id, pattern,
	    (long long)NGRAM_MAX_CANDIDATES + 1) < 0)
		return -1;
	return (long)db_int(&res, 0, 0);
}

int
ngram_pick(struct req *r, long operator_id, const char *q, struct ngram *g)
{
	size_t len = strlen(q), nchars, nwin, start[NGRAM_PROBES];
	const char *s;
	long best = -1;

	memset(g, 0, sizeof(*g));
	if (len == 0 || !utf8_valid((const unsigned char *)q, len))
		return 0;
	nchars = utf8_chars(q);
	if (nchars < 3) {
		if ((g->pattern = pattern_of(r->a, q, len, 1)) == NULL ||
		    (g->rows = count_rows(r, operator_id, g->pattern)) < 0)
			return -1;
		return g->rows <= NGRAM_MAX_CANDIDATES;
	}
	/* the windows of three characters, NGRAM_PROBES of them at most, spread evenly */
	nwin = nchars - 2;
	for (size_t k = 0; k < NGRAM_PROBES && k < nwin; k++)
		start[k] = nwin <= NGRAM_PROBES ? k : k * (nwin - 1) / (NGRAM_PROBES - 1);
	s = q;
	for (size_t c = 0, k = 0; k < NGRAM_PROBES && k < nwin; c++) {
		const char *e = s;
		char *pattern;
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
		if ((rows = count_rows(r, operator_id, pattern)) < 0)
			return -1;
		if (best < 0 || rows < best) {
			best = rows;
			g->pattern = pattern;
			g->rows = rows;
		}
		if (best <= NGRAM_RARE)
			break;
	}
	return best >= 0 && best <= NGRAM_MAX_CANDIDATES;
}
