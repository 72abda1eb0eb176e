/*
 * The audit log viewer (PLAT-8): who changed what and when, newest first, filtered by any
 * part of the subject, the actor or the action. Operator-wide, per occupier and per user;
 * every query is scoped by the signed-in operator in SQL.
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "pages.h"
#include "tmpl.h"

#define AUDIT_PAGE_SIZE 50

/* What one page of the log shows: its scope (0 = all) and its headings. */
struct audit_scope {
	long occupier_id, user_id;
	const char *occupier_name, *subject, *base;
};

/*
 * Runs the count and the page query of the scope and renders platform_audit.tpl. Returns
 * 0, 400 for a filter that is too long, or 500.
 */
static int
audit_page(struct req *r, const struct audit_scope *s)
{
	struct tmpl_dict *d;
	struct dbres cnt, res;
	const char *q;
	char *like;
	long page, pages, total, off;
	long long op = r->me->operator_id, occ = s->occupier_id, uid = s->user_id;
	int rc;

	if ((rc = list_args(r, 100, &q, &page)) != 0)
		return rc;
	if ((like = like_arg(r->a, q)) == NULL)
		return 500;
	if ((uid ? db_query(r->db, r->a, &cnt, STMT_AUDIT_USER_COUNT, "iiissss", op, occ, uid,
	    q, like, like, like) : occ ? db_query(r->db, r->a, &cnt, STMT_AUDIT_OCC_COUNT,
	    "iissss", op, occ, q, like, like, like) : db_query(r->db, r->a, &cnt,
	    STMT_AUDIT_OP_COUNT, "issss", op, q, like, like, like)) < 0)
		return 500;
	total = (long)db_int(&cnt, 0, 0);
	off = list_offset(&page, total, AUDIT_PAGE_SIZE, &pages);
	if ((uid ? db_query(r->db, r->a, &res, STMT_AUDIT_USER, "iiissssii", op, occ, uid, q,
	    like, like, like, (long long)AUDIT_PAGE_SIZE, (long long)off) : occ ?
	    db_query(r->db, r->a, &res, STMT_AUDIT_OCC, "iissssii", op, occ, q, like, like, like,
	    (long long)AUDIT_PAGE_SIZE, (long long)off) : db_query(r->db, r->a, &res,
	    STMT_AUDIT_OP, "issssii", op, q, like, like, like, (long long)AUDIT_PAGE_SIZE,
	    (long long)off)) < 0)
		return 500;
	if ((d = page_start(r, "platform_audit.tpl", "audit_log")) == NULL)
		return 500;
	tmpl_set(d, "BASE", s->base);
	tmpl_set(d, "Q", q);
	tmpl_set_int(d, "TOTAL", total);
	if (occ) {
		struct tmpl_dict *o = tmpl_section(d, "OCCUPIER");

		tmpl_set_int(o, "OCC_ID", (long)occ);
		tmpl_set(o, "OCCUPIER_NAME", s->occupier_name);
	}
	if (s->subject != NULL)
		tmpl_set(tmpl_section(d, "SUBJECT"), "SUBJECT", s->subject);
	if (res.nrows == 0)
		tmpl_show(d, "EMPTY");
	for (size_t i = 0; i < res.nrows; i++) {
		struct tmpl_dict *row = tmpl_section(d, "ENTRY");
		const char *field = db_str(&res, i, 4);

		tmpl_set(row, "AT", db_str(&res, i, 0));
		tmpl_set(row, "ACTOR", db_str(&res, i, 1));
		tmpl_set(row, "ACTION", db_str(&res, i, 2));
		tmpl_set(row, "SUBJECT", db_str(&res, i, 3));
		if (!db_isnull(&res, i, 7)) {
			struct tmpl_dict *o = tmpl_section(row, "ENTRY_OCC");

			tmpl_set(o, "OCC_ID", db_str(&res, i, 7));
			tmpl_set(o, "OCC_NAME", db_str(&res, i, 8));
			if (!db_isnull(&res, i, 9) && !uid)
				tmpl_set(tmpl_section(o, "USER_LINK"), "HREF", arena_printf(r->a,
				    "/platform/occupiers/%s/users/%s/audit", db_str(&res, i, 7),
				    db_str(&res, i, 9)));
		} else
			tmpl_show(row, "NO_OCC");
		if (*field != '\0' || *db_str(&res, i, 5) != '\0' || *db_str(&res, i, 6) != '\0') {
			struct tmpl_dict *c = tmpl_section(row, "CHANGE");

			tmpl_set(c, "FIELD", field);
			tmpl_set(c, "OLD", db_str(&res, i, 5));
			tmpl_set(c, "NEW", db_str(&res, i, 6));
		}
	}
	list_pager(r, d, s->base, q, page, pages);
	return page_finish(r);
}

/* GET /platform/audit: everything of the operator. */
int
h_audit(struct req *r)
{
	struct audit_scope s = { 0, 0, NULL, NULL, "/platform/audit" };

	return audit_page(r, &s);
}

/* GET /platform/occupiers/ID/audit: one occupier's entries. */
int
h_occ_audit(struct req *r)
{
	struct audit_scope s = { r->id, 0, NULL, NULL, NULL };

	s.occupier_name = r->scope->occupier_name;
	if ((s.base = arena_printf(r->a, "/platform/occupiers/%ld/audit", r->id)) == NULL)
		return 500;
	return audit_page(r, &s);
}

/* GET /platform/occupiers/ID/users/UID/audit: one user's entries, also once deleted. */
int
h_occ_user_audit(struct req *r)
{
	struct audit_scope s = { r->id, r->id2, NULL, NULL, NULL };
	struct dbres res;

	s.occupier_name = r->scope->occupier_name;
	if (db_query(r->db, r->a, &res, STMT_AUDIT_SUBJECT, "iii", (long long)r->id2,
	    (long long)r->me->operator_id, (long long)r->id) < 0)
		return 500;
	if (res.nrows == 0 && db_query(r->db, r->a, &res, STMT_AUDIT_SUBJECT_GONE, "iii",
	    (long long)r->me->operator_id, (long long)r->id, (long long)r->id2) < 0)
		return 500;
	if (res.nrows == 0)
		return 404;
	s.subject = db_str(&res, 0, 0);
	if ((s.base = arena_printf(r->a, "/platform/occupiers/%ld/users/%ld/audit", r->id,
	    r->id2)) == NULL)
		return 500;
	return audit_page(r, &s);
}
