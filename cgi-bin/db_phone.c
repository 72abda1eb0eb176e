/* Typed access to the operator's phone numbers (see db_phone.h). */
#include "app.h"
#include "db.h"
#include "db_phone.h"

/* A column that may be SQL NULL. */
static const char *
str_or_null(const struct dbres *res, size_t i, size_t c)
{
	return db_isnull(res, i, c) ? NULL : db_str(res, i, c);
}

/* The lines of a numbers result (NUM_LIST columns). */
static int
number_rows(struct req *r, const struct dbres *res, struct number_row **rows)
{
	int n;

	if ((n = db_rows(r->a, res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res->nrows; i++) {
		struct number_row *x = &(*rows)[i];
		size_t c = 0;

		x->id = db_str(res, i, c++);
		x->number = db_str(res, i, c++);
		x->extension = db_str(res, i, c++);
		x->status = db_str(res, i, c++);
		x->allocated = (int)db_int(res, i, c++);
		x->occupier_id = str_or_null(res, i, c++);
		x->occupier_name = db_str(res, i, c++);
		x->user_id = str_or_null(res, i, c++);
		x->user_name = db_str(res, i, c++);
		x->user_email = db_str(res, i, c++);
		x->site_id = db_str(res, i, c++);
		x->site_name = db_str(res, i, c++);
	}
	return n;
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

int
db_number_extra(struct req *r, long op, long id, struct number_extra *x)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_NUM_EXTRA, "ii", (long long)id, (long long)op) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	x->allocated = (int)db_int(&res, 0, 0);
	x->occupier_name = db_str(&res, 0, 1);
	x->user_name = db_str(&res, 0, 3);
	x->user_email = db_str(&res, 0, 4);
	x->user_occupier = (long)db_int(&res, 0, 5);
	x->operator_name = db_str(&res, 0, 6);
	return 1;
}

/* The choices of a result (id, name[, email]). */
static int
choice_rows(struct req *r, const struct dbres *res, struct choice **rows)
{
	int n;

	if ((n = db_rows(r->a, res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res->nrows; i++) {
		(*rows)[i].id = db_str(res, i, 0);
		(*rows)[i].name = db_str(res, i, 1);
		(*rows)[i].email = db_str(res, i, 2);
	}
	return n;
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
	struct dbres res;
	int n;

	if (db_query(r->db, r->a, &res, STMT_CLI_USERS, "ii", (long long)id, (long long)op) < 0)
		return -1;
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		(*rows)[i].id = (long)db_int(&res, i, 0);
		(*rows)[i].number = db_str(&res, i, 1);
		(*rows)[i].occupier_id = (long)db_int(&res, i, 2);
		(*rows)[i].user_id = (long)db_int(&res, i, 3);
	}
	return n;
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
	*other = str_or_null(&res, 0, 2);
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
