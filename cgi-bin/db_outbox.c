/*
 * Typed access for queueing email and writing the audit log (see db_outbox.h).
 */
#include "app.h"
#include "db.h"
#include "db_outbox.h"

static const struct db_col brand_cols[] = {
	DB_COL(struct brand_row, name, DB_STR), DB_COL(struct brand_row, colour, DB_STR),
	DB_COL(struct brand_row, logo, DB_LONG), DB_COL(struct brand_row, base_url, DB_STR),
};

int
db_operator_brand(struct req *r, long op, struct brand_row *b)
{
	return db_get_row(r->db, r->a, DB_GET(brand_cols), b, STMT_OPERATOR_BRAND, "i",
	    (long long)op);
}

int
db_outbox_add(struct req *r, long op, const char *to, const char *subject, const void *txt,
    size_t ltxt, const void *html, size_t lhtml)
{
	return db_exec(r->db, STMT_OUTBOX_ADD, "issbb", (long long)op, to, subject, txt, ltxt,
	    html, lhtml) < 0 ? -1 : 1;
}

int
db_audit_add(struct req *r, long occ, long subject, const char *label, const char *action,
    const char *field, const char *old_value, const char *new_value)
{
	return db_exec(r->db, STMT_AUDIT_ADD, "iuusisssss", (long long)r->me->operator_id,
	    (long long)occ, (long long)subject, label, (long long)r->me->id, r->me->email, action,
	    field, old_value, new_value) < 0 ? -1 : 1;
}
