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
 *    has at most NGRAM_MAX_CANDIDATES users, those are the candidates (db_search_gram()), and
 *    the same LIKE picks the matches among them, newest first, over all the operator's
 *    users at once (a rare or absent q costs a few thousand row reads at most, not a walk);
 *  - the walk never goes further than SEARCH_WINDOW ids below where it started, so a query
 *    that matches few users costs a bounded scan; the page then offers "Search older users",
 *    which goes on from there. Pages and continuations carry ?after=ID (keyset, no OFFSET).
 */
#include <string.h>

#include "app.h"
#include "db_users.h"
#include "ngram.h"
#include "pages.h"
#include "tmpl.h"
#include "validate.h"

#define SEARCH_PAGE 50
#define SEARCH_WINDOW 100000L      /* ids looked at by one request at most */

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

/*
 * The users of the search for q (ql in lower case, like its LIKE pattern) from id after
 * (0: the newest) on, at most SEARCH_PAGE + 1: an address found exactly (*exact), else
 * through the grams, else a scan of a window of ids (*lo its lowest, 0 when it reached the
 * first user). Returns how many, <0 on failure.
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
	if ((rc = ngram_pick(r, op, q, &g)) < 0)
		return -1;
	if (rc == 1)
		return db_search_gram(r, op, g.pattern, after ? after : 0x7fffffffL, like,
		    SEARCH_PAGE + 1, rows);
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
