/*
 * UM-1, UM-2: the list of User management (portal and platform), filtered and paged, kept in
 * pcache.c under the occupier's data version.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "listidx.h"
#include "mail.h"
#include "pages.h"
#include "pcache.h"
#include "tel.h"
#include "tmpl.h"
#include "users.h"
#include "validate.h"

/*
 * The list's filter runs on the occupier's users in memory (listidx.c, kept under the
 * occupier's data version), and STMT_LIST_ROWS reads the page's 51 users by primary key. When
 * there is no such index, one walk of ix_user_occ_list (sql/002, sql/006) does instead:
 * STMT_LIST_IDS reads the ids of the first LIST_COUNT_CAP + 1 matches in the list's order,
 * which gives the count ("Users found: 1000+" past the cap) and the page's ids at once; only
 * a page past the cap skips index entries with OFFSET (STMT_LIST, a deferred join). A filter
 * that is a whole address is looked up exactly first.
 */
#define LIST_COUNT_CAP 1000

/* Pages of PAGE_SIZE for total matches: at least one, the empty page. */
static long
pages_of(long total)
{
	return total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
}

/* The page's rows for the ids of ids[0..n-1] (as a JSON array for STMT_LIST_ROWS). */
static int
list_rows(struct req *r, const struct scope *s, const unsigned *ids, size_t n,
    struct dbres *res)
{
	struct sbuf json;
	int rc;

	sbuf_init(&json);
	sbuf_addc(&json, '[');
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&json, "%s%u", i ? "," : "", ids[i]);
	sbuf_addc(&json, ']');
	rc = json.oom ? 500 : db_query(r->db, r->a, res, STMT_LIST_ROWS, "sii", json.data,
	    (long long)s->operator_id, (long long)s->occupier_id) < 0 ? 500 : 0;
	sbuf_free(&json);
	return rc;
}

/*
 * The users of one page: res gets up to PAGE_SIZE + 1 rows (one more tells that a next page
 * exists), *total the number of matches (exact when *exact, else counted up to
 * LIST_COUNT_CAP + 1), and *page is moved back to the last page when past it. The filter
 * runs on the occupier's in-memory index (listidx.c) when there is one, else in SQL.
 * Returns 0 or 500.
 */
static int
list_page(struct req *r, const struct scope *s, const char *q, const char *like, long *page,
    long *total, int *exact, struct dbres *res)
{
	struct listidx *ix = listidx_get(r, s->operator_id, s->occupier_id, s->version);
	struct dbres idr;
	unsigned ids[PAGE_SIZE + 1];
	size_t n;
	long pages, from;

	if (ix != NULL) {
		*exact = 1;
		from = (*page - 1) * PAGE_SIZE;
		*total = (long)listidx_match(ix, q, (size_t)from, PAGE_SIZE + 1, ids, &n);
		pages = pages_of(*total);
		if (*page > pages) {    /* past the end: the last page */
			*page = pages;
			from = (*page - 1) * PAGE_SIZE;
			listidx_match(ix, q, (size_t)from, PAGE_SIZE + 1, ids, &n);
		}
		listidx_put(ix);
		return list_rows(r, s, ids, n, res);
	}
	*exact = 0;
	if (db_query(r->db, r->a, &idr, STMT_LIST_IDS, "iissi", (long long)s->operator_id,
	    (long long)s->occupier_id, q, like, (long long)LIST_COUNT_CAP + 1) < 0)
		return 500;
	*total = (long)idr.nrows;
	pages = pages_of(*total);
	if (*total <= LIST_COUNT_CAP && *page > pages)
		*page = pages;
	from = (*page - 1) * PAGE_SIZE;
	if (from + PAGE_SIZE + 1 > (long)idr.nrows && *total > LIST_COUNT_CAP)
		/* a page past the first LIST_COUNT_CAP matches */
		return db_query(r->db, r->a, res, STMT_LIST, "iissii", (long long)s->operator_id,
		    (long long)s->occupier_id, q, like, (long long)PAGE_SIZE + 1,
		    (long long)from) < 0 ? 500 : 0;
	n = 0;
	for (long i = from; i < from + PAGE_SIZE + 1 && i < (long)idr.nrows; i++)
		ids[n++] = (unsigned)db_int(&idr, (size_t)i, 0);
	return list_rows(r, s, ids, n, res);
}

/* UM-1, UM-2: the occupier's users, filtered by any part of name or email, paged. */
int
h_users_list(struct req *r)
{
	struct scope s;
	struct tmpl_dict *d;
	struct dbres res;
	const char *q = query_get(r, "q"), *pg = query_get(r, "page");
	char *like, *qtrim;
	long page = 1, total, pages;
	int rc, capped, more, exact;
	unsigned char key[PCACHE_KEY];

	if ((rc = scope_get(r, &s)) != 0)
		return rc;
	/* the same page, unchanged since it was rendered for this session: its copy */
	if (s.version != NULL) {
		pcache_key(r, arena_printf(r->a, "users_list/%ld/%ld/%s/%d/%d/%s", s.operator_id,
		    s.occupier_id, s.version, s.platform, s.experience, s.occupier_name), key);
		if (pcache_get(key, &r->body)) {
			r->status = 200;
			r->resp_ctype = "text/html; charset=utf-8";
			return 0;
		}
	}
	qtrim = str_trim(arena_strdup(r->a, q ? q : ""));
	if (qtrim == NULL || strlen(qtrim) > 254)
		return 400;
	if (pg != NULL && str_to_long(pg, 1, 1000000, &page) < 0)
		page = 1;
	if ((like = like_arg(r->a, qtrim)) == NULL)
		return 500;
	total = -1;
	if (strchr(qtrim, '@') != NULL && validate_email(qtrim) == NULL) {
		/* a whole address: its user, by the unique index, when it is one of ours
		 * (otherwise it is searched as a part of addresses like any filter) */
		char *low = arena_strdup(r->a, qtrim);

		if (low == NULL)
			return 500;
		str_lower(low);
		if (db_query(r->db, r->a, &res, STMT_LIST_BY_EMAIL, "iis", (long long)s.operator_id,
		    (long long)s.occupier_id, low) < 0)
			return 500;
		if (res.nrows == 1) {
			total = 1;
			page = 1;
		}
	}
	exact = 1;
	if (total < 0 && (rc = list_page(r, &s, qtrim, like, &page, &total, &exact, &res)) != 0)
		return rc;
	capped = !exact && total > LIST_COUNT_CAP;
	pages = pages_of(total);
	more = res.nrows > PAGE_SIZE;
	if (more)
		res.nrows = PAGE_SIZE;
	if ((d = page_start(r, "users_list.tpl", s.platform ? "users" : "user_management")) == NULL)
		return 500;
	scope_show(r, &s, d);
	tmpl_set(d, "Q", qtrim);
	if (capped)
		tmpl_set(d, "TOTAL", arena_printf(r->a, "%d+", LIST_COUNT_CAP));
	else
		tmpl_set_int(d, "TOTAL", total);
	tmpl_set_int(d, "PAGE", page);
	if (capped)
		tmpl_show(d, "PAGES_UNKNOWN");
	else {
		struct tmpl_dict *pg_of = tmpl_section(d, "PAGES_KNOWN");

		tmpl_set_int(pg_of, "PAGES", pages);
	}
	if (res.nrows == 0)
		tmpl_show(d, "EMPTY");
	for (size_t i = 0; i < res.nrows; i++) {
		struct tmpl_dict *row = tmpl_section(d, "USER");
		int admin = str_eq(db_str(&res, i, 4), "admin");

		tmpl_set(row, "ID", db_str(&res, i, 0));
		tmpl_set(row, "NAME", arena_printf(r->a, "%s %s", db_str(&res, i, 1),
		    db_str(&res, i, 2)));
		tmpl_set(row, "EMAIL", db_str(&res, i, 3));
		tmpl_set(row, "ROLE", T(r, admin ? "role_admin" : "role_user"));
		page_badge(r, row, "ACCOUNT", db_str(&res, i, 5));
		page_badge(r, row, "WIFI", db_str(&res, i, 6));
		if (db_isnull(&res, i, 7))
			tmpl_show(row, "NO_NUMBER");
		else {
			struct tmpl_dict *n = tmpl_section(row, "NUMBER");

			tmpl_set(n, "PHONE", db_str(&res, i, 7));
			tmpl_set(n, "EXT", db_str(&res, i, 8));
		}
		if (user_may_delete(r, &s, (long)db_int(&res, i, 0), admin))
			tmpl_show(row, "CAN_DELETE");
		if (s.platform)
			tmpl_show(row, "SELECT");
	}
	if (page > 1) {
		struct tmpl_dict *p = tmpl_section(d, "PREV");

		tmpl_set(p, "HREF", arena_printf(r->a, "%s?q=%s&page=%ld", s.base,
		    url_encode(r->a, qtrim), page - 1));
	}
	if (more) {
		struct tmpl_dict *p = tmpl_section(d, "NEXT");

		tmpl_set(p, "HREF", arena_printf(r->a, "%s?q=%s&page=%ld", s.base,
		    url_encode(r->a, qtrim), page + 1));
	}
	if ((rc = page_finish(r)) == 0 && s.version != NULL && r->status == 200)
		pcache_put(key, r->body.data, r->body.len);
	return rc;
}
