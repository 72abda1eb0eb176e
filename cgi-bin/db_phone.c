/* Typed access to the operator's phone numbers (see db_phone.h). */
#include "app.h"
#include "db.h"
#include "db_phone.h"

static const struct db_col number_cols[] = {
	DB_COL(struct number_row, id, DB_STR), DB_COL(struct number_row, number, DB_STR),
	DB_COL(struct number_row, extension, DB_STR), DB_COL(struct number_row, status, DB_STR),
	DB_COL(struct number_row, allocated, DB_INT),
	DB_COL(struct number_row, occupier_id, DB_STRN),
	DB_COL(struct number_row, occupier_name, DB_STR),
	DB_COL(struct number_row, user_id, DB_STRN), DB_COL(struct number_row, user_name, DB_STR),
	DB_COL(struct number_row, user_email, DB_STR), DB_COL(struct number_row, site_id, DB_STR),
	DB_COL(struct number_row, site_name, DB_STR),
};

/* The lines of a numbers result (NUM_LIST columns). */
static int
number_rows(struct req *r, const struct dbres *res, struct number_row **rows)
{
	return db_read_rows(r->a, res, number_cols, DB_NCOLS(number_cols), sizeof(**rows),
	    (void **)rows);
}

int
db_numbers(struct req *r, long op, const char *q, const char *like, long limit,
    struct number_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_NUMBERS, "issssssi", (long long)op, q, like, like,
	    like, like, like, (long long)limit) < 0)
		return -1;
	return number_rows(r, &res, rows);
}

int
db_account_numbers(struct req *r, long op, long limit, struct number_row **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_ACCOUNT_NUMBERS, "ii", (long long)op,
	    (long long)limit) < 0)
		return -1;
	return number_rows(r, &res, rows);
}

/* STMT_NUM_EXTRA: the user's id (column 2) is not kept. */
static const struct db_col extra_cols[] = {
	DB_COL(struct number_extra, allocated, DB_INT),
	DB_COL(struct number_extra, occupier_name, DB_STR), { 0, DB_SKIP },
	DB_COL(struct number_extra, user_name, DB_STR),
	DB_COL(struct number_extra, user_email, DB_STR),
	DB_COL(struct number_extra, user_occupier, DB_LONG),
	DB_COL(struct number_extra, operator_name, DB_STR),
};

int
db_number_extra(struct req *r, long op, long id, struct number_extra *x)
{
	return db_get_row(r->db, r->a, DB_GET(extra_cols), x, STMT_NUM_EXTRA, "ii",
	    (long long)id, (long long)op);
}

static const struct db_col choice_cols[] = {
	DB_COL(struct choice, id, DB_STR), DB_COL(struct choice, name, DB_STR),
	DB_COL(struct choice, email, DB_STR),
};

/* The choices of a result (id, name[, email]: "" without). */
static int
choice_rows(struct req *r, const struct dbres *res, struct choice **rows)
{
	return db_read_rows(r->a, res, choice_cols, DB_NCOLS(choice_cols), sizeof(**rows),
	    (void **)rows);
}

int
db_alloc_choices(struct req *r, long op, long site, struct choice **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_ALLOC_CHOICES, "ii", (long long)op,
	    (long long)site) < 0)
		return -1;
	return choice_rows(r, &res, rows);
}

int
db_alloc_ok(struct req *r, long op, long occ, long site, const char **name)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_ALLOC_OK, "iii", (long long)occ, (long long)op,
	    (long long)site) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*name = db_str(&res, 0, 0);
	return 1;
}

int
db_assignees(struct req *r, long op, long occ, long number_id, long limit, struct choice **rows)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_ASSIGNEES, "iuii", (long long)op, (long long)occ,
	    (long long)number_id, (long long)limit) < 0)
		return -1;
	return choice_rows(r, &res, rows);
}

int
db_number_lock(struct req *r, long op, long id, long version)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_NUM_LOCK, "iii", (long long)id, (long long)op,
	    (long long)version) < 0)
		return -1;
	return res.nrows > 0;
}

int
db_number_allocate(struct req *r, long op, long id, long occ, int allocated)
{
	long long n = db_exec(r->db, STMT_ALLOCATE, "uiii", (long long)occ, (long long)allocated,
	    (long long)id, (long long)op);

	return n < 0 ? -1 : n == 1;
}

int
db_cli_users(struct req *r, long op, long id, struct cli_user **rows)
{
	static const struct db_col cols[] = {
		DB_COL(struct cli_user, id, DB_LONG), DB_COL(struct cli_user, number, DB_STR),
		DB_COL(struct cli_user, occupier_id, DB_LONG),
		DB_COL(struct cli_user, user_id, DB_LONG),
	};
	return db_get_rows(r->db, r->a, DB_GET(cols), sizeof(**rows), (void **)rows,
	    STMT_CLI_USERS, "ii", (long long)id, (long long)op);
}

int
db_cli_drop(struct req *r, long op, long id)
{
	long long n = db_exec(r->db, STMT_CLI_DROP, "ii", (long long)id, (long long)op);

	return n < 0 ? -1 : n == 1;
}

int
db_number_job(struct req *r, long id)
{
	return (int)db_exec(r->db, STMT_JOB, "i", (long long)id);
}

int
db_assignee(struct req *r, long op, long occ, long number_id, long uid, const char **email,
    const char **direct, const char **other)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_ASSIGNEE_OK, "iiiu", (long long)number_id,
	    (long long)uid, (long long)op, (long long)occ) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*email = db_str(&res, 0, 0);
	*direct = db_str(&res, 0, 1);
	*other = db_isnull(&res, 0, 2) ? NULL : db_str(&res, 0, 2);
	return 1;
}

int
db_number_assign(struct req *r, long op, long id, long uid)
{
	long long n = db_exec(r->db, STMT_ASSIGN, "uii", (long long)uid, (long long)id,
	    (long long)op);

	return n < 0 ? -1 : n == 1;
}

int
db_direct_clear(struct req *r, long op, long uid)
{
	long long n = db_exec(r->db, STMT_DIRECT_CLEAR, "ii", (long long)uid, (long long)op);

	return n < 0 ? -1 : n == 1;
}
