/*
 * Typed reads of the audit log (PLAT-8) for its viewer; the SQL is in db_stmts.c, one
 * statement per scope so that each uses its own index. Returns as db_users.h says.
 */
#ifndef DB_AUDIT_H
#define DB_AUDIT_H

struct req;

/* One entry of the log. */
struct audit_row {
	const char *at, *actor, *action, *subject, *field, *old_value, *new_value;
	const char *occupier_id;    /* NULL: not about an occupier's user */
	const char *occupier_name;
	const char *user_id;        /* NULL: no user (or not known) */
};

/* The entries of the operator op (occ 0), of its occupier occ (uid 0) or of its user uid,
 * matching like (q empty: all): how many into *total; 1, or <0. */
int	 db_audit_count(struct req *r, long op, long occ, long uid, const char *q,
	    const char *like, long *total);
/* The same entries, newest first, limit of them from offset; returns how many (>= 0). */
int	 db_audit_page(struct req *r, long op, long occ, long uid, const char *q,
	    const char *like, long limit, long offset, struct audit_row **rows);
/* The label of user uid of occupier occ, of its row or, once deleted, of its entries;
 * 1 found, 0 not. */
int	 db_audit_subject(struct req *r, long op, long occ, long uid, const char **label);

#endif
