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
 *    has at most NGRAM_MAX_CANDIDATES users, those are the candidates (SQL_SEARCH_GRAM), and
 *    the same LIKE picks the matches among them, newest first, over all the operator's
 *    users at once (a rare or absent q costs a few thousand row reads at most, not a walk);
 *  - the walk never goes further than SEARCH_WINDOW ids below where it started, so a query
 *    that matches few users costs a bounded scan; the page then offers "Search older users",
 *    which goes on from there. Pages and continuations carry ?after=ID (keyset, no OFFSET).
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "ngram.h"
#include "pages.h"
#include "tmpl.h"
#include "validate.h"

#define SEARCH_PAGE 50
#define SEARCH_WINDOW 100000L      /* ids looked at by one request at most */

/* Not MIN()/MAX(): MariaDB 10.11 reads those from a descending index (sql/008) by a walk of
 * all the operator's users; a one-row read from each end of the index is immediate. */
static const char SQL_SEARCH_BOUNDS[] =
	"SELECT (SELECT id FROM users FORCE INDEX (ix_user_op_search) WHERE operator_id = ? "
	"ORDER BY id LIMIT 1), (SELECT id FROM users FORCE INDEX (ix_user_op_search) "
	"WHERE operator_id = ? ORDER BY id DESC LIMIT 1)";
/* Both give: id, first_name, last_name, email, occupier_id, occupier name, role. */
static const char SQL_SEARCH_EXACT[] =
	"SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
	"FROM users u LEFT JOIN occupiers o ON o.id = u.occupier_id "
	"AND o.operator_id = u.operator_id WHERE u.operator_id = ? AND u.email = ?";
static const char SQL_SEARCH_SCAN[] =
	"SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
	"FROM (SELECT id FROM users FORCE INDEX (ix_user_op_search) "
	"WHERE operator_id = ? AND id < ? AND id >= ? "
	"AND (? = '' OR search_text LIKE ?) "
	"ORDER BY id DESC LIMIT ?) m JOIN users u ON u.id = m.id "
	"LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
	"ORDER BY u.id DESC";
/* The candidates: the users of the grams that ngram_pick's pattern matches. */
static const char SQL_SEARCH_GRAM[] =
	"SELECT u.id, u.first_name, u.last_name, u.email, u.occupier_id, o.name, u.role "
	"FROM (SELECT c.id FROM (SELECT DISTINCT user_id AS id FROM user_grams "
	"WHERE operator_id = ? AND gram LIKE ? AND user_id < ?) c "
	"STRAIGHT_JOIN users u ON u.id = c.id "
	"WHERE u.operator_id = ? AND u.search_text LIKE ? "
	"ORDER BY c.id DESC LIMIT ?) m JOIN users u ON u.id = m.id "
	"LEFT JOIN occupiers o ON o.id = u.occupier_id AND o.operator_id = u.operator_id "
	"ORDER BY u.id DESC";

static void
search_row(struct req *r, struct tmpl_dict *d, const struct dbres *res, size_t i)
{
	struct tmpl_dict *row = tmpl_section(d, "USER");
	const char *role = db_str(res, i, 6);

	tmpl_set(row, "ID", db_str(res, i, 0));
	tmpl_set(row, "NAME", arena_printf(r->a, "%s %s", db_str(res, i, 1), db_str(res, i, 2)));
	tmpl_set(row, "EMAIL", db_str(res, i, 3));
	if (!db_isnull(res, i, 4)) {
		struct tmpl_dict *o = tmpl_section(row, "OCC");

		tmpl_show(row, "LINK");
		tmpl_set_global(row, "OCC_ID", db_str(res, i, 4));
		tmpl_set(o, "OCC_NAME", db_str(res, i, 5));
	} else {
		tmpl_show(row, "NO_LINK");
		tmpl_show(row, "TEAM");
	}
	tmpl_set(row, "ROLE", T(r, str_eq(role, "super_admin") ? "search_role_super_admin" :
	    str_eq(role, "admin") ? "role_admin" : "role_user"));
}

int
h_search(struct req *r)
{
	struct tmpl_dict *d;
	struct dbres res, b;
	struct ngram g;
	const char *q, *af = query_get(r, "after");
	char *like, *ql;
	long page, after = 0, lo = 0, hi, min;
	size_t shown;
	int rc, exact = 0;

	if ((rc = list_args(r, 254, &q, &page)) != 0)
		return rc;
	if (af != NULL && str_to_long(af, 1, 0x7fffffffL, &after) < 0)
		after = 0;
	if ((like = like_arg(r->a, q)) == NULL || (ql = arena_strdup(r->a, q)) == NULL)
		return 500;
	str_lower(ql);
	res.nrows = 0;
	if (after == 0 && validate_email(ql) == NULL) {
		if (db_query(r->db, r->a, &res, SQL_SEARCH_EXACT, "is",
		    (long long)r->me->operator_id, ql) < 0)
			return 500;
		exact = res.nrows > 0;
	}
	if (!exact && (rc = ngram_pick(r, r->me->operator_id, q, &g)) < 0)
		return 500;
	if (!exact && rc == 1) {
		if (db_query(r->db, r->a, &res, SQL_SEARCH_GRAM, "isiisi",
		    (long long)r->me->operator_id, g.pattern,
		    (long long)(after ? after : 0x7fffffffL), (long long)r->me->operator_id, like,
		    (long long)SEARCH_PAGE + 1) < 0)
			return 500;
	} else if (!exact) {
		if (db_query(r->db, r->a, &b, SQL_SEARCH_BOUNDS, "ii",
		    (long long)r->me->operator_id, (long long)r->me->operator_id) < 0)
			return 500;
		min = (long)db_int(&b, 0, 0);
		hi = after ? after : (long)db_int(&b, 0, 1) + 1;
		lo = hi > SEARCH_WINDOW ? hi - SEARCH_WINDOW : 0;
		if (lo <= min)
			lo = 0;         /* the window reaches the operator's first user */
		if (db_query(r->db, r->a, &res, SQL_SEARCH_SCAN, "iiissi",
		    (long long)r->me->operator_id, (long long)hi, (long long)lo, q, like,
		    (long long)SEARCH_PAGE + 1) < 0)
			return 500;
	}
	if ((d = page_start(r, "search.tpl", "search_title")) == NULL)
		return 500;
	tmpl_set(d, "Q", q);
	shown = res.nrows > SEARCH_PAGE ? SEARCH_PAGE : res.nrows;
	for (size_t i = 0; i < shown; i++)
		search_row(r, d, &res, i);
	if (res.nrows == 0)
		tmpl_show(d, "EMPTY");
	if (exact)
		tmpl_show(d, "EXACT");
	if (res.nrows > SEARCH_PAGE) {
		tmpl_show(d, "MORE_THAN");
		tmpl_set(tmpl_section(d, "NEXT"), "HREF", arena_printf(r->a,
		    "/platform/users?q=%s&after=%s", url_encode(r->a, q),
		    db_str(&res, SEARCH_PAGE - 1, 0)));
	} else {
		tmpl_set_int(tmpl_section(d, "COUNT"), "N", (long)res.nrows);
		if (lo > 0) {
			tmpl_show(d, "PARTIAL");
			tmpl_set(tmpl_section(d, "CONTINUE"), "HREF", arena_printf(r->a,
			    "/platform/users?q=%s&after=%ld", url_encode(r->a, q), lo));
		}
	}
	return page_finish(r);
}
