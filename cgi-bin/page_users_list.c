/*
 * UM-1, UM-2: the list of User management (portal and platform), filtered and paged, kept in
 * pcache.c under the occupier's data version.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "db_search.h"
#include "i18n.h"
#include "listidx.h"
#include "ngram.h"
#include "mail.h"
#include "pages.h"
#include "pcache.h"
#include "tel.h"
#include "tmpl.h"
#include "users.h"
#include "validate.h"

/*
 * The list's filter runs on the occupier's users in memory (listidx.c, kept under the
 * occupier's data version), and db_users_by_ids() reads the page's 51 users by primary key.
 * When there is no such index, one walk of ix_user_occ_list (sql/002, sql/006) does instead:
 * db_user_match_ids() reads the ids of the first LIST_COUNT_CAP + 1 matches in the list's
 * order, which gives the count ("Users found: 1000+" past the cap) and the page's ids at
 * once; only a page past the cap skips index entries with OFFSET (db_users_page(), a deferred
 * join). Before that walk, the n-gram index (sql/016, ngram.c) is asked for the rarest gram
 * of the filter among the occupier's own grams (ix_ug_occ, sql/025): when it has at most
 * ngram_max() users, the same LIKE runs on those only (db_user_gram_ids()), and
 * the count is exact. A filter that is a whole address is
 * looked up exactly first.
 */

/* Pages of PAGE_SIZE for total matches: at least one, the empty page. */
static long
pages_of(long total)
{
	return total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
}

/* A page's users: up to PAGE_SIZE + 1 lines (one more tells that a next page exists). */
struct list {
	struct ulist_row *rows;
	int n;
};

/* The page's lines for the ids of ids[0..n-1]; 0 or 500. */
static int
list_rows(struct req *r, const struct scope *s, const unsigned *ids, size_t n, struct list *l)
{
	l->n = db_users_by_ids(r, s->operator_id, s->occupier_id, ids, n, &l->rows);
	return l->n < 0 ? 500 : 0;
}

/*
 * The users of one page into l, *total the number of matches (exact when *exact, else
 * counted up to LIST_COUNT_CAP + 1), and *page is moved back to the last page when past it.
 * The filter runs on the occupier's in-memory index (listidx.c) when there is one, else in
 * SQL. Returns 0 or 500.
 */
static int
list_page(struct req *r, const struct scope *s, const char *q, const char *like, long *page,
    long *total, int *exact, struct list *l)
{
	struct listidx *ix = listidx_get(r, s->operator_id, s->occupier_id, s->version);
	struct ngram g;
	unsigned ids[PAGE_SIZE + 1], *all;
	size_t n, nall;
	long pages, from;
	int rc;

	if (ix != NULL) {
		size_t pos[PAGE_SIZE + 1];

		*exact = 1;
		from = (*page - 1) * PAGE_SIZE;
		*total = (long)listidx_match(ix, q, (size_t)from, PAGE_SIZE + 1, pos, &n);
		pages = pages_of(*total);
		if (*page > pages) {    /* past the end: the last page */
			*page = pages;
			from = (*page - 1) * PAGE_SIZE;
			listidx_match(ix, q, (size_t)from, PAGE_SIZE + 1, pos, &n);
		}
		l->n = listidx_lines(r, ix, pos, n, &l->rows);
		listidx_put(ix);
		return l->n < 0 ? 500 : 0;
	}
	if ((rc = ngram_pick(r, s->operator_id, s->occupier_id, q, &g)) < 0)
		return 500;
	if (rc == NGRAM_ALL) {  /* every match is among the gram's candidates: exact */
		if (db_user_gram_ids(r, s->operator_id, s->occupier_id, g.pattern, like, &all,
		    &nall) < 0)
			return 500;
		*exact = 1;
		*total = (long)nall;
		pages = pages_of(*total);
		if (*page > pages)
			*page = pages;
		from = (*page - 1) * PAGE_SIZE;
		n = 0;
		for (long i = from; i < from + PAGE_SIZE + 1 && i < (long)nall; i++)
			ids[n++] = all[i];
		return list_rows(r, s, ids, n, l);
	}
	*exact = 0;
	if (db_user_match_ids(r, s->operator_id, s->occupier_id, q, like, LIST_COUNT_CAP + 1,
	    &all, &nall) < 0)
		return 500;
	*total = (long)nall;
	pages = pages_of(*total);
	if (*total <= LIST_COUNT_CAP && *page > pages)
		*page = pages;
	from = (*page - 1) * PAGE_SIZE;
	if (from + PAGE_SIZE + 1 > (long)nall && *total > LIST_COUNT_CAP) {
		/* a page past the first LIST_COUNT_CAP matches */
		l->n = db_users_page(r, s->operator_id, s->occupier_id, q, like, PAGE_SIZE + 1,
		    from, &l->rows);
		return l->n < 0 ? 500 : 0;
	}
	n = 0;
	for (long i = from; i < from + PAGE_SIZE + 1 && i < (long)nall; i++)
		ids[n++] = all[i];
	return list_rows(r, s, ids, n, l);
}

/* The count, the page number and the pager links of the list. */
static void
list_counts(struct req *r, const struct scope *s, struct tmpl_dict *d, const char *qtrim,
    long page, long total, int capped, int more)
{
	tmpl_set(d, "Q", qtrim);
	if (capped)
		tmpl_set(d, "TOTAL", arena_printf(r->a, "%d+", LIST_COUNT_CAP));
	else
		tmpl_set_int(d, "TOTAL", total);
	tmpl_set_int(d, "PAGE", page);
	if (capped)
		tmpl_show(d, "PAGES_UNKNOWN");
	else
		tmpl_set_int(tmpl_section(d, "PAGES_KNOWN"), "PAGES", pages_of(total));
	if (page > 1)
		tmpl_set(tmpl_section(d, "PREV"), "HREF", arena_printf(r->a, "%s?q=%s&page=%ld",
		    s->base, url_encode(r->a, qtrim), page - 1));
	if (more)
		tmpl_set(tmpl_section(d, "NEXT"), "HREF", arena_printf(r->a, "%s?q=%s&page=%ld",
		    s->base, url_encode(r->a, qtrim), page + 1));
}

/* One line of the list. */
static void
list_line(struct req *r, const struct scope *s, struct tmpl_dict *d, const struct ulist_row *u)
{
	struct tmpl_dict *row = tmpl_section(d, "USER");
	int admin = str_eq(u->role, "admin");

	tmpl_set_int(row, "ID", u->id);
	tmpl_set(row, "NAME", arena_printf(r->a, "%s %s", u->first_name, u->last_name));
	tmpl_set(row, "EMAIL", u->email);
	tmpl_set(row, "ROLE", T(r, admin ? "role_admin" : "role_user"));
	page_badge(r, row, "ACCOUNT", u->account_state);
	page_badge(r, row, "WIFI", u->wifi_state);
	if (*u->leave_on)
		tmpl_set(tmpl_section(row, "LEAVING"), "DATE", u->leave_on);
	if (*u->invite_expires && state_of(u->account_state) == ST_AWAITING_VALIDATION)
		tmpl_set(tmpl_section(row, "INVITE_EXPIRES"), "DATE", u->invite_expires);
	if (u->number == NULL)
		tmpl_show(row, "NO_NUMBER");
	else {
		struct tmpl_dict *n = tmpl_section(row, "NUMBER");

		tmpl_set(n, "PHONE", u->number);
		tmpl_set(n, "EXT", u->extension);
	}
	if (user_may_delete(r, s, u->id, admin))
		tmpl_show(row, "CAN_DELETE");
	if (s->platform)
		tmpl_show(row, "SELECT");
}

/*
 * The matches of the filter qtrim into l: a whole address is looked up exactly first (by the
 * unique index, when it is one of ours; otherwise it is searched as a part of addresses like
 * any filter). Returns 0 or the status of an error page.
 */
static int
list_find(struct req *r, const struct scope *s, char *qtrim, long *page, long *total,
    int *exact, struct list *l)
{
	char *like = like_arg(r->a, qtrim);

	if (like == NULL)
		return 500;
	*exact = 1;
	if (strchr(qtrim, '@') != NULL && validate_email(qtrim) == NULL) {
		char *low = arena_strdup(r->a, qtrim);

		if (low == NULL)
			return 500;
		str_lower(low);
		if ((l->n = db_user_by_email(r, s->operator_id, s->occupier_id, low,
		    &l->rows)) < 0)
			return 500;
		if (l->n == 1) {
			*total = 1;
			*page = 1;
			return 0;
		}
	}
	return list_page(r, s, qtrim, like, page, total, exact, l);
}

int
users_find(struct req *r, const struct scope *s, char *q, long *page, long *total, int *exact,
    struct ulist_row **rows, int *n)
{
	struct list l = { NULL, 0 };
	int rc = list_find(r, s, q, page, total, exact, &l);

	*rows = l.rows;
	*n = l.n;
	return rc;
}

/* UM-1, UM-2: the occupier's users, filtered by any part of name or email, paged. */
int
h_users_list(struct req *r)
{
	const struct scope *s = r->scope;
	struct tmpl_dict *d;
	struct list l;
	const char *q = query_get(r, "q"), *pg = query_get(r, "page");
	char *qtrim;
	long page = 1, total = 0;
	int rc, more, exact;
	unsigned char key[PCACHE_KEY];
	/* the page's inputs besides the request's (NULL when out of memory: nothing cached, as
	 * every version would hash alike) */
	const char *inputs = s->version == NULL ? NULL : arena_printf(r->a,
	    "users_list/%ld/%ld/%s/%d/%d/%s", s->operator_id, s->occupier_id, s->version,
	    s->platform, s->experience, s->occupier_name);

	/* the same page, unchanged since it was rendered for this session: its copy */
	if (page_cached(r, inputs, key))
		return 0;
	qtrim = str_trim(arena_strdup(r->a, q ? q : ""));
	if (qtrim == NULL || strlen(qtrim) > 254)
		return 400;
	if (pg != NULL && str_to_long(pg, 1, 1000000, &page) < 0)
		page = 1;
	if ((rc = list_find(r, s, qtrim, &page, &total, &exact, &l)) != 0)
		return rc;
	if ((more = l.n > PAGE_SIZE))
		l.n = PAGE_SIZE;
	if ((d = page_start(r, "users_list.tpl", s->platform ? "users" : "user_management")) == NULL)
		return 500;
	scope_show(r, s, d);
	list_counts(r, s, d, qtrim, page, total, !exact && total > LIST_COUNT_CAP, more);
	if (l.n == 0)
		tmpl_show(d, "EMPTY");
	for (int i = 0; i < l.n; i++)
		list_line(r, s, d, &l.rows[i]);
	return page_finish_kept(r, inputs != NULL ? key : NULL, 0);
}
