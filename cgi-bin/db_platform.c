/*
 * Typed access for the operator's pages across occupiers (see db_users.h): "Download users",
 * the list of occupiers, the users a bulk action names (the search across users: db_search.c).
 */
#include "app.h"
#include "db.h"
#include "db_users.h"

static const struct db_col export_cols[] = {
	DB_COL(struct export_row, first_name, DB_STR), DB_COL(struct export_row, last_name, DB_STR),
	DB_COL(struct export_row, email, DB_STR), DB_COL(struct export_row, job_title, DB_STR),
	DB_COL(struct export_row, mobile, DB_STR), DB_COL(struct export_row, direct, DB_STR),
	DB_COL(struct export_row, language, DB_STR), DB_COL(struct export_row, role, DB_STR),
	DB_COL(struct export_row, wifi, DB_INT), DB_COL(struct export_row, device_limit, DB_STR),
	DB_COL(struct export_row, homesite, DB_STR),
	DB_COL(struct export_row, invited_portal, DB_INT),
	DB_COL(struct export_row, invited_app, DB_INT),
	DB_COL(struct export_row, wifi_state, DB_STR),
	DB_COL(struct export_row, account_state, DB_STR),
	DB_COL(struct export_row, number, DB_STR), DB_COL(struct export_row, extension, DB_STR),
};

int
db_users_export(struct req *r, long op, long occ, struct export_row **rows)
{
	return db_get_rows(r->db, r->a, DB_GET(export_cols), sizeof(**rows), (void **)rows,
	    STMT_EXPORT, "ii", (long long)op, (long long)occ);
}

int
db_occupiers_count(struct req *r, long op, const char *q, const char *like, long *total)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_OCC_COUNT, "iss", (long long)op, q, like) < 0)
		return -1;
	*total = (long)db_int(&res, 0, 0);
	return 1;
}

static const struct db_col occupier_cols[] = {
	DB_COL(struct occupier_row, id, DB_STR), DB_COL(struct occupier_row, name, DB_STR),
	DB_COL(struct occupier_row, users, DB_STR), DB_COL(struct occupier_row, sites, DB_STR),
};

int
db_occupiers_page(struct req *r, long op, const char *q, const char *like, long limit,
    long offset, struct occupier_row **rows)
{
	return db_get_rows(r->db, r->a, DB_GET(occupier_cols), sizeof(**rows), (void **)rows,
	    STMT_OCC_LIST, "issii", (long long)op, q, like, (long long)limit,
	    (long long)offset);
}

static const struct db_col bulk_cols[] = {
	DB_COL(struct bulk_user, id, DB_LONG), DB_COL(struct bulk_user, name, DB_STR),
	DB_COL(struct bulk_user, email, DB_STR), DB_COL(struct bulk_user, role, DB_STR),
	DB_COL(struct bulk_user, account_state, DB_STR),
	DB_COL(struct bulk_user, wifi_state, DB_STR),
	DB_COL(struct bulk_user, invited_portal, DB_INT), DB_COL(struct bulk_user, homesite, DB_LONG),
	DB_COL(struct bulk_user, search_text, DB_STR),
};

/* Row i of a bulk result (STMT_BULK_MATCH, STMT_BULK_ONE: one shape, the first with the
 * search text after). */
static void
bulk_user_of(const struct dbres *res, size_t i, struct bulk_user *u)
{
	size_t n = DB_NCOLS(bulk_cols);

	u->search_text = NULL;
	db_read_row(res, i, bulk_cols, res->ncols < n ? res->ncols : n, u);
}

int
db_bulk_all(struct req *r, long op, long occ, struct bulk_user **rows)
{
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_BULK_MATCH, "ii", (long long)op,
	    (long long)occ) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++)
		bulk_user_of(&res, i, &(*rows)[i]);
	return n;
}

int
db_bulk_one(struct req *r, long op, long occ, long id, struct bulk_user *u)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_BULK_ONE, "iii", (long long)id, (long long)op,
	    (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	bulk_user_of(&res, 0, u);
	return 1;
}
