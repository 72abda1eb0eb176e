/*
 * The operator's search across all its users (GET /platform/users?q=): occupier users of
 * every occupier and the operator's own team, whose name or email address contains q,
 * newest first, 50 a page. Scoped in SQL by the signed-in operator.
 *
 * It must stay fast with a million users, where "contains" can use no B-tree range:
 *  - q that is a whole email address is first looked up on uq_user_email (one row);
 *  - otherwise (or when that finds nobody) the operator's users are walked newest first on
 *    the covering index ix_user_op_search (sql/002; search_text: sql/006; id descending,
 *    so newest first is a forward scan: sql/008), stopping at the 51st match: a query that
 *    matches many users stops early (a two-letter query: a few thousand index entries).
 *    No COUNT(*): 51 matches show as "More than 50".
 *  - but first, for q of three characters or more, the n-gram index (sql/016, ngram.c): the
 *    newest rows of each of its single grams (up to NGRAM_PROBES, those spanning two words
 *    first) are read, SEARCH_SAMPLE each (grams_sample()). A gram with no more rows than
 *    that is read whole; else its sample tells how common it is (how many ids its rows
 *    spread over), and where two samples overlap, how often the users of one have the other.
 *    The rarest gives the candidates (grams_window()): enough of its rows for a page when
 *    most of them match, all of them when they are ngram_max() at most (the page is then
 *    complete), else a window shared with the gram that narrows it most. The others narrow
 *    the candidates (grams_narrow()) from their samples, and by reading their rows over the
 *    candidates' ids when that costs less than the look-ups it saves. The same LIKE picks
 *    the matches among the survivors, newest first, a page's worth first. A partial window
 *    offers "Search older users" from its oldest id, as the walk does below. Over a million
 *    users: 'smith jones' (every gram in 5,000 users or more, no match) reads 4,200 rows,
 *    where counting each gram and reading a window read 53,000 (bench/RESULTS.md);
 *  - q of one or two characters is the start of a gram: when the grams it starts have at
 *    most ngram_max() rows, their users are the candidates (db_search_gram());
 *  - the walk never goes further than SEARCH_WINDOW ids below where it started, so a query
 *    that matches few users costs a bounded scan; the page then offers "Search older users",
 *    which goes on from there. Pages and continuations carry ?after=ID (keyset, no OFFSET).
 */
#include <string.h>

#include "app.h"
#include "db_search.h"
#include "ngram.h"
#include "pages.h"
#include "tmpl.h"
#include "validate.h"

#define SEARCH_PAGE 50
#define SEARCH_WINDOW 100000L      /* ids looked at by one request at most */
#define SEARCH_CHUNK 1024          /* candidates looked up at a time, at most */
#define SEARCH_SAMPLE 256          /* rows of each gram read first (ngram_max() / 4 when less) */
#define SEARCH_NO_GRAM (-2)        /* search_grams(): q has no single gram */

static void
search_line(struct req *r, struct tmpl_dict *d, const struct search_row *u)
{
	struct tmpl_dict *row = tmpl_section(d, "USER");

	tmpl_set_int(row, "ID", u->id);
	tmpl_set(row, "NAME", arena_printf(r->a, "%s %s", u->first_name, u->last_name));
	tmpl_set(row, "EMAIL", u->email);
	if (u->occupier_id != NULL) {
		struct tmpl_dict *o = tmpl_section(row, "OCC");

		tmpl_show(row, "LINK");
		tmpl_set_global(row, "OCC_ID", u->occupier_id);
		tmpl_set(o, "OCC_NAME", u->occupier_name);
	} else {
		tmpl_show(row, "NO_LINK");
		tmpl_show(row, "TEAM");
	}
	tmpl_set(row, "ROLE", T(r, str_eq(u->role, "super_admin") ? "search_role_super_admin" :
	    str_eq(u->role, "admin") ? "role_admin" : "role_user"));
}

/* Of gram's rows: the ids known (newest first), and from where down they are all known. */
struct gram_rows {
	const char *gram;
	unsigned *ids;
	size_t n;
	long cov;               /* every row of the gram with an id in [cov, before) is in ids */
	double keep;            /* the share of the rarest gram's rows that have it too */
};

/*
 * Reads up to limit more of g's rows, below those known and not below lo, and appends them.
 * Returns 1 when that reached lo (g->cov = lo), 0 when the limit stopped it first (g->cov the
 * oldest read), <0 when the database failed.
 */
static int
gram_more(struct req *r, struct gram_rows *g, long lo, long limit)
{
	unsigned *more, *all;
	size_t m;

	if (g->cov <= lo)
		return 1;
	if (db_gram_ids(r, r->me->operator_id, g->gram, lo, g->cov, limit, &more, &m) < 0)
		return -1;
	if (g->n == 0)
		g->ids = more;
	else if (m > 0) {
		if ((all = arena_alloc(r->a, (g->n + m) * sizeof(*all))) == NULL)
			return -1;
		memcpy(all, g->ids, g->n * sizeof(*all));
		memcpy(all + g->n, more, m * sizeof(*all));
		g->ids = all;
	}
	g->n += m;
	if ((long)m < limit) {
		g->cov = lo;
		return 1;
	}
	g->cov = (long)more[m - 1];
	return 0;
}

/* Rows per id of g's known rows (0: all of them are known, read first). */
static double
gram_density(const struct gram_rows *g)
{
	return g->cov == 0 || g->n < 2 ? 0 : (double)(g->n - 1) / (double)(g->ids[0] - g->cov);
}

/* Keeps in c[0..n-1] (newest first) those below cov or among g's ids; returns how many. */
static size_t
ids_keep(unsigned *c, size_t n, const unsigned *g, size_t m, long cov)
{
	size_t i = 0, j = 0, k = 0;

	for (; i < n && (long)c[i] >= cov; i++) {
		while (j < m && g[j] > c[i])
			j++;
		if (j < m && g[j] == c[i])
			c[k++] = c[i];
	}
	while (i < n)
		c[k++] = c[i++];
	return k;
}

/* Whether a is rarer than b: read whole (then by rows), or its rows spread thinner. */
static int
gram_rarer(const struct gram_rows *a, const struct gram_rows *b)
{
	int ac = a->cov == 0, bc = b->cov == 0;

	if (ac != bc)
		return ac;
	return ac ? a->n < b->n : gram_density(a) < gram_density(b);
}

/* Whether a is likely to narrow the rarest gram's rows more than b, then whether rarer. */
static int
gram_narrower(const struct gram_rows *a, const struct gram_rows *b)
{
	return a->keep < b->keep || (a->keep == b->keep && gram_rarer(a, b));
}

/* Sorts g[0..n-1] (a few) by before (insertion). */
static void
grams_sort(struct gram_rows *g, int n,
    int (*before)(const struct gram_rows *, const struct gram_rows *))
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && before(&g[j], &g[j - 1]); j--) {
			struct gram_rows t = g[j];

			g[j] = g[j - 1];
			g[j - 1] = t;
		}
}

/* The share of r's rows that have g too, where both are known (smoothed: an estimate). */
static double
gram_keep(const struct gram_rows *r, const struct gram_rows *g)
{
	long from = r->cov > g->cov ? r->cov : g->cov;
	size_t a = 0, b = 0, j = 0;

	for (size_t i = 0; i < r->n && (long)r->ids[i] >= from; i++) {
		a++;
		while (j < g->n && g->ids[j] > r->ids[i])
			j++;
		b += j < g->n && g->ids[j] == r->ids[i];
	}
	return ((double)b + 0.5) / ((double)a + 1);
}

/*
 * The newest rows of q's single grams below before, SEARCH_SAMPLE at most each (a quarter of
 * ngram_max() when less), into g[] and
 * *ng: the rarest first (gram_rarer()), then those that its rows, where the samples overlap,
 * have least often. Returns 1, 0 when q has no single gram or a gram has no row below before
 * (*ng 0: no user there matches), <0.
 */
static int
grams_sample(struct req *r, const char *q, long before, struct gram_rows *g, int *ng)
{
	long w = ngram_max(r), k = w / 4 < SEARCH_SAMPLE ? (w < 4 ? 1 : w / 4) : SEARCH_SAMPLE;
	const char *grams[NGRAM_PROBES];
	int n = ngram_singles(r->a, q, grams, NGRAM_PROBES), rc;

	*ng = 0;
	if (n <= 0)
		return n;
	for (int i = 0; i < n; i++) {
		g[i] = (struct gram_rows){ .gram = grams[i], .cov = before };
		if ((rc = gram_more(r, &g[i], 0, k + 1)) < 0)
			return -1;
		if (rc == 1 && g[i].n == 0)
			return 1;
	}
	grams_sort(g, n, gram_rarer);
	for (int i = 1; i < n; i++)
		g[i].keep = gram_keep(&g[0], &g[i]);
	grams_sort(g + 1, n - 1, gram_narrower);
	*ng = n;
	return 1;
}

/*
 * Narrows the candidates g[0].ids[0..n-1] (in [*lo, before)) by the other grams: by their
 * known rows, after reading those over the candidates' ids when there are at most 4 for each
 * candidate they are likely to drop (a row read costs less than a quarter of a look-up), or,
 * in a window, for the first of them when more than 1/16 of ngram_max() candidates are left
 * and it is likely to drop most. Such a read stops at ngram_max() rows: the window then ends
 * where it stopped (*lo raised). Returns the candidates left, or <0.
 */
static long
grams_narrow(struct req *r, struct gram_rows *g, int ng, size_t n, long *lo)
{
	long w = ngram_max(r);
	int rc;

	for (int i = 1; i < ng && n > 0; i++) {
		size_t below = 0;

		for (size_t j = 0; j < n; j++)
			below += (long)g[0].ids[j] < g[i].cov;
		if (below > 0 && g[i].cov > *lo &&
		    (gram_density(&g[i]) * (double)(g[i].cov - *lo) <=
		    4.0 * (double)below * (1 - g[i].keep) ||
		    (i == 1 && *lo > 0 && below * 16 > (size_t)w && g[i].keep < 0.5))) {
			if ((rc = gram_more(r, &g[i], *lo, w)) < 0)
				return -1;
			if (rc == 0) {
				*lo = g[i].cov;
				while (n > 0 && (long)g[0].ids[n - 1] < *lo)
					n--;
			}
		}
		n = ids_keep(g[0].ids, n, g[i].ids, g[i].n, g[i].cov);
	}
	return (long)n;
}

/*
 * How many of the rarest gram's rows to read (g[0], its sample read, more rows than that):
 *  - when its rows have the other grams often (their samples' overlap: most of its rows are
 *    matches), twice as many as a page of matches needs, so that the page is near;
 *  - else all of them up to ngram_max() when its sample says it has no more (over the
 *    operator's ids), for a complete page;
 *  - else a window shared with the gram that narrows it first, whose rows over the same ids
 *    are read next: ngram_max() rows in all between the two, in proportion to how common
 *    each is.
 * Returns the rows, or <0.
 */
static long
grams_window(struct req *r, const struct gram_rows *g, int ng)
{
	long w = ngram_max(r), min, max, rows;
	double d0 = gram_density(&g[0]), p = 1;

	for (int i = 1; i < ng; i++)
		p *= g[i].keep;
	if (2.0 * (SEARCH_PAGE + 1) < p * (double)w)
		return (long)(2.0 * (SEARCH_PAGE + 1) / p) + 1;
	if (db_search_bounds(r, r->me->operator_id, &min, &max) < 0)
		return -1;
	if (ng < 2 || d0 * (double)((long)g[0].ids[0] - min + 1) <= (double)w)
		return w;
	rows = (long)((double)w * d0 / (d0 + gram_density(&g[1])));
	/* a page and one at least (or w when less) */
	return rows > SEARCH_PAGE ? rows : w <= SEARCH_PAGE ? w : SEARCH_PAGE + 1;
}

/*
 * The candidates of q's single grams below before, into *c and *nc (newest first), and *lo
 * the lowest id they cover when there are older users left to search, else 0: every match
 * in [lo, before) is among them. The rarest gram by its sample (grams_sample()) gives them:
 * all its rows when they are few enough, else its newest rows (a window: grams_window());
 * the others narrow them (grams_narrow()). Returns 1, 0 when q has no single gram, <0.
 */
static int
gram_candidates(struct req *r, const char *q, long before, unsigned **c, size_t *nc, long *lo)
{
	long w, n;
	struct gram_rows g[NGRAM_PROBES];
	int ng, rc;

	*c = NULL;
	*nc = 0;
	*lo = 0;
	if ((rc = grams_sample(r, q, before, g, &ng)) <= 0 || ng == 0)
		return rc;
	n = (long)g[0].n;
	if (g[0].cov != 0) {
		if ((w = grams_window(r, g, ng)) < 0 ||
		    (n <= w && gram_more(r, &g[0], 0, w + 1 - n) < 0))
			return -1;
		n = (long)g[0].n;
		if (g[0].cov != 0) {    /* more than w rows: a window of the newest w */
			n = w;
			*lo = (long)g[0].ids[n - 1];
		}
	}
	if ((n = grams_narrow(r, g, ng, (size_t)n, lo)) < 0)
		return -1;
	*c = g[0].ids;
	*nc = (size_t)n;
	return 1;
}

/*
 * The search through q's grams (three characters or more): its candidates' matches of like,
 * newest first, a page and one of them looked up first, then twice as many each time (up to
 * SEARCH_CHUNK), until a page and one match; *lo as gram_candidates()
 * sets it. Returns how many, SEARCH_NO_GRAM when q has no single gram, or -1.
 */
static int
search_grams(struct req *r, const char *q, long before, const char *like,
    struct search_row **rows, long *lo)
{
	unsigned *c;
	size_t n;
	int got = 0, rc;

	if ((rc = gram_candidates(r, q, before, &c, &n, lo)) <= 0)
		return rc < 0 ? -1 : SEARCH_NO_GRAM;
	if ((*rows = arena_alloc(r->a, (SEARCH_PAGE + 1) * sizeof(**rows))) == NULL)
		return -1;
	for (size_t at = 0, chunk = SEARCH_PAGE + 1; at < n && got <= SEARCH_PAGE; at += chunk,
	    chunk = chunk * 2 < SEARCH_CHUNK ? chunk * 2 : SEARCH_CHUNK) {
		struct search_row *part;
		int k = db_search_ids(r, r->me->operator_id, c + at, n - at < chunk ? n - at : chunk,
		    like, SEARCH_PAGE + 1 - got, &part);

		if (k < 0)
			return -1;
		if (k > 0)
			memcpy(*rows + got, part, (size_t)k * sizeof(*part));
		got += k;
	}
	return got;
}

/*
 * The users of the search for q (ql in lower case, like its LIKE pattern) from id after
 * (0: the newest) on, at most SEARCH_PAGE + 1: an address found exactly (*exact), else
 * through the grams (all the candidates of a rare one, or a window of a common one), else a
 * scan of a window of ids (*lo the lowest id looked at when there are more, else 0). Returns how many, <0 on failure.
 */
static int
search_find(struct req *r, const char *q, const char *ql, const char *like, long after,
    struct search_row **rows, int *exact, long *lo)
{
	long op = r->me->operator_id, before = after ? after : 0x7fffffffL, hi, min, max;
	struct ngram g;
	int n, rc;

	*exact = 0;
	*lo = 0;
	if (after == 0 && validate_email(ql) == NULL) {
		if ((n = db_search_exact(r, op, ql, rows)) < 0)
			return -1;
		if (n > 0) {
			*exact = 1;
			return n;
		}
	}
	if ((n = search_grams(r, q, before, like, rows, lo)) != SEARCH_NO_GRAM)
		return n;
	/* q of one or two characters (or not UTF-8): the start of a gram */
	if ((rc = ngram_pick(r, op, 0, q, &g)) < 0)
		return -1;
	if (rc == NGRAM_ALL)
		return db_search_gram(r, op, g.pattern, before, like, SEARCH_PAGE + 1, rows);
	if (db_search_bounds(r, op, &min, &max) < 0)
		return -1;
	hi = after ? after : max + 1;
	*lo = hi > SEARCH_WINDOW ? hi - SEARCH_WINDOW : 0;
	if (*lo <= min)
		*lo = 0;         /* the window reaches the operator's first user */
	return db_search_scan(r, op, hi, *lo, q, like, SEARCH_PAGE + 1, rows);
}

int
h_search(struct req *r)
{
	struct tmpl_dict *d;
	struct search_row *rows = NULL;
	const char *q, *af = query_get(r, "after");
	char *like, *ql;
	long page, after = 0, lo;
	int rc, n, shown, exact;

	if ((rc = list_args(r, 254, &q, &page)) != 0)
		return rc;
	if (af != NULL && str_to_long(af, 1, 0x7fffffffL, &after) < 0)
		after = 0;
	if ((like = like_arg(r->a, q)) == NULL || (ql = arena_strdup(r->a, q)) == NULL)
		return 500;
	str_lower(ql);
	if ((n = search_find(r, q, ql, like, after, &rows, &exact, &lo)) < 0)
		return 500;
	if ((d = page_start(r, "search.tpl", "search_title")) == NULL)
		return 500;
	tmpl_set(d, "Q", q);
	shown = n > SEARCH_PAGE ? SEARCH_PAGE : n;
	for (int i = 0; i < shown; i++)
		search_line(r, d, &rows[i]);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	if (exact)
		tmpl_show(d, "EXACT");
	if (n > SEARCH_PAGE) {
		tmpl_show(d, "MORE_THAN");
		tmpl_set(tmpl_section(d, "NEXT"), "HREF", arena_printf(r->a,
		    "/platform/users?q=%s&after=%ld", url_encode(r->a, q),
		    rows[SEARCH_PAGE - 1].id));
	} else {
		tmpl_set_int(tmpl_section(d, "COUNT"), "N", (long)n);
		if (lo > 0) {
			tmpl_show(d, "PARTIAL");
			tmpl_set(tmpl_section(d, "CONTINUE"), "HREF", arena_printf(r->a,
			    "/platform/users?q=%s&after=%ld", url_encode(r->a, q), lo));
		}
	}
	return page_finish(r);
}
