/*
 * The audit log viewer (PLAT-8): who changed what and when, newest first, filtered by any
 * part of the subject, the actor or the action. Operator-wide, per occupier and per user;
 * every query is scoped by the signed-in operator in SQL.
 */
#include <string.h>

#include "app.h"
#include "db_audit.h"
#include "pages.h"
#include "tmpl.h"

#define AUDIT_PAGE_SIZE 50

/* What one page of the log shows: its scope (0 = all) and its headings. */
struct audit_scope {
	long occupier_id, user_id;
	const char *occupier_name, *subject, *base;
};

/* One entry of the log; with a link to its user's own log unless one is shown already. */
static void
audit_line(struct req *r, struct tmpl_dict *d, const struct audit_row *e, int one_user)
{
	struct tmpl_dict *row = tmpl_section(d, "ENTRY");

	tmpl_set(row, "AT", e->at);
	tmpl_set(row, "ACTOR", e->actor);
	tmpl_set(row, "ACTION", e->action);
	tmpl_set(row, "SUBJECT", e->subject);
	if (e->occupier_id != NULL) {
		struct tmpl_dict *o = tmpl_section(row, "ENTRY_OCC");

		tmpl_set(o, "OCC_ID", e->occupier_id);
		tmpl_set(o, "OCC_NAME", e->occupier_name);
		if (e->user_id != NULL && !one_user)
			tmpl_set(tmpl_section(o, "USER_LINK"), "HREF", arena_printf(r->a,
			    "/platform/occupiers/%s/users/%s/audit", e->occupier_id, e->user_id));
	} else
		tmpl_show(row, "NO_OCC");
	if (*e->field != '\0' || *e->old_value != '\0' || *e->new_value != '\0') {
		struct tmpl_dict *c = tmpl_section(row, "CHANGE");

		tmpl_set(c, "FIELD", e->field);
		tmpl_set(c, "OLD", e->old_value);
		tmpl_set(c, "NEW", e->new_value);
	}
}

/*
 * Runs the count and the page query of the scope and renders platform_audit.tpl. Returns
 * 0, 400 for a filter that is too long, or 500.
 */
static int
audit_page(struct req *r, const struct audit_scope *s)
{
	struct tmpl_dict *d;
	struct audit_row *rows;
	const char *q;
	char *like;
	long page, pages, total, off;
	long op = r->me->operator_id, occ = s->occupier_id, uid = s->user_id;
	int rc, n;

	if ((rc = list_args(r, 100, &q, &page)) != 0)
		return rc;
	if ((like = like_arg(r->a, q)) == NULL)
		return 500;
	if (db_audit_count(r, op, occ, uid, q, like, &total) < 0)
		return 500;
	off = list_offset(&page, total, AUDIT_PAGE_SIZE, &pages);
	if ((n = db_audit_page(r, op, occ, uid, q, like, AUDIT_PAGE_SIZE, off, &rows)) < 0)
		return 500;
	if ((d = page_start(r, "platform_audit.tpl", "audit_log")) == NULL)
		return 500;
	tmpl_set(d, "BASE", s->base);
	tmpl_set(d, "Q", q);
	tmpl_set_int(d, "TOTAL", total);
	if (occ) {
		struct tmpl_dict *o = tmpl_section(d, "OCCUPIER");

		tmpl_set_int(o, "OCC_ID", occ);
		tmpl_set(o, "OCCUPIER_NAME", s->occupier_name);
	}
	if (s->subject != NULL)
		tmpl_set(tmpl_section(d, "SUBJECT"), "SUBJECT", s->subject);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	for (int i = 0; i < n; i++)
		audit_line(r, d, &rows[i], uid != 0);
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
	int rc;

	s.occupier_name = r->scope->occupier_name;
	if ((rc = db_audit_subject(r, r->me->operator_id, r->id, r->id2, &s.subject)) <= 0)
		return rc < 0 ? 500 : 404;
	if ((s.base = arena_printf(r->a, "/platform/occupiers/%ld/users/%ld/audit", r->id,
	    r->id2)) == NULL)
		return 500;
	return audit_page(r, &s);
}
