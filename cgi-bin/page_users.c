/*
 * User management (UM-1..9, WIFI-1..3, AUTH-6/7): the occupier admin's /users pages and the
 * platform's Users tab of an occupier (/platform/occupiers/ID/users), which are the same
 * pages seen with operator powers (PLAT-1: change an email, change a role after invitation,
 * delete an admin). A struct scope carries the tenancy, resolved from the signed-in user and
 * checked in SQL, never from a form field.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "listidx.h"
#include "ngram.h"
#include "mail.h"
#include "pages.h"
#include "pcache.h"
#include "tel.h"
#include "tmpl.h"
#include "userform.h"
#include "validate.h"

#define PAGE_SIZE 50

struct scope {
	long operator_id, occupier_id;
	const char *occupier_name;
	const char *base;         /* "/users" or "/platform/occupiers/ID/users" */
	int platform;             /* operator powers */
	int experience;           /* the operator offers portal/app accounts (PLAT-7) */
	long user_id;             /* the user of a details page */
	const char *version;      /* the occupier's data version (sql/005); NULL: unknown */
};

static const char SQL_SCOPE_OCC[] =
	"SELECT o.name, op.offers_occupier_experience, ov.version FROM occupiers o "
	"JOIN operators op ON op.id = o.operator_id "
	"LEFT JOIN occupier_versions ov ON ov.occupier_id = o.id "
	"WHERE o.id = ? AND o.operator_id = ?";

/*
 * Resolves the tenancy of this request: an occupier admin's comes with the session, an
 * operator's is looked up. Returns 0, 404 when the occupier is not one of the signed-in
 * operator's, or 500.
 */
static int
scope_get(struct req *r, struct scope *s)
{
	struct dbres res;

	memset(s, 0, sizeof(*s));
	s->operator_id = r->me->operator_id;
	s->platform = (r->me->role & R_OP) != 0;
	if (s->platform) {
		s->occupier_id = r->id;
		s->user_id = r->id2;
		s->base = arena_printf(r->a, "/platform/occupiers/%ld/users", r->id);
	} else {
		s->occupier_id = r->me->occupier_id;
		s->user_id = r->id;
		s->base = "/users";
		s->occupier_name = r->me->occupier_name;
		s->experience = r->me->offers_experience;
		s->version = r->me->occupier_version;
		return 0;
	}
	if (db_query(r->db, r->a, &res, SQL_SCOPE_OCC, "ii", (long long)s->occupier_id,
	    (long long)s->operator_id) < 0)
		return 500;
	if (res.nrows == 0)
		return 404;
	s->occupier_name = db_str(&res, 0, 0);
	s->experience = (int)db_int(&res, 0, 1);
	s->version = db_isnull(&res, 0, 2) ? NULL : db_str(&res, 0, 2);
	return 0;
}

/* Sets the shared values of every User management page. */
static void
scope_show(struct req *r, const struct scope *s, struct tmpl_dict *d)
{
	tmpl_set(d, "BASE", s->base);
	tmpl_set(d, "OCCUPIER_NAME", s->occupier_name);
	if (s->platform) {
		struct tmpl_dict *p = tmpl_section(d, "PLATFORM");

		tmpl_set(p, "OCCUPIER_URL", arena_printf(r->a, "/platform/occupiers/%ld",
		    s->occupier_id));
		tmpl_set(p, "OCCUPIER_NAME", s->occupier_name);
		tmpl_set_int(p, "OCCUPIER_ID", s->occupier_id);
	} else
		tmpl_show(d, "PORTAL");
}

/*
 * The list's filter runs on the occupier's users in memory (listidx.c, kept under the
 * occupier's data version), and SQL_LIST_ROWS reads the page's 51 users by primary key. When
 * there is no such index, one walk of ix_user_occ_list (sql/002, sql/006) does instead:
 * SQL_LIST_IDS reads the ids of the first LIST_COUNT_CAP + 1 matches in the list's order,
 * which gives the count ("Users found: 1000+" past the cap) and the page's ids at once; only
 * a page past the cap skips index entries with OFFSET (SQL_LIST, a deferred join). Before that
 * walk, the n-gram index (sql/016, ngram.c) is asked for the rarest gram of the filter: when
 * it has at most NGRAM_MAX_CANDIDATES users, the same LIKE runs on those only
 * (SQL_LIST_GRAM_IDS), and the count is exact. A filter that is a whole address is looked up
 * exactly first.
 */
#define LIST_COUNT_CAP 1000

static const char SQL_LIST_IDS[] =
	"SELECT id FROM users WHERE operator_id = ? AND occupier_id = ? "
	"AND (? = '' OR search_text LIKE ?) "
	"ORDER BY last_name, first_name, id LIMIT 1001";
/* The candidates: the users of the grams that ngram_pick's pattern matches. */
static const char SQL_LIST_GRAM_IDS[] =
	"SELECT u.id FROM (SELECT DISTINCT user_id AS id FROM user_grams "
	"WHERE operator_id = ? AND gram LIKE ? AND occupier_id = ?) c "
	"STRAIGHT_JOIN users u ON u.id = c.id "
	"WHERE u.operator_id = ? AND u.occupier_id = ? AND u.search_text LIKE ? "
	"ORDER BY u.last_name, u.first_name, u.id";
/* The three give the same columns; spelled out, as scripts/bench.sh times them by name. */
static const char SQL_LIST_ROWS[] =
	"SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
	"IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension "
	"FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT UNSIGNED PATH '$')) k "
	"JOIN users u ON u.id = k.id AND u.operator_id = ? AND u.occupier_id = ? "
	"LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	"LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	"ORDER BY u.last_name, u.first_name, u.id";
static const char SQL_LIST[] =
	"SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
	"IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension "
	"FROM (SELECT id FROM users WHERE operator_id = ? AND occupier_id = ? "
	"AND (? = '' OR search_text LIKE ?) "
	"ORDER BY last_name, first_name, id LIMIT ? OFFSET ?) k "
	"JOIN users u ON u.id = k.id "
	"LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	"LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	"ORDER BY u.last_name, u.first_name, u.id";
static const char SQL_LIST_BY_EMAIL[] =
	"SELECT u.id, u.first_name, u.last_name, u.email, u.role, u.account_state, "
	"IFNULL(w.state, 'NO_ACCOUNT'), p.number, p.extension FROM users u "
	"LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	"LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	"WHERE u.operator_id = ? AND u.occupier_id = ? AND u.email = ?";

/* Pages of PAGE_SIZE for total matches: at least one, the empty page. */
static long
pages_of(long total)
{
	return total ? (total + PAGE_SIZE - 1) / PAGE_SIZE : 1;
}

/* The page's rows for the ids of ids[0..n-1] (as a JSON array for SQL_LIST_ROWS). */
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
	rc = json.oom ? 500 : db_query(r->db, r->a, res, SQL_LIST_ROWS, "sii", json.data,
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
	struct ngram g;
	unsigned ids[PAGE_SIZE + 1];
	size_t n;
	long pages, from;
	int rc;

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
	if ((rc = ngram_pick(r, s->operator_id, q, &g)) < 0)
		return 500;
	if (rc == 1) {          /* every match is among the gram's candidates: exact */
		if (db_query(r->db, r->a, &idr, SQL_LIST_GRAM_IDS, "isiiis",
		    (long long)s->operator_id, g.pattern, (long long)s->occupier_id, (long long)s->operator_id,
		    (long long)s->occupier_id, like) < 0)
			return 500;
		*exact = 1;
		*total = (long)idr.nrows;
		pages = pages_of(*total);
		if (*page > pages)
			*page = pages;
		from = (*page - 1) * PAGE_SIZE;
		n = 0;
		for (long i = from; i < from + PAGE_SIZE + 1 && i < (long)idr.nrows; i++)
			ids[n++] = (unsigned)db_int(&idr, (size_t)i, 0);
		return list_rows(r, s, ids, n, res);
	}
	*exact = 0;
	if (db_query(r->db, r->a, &idr, SQL_LIST_IDS, "iiss", (long long)s->operator_id,
	    (long long)s->occupier_id, q, like) < 0)
		return 500;
	*total = (long)idr.nrows;
	pages = pages_of(*total);
	if (*total <= LIST_COUNT_CAP && *page > pages)
		*page = pages;
	from = (*page - 1) * PAGE_SIZE;
	if (from + PAGE_SIZE + 1 > (long)idr.nrows && *total > LIST_COUNT_CAP)
		/* a page past the first LIST_COUNT_CAP matches */
		return db_query(r->db, r->a, res, SQL_LIST, "iissii", (long long)s->operator_id,
		    (long long)s->occupier_id, q, like, (long long)PAGE_SIZE + 1,
		    (long long)from) < 0 ? 500 : 0;
	n = 0;
	for (long i = from; i < from + PAGE_SIZE + 1 && i < (long)idr.nrows; i++)
		ids[n++] = (unsigned)db_int(&idr, (size_t)i, 0);
	return list_rows(r, s, ids, n, res);
}

/* UM-1, UM-2: the occupier's users, filtered by any part of name or email, paged. */
static int
users_list(struct req *r)
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
		if (db_query(r->db, r->a, &res, SQL_LIST_BY_EMAIL, "iis", (long long)s.operator_id,
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
		if ((!admin || s.platform) && r->me->id != (long)db_int(&res, i, 0))
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

/* A user as stored, for the details page and the edit form. */
struct urow {
	const char *id, *first_name, *last_name, *email, *job_title, *mobile, *direct;
	const char *language, *role, *account_state, *version;
	int invited_portal, invited_app, is_admin;
	const char *wifi_state, *wifi_limit, *wifi_site_id, *wifi_site;
	const char *number, *extension, *number_status;
	long number_id;
};

static const char SQL_USER_GET[] =
	"SELECT u.id, u.first_name, u.last_name, u.email, u.job_title, u.mobile_phone, "
	"u.direct_line, u.language, u.role, u.account_state, u.version, u.invited_portal, "
	"u.invited_app, IFNULL(w.state, 'NO_ACCOUNT'), w.device_limit, w.homesite_id, s.name, "
	"p.number, p.extension, p.status, p.id "
	"FROM users u LEFT JOIN wifi_accounts w ON w.user_id = u.id "
	"LEFT JOIN sites s ON s.id = w.homesite_id "
	"LEFT JOIN phone_numbers p ON p.user_id = u.id AND p.operator_id = u.operator_id "
	"WHERE u.id = ? AND u.operator_id = ? AND u.occupier_id = ?";

/* Loads the scope's user; 0 found, 404, or 500. */
static int
urow_get(struct req *r, const struct scope *s, struct urow *u)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, SQL_USER_GET, "iii", (long long)s->user_id,
	    (long long)s->operator_id, (long long)s->occupier_id) < 0)
		return 500;
	if (res.nrows == 0)
		return 404;
	u->id = db_str(&res, 0, 0);
	u->first_name = db_str(&res, 0, 1);
	u->last_name = db_str(&res, 0, 2);
	u->email = db_str(&res, 0, 3);
	u->job_title = db_str(&res, 0, 4);
	u->mobile = db_str(&res, 0, 5);
	u->direct = db_str(&res, 0, 6);
	u->language = db_str(&res, 0, 7);
	u->role = db_str(&res, 0, 8);
	u->account_state = db_str(&res, 0, 9);
	u->version = db_str(&res, 0, 10);
	u->invited_portal = (int)db_int(&res, 0, 11);
	u->invited_app = (int)db_int(&res, 0, 12);
	u->wifi_state = db_str(&res, 0, 13);
	u->wifi_limit = db_str(&res, 0, 14);
	u->wifi_site_id = db_str(&res, 0, 15);
	u->wifi_site = db_str(&res, 0, 16);
	u->number = db_isnull(&res, 0, 17) ? NULL : db_str(&res, 0, 17);
	u->extension = db_str(&res, 0, 18);
	u->number_status = db_str(&res, 0, 19);
	u->number_id = (long)db_int(&res, 0, 20);
	u->is_admin = !str_eq(u->role, "user");
	return 0;
}

static const char *
language_name(struct req *r, const char *code)
{
	return T(r, arena_printf(r->a, "language_%s", code));
}

/* UM-5: the read-only details page. */
static int
user_view(struct req *r)
{
	struct scope s;
	struct urow u;
	struct tmpl_dict *d;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	if ((d = page_start(r, "user_view.tpl", "user_details")) == NULL)
		return 500;
	scope_show(r, &s, d);
	tmpl_set(d, "ID", u.id);
	tmpl_set(d, "NAME", arena_printf(r->a, "%s %s", u.first_name, u.last_name));
	tmpl_set(d, "FIRST_NAME", u.first_name);
	tmpl_set(d, "LAST_NAME", u.last_name);
	tmpl_set(d, "EMAIL", u.email);
	tmpl_set(d, "JOB_TITLE", u.job_title);
	tmpl_set(d, "MOBILE", u.mobile);
	tmpl_set(d, "LANGUAGE", language_name(r, u.language));
	tmpl_set(d, "ROLE", T(r, u.is_admin ? "role_admin" : "role_user"));
	if (u.number != NULL) {
		struct tmpl_dict *n = tmpl_section(d, "NUMBER");

		tmpl_set(n, "PHONE", u.number);
		tmpl_set(n, "EXT", u.extension);
		page_badge(r, n, "NUMBER", u.number_status);
	} else {
		struct tmpl_dict *n = tmpl_section(d, "DIRECT");

		tmpl_set(n, "DIRECT_LINE", u.direct);
	}
	{
		struct tel t;
		int has = tel_load_user(r, s.user_id, s.operator_id, &t);

		if (has < 0)
			return 500;
		tel_show(r, d, has ? &t : NULL, NULL);
	}
	page_badge(r, d, "WIFI", u.wifi_state);
	if (!str_eq(u.wifi_state, "NO_ACCOUNT")) {
		struct tmpl_dict *w = tmpl_section(d, "WIFI");

		tmpl_set(w, "HOMESITE", u.wifi_site);
		tmpl_set(w, "DEVICE_LIMIT", u.wifi_limit);
		if (str_eq(u.wifi_state, "ACTIVE"))
			tmpl_show(w, "WIFI_ACTIVE");
	}
	if (s.experience) {
		struct tmpl_dict *a = tmpl_section(d, "ACCOUNT");

		page_badge(r, a, "ACCOUNT", u.account_state);
		tmpl_set(a, "PORTAL_STATE", T(r, u.invited_portal ? "invited" : "not_invited"));
		tmpl_set(a, "APP_STATE", T(r, u.invited_app ? "invited" : "not_invited"));
		if (str_eq(u.account_state, "AWAITING_VALIDATION"))
			tmpl_show(a, "CAN_RESEND");
		if (r->me->id != atol(u.id)) {
			if (str_eq(u.account_state, "DEACTIVATED"))
				tmpl_show(a, "CAN_REACTIVATE");
			else if (!str_eq(u.account_state, "NOT_INVITED"))
				tmpl_show(a, "CAN_DEACTIVATE");
		}
	}
	if ((!u.is_admin || s.platform) && r->me->id != atol(u.id))
		tmpl_show(d, "CAN_DELETE");
	if (radius_devices_show(r, d, s.user_id, s.operator_id, s.occupier_id,
	    arena_printf(r->a, "%s/%ld/devices/disconnect", s.base, s.user_id)) < 0)
		return 500;
	return page_finish(r);
}

static const char SQL_SITES[] =
	"SELECT s.id, s.name FROM occupier_sites os JOIN sites s ON s.id = os.site_id "
	"WHERE os.occupier_id = ? AND s.operator_id = ? ORDER BY s.name";
static const char SQL_BOUNDS[] =
	"SELECT wifi_devices_min, wifi_devices_max FROM operators WHERE id = ?";

/* What the add/edit form shows: the values typed (or stored) and the errors. */
struct form_state {
	struct user_input in;
	struct user_errors err;
	const char *version;
	const char *wifi_action;   /* edit: "", "deactivate", "reactivate" */
	const char *conflict;      /* UM-9 */
	struct tel tel, tel_new;   /* the assigned number's features (TEL-3..5) */
	int has_tel, tel_mask;
	struct tel_errors tel_err;
};

static void
field(struct req *r, struct tmpl_dict *d, const char *name, const char *value,
    const char *err)
{
	char k[64];
	char *up = arena_strdup(r->a, name);

	for (char *p = up; p && *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	snprintf(k, sizeof(k), "%s_VALUE", up);
	tmpl_set(d, k, value ? value : "");
	if (err != NULL) {
		struct tmpl_dict *e;

		snprintf(k, sizeof(k), "%s_ERROR", up);
		e = tmpl_section(d, k);
		tmpl_set(e, "MESSAGE", T(r, err));
	}
}

/* The add or edit form (user_form.tpl), with the typed values and errors. */
static int
form_page(struct req *r, const struct scope *s, const struct urow *u, struct form_state *f,
    int status)
{
	struct tmpl_dict *d;
	struct dbres sites, b;
	int editing = u != NULL;

	if (db_query(r->db, r->a, &sites, SQL_SITES, "ii", (long long)s->occupier_id,
	    (long long)s->operator_id) < 0 ||
	    db_query(r->db, r->a, &b, SQL_BOUNDS, "i", (long long)s->operator_id) < 0)
		return 500;
	if ((d = page_start(r, "user_form.tpl", editing ? "edit_user" : "add_a_user")) == NULL)
		return 500;
	r->status = status;
	scope_show(r, s, d);
	if (editing) {
		tmpl_show(d, "EDITING");
		tmpl_set(d, "ACTION", arena_printf(r->a, "%s/%s/edit", s->base, u->id));
		tmpl_set(d, "CANCEL", arena_printf(r->a, "%s/%s", s->base, u->id));
		tmpl_set(d, "ID", u->id);
		tmpl_set(d, "VERSION", f->version);
		tmpl_set(d, "NAME", arena_printf(r->a, "%s %s", u->first_name, u->last_name));
	} else {
		tmpl_show(d, "ADDING");
		tmpl_set(d, "ACTION", arena_printf(r->a, "%s/new", s->base));
		tmpl_set(d, "CANCEL", s->base);
	}
	if (f->err.n || f->tel_err.n) {
		struct tmpl_dict *sum = tmpl_section(d, "ERRORS");

		tel_error_items(r, sum, &f->tel_err, "TEL_ERROR");
		for (int i = 0; i < UF__MAX; i++) {
			struct tmpl_dict *e;

			if (f->err.msg[i] == NULL)
				continue;
			e = tmpl_section(sum, "ERROR");
			tmpl_set(e, "FIELD", uf_names[i]);
			tmpl_set(e, "MESSAGE", T(r, f->err.msg[i]));
		}
	}
	if (f->conflict != NULL) {
		struct tmpl_dict *c = tmpl_section(d, "CONFLICT");

		tmpl_set(c, "MESSAGE", T(r, f->conflict));
	}
	field(r, d, "first_name", f->in.first_name, f->err.msg[UF_FIRST_NAME]);
	field(r, d, "last_name", f->in.last_name, f->err.msg[UF_LAST_NAME]);
	field(r, d, "email", f->in.email, f->err.msg[UF_EMAIL]);
	field(r, d, "job_title", f->in.job_title, f->err.msg[UF_JOB_TITLE]);
	field(r, d, "mobile_phone", f->in.mobile_phone, f->err.msg[UF_MOBILE]);
	field(r, d, "direct_line", f->in.direct_line, f->err.msg[UF_DIRECT]);
	field(r, d, "language", f->in.language, f->err.msg[UF_LANGUAGE]);
	field(r, d, "role", f->in.role, f->err.msg[UF_ROLE]);
	field(r, d, "device_limit", f->in.device_limit, f->err.msg[UF_DEVICE_LIMIT]);
	field(r, d, "homesite", f->in.homesite, f->err.msg[UF_HOMESITE]);
	/* email: typed when adding, read-only when editing unless an operator edits */
	if (!editing || s->platform)
		tmpl_show(d, "EMAIL_EDITABLE");
	else
		tmpl_show(d, "EMAIL_FIXED");
	if (editing && f->has_tel &&
	    tel_show_form(r, d, f->tel_err.n ? &f->tel_new : &f->tel, f->tel_mask,
	    &f->tel_err) < 0)
		return 500;
	if (editing && u->number != NULL) {
		struct tmpl_dict *n = tmpl_section(d, "NUMBER");

		tmpl_set(n, "PHONE", u->number);
		tmpl_set(n, "EXT", u->extension);
	} else
		tmpl_show(d, "DIRECT");
	for (size_t i = 0; i < i18n_nlangs(); i++) {
		struct tmpl_dict *o = tmpl_section(d, "LANG");

		tmpl_set(o, "CODE", i18n_lang(i));
		tmpl_set(o, "LABEL", language_name(r, i18n_lang(i)));
		if (str_eq(f->in.language, i18n_lang(i)))
			tmpl_show(o, "SELECTED");
	}
	/* Wi-Fi (WIFI-1, WIFI-2) */
	{
		const char *st = editing ? u->wifi_state : "NO_ACCOUNT";
		struct tmpl_dict *w;

		tmpl_set_int(d, "LIMIT_MIN", b.nrows ? (long)db_int(&b, 0, 0) : 1);
		tmpl_set_int(d, "LIMIT_MAX", b.nrows ? (long)db_int(&b, 0, 1) : 10);
		if (str_eq(st, "NO_ACCOUNT")) {
			w = tmpl_section(d, "WIFI_NONE");
			if (f->in.wifi)
				tmpl_show(w, "CHECKED");
		} else if (str_eq(st, "ACTIVE")) {
			w = tmpl_section(d, "WIFI_ACTIVE");
			if (str_eq(f->wifi_action, "deactivate"))
				tmpl_show(w, "CHECKED");
		} else {
			w = tmpl_section(d, "WIFI_DEACTIVATED");
			if (str_eq(f->wifi_action, "reactivate"))
				tmpl_show(w, "CHECKED");
		}
		if (!str_eq(st, "DEACTIVATED"))
			tmpl_show(d, "WIFI_FIELDS");
		else
			tmpl_show(d, "WIFI_FIELDS_HIDDEN");
		for (size_t i = 0; i < sites.nrows; i++) {
			struct tmpl_dict *o = tmpl_section(d, "SITE");

			tmpl_set(o, "ID", db_str(&sites, i, 0));
			tmpl_set(o, "LABEL", db_str(&sites, i, 1));
			if (str_eq(f->in.homesite, db_str(&sites, i, 0)))
				tmpl_show(o, "SELECTED");
		}
	}
	/* User account (UM-6): role locked once invited, except for operators */
	if (s->experience) {
		struct tmpl_dict *a = tmpl_section(d, "ACCOUNT");
		int invited = editing && !str_eq(u->account_state, "NOT_INVITED");

		if (!invited || s->platform) {
			struct tmpl_dict *rs = tmpl_section(a, "ROLE_EDITABLE");

			if (str_eq(f->in.role, "admin"))
				tmpl_show(rs, "ADMIN_SELECTED");
			else
				tmpl_show(rs, "USER_SELECTED");
		} else {
			struct tmpl_dict *rs = tmpl_section(a, "ROLE_FIXED");

			tmpl_set(rs, "ROLE", T(r, u->is_admin ? "role_admin" : "role_user"));
		}
		if (editing && u->invited_portal)
			tmpl_show(a, "PORTAL_INVITED");
		else {
			struct tmpl_dict *c = tmpl_section(a, "PORTAL_INVITE");

			if (f->in.invite_portal)
				tmpl_show(c, "CHECKED");
		}
		if (editing && u->invited_app)
			tmpl_show(a, "APP_INVITED");
		else {
			struct tmpl_dict *c = tmpl_section(a, "APP_INVITE");

			if (f->in.invite_app)
				tmpl_show(c, "CHECKED");
		}
	}
	return page_finish(r);
}

/* Reads the form fields into f->in (trimmed; email lower-cased). */
static void
form_read(struct req *r, struct form_state *f)
{
	const char *names[] = { "first_name", "last_name", "email", "job_title",
	    "mobile_phone", "direct_line" };
	const char **dst[] = { &f->in.first_name, &f->in.last_name, &f->in.email,
	    &f->in.job_title, &f->in.mobile_phone, &f->in.direct_line };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = form_get(r, names[i]);
		char *c = arena_strdup(r->a, v ? v : "");

		*dst[i] = c ? str_trim(c) : "";
	}
	str_lower((char *)f->in.email);
	f->in.language = form_get(r, "language");
	f->in.role = form_get(r, "role");
	f->in.device_limit = form_get(r, "device_limit");
	f->in.homesite = form_get(r, "homesite");
	f->in.wifi = str_eq(form_get(r, "wifi"), "1");
	f->in.invite_portal = str_eq(form_get(r, "invite_portal"), "1");
	f->in.invite_app = str_eq(form_get(r, "invite_app"), "1");
	f->version = form_get(r, "version");
	f->wifi_action = form_get(r, "wifi_action");
	if (f->wifi_action == NULL)
		f->wifi_action = "";
}

static int
user_new_form(struct req *r)
{
	struct scope s;
	struct form_state f;
	int rc;

	if ((rc = scope_get(r, &s)) != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	f.in.language = r->me->lang;
	f.in.role = "user";
	f.in.device_limit = "3";
	return form_page(r, &s, NULL, &f, 200);
}

/* Loads the user's phone number and what this page may change of its features (TEL-4). */
static int
tel_prepare(struct req *r, const struct scope *s, struct form_state *f)
{
	f->has_tel = tel_load_user(r, s->user_id, s->operator_id, &f->tel);
	if (f->has_tel < 0)
		return -1;
	f->tel_mask = s->platform ? TEL_PLATFORM_MASK : tel_portal_mask(r, s->operator_id);
	return f->tel_mask < 0 ? -1 : 0;
}

/* UM-3: adds a user with its optional Wi-Fi account and invitations, in one transaction. */
static int
user_new(struct req *r)
{
	struct scope s;
	struct form_state f;
	long id;
	int rc;

	if ((rc = scope_get(r, &s)) != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	form_read(r, &f);
	if (!s.experience)
		f.in.invite_portal = f.in.invite_app = 0;
	if (f.in.role == NULL)
		f.in.role = "user";
	if ((rc = user_validate(r, s.operator_id, s.occupier_id, &f.in, &f.err)) < 0)
		return 500;
	if (rc > 0)
		return form_page(r, &s, NULL, &f, 400);
	if (db_begin(r->db) < 0)
		return 500;
	id = user_insert(r, s.operator_id, s.occupier_id, &f.in, &f.err);
	if (id <= 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return id == 0 ? form_page(r, &s, NULL, &f, 400) : 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=user_added", s.base, id));
}

static int
user_edit_form(struct req *r)
{
	struct scope s;
	struct urow u;
	struct form_state f;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	f.in.first_name = u.first_name;
	f.in.last_name = u.last_name;
	f.in.email = u.email;
	f.in.job_title = u.job_title;
	f.in.mobile_phone = u.mobile;
	f.in.direct_line = u.direct;
	f.in.language = u.language;
	f.in.role = u.role;
	f.in.device_limit = str_eq(u.wifi_state, "NO_ACCOUNT") ? "3" : u.wifi_limit;
	f.in.homesite = u.wifi_site_id;
	f.version = u.version;
	f.wifi_action = "";
	if (tel_prepare(r, &s, &f) < 0)
		return 500;
	return form_page(r, &s, &u, &f, 200);
}

static const char SQL_USER_UPDATE[] =
	"UPDATE users SET first_name = ?, last_name = ?, email = ?, job_title = ?, "
	"mobile_phone = ?, direct_line = ?, language = ?, role = ?, version = version + 1, "
	"updated_at = UTC_TIMESTAMP() "
	"WHERE id = ? AND operator_id = ? AND occupier_id = ? AND version = ?";
static const char SQL_TOKENS_END[] = "DELETE FROM user_tokens WHERE user_id = ?";
static const char SQL_WIFI_LIMIT[] =
	"UPDATE wifi_accounts SET device_limit = ? WHERE user_id = ?";

struct email_change {
	const char *name, *old_email, *new_email;
};

static void
fill_email_change(struct tmpl_dict *d, void *arg)
{
	struct email_change *m = arg;

	tmpl_set(d, "NAME", m->name);
	tmpl_set(d, "OLD_EMAIL", m->old_email);
	tmpl_set(d, "NEW_EMAIL", m->new_email);
	tmpl_set(d, "LINK", "");
}

/* Audits one field when it changed. */
static int
audit_field(struct req *r, const struct scope *s, const struct urow *u, const char *field_name,
    const char *old_value, const char *new_value)
{
	if (str_eq(old_value, new_value))
		return 0;
	return audit_add(r, s->occupier_id, s->user_id, arena_printf(r->a, "%s %s <%s>",
	    u->first_name, u->last_name, u->email), "user.update", field_name, old_value,
	    new_value);
}

/*
 * UM-5..9: saves the edit form. Email and role are taken from the stored user unless the
 * operator may change them; the version number refuses a save over someone else's.
 */
static int
user_edit(struct req *r)
{
	struct scope s;
	struct urow u;
	struct form_state f;
	long ver = 0, limit = 0, site = 0;
	int rc, invited, email_changed;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	form_read(r, &f);
	invited = !str_eq(u.account_state, "NOT_INVITED");
	if (!s.platform)
		f.in.email = u.email;              /* UM-4: never editable in the portal */
	if (f.in.role == NULL || (invited && !s.platform))
		f.in.role = u.role;                /* UM-6: locked once invited */
	if (u.number != NULL)
		f.in.direct_line = u.direct;       /* replaced by the assigned number */
	if (!s.experience)
		f.in.invite_portal = f.in.invite_app = 0;
	/* Wi-Fi fields are checked when an account exists or is being created */
	f.in.wifi = str_eq(u.wifi_state, "NO_ACCOUNT") ? f.in.wifi :
	    !str_eq(u.wifi_state, "DEACTIVATED") || str_eq(f.wifi_action, "reactivate");
	if (str_eq(f.wifi_action, "deactivate"))
		f.in.wifi = 0;
	email_changed = !str_eq(f.in.email, u.email);
	f.in.self_id = s.user_id;   /* the user's own address is not a clash */
	rc = user_validate(r, s.operator_id, s.occupier_id, &f.in, &f.err);
	if (rc < 0 || tel_prepare(r, &s, &f) < 0)
		return 500;
	if (f.has_tel && tel_parse(r, &f.tel, f.tel_mask, &f.tel_new, &f.tel_err) < 0)
		return 500;
	if (f.version == NULL || str_to_long(f.version, 1, 2147483647L, &ver) < 0) {
		f.err.msg[UF_VERSION] = "err_stale";
		f.err.n++;
	}
	if (f.tel_err.msg[TF_VERSION] != NULL) {
		/* UM-9: the number's features were changed by someone else */
		f.conflict = "err_conflict";
		return form_page(r, &s, &u, &f, 409);
	}
	if (f.err.n || f.tel_err.n)
		return form_page(r, &s, &u, &f, 400);
	if (db_begin(r->db) < 0)
		return 500;
	rc = (int)db_exec(r->db, SQL_USER_UPDATE, "ssssssssiiii", f.in.first_name,
	    f.in.last_name, f.in.email, f.in.job_title, f.in.mobile_phone, f.in.direct_line,
	    f.in.language, f.in.role, (long long)s.user_id, (long long)s.operator_id,
	    (long long)s.occupier_id, (long long)ver);
	if (rc == 0) {
		/* UM-9: changed by someone else since the form was shown */
		db_rollback(r->db);
		f.conflict = "err_conflict";
		f.version = u.version;
		return form_page(r, &s, &u, &f, 409);
	}
	if (rc < 0)
		goto fail;
	if (audit_field(r, &s, &u, "first_name", u.first_name, f.in.first_name) < 0 ||
	    audit_field(r, &s, &u, "last_name", u.last_name, f.in.last_name) < 0 ||
	    audit_field(r, &s, &u, "email", u.email, f.in.email) < 0 ||
	    audit_field(r, &s, &u, "job_title", u.job_title, f.in.job_title) < 0 ||
	    audit_field(r, &s, &u, "mobile_phone", u.mobile, f.in.mobile_phone) < 0 ||
	    audit_field(r, &s, &u, "direct_line", u.direct, f.in.direct_line) < 0 ||
	    audit_field(r, &s, &u, "language", u.language, f.in.language) < 0 ||
	    audit_field(r, &s, &u, "role", u.role, f.in.role) < 0)
		goto fail;
	if (email_changed) {
		/* PLAT-1: notices to both addresses, and the user's sessions end */
		struct email_change m = { u.first_name, u.email, f.in.email };

		if (mail_queue(r, s.operator_id, u.email, u.language, "email_changed", 
		    fill_email_change, &m) < 0 ||
		    mail_queue(r, s.operator_id, f.in.email, u.language, "email_changed",
		    fill_email_change, &m) < 0 ||
		    session_end_all(r, s.user_id, 0) < 0 ||
		    db_exec(r->db, SQL_TOKENS_END, "i", (long long)s.user_id) < 0)
			goto fail;   /* links sent to the old address die too */
	}
	str_to_long(f.in.device_limit ? f.in.device_limit : "", 0, 1000, &limit);
	str_to_long(f.in.homesite ? f.in.homesite : "", 0, 2000000000L, &site);
	if (str_eq(u.wifi_state, "NO_ACCOUNT")) {
		if (f.in.wifi && wifi_create(r, s.operator_id, s.occupier_id, s.user_id, site,
		    limit) < 0)
			goto fail;
	} else if (str_eq(f.wifi_action, "deactivate")) {
		if (wifi_deactivate(r, s.operator_id, s.occupier_id, s.user_id) < 0)
			goto fail;
	} else if (f.in.wifi) {
		if (str_eq(f.wifi_action, "reactivate") &&
		    wifi_reactivate(r, s.operator_id, s.occupier_id, s.user_id) < 0)
			goto fail;
		if (limit != atol(u.wifi_limit) &&
		    (db_exec(r->db, SQL_WIFI_LIMIT, "ii", (long long)limit,
		    (long long)s.user_id) < 0 ||
		    audit_field(r, &s, &u, "device_limit", u.wifi_limit, f.in.device_limit) < 0))
			goto fail;
		if (site != atol(u.wifi_site_id) &&
		    wifi_set_homesite(r, s.operator_id, s.occupier_id, s.user_id, site) < 0)
			goto fail;
	}
	if ((f.in.invite_portal || f.in.invite_app) &&
	    user_invite(r, s.operator_id, s.occupier_id, s.user_id, f.in.invite_portal,
	    f.in.invite_app) < 0)
		goto fail;
	if (f.has_tel) {
		int n = tel_save(r, &f.tel, &f.tel_new);

		if (n == TEL_STALE) {
			db_rollback(r->db);
			f.conflict = "err_conflict";
			f.version = u.version;
			return form_page(r, &s, &u, &f, 409);
		}
		if (n < 0)
			goto fail;
	}
	if (db_commit(r->db) < 0)
		goto fail;
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=changes_saved", s.base, s.user_id));
fail:
	db_rollback(r->db);
	if (db_errno(r->db) == DB_DUP) {
		f.err.msg[UF_EMAIL] = "err_email_taken";
		f.err.n++;
		return form_page(r, &s, &u, &f, 400);
	}
	return 500;
}

/* UM-7 without JavaScript: a confirmation page. */
static int
user_delete_form(struct req *r)
{
	struct scope s;
	struct urow u;
	struct tmpl_dict *d;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	if ((u.is_admin && !s.platform) || r->me->id == atol(u.id))
		return 403;
	if ((d = page_start(r, "user_delete.tpl", "delete_user")) == NULL)
		return 500;
	scope_show(r, &s, d);
	tmpl_set(d, "ID", u.id);
	tmpl_set(d, "NAME", arena_printf(r->a, "%s %s", u.first_name, u.last_name));
	tmpl_set(d, "EMAIL", u.email);
	return page_finish(r);
}

/* UM-7: deletes the user in one transaction; never an admin from the portal. */
static int
user_delete_post(struct req *r)
{
	struct scope s;
	struct urow u;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	if ((u.is_admin && !s.platform) || r->me->id == atol(u.id))
		return 403;
	if (!str_eq(form_get(r, "confirmed"), "1"))
		return user_delete_form(r);   /* not confirmed yet (no JavaScript): ask first */
	if (db_begin(r->db) < 0)
		return 500;
	rc = user_delete(r, s.operator_id, s.occupier_id, s.user_id, s.platform);
	if (rc <= 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return rc == 0 ? 404 : 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s?n=user_deleted", s.base));
}

/* UM-6: a fresh invitation link, killing the old one; only while awaiting validation. */
static int
user_resend(struct req *r)
{
	struct scope s;
	struct urow u;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	if (!s.experience || !str_eq(u.account_state, "AWAITING_VALIDATION"))
		return 400;
	if (db_begin(r->db) < 0)
		return 500;
	if (link_issue(r, s.user_id, s.operator_id, u.email, u.language, u.first_name,
	    "invite", "invite") < 0 ||
	    audit_add(r, s.occupier_id, s.user_id, u.email, "user.invite_resend", "", "",
	    "") < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=invite_sent", s.base, s.user_id));
}

static const char SQL_ACCOUNT_OFF[] =
	"UPDATE users SET account_state = 'DEACTIVATED', version = version + 1 "
	"WHERE id = ? AND operator_id = ? AND occupier_id = ? "
	"AND account_state IN ('AWAITING_VALIDATION','VALIDATED')";
static const char SQL_ACCOUNT_ON[] =
	"UPDATE users SET account_state = IF(password_hash IS NOT NULL AND "
	"last_sign_in IS NOT NULL, 'VALIDATED', 'AWAITING_VALIDATION'), version = version + 1 "
	"WHERE id = ? AND operator_id = ? AND occupier_id = ? AND account_state = 'DEACTIVATED'";

/* UM-8, AUTH-7: deactivating ends the user's sessions at once. */
static int
user_account(struct req *r)
{
	struct scope s;
	struct urow u;
	const char *action = form_get(r, "action");
	int off = str_eq(action, "deactivate");
	long long n;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	if ((!off && !str_eq(action, "reactivate")) || r->me->id == s.user_id)
		return 400;
	if (db_begin(r->db) < 0)
		return 500;
	n = db_exec(r->db, off ? SQL_ACCOUNT_OFF : SQL_ACCOUNT_ON, "iii", (long long)s.user_id,
	    (long long)s.operator_id, (long long)s.occupier_id);
	if (n < 0 || (n > 0 && off && account_revoke(r, s.user_id) < 0) ||
	    (n > 0 && audit_add(r, s.occupier_id, s.user_id, u.email, "user.update",
	    "account_state", u.account_state, off ? "DEACTIVATED" : "ACTIVE") < 0) ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=%s", s.base, s.user_id,
	    off ? "account_deactivated" : "account_reactivated"));
}

/* WIFI-3: a new password for an ACTIVE account, emailed. */
static int
user_wifi_reset(struct req *r)
{
	struct scope s;
	struct urow u;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	if (db_begin(r->db) < 0)
		return 500;
	rc = wifi_reset_password(r, s.operator_id, s.occupier_id, s.user_id);
	if (rc <= 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return rc == 0 ? 400 : 500;
	}
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=wifi_password_sent", s.base,
	    s.user_id));
}

/* The same handlers serve the portal's routes and the platform's (router.c): the scope
 * tells them apart. */
int h_users_list(struct req *r) { return users_list(r); }
int h_user_new_form(struct req *r) { return user_new_form(r); }
int h_user_new(struct req *r) { return user_new(r); }
int h_user_view(struct req *r) { return user_view(r); }
int h_user_edit_form(struct req *r) { return user_edit_form(r); }
int h_user_edit(struct req *r) { return user_edit(r); }
int h_user_delete_form(struct req *r) { return user_delete_form(r); }
int h_user_delete(struct req *r) { return user_delete_post(r); }
int h_user_resend(struct req *r) { return user_resend(r); }
int h_user_account(struct req *r) { return user_account(r); }
int h_user_wifi_reset(struct req *r) { return user_wifi_reset(r); }
