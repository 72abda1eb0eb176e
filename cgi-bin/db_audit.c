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
	struct dbres res;
	int rc, n;

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
	if ((n = db_rows(r->a, &res, sizeof(**rows), (void **)rows)) <= 0)
		return n;
	for (size_t i = 0; i < res.nrows; i++) {
		struct audit_row *e = &(*rows)[i];
		size_t c = 0;

		e->at = db_str(&res, i, c++);
		e->actor = db_str(&res, i, c++);
		e->action = db_str(&res, i, c++);
		e->subject = db_str(&res, i, c++);
		e->field = db_str(&res, i, c++);
		e->old_value = db_str(&res, i, c++);
		e->new_value = db_str(&res, i, c++);
		e->occupier_id = db_isnull(&res, i, c) ? NULL : db_str(&res, i, c);
		c++;
		e->occupier_name = db_str(&res, i, c++);
		e->user_id = db_isnull(&res, i, c) ? NULL : db_str(&res, i, c);
	}
	return (int)res.nrows;
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
