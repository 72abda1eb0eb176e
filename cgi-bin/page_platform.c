/*
 * The operator platform's Occupiers pages (PLAT-1) and the bulk actions on an occupier's
 * users (PLAT-4), plus the small helpers that the other platform pages share: list
 * arguments and paging, LIKE patterns, and the occupier of a URL checked against the
 * signed-in operator in SQL. The Users tab itself lives in page_users.c.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "states.h"
#include "db_users.h"
#include "listidx.h"
#include "pages.h"
#include "tmpl.h"
#include "userform.h"

#define OCC_PAGE_SIZE 50
#define BULK_CONFIRM_SHOWN 50       /* users named on a confirmation page */

/* "%q%" for LIKE, with the wildcards and the escape character of q escaped. */
char *
like_arg(struct arena *a, const char *q)
{
	char *p = arena_alloc(a, strlen(q) * 2 + 3), *o = p;

	if (p == NULL)
		return NULL;
	*o++ = '%';
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*o++ = '\\';
		*o++ = *q;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

/*
 * Reads ?q= (trimmed, at most maxq bytes) and ?page= (1 when absent or junk). Returns 0,
 * 400 for a filter that is too long, 500 when out of memory.
 */
int
list_args(struct req *r, size_t maxq, const char **q, long *page)
{
	const char *qs = query_get(r, "q"), *pg = query_get(r, "page");
	char *t = arena_strdup(r->a, qs ? qs : "");

	if (t == NULL)
		return 500;
	t = str_trim(t);
	if (strlen(t) > maxq)
		return 400;
	*q = t;
	if (pg == NULL || str_to_long(pg, 1, 1000000, page) < 0)
		*page = 1;
	return 0;
}

/* Clamps *page to the pages that total rows make; returns the offset of its first row. */
long
list_offset(long *page, long total, long per, long *pages)
{
	*pages = total > 0 ? (total + per - 1) / per : 1;
	if (*page > *pages)
		*page = *pages;
	return (*page - 1) * per;
}

/*
 * Fills the paging partial (templates/platform_pager.tpl) where the body template says
 * {{>PAGER}}: "Page X of Y" and the links to the neighbours, keeping the filter.
 */
void
list_pager(struct req *r, struct tmpl_dict *d, const char *base, const char *q, long page,
    long pages)
{
	struct tmpl_dict *p = tmpl_include(d, "PAGER", r->lang, "platform_pager.tpl");
	const char *qe = url_encode(r->a, q ? q : "");
	const char *sep = strchr(base, '?') ? "&" : "?";   /* base may carry more filters */

	if (p == NULL)
		return;
	tmpl_set_int(p, "PAGE", page);
	tmpl_set_int(p, "PAGES", pages);
	if (page > 1)
		tmpl_set(tmpl_section(p, "PREV"), "HREF", arena_printf(r->a, "%s%sq=%s&page=%ld",
		    base, sep, qe, page - 1));
	if (page < pages)
		tmpl_set(tmpl_section(p, "NEXT"), "HREF", arena_printf(r->a, "%s%sq=%s&page=%ld",
		    base, sep, qe, page + 1));
}

/* PLAT-1: the operator's occupiers, filtered by name, paged, with their user counts. */
int
h_occupiers(struct req *r)
{
	struct tmpl_dict *d;
	struct occupier_row *o;
	const char *q;
	char *like;
	long page, pages, total, off;
	int rc, n;

	if ((rc = list_args(r, 100, &q, &page)) != 0)
		return rc;
	if ((like = like_arg(r->a, q)) == NULL)
		return 500;
	if (db_occupiers_count(r, r->me->operator_id, q, like, &total) < 0)
		return 500;
	off = list_offset(&page, total, OCC_PAGE_SIZE, &pages);
	if ((n = db_occupiers_page(r, r->me->operator_id, q, like, OCC_PAGE_SIZE, off, &o)) < 0)
		return 500;
	if ((d = page_start(r, "platform_occupiers.tpl", "occupiers")) == NULL)
		return 500;
	tmpl_set(d, "Q", q);
	tmpl_set_int(d, "TOTAL", total);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	for (int i = 0; i < n; i++) {
		struct tmpl_dict *row = tmpl_section(d, "OCC");

		tmpl_set(row, "ID", o[i].id);
		tmpl_set(row, "NAME", o[i].name);
		tmpl_set(row, "USERS", o[i].users);
		tmpl_set(row, "SITES", o[i].sites);
	}
	list_pager(r, d, "/platform/occupiers", q, page, pages);
	return page_finish(r);
}

/* /platform/occupiers/ID: an occupier opens on its Users tab. */
int
h_occupier(struct req *r)
{
	return page_redirect(r, arena_printf(r->a, "/platform/occupiers/%ld/users", r->id));
}

/* ------------------------------------------------------------------------------------ */
/* PLAT-4: bulk actions on selected users                                                */

enum bulk_action { BULK_DELETE, BULK_WIFI_OFF, BULK_INVITE, BULK_HOMESITE, BULK__MAX };

static const char *const bulk_names[BULK__MAX] = {
	"delete", "deactivate_wifi", "invite", "homesite",
};

/* Catalogue keys of each action's title. */
static const char *const bulk_titles[BULK__MAX] = {
	"plat_bulk_title_delete", "plat_bulk_title_deactivate_wifi",
	"plat_bulk_title_invite", "plat_bulk_title_homesite",
};

static int
id_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The users a bulk request names: every user matching the list filter q when all_matching,
 * else each repeated "user" id, each one re-checked against the occupier and the operator
 * in SQL (ids of anyone else are dropped, as if never sent). Returns 0 or 500.
 */
static int
bulk_targets(struct req *r, long occ, int all, const char *q, struct bulk_user **out,
    size_t *n)
{
	size_t want = kv_count(&r->form, "user"), k = 0;
	long *ids;
	int rc;

	*out = NULL;
	*n = 0;
	if (all) {
		struct listidx_query lq;

		if (listidx_query(&lq, q) < 0)
			return 0;       /* matches nobody, as in the list */
		if ((rc = db_bulk_all(r, r->me->operator_id, occ, out)) < 0)
			return 500;
		for (int i = 0; i < rc; i++)    /* the matching ones, to the front */
			if (listidx_text_matches((*out)[i].search_text, &lq))
				(*out)[(*n)++] = (*out)[i];
		return 0;
	}
	if (want == 0)
		return 0;
	if ((ids = arena_alloc(r->a, want * sizeof(*ids))) == NULL ||
	    (*out = arena_alloc(r->a, want * sizeof(**out))) == NULL)
		return 500;
	for (size_t i = 0; i < want; i++)
		if (str_to_long(kv_nth(&r->form, "user", i), 1, 2000000000L, &ids[k]) == 0)
			k++;
	if (k > 1)
		qsort(ids, k, sizeof(*ids), id_cmp);
	for (size_t i = 0; i < k; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		if ((rc = db_bulk_one(r, r->me->operator_id, occ, ids[i], &(*out)[*n])) < 0)
			return 500;
		*n += (size_t)rc;
	}
	return 0;
}

/* The fields that carry the selection to the next step (confirmation, homesite choice). */
static void
bulk_hidden(struct req *r, struct tmpl_dict *d, int all, const char *q,
    const struct bulk_user *u, size_t n)
{
	if (all) {
		tmpl_show(d, "ALL_MATCHING");
		tmpl_set(d, "Q", q);
		return;
	}
	for (size_t i = 0; i < n; i++)
		tmpl_set_int(tmpl_section(d, "SELECTED"), "ID", u[i].id);
}

/*
 * The step before acting: a confirmation page for deleting (unless the dialog already
 * asked: confirmed=1), or the choice of the new homesite when none valid was sent. Also
 * the page that says nothing was selected.
 */
static int
bulk_ask(struct req *r, long occ, const char *occ_name, enum bulk_action act, int all,
    const char *q, const struct bulk_user *u, size_t n, const struct site *sites,
    size_t nsites, const char *error_key)
{
	struct tmpl_dict *d;

	if ((d = page_start(r, "platform_bulk_confirm.tpl", bulk_titles[act])) == NULL)
		return 500;
	tmpl_set_int(d, "OCC_ID", occ);
	tmpl_set(d, "OCCUPIER_NAME", occ_name);
	tmpl_set(d, "TITLE", T(r, bulk_titles[act]));
	tmpl_set(d, "ACTION", bulk_names[act]);
	tmpl_set_int(d, "COUNT", (long)n);
	if (n == 0) {
		tmpl_show(d, "NONE");
		r->status = 400;
		return page_finish(r);
	}
	d = tmpl_section(d, "FORM");
	bulk_hidden(r, d, all, q, u, n);
	for (size_t i = 0; i < n && i < BULK_CONFIRM_SHOWN; i++) {
		struct tmpl_dict *row = tmpl_section(d, "USER");

		tmpl_set(row, "NAME", u[i].name);
		tmpl_set(row, "EMAIL", u[i].email);
	}
	if (n > BULK_CONFIRM_SHOWN)
		tmpl_set_int(tmpl_section(d, "MORE"), "MORE_COUNT", (long)(n - BULK_CONFIRM_SHOWN));
	if (act == BULK_DELETE) {
		tmpl_show(d, "DELETE");
		return page_finish(r);
	}
	d = tmpl_section(d, "HOMESITE");
	if (error_key != NULL) {
		tmpl_set(tmpl_section(d, "HOMESITE_ERROR"), "ERROR_TEXT", T(r, error_key));
		tmpl_show(d, "HAS_ERROR");
		r->status = 400;
	}
	for (size_t i = 0; i < nsites; i++) {
		struct tmpl_dict *o = tmpl_section(d, "SITE");

		tmpl_set(o, "SITE_ID", sites[i].id);
		tmpl_set(o, "SITE_NAME", sites[i].name);
	}
	return page_finish(r);
}

/* What happened to one user: done, or skipped with the catalogue key of the reason. */
static const char *
bulk_one(struct req *r, long occ, enum bulk_action act, int experience, long site,
    const struct bulk_user *u, int *rc)
{
	long op = r->me->operator_id;

	*rc = 0;
	switch (act) {
	case BULK_DELETE:
		if (!str_eq(u->role, "user"))
			return "plat_skip_admin";
		*rc = user_delete(r, op, occ, u->id, 0);
		return *rc == 0 ? "plat_skip_gone" : NULL;
	case BULK_WIFI_OFF:
		*rc = wifi_deactivate(r, op, occ, u->id);
		if (*rc == 0)
			return state_of(u->wifi_state) == ST_NO_ACCOUNT ? "plat_skip_no_wifi" :
			    "plat_skip_wifi_not_active";
		return NULL;
	case BULK_INVITE:
		if (!experience)
			return "plat_skip_no_experience";
		*rc = user_invite(r, op, occ, u->id, 1, 0);
		if (*rc == 0)
			return state_of(u->account_state) == ST_DEACTIVATED ?
			    "plat_skip_account_deactivated" : "plat_skip_already_invited";
		return NULL;
	default:
		if (state_of(u->wifi_state) == ST_NO_ACCOUNT)
			return "plat_skip_no_wifi";
		if (u->homesite == site)
			return "plat_skip_same_homesite";
		*rc = wifi_set_homesite(r, op, occ, u->id, site);
		return *rc == 0 ? "plat_skip_gone" : NULL;
	}
}

/* The homesite a bulk change names (hs, typed) among the occupier's sites (also returned
 * for the question page): 1 with *site, 0 not one of them, <0 failure. */
static int
bulk_homesite(struct req *r, long occ, const char *hs, long *site, struct site **sites,
    size_t *nsites)
{
	int ok = 0;

	if (db_occupier_sites(r, r->me->operator_id, occ, sites, nsites) < 0)
		return -1;
	if (hs != NULL && str_to_long(hs, 1, 2000000000L, site) == 0)
		for (size_t i = 0; i < *nsites; i++)
			ok |= atol((*sites)[i].id) == *site;
	return ok;
}

/* Does act to each of u[0..n-1] in one transaction, each as a DONE or SKIPPED line of d;
 * *ndone done. <0 failure (rolled back). */
static int
bulk_run(struct req *r, struct tmpl_dict *d, enum bulk_action act, int experience,
    long site, const struct bulk_user *u, size_t n, size_t *ndone)
{
	int rc;

	if (tx_begin(r) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *why = bulk_one(r, r->id, act, experience, site, &u[i], &rc);
		struct tmpl_dict *row;

		if (rc < 0) {
			tx_rollback(r);
			return -1;
		}
		row = tmpl_section(d, why == NULL ? "DONE" : "SKIPPED");
		tmpl_set(row, "NAME", u[i].name);
		tmpl_set(row, "EMAIL", u[i].email);
		if (why != NULL)
			tmpl_set(row, "REASON", T(r, why));
		else
			(*ndone)++;
	}
	if (tx_commit(r) < 0) {
		tx_rollback(r);
		return -1;
	}
	return 0;
}

/*
 * PLAT-4: POST /platform/occupiers/ID/users/bulk with action = delete | deactivate_wifi |
 * invite | homesite and the selection (repeated "user" ids, or all_matching=1 with the
 * list's q). Everything is done in one transaction through the shared user model (which
 * writes the audit log and the emails); the answer is a summary of what was done and what
 * was skipped and why. Admins are never deleted here.
 */
int
h_occ_bulk(struct req *r)
{
	const char *occ_name, *q = form_get(r, "q"), *hs = form_get(r, "homesite");
	int all = str_eq(form_get(r, "all_matching"), "1");
	int confirmed = str_eq(form_get(r, "confirmed"), "1"), experience, rc;
	long occ = r->id, site = 0;
	enum bulk_action act = BULK__MAX;
	struct bulk_user *u;
	struct site *sites;
	struct tmpl_dict *d;
	size_t n, nsites, ndone = 0;

	occ_name = r->scope->occupier_name;
	experience = r->scope->experience;
	for (int i = 0; i < BULK__MAX; i++)
		if (str_eq(form_get(r, "action"), bulk_names[i]))
			act = (enum bulk_action)i;
	if (act == BULK__MAX)
		return 400;
	if (q == NULL)
		q = "";
	if ((q = str_trim(arena_strdup(r->a, q))) == NULL)
		return 500;
	if ((rc = bulk_targets(r, occ, all, q, &u, &n)) != 0)
		return rc;
	if (n == 0)
		return bulk_ask(r, occ, occ_name, act, all, q, u, n, NULL, 0, NULL);
	if (act == BULK_DELETE && !confirmed)
		return bulk_ask(r, occ, occ_name, act, all, q, u, n, NULL, 0, NULL);
	if (act == BULK_HOMESITE) {
		if ((rc = bulk_homesite(r, occ, hs, &site, &sites, &nsites)) < 0)
			return 500;
		if (rc == 0)
			return bulk_ask(r, occ, occ_name, act, all, q, u, n, sites, nsites,
			    hs == NULL ? NULL : "plat_bulk_err_homesite");
	}
	if ((d = page_start(r, "platform_bulk_done.tpl", bulk_titles[act])) == NULL)
		return 500;
	if (bulk_run(r, d, act, experience, site, u, n, &ndone) < 0)
		return 500;
	tmpl_set_int(d, "OCC_ID", occ);
	tmpl_set(d, "OCCUPIER_NAME", occ_name);
	tmpl_set(d, "TITLE", T(r, bulk_titles[act]));
	tmpl_set_int(d, "DONE_COUNT", (long)ndone);
	tmpl_set_int(d, "SKIPPED_COUNT", (long)(n - ndone));
	if (ndone)
		tmpl_show(d, "ANY_DONE");
	if (n - ndone)
		tmpl_show(d, "ANY_SKIPPED");
	return page_finish(r);
}
