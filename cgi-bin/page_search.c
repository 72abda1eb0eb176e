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
 *  - but first the n-gram index (sql/016, ngram.c) is asked for the rarest gram of q: when it
 *    has at most ngram_max() users (NGRAM_MAX_CANDIDATES), those are the candidates
 *    (db_search_gram()), and the same LIKE picks the matches among them, newest first, over
 *    all the operator's users at once (a rare or absent q costs a few thousand row reads at
 *    most, not a walk);
 *  - when every gram of q is more common than that (q of three characters or more: 'smith
 *    james' matches nobody, yet each of its grams is in 25,000 users), the newest
 *    ngram_max() users of its rarest gram, narrowed to those that have its other grams
 *    counted too (each read over the same ids, sorted as the index holds them, and merged
 *    here), are the candidates (search_window()): the page shows their matches, and when
 *    fewer than a page, offers "Search older users" from the window's oldest, as the walk
 *    does below;
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
#define SEARCH_CHUNK 256           /* candidates of a gram window looked up at a time */

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

/* Keeps in a[0..n-1] the ids also in b[0..m-1] (both newest first); returns how many. */
static size_t
ids_common(unsigned *a, size_t n, const unsigned *b, size_t m)
{
	size_t i = 0, j = 0, k = 0;

	while (i < n && j < m) {
		if (a[i] > b[j])
			i++;
		else if (a[i] < b[j])
			j++;
		else {
			a[k++] = a[i++];
			j++;
		}
	}
	return k;
}

/*
 * A window of g's rarest gram: its newest ngram_max() users below before (*lo the oldest of
 * them when there are more, else 0), kept when they have the other grams counted too (each
 * read over the same ids, up to as many rows: one that common there is passed over), then the
 * matches of like among those, newest first, SEARCH_CHUNK users at a time until a page and
 * one. Returns how many, or <0.
 */
static int
search_window(struct req *r, const struct ngram *g, long before, const char *like,
    struct search_row **rows, long *lo)
{
	long op = r->me->operator_id, w = ngram_max(r);
	unsigned *ids, *other;
	size_t n, m;
	int got = 0;

	if (db_gram_ids(r, op, g->gram, 0, before, w, &ids, &n) < 0)
		return -1;
	*lo = (long)n >= w ? (long)ids[n - 1] : 0;
	for (int k = 0; k < g->nalso && n > 0; k++) {
		if (db_gram_ids(r, op, g->also[k], *lo, before, w, &other, &m) < 0)
			return -1;
		if ((long)m < w)
			n = ids_common(ids, n, other, m);
	}
	if ((*rows = arena_alloc(r->a, (SEARCH_PAGE + 1) * sizeof(**rows))) == NULL)
		return -1;
	for (size_t at = 0; at < n && got <= SEARCH_PAGE; at += SEARCH_CHUNK) {
		struct search_row *part;
		int k = db_search_ids(r, op, ids + at, n - at < SEARCH_CHUNK ? n - at : SEARCH_CHUNK,
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
	long op = r->me->operator_id, hi, min, max;
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
	if ((rc = ngram_pick(r, op, 0, q, &g)) < 0)
		return -1;
	if (rc == NGRAM_ALL)
		return db_search_gram(r, op, g.pattern, after ? after : 0x7fffffffL, like,
		    SEARCH_PAGE + 1, rows);
	if (rc == NGRAM_WINDOW)
		return search_window(r, &g, after ? after : 0x7fffffffL, like, rows, lo);
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
