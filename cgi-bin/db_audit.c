/* Typed reads of the audit log (see db_audit.h). */
#include "app.h"
#include "db.h"
#include "db_audit.h"

#define FARGS(f) f->q, f->like, f->like, f->like, f->who, f->who_like, f->who_like, f->what, f->what, \
	f->from, f->from, f->to, f->to

int
db_audit_count(struct req *r, long op, long occ, long uid, const struct audit_filter *f,
    long *total)
{
	struct dbres res;
	int rc;

	if (uid)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_USER_COUNT, "iiisssssssssssss",
		    (long long)op, (long long)occ, (long long)uid, FARGS(f));
	else if (occ)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OCC_COUNT, "iisssssssssssss",
		    (long long)op, (long long)occ, FARGS(f));
	else
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OP_COUNT, "isssssssssssss",
		    (long long)op, FARGS(f));
	if (rc < 0)
		return -1;
	*total = (long)db_int(&res, 0, 0);
	return 1;
}

int
db_audit_page(struct req *r, long op, long occ, long uid, const struct audit_filter *f,
    long limit, long offset, struct audit_row **rows)
{
	static const struct db_col cols[] = {
		DB_COL(struct audit_row, at, DB_STR), DB_COL(struct audit_row, actor, DB_STR),
		DB_COL(struct audit_row, action, DB_STR), DB_COL(struct audit_row, subject, DB_STR),
		DB_COL(struct audit_row, field, DB_STR),
		DB_COL(struct audit_row, old_value, DB_STR),
		DB_COL(struct audit_row, new_value, DB_STR),
		DB_COL(struct audit_row, occupier_id, DB_STRN),
		DB_COL(struct audit_row, occupier_name, DB_STR),
		DB_COL(struct audit_row, user_id, DB_STRN),
	};
	struct dbres res;
	int rc;

	if (uid)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_USER, "iiisssssssssssssii",
		    (long long)op, (long long)occ, (long long)uid, FARGS(f), (long long)limit,
		    (long long)offset);
	else if (occ)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OCC, "iisssssssssssssii",
		    (long long)op, (long long)occ, FARGS(f), (long long)limit, (long long)offset);
	else
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OP, "isssssssssssssii", (long long)op,
		    FARGS(f), (long long)limit, (long long)offset);
	*rows = NULL;
	if (rc < 0)
		return -1;
	return db_read_rows(r->a, &res, cols, DB_NCOLS(cols), sizeof(**rows), (void **)rows);
}

int
db_audit_subject(struct req *r, long op, long occ, long uid, const char **label)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_AUDIT_SUBJECT, "iii", (long long)uid,
	    (long long)op, (long long)occ) < 0)
		return -1;
	if (res.nrows == 0 && db_query(r->db, r->a, &res, STMT_AUDIT_SUBJECT_GONE, "iii",
	    (long long)op, (long long)occ, (long long)uid) < 0)
		return -1;
	if (res.nrows == 0)
		return 0;
	*label = db_str(&res, 0, 0);
	return 1;
}
