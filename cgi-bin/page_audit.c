/*
 * The audit log viewer (PLAT-8): who changed what and when, newest first, in words from the
 * catalogue (audit_words.c) with old -> new values per field; filtered by any text, by who
 * acted, by what was done and by date. Operator-wide, per occupier and per user, and the
 * same log of their own occupier for occupier admins (read-only, /audit); every query is
 * scoped by the signed-in operator (and occupier) in SQL.
 */
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db_audit.h"
#include "pages.h"
#include "tmpl.h"

#define AUDIT_PAGE_SIZE 50

/* What one page of the log shows: its scope (0 = all) and its headings. */
struct audit_scope {
	long occupier_id, user_id;
	const char *occupier_name, *subject, *base;
	int portal;                 /* an occupier admin's own log: no platform links */
};

/* The filters as typed, and their messages (NULL = fine). */
struct audit_form {
	struct audit_filter f;
	const char *from_error, *to_error, *what_error;
};

/* One entry of the log; with a link to its user's own log unless one is shown already. */
static void
audit_line(struct req *r, struct tmpl_dict *d, const struct audit_row *e, int one_user)
{
	struct tmpl_dict *row = tmpl_section(d, "ENTRY");

	tmpl_set(row, "AT", e->at);
	tmpl_set(row, "ACTOR", e->actor);
	tmpl_set(row, "ACTION", audit_words(r, e->action, e->field, e->subject, e->new_value));
	tmpl_set(row, "CODE", e->action);
	tmpl_set(row, "SUBJECT", e->subject);
	if (e->occupier_id != NULL && one_user < 0)
		tmpl_show(row, "NO_OCC");       /* the portal: its own occupier, no links */
	else if (e->occupier_id != NULL) {
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

		tmpl_set(c, "FIELD", audit_field_label(r, e->field));
		tmpl_set(c, "OLD", audit_value_words(r, e->field, e->old_value));
		tmpl_set(c, "NEW", audit_value_words(r, e->field, e->new_value));
	}
}

/* A date filter: empty, or YYYY-MM-DD of a real day (1970-9999); else the message's key. */
static const char *
date_check(const char *v)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y = 0, m, d;

	if (*v == '\0')
		return NULL;
	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return "audit_err_date";
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
			return "audit_err_date";
	for (int i = 0; i < 4; i++)
		y = y * 10 + (v[i] - '0');
	m = (v[5] - '0') * 10 + (v[6] - '0');
	d = (v[8] - '0') * 10 + (v[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return "audit_err_date";
	return NULL;
}

/* Reads the filters of the query string into a; 1 when one of them is refused. */
static int
audit_filters(struct req *r, struct audit_form *a)
{
	const char *what = query_get(r, "what"), *who = query_get(r, "who");
	const char *from = query_get(r, "from"), *to = query_get(r, "to");
	int known = 0;

	a->f.who = who ? who : "";
	a->f.what = what ? what : "";
	a->f.from = from ? from : "";
	a->f.to = to ? to : "";
	if (strlen(a->f.who) > 100)
		a->f.who = "";
	a->f.who_like = like_arg(r->a, a->f.who);
	for (size_t i = 0; audit_actions[i] != NULL; i++)
		known |= str_eq(a->f.what, audit_actions[i]);
	if (*a->f.what != '\0' && !known)
		a->what_error = "audit_err_what";
	a->from_error = date_check(a->f.from);
	a->to_error = date_check(a->f.to);
	if (a->from_error == NULL && a->to_error == NULL && *a->f.from && *a->f.to &&
	    strcmp(a->f.from, a->f.to) > 0)
		a->to_error = "audit_err_date_order";
	return a->what_error || a->from_error || a->to_error;
}

/* The filter form: the values typed, the actions in words, each message by its field. */
static void
audit_filter_show(struct req *r, struct tmpl_dict *d, const struct audit_form *a)
{
	const char *msg[] = { a->from_error, a->to_error, a->what_error };
	const char *sec[] = { "FROM_ERROR", "TO_ERROR", "WHAT_ERROR" };

	tmpl_set(d, "WHO", a->f.who);
	tmpl_set(d, "FROM", a->f.from);
	tmpl_set(d, "TO", a->f.to);
	for (size_t i = 0; audit_actions[i] != NULL; i++) {
		struct tmpl_dict *o = tmpl_section(d, "WHAT");

		tmpl_set(o, "CODE", audit_actions[i]);
		tmpl_set(o, "LABEL", audit_action_label(r, audit_actions[i]));
		if (str_eq(a->f.what, audit_actions[i]))
			tmpl_show(o, "SELECTED");
	}
	for (size_t i = 0; i < 3; i++)
		if (msg[i] != NULL)
			tmpl_set(tmpl_section(d, sec[i]), "MESSAGE", T(r, msg[i]));
}

/* The query string of the filters, for the pager's links. */
static const char *
audit_query(struct req *r, const struct audit_form *a)
{
	return arena_printf(r->a, "who=%s&what=%s&from=%s&to=%s", url_encode(r->a, a->f.who),
	    url_encode(r->a, a->f.what), url_encode(r->a, a->f.from), url_encode(r->a, a->f.to));
}

/*
 * Runs the count and the page query of the scope and renders platform_audit.tpl. Returns
 * 0, 400 for a filter that is too long, or 500; a refused filter shows its message.
 */
static int
audit_page(struct req *r, const struct audit_scope *s)
{
	struct tmpl_dict *d;
	struct audit_row *rows = NULL;
	struct audit_form a;
	long page, pages = 1, total = 0, off;
	long op = r->me->operator_id, occ = s->occupier_id, uid = s->user_id;
	int rc, n = 0, bad;

	memset(&a, 0, sizeof(a));
	if ((rc = list_args(r, 100, &a.f.q, &page)) != 0)
		return rc;
	bad = audit_filters(r, &a);
	if ((a.f.like = like_arg(r->a, a.f.q)) == NULL || a.f.who_like == NULL)
		return 500;
	if (!bad && db_audit_count(r, op, occ, uid, &a.f, &total) < 0)
		return 500;
	off = list_offset(&page, total, AUDIT_PAGE_SIZE, &pages);
	if (!bad && (n = db_audit_page(r, op, occ, uid, &a.f, AUDIT_PAGE_SIZE, off, &rows)) < 0)
		return 500;
	if ((d = page_start(r, "platform_audit.tpl", "audit_log")) == NULL)
		return 500;
	r->status = bad ? 400 : 200;
	tmpl_set(d, "BASE", s->base);
	tmpl_set(d, "Q", a.f.q);
	tmpl_set_int(d, "TOTAL", total);
	audit_filter_show(r, d, &a);
	if (occ && !s->portal) {
		struct tmpl_dict *o = tmpl_section(d, "OCCUPIER");

		tmpl_set_int(o, "OCC_ID", occ);
		tmpl_set(o, "OCCUPIER_NAME", s->occupier_name);
	} else if (s->portal)
		tmpl_set(tmpl_section(d, "PORTAL_OCC"), "OCCUPIER_NAME", s->occupier_name);
	if (s->subject != NULL)
		tmpl_set(tmpl_section(d, "SUBJECT"), "SUBJECT", s->subject);
	if (n == 0)
		tmpl_show(d, "EMPTY");
	for (int i = 0; i < n; i++)
		audit_line(r, d, &rows[i], s->portal ? -1 : uid != 0);
	list_pager(r, d, arena_printf(r->a, "%s?%s", s->base, audit_query(r, &a)), a.f.q, page,
	    pages);
	return page_finish(r);
}

/* GET /platform/audit: everything of the operator. */
int
h_audit(struct req *r)
{
	struct audit_scope s = { 0, 0, NULL, NULL, "/platform/audit", 0 };

	return audit_page(r, &s);
}

/* GET /platform/occupiers/ID/audit: one occupier's entries. */
int
h_occ_audit(struct req *r)
{
	struct audit_scope s = { r->id, 0, NULL, NULL, NULL, 0 };

	s.occupier_name = r->scope->occupier_name;
	if ((s.base = arena_printf(r->a, "/platform/occupiers/%ld/audit", r->id)) == NULL)
		return 500;
	return audit_page(r, &s);
}

/* GET /platform/occupiers/ID/users/UID/audit: one user's entries, also once deleted. */
int
h_occ_user_audit(struct req *r)
{
	struct audit_scope s = { r->id, r->id2, NULL, NULL, NULL, 0 };
	int rc;

	s.occupier_name = r->scope->occupier_name;
	if ((rc = db_audit_subject(r, r->me->operator_id, r->id, r->id2, &s.subject)) <= 0)
		return rc < 0 ? 500 : 404;
	if ((s.base = arena_printf(r->a, "/platform/occupiers/%ld/users/%ld/audit", r->id,
	    r->id2)) == NULL)
		return 500;
	return audit_page(r, &s);
}

/* GET /audit: an occupier admin's own occupier, read-only (the scope is the session's). */
int
h_portal_audit(struct req *r)
{
	struct audit_scope s = { r->scope->occupier_id, 0, NULL, NULL, "/audit", 1 };

	s.occupier_name = r->scope->occupier_name;
	return audit_page(r, &s);
}
