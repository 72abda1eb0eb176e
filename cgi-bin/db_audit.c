/* Typed reads of the audit log (see db_audit.h). */
#include "app.h"
#include "db.h"
#include "db_audit.h"

int
db_audit_count(struct req *r, long op, long occ, long uid, const char *q, const char *like,
    long *total)
{
	struct dbres res;
	int rc;

	if (uid)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_USER_COUNT, "iiissss", (long long)op,
		    (long long)occ, (long long)uid, q, like, like, like);
	else if (occ)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OCC_COUNT, "iissss", (long long)op,
		    (long long)occ, q, like, like, like);
	else
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OP_COUNT, "issss", (long long)op, q,
		    like, like, like);
	if (rc < 0)
		return -1;
	*total = (long)db_int(&res, 0, 0);
	return 1;
}

int
db_audit_page(struct req *r, long op, long occ, long uid, const char *q, const char *like,
    long limit, long offset, struct audit_row **rows)
{
	struct dbres res;
	int rc, n;

	if (uid)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_USER, "iiissssii", (long long)op,
		    (long long)occ, (long long)uid, q, like, like, like, (long long)limit,
		    (long long)offset);
	else if (occ)
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OCC, "iissssii", (long long)op,
		    (long long)occ, q, like, like, like, (long long)limit, (long long)offset);
	else
		rc = db_query(r->db, r->a, &res, STMT_AUDIT_OP, "issssii", (long long)op, q, like,
		    like, like, (long long)limit, (long long)offset);
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
