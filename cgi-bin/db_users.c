/*
 * Typed access to users for User management (see db_users.h). The SQL is in db_stmts.c;
 * here each result column is read once, by name of its field.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "db_users.h"
#include "userform.h"

int
db_occupier_scope(struct req *r, long op, long occ, const char **name, int *experience,
    const char **version)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_SCOPE_OCC, "ii", (long long)occ, (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*name = db_str(&res, 0, 0);
	*experience = (int)db_int(&res, 0, 1);
	*version = db_isnull(&res, 0, 2) ? NULL : db_str(&res, 0, 2);
	return 1;
}

static const struct db_col site_cols[] = {
	DB_COL(struct site, id, DB_STR), DB_COL(struct site, name, DB_STR),
};

/* The sites of a result (id, name). */
static int
site_rows(struct req *r, const struct dbres *res, struct site **sites, size_t *n)
{
	int k = db_read_rows(r->a, res, site_cols, DB_NCOLS(site_cols), sizeof(**sites),
	    (void **)sites);

	*n = k > 0 ? (size_t)k : 0;
	return k < 0 ? -1 : k > 0;
}

int
db_sites(struct req *r, long op, struct site **sites, size_t *n)
{
	struct dbres res;

	*sites = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_SITES, "i", (long long)op) < 0)
		return -1;
	return site_rows(r, &res, sites, n);
}

int
db_occupier_sites(struct req *r, long op, long occ, struct site **sites, size_t *n)
{
	struct dbres res;

	*sites = NULL;
	*n = 0;
	if (occ == 0)
		return db_sites(r, op, sites, n);
	if (db_query(r->db, r->a, &res, STMT_OCC_SITES, "ii", (long long)occ,
	    (long long)op) < 0)
		return -1;
	return site_rows(r, &res, sites, n);
}

int
db_team_sites(struct req *r, long op, long id, struct site **sites, size_t *n)
{
	struct dbres res;

	*sites = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_TEAM_SITES_OF, "ii", (long long)id,
	    (long long)op) < 0)
		return -1;
	return site_rows(r, &res, sites, n);
}

int
db_team_sites_set(struct req *r, long id, const long *ids, size_t n)
{
	if (db_exec(r->db, STMT_DEL_SITES, "i", (long long)id) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (db_exec(r->db, STMT_SITE_ADD, "ii", (long long)id, (long long)ids[i]) < 0)
			return -1;
	return 1;
}

int
db_site_of_operator(struct req *r, long op, long site)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TEAM_SITE, "ii", (long long)site,
	    (long long)op) < 0)
		return -1;
	return res.nrows > 0;
}

int
db_team_supers_left(struct req *r, long op, long id)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TEAM_SUPERS, "ii", (long long)op,
	    (long long)id) < 0)
		return -1;
	return (int)res.nrows;
}

int
db_wifi_bounds(struct req *r, long op, long *min, long *max)
{
	struct dbres res;

	*min = 1;
	*max = 10;
	if (db_query(r->db, r->a, &res, STMT_BOUNDS, "i", (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*min = (long)db_int(&res, 0, 0);
	*max = (long)db_int(&res, 0, 1);
	return 1;
}

static const struct db_col urow_cols[] = {
	DB_COL(struct urow, id, DB_STR), DB_COL(struct urow, first_name, DB_STR),
	DB_COL(struct urow, last_name, DB_STR), DB_COL(struct urow, email, DB_STR),
	DB_COL(struct urow, job_title, DB_STR), DB_COL(struct urow, mobile, DB_STR),
	DB_COL(struct urow, direct, DB_STR), DB_COL(struct urow, language, DB_STR),
	DB_COL(struct urow, role, DB_STR), DB_COL(struct urow, account_state, DB_STR),
	DB_COL(struct urow, version, DB_STR), DB_COL(struct urow, invited_portal, DB_INT),
	DB_COL(struct urow, invited_app, DB_INT), DB_COL(struct urow, wifi_state, DB_STR),
	DB_COL(struct urow, wifi_limit, DB_STR), DB_COL(struct urow, wifi_site_id, DB_STR),
	DB_COL(struct urow, wifi_site, DB_STR), DB_COL(struct urow, number, DB_STRN),
	DB_COL(struct urow, extension, DB_STR), DB_COL(struct urow, number_status, DB_STR),
	DB_COL(struct urow, number_id, DB_LONG),
};

int
db_user_get(struct req *r, long op, long occ, long id, struct urow *u)
{
	int rc = db_get_row(r->db, r->a, DB_GET(urow_cols), u, STMT_USER_GET, "iiu",
	    (long long)id, (long long)op, (long long)occ);

	if (rc <= 0)
		return rc;
	u->is_admin = !str_eq(u->role, "user");
	u->account = state_of(u->account_state);
	u->wifi = state_of(u->wifi_state);
	return 1;
}

static const struct db_col ulist_cols[] = {
	DB_COL(struct ulist_row, id, DB_LONG), DB_COL(struct ulist_row, first_name, DB_STR),
	DB_COL(struct ulist_row, last_name, DB_STR), DB_COL(struct ulist_row, email, DB_STR),
	DB_COL(struct ulist_row, role, DB_STR), DB_COL(struct ulist_row, account_state, DB_STR),
	DB_COL(struct ulist_row, wifi_state, DB_STR), DB_COL(struct ulist_row, number, DB_STRN),
	DB_COL(struct ulist_row, extension, DB_STR), DB_COL(struct ulist_row, leave_on, DB_STR),
	DB_COL(struct ulist_row, invite_expires, DB_STR),
};

/* The lines of a list result (STMT_LIST_ROWS, STMT_LIST, STMT_LIST_BY_EMAIL: one shape). */
static int
ulist_rows(struct req *r, const struct dbres *res, struct ulist_row **rows)
{
	return db_read_rows(r->a, res, ulist_cols, DB_NCOLS(ulist_cols), sizeof(**rows),
	    (void **)rows);
}

int
db_users_by_ids(struct req *r, long op, long occ, const unsigned *ids, size_t n,
    struct ulist_row **rows)
{
	const char *json = db_ids_json(r->a, ids, n);
	struct dbres res;
	int rc;

	rc = json == NULL ? -1 : db_query(r->db, r->a, &res, STMT_LIST_ROWS, "sii", json,
	    (long long)op, (long long)occ);
	return rc < 0 ? -1 : ulist_rows(r, &res, rows);
}

int
db_user_match_ids(struct req *r, long op, long occ, const char *q, const char *like,
    long cap, unsigned **ids, size_t *n)
{
	struct dbres res;

	*ids = NULL;
	*n = 0;
	if (db_query(r->db, r->a, &res, STMT_LIST_IDS, "iissi", (long long)op, (long long)occ,
	    q, like, (long long)cap) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	if ((*ids = arena_alloc(r->a, res.nrows * sizeof(**ids))) == NULL)
		return -1;
	for (size_t i = 0; i < res.nrows; i++)
		(*ids)[i] = (unsigned)db_int(&res, i, 0);
	*n = res.nrows;
	return 1;
}

int
db_users_page(struct req *r, long op, long occ, const char *q, const char *like, long limit,
    long offset, struct ulist_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LIST, "iissii", (long long)op, (long long)occ, q,
	    like, (long long)limit, (long long)offset) < 0)
		return -1;
	return ulist_rows(r, &res, rows);
}

int
db_user_by_email(struct req *r, long op, long occ, const char *email, struct ulist_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_LIST_BY_EMAIL, "iis", (long long)op, (long long)occ,
	    email) < 0)
		return -1;
	return ulist_rows(r, &res, rows);
}

int
db_user_update(struct req *r, long op, long occ, long id, const struct user_input *in,
    long version)
{
	long long n = db_exec(r->db, STMT_USER_UPDATE, "ssssssssiiui", in->first_name,
	    in->last_name, in->email, in->job_title, in->mobile_phone, in->direct_line,
	    in->language, in->role, (long long)id, (long long)op, (long long)occ,
	    (long long)version);

	return n < 0 ? -1 : n > 0;
}

int
db_user_account_set(struct req *r, long op, long occ, long id, int off)
{
	long long n = db_exec(r->db, off ? STMT_ACCOUNT_OFF : STMT_ACCOUNT_ON, "iiu",
	    (long long)id, (long long)op, (long long)occ);

	return n < 0 ? -1 : n > 0;
}

int
db_user_tokens_end(struct req *r, long id)
{
	return (int)db_exec(r->db, STMT_TOKEN_DEL_ALL, "i", (long long)id);
}

int
db_wifi_limit_set(struct req *r, long id, long limit)
{
	return (int)db_exec(r->db, STMT_WIFI_LIMIT, "ii", (long long)limit, (long long)id);
}

static const struct db_col extra_cols[] = {
	DB_COL(struct uextra, twofa_on, DB_INT), DB_COL(struct uextra, leave_on, DB_STR),
	DB_COL(struct uextra, invite_expires, DB_STR), DB_COL(struct uextra, invite_expired, DB_INT),
};

int
db_user_extra(struct req *r, long op, long occ, long id, struct uextra *x)
{
	memset(x, 0, sizeof(*x));
	return db_get_row(r->db, r->a, DB_GET(extra_cols), x, STMT_USER_EXTRA, "iiu",
	    (long long)id, (long long)op, (long long)occ);
}

int
db_user_leave_set(struct req *r, long op, long occ, long id, const char *date)
{
	long long n = db_exec(r->db, STMT_LEAVE_SET, "siiu", date, (long long)id, (long long)op,
	    (long long)occ);

	return n < 0 ? -1 : n > 0;
}
