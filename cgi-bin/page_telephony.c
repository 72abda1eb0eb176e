/*
 * The platform's Telephony pages (PLAT-5, TEL-1): a number's page (the list of numbers by
 * site is page_tel_list.c), where it is allocated (to an occupier with space at its site, or to the
 * operator's account), assigned (to a user of that occupier, or a team member) and where
 * every feature of TEL-3 is edited with the platform's rights of TEL-4 (tel.c does the
 * features). Every statement is scoped by the signed-in operator.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "states.h"
#include "audit.h"
#include "db_phone.h"
#include "pages.h"
#include "tel.h"
#include "tmpl.h"

#define ASSIGNEES_SHOWN 2000        /* people offered in the assignment list */

/* A number with what its page shows besides its features. */
struct num {
	struct tel t;
	int allocated;
	const char *occupier_name, *operator_name;
	const char *user_name, *user_email;
	long user_occupier;
};

/* Loads the number of the URL within the operator: 0, 404 or 500. */
static int
num_get(struct req *r, struct num *n)
{
	struct number_extra x;
	int rc;

	memset(n, 0, sizeof(*n));
	if ((rc = tel_load(r, r->id, r->me->operator_id, &n->t)) <= 0)
		return rc < 0 ? 500 : 404;
	if ((rc = db_number_extra(r, r->me->operator_id, r->id, &x)) <= 0)
		return rc < 0 ? 500 : 404;
	n->allocated = x.allocated;
	n->occupier_name = x.occupier_name;
	n->user_name = x.user_name;
	n->user_email = x.user_email;
	n->user_occupier = x.user_occupier;
	n->operator_name = x.operator_name;
	return 0;
}

/* What a number's page may have to say: the messages of its three forms. */
struct num_errors {
	const char *allocation, *assignee;
	const struct tel_errors *tel;
	const struct tel *shown;    /* the features to show (the rejected form's), or NULL */
};

/* Renders platform_number.tpl for n, with the messages of e if any. */
/* The number's allocation: to whom, and the choices of the form (TEL-2). 0 or 500. */
static int
num_allocation(struct req *r, const struct num *n, struct tmpl_dict *d)
{
	const struct tel *t = &n->t;
	struct tmpl_dict *s;
	struct choice *c;
	int nc;

	if (!n->allocated)
		tmpl_show(d, "UNALLOCATED");
	else if (t->occupier_id == 0)
		tmpl_set(tmpl_section(d, "TO_ACCOUNT"), "OPERATOR_NAME", n->operator_name);
	else {
		s = tmpl_section(d, "TO_OCCUPIER");
		tmpl_set_int(s, "OCC_ID", t->occupier_id);
		tmpl_set(s, "OCC_NAME", n->occupier_name);
	}
	tmpl_set(d, "OPERATOR_NAME", n->operator_name);
	if (!n->allocated)
		tmpl_show(d, "SEL_NONE");
	else if (t->occupier_id == 0)
		tmpl_show(d, "SEL_ACCOUNT");
	if ((nc = db_alloc_choices(r, t->operator_id, t->site_id, &c)) < 0)
		return 500;
	for (int i = 0; i < nc; i++) {
		s = tmpl_section(d, "ALLOC_OPTION");
		tmpl_set(s, "OCC_ID", c[i].id);
		tmpl_set(s, "OCC_NAME", c[i].name);
		if (n->allocated && atol(c[i].id) == t->occupier_id)
			tmpl_show(s, "SELECTED");
	}

	return 0;
}

/* The number's assignee and the assignment form (its dictionary into *af). 0 or 500. */
static int
num_assignment(struct req *r, const struct num *n, struct tmpl_dict *d, struct tmpl_dict **af)
{
	const struct tel *t = &n->t;
	struct tmpl_dict *s;
	struct choice *c;
	int nc;

	if (t->user_id) {
		s = tmpl_section(d, "ASSIGNED");
		tmpl_set(s, "NAME", n->user_name);
		tmpl_set(s, "EMAIL", n->user_email);
		if (n->user_occupier)
			tmpl_set(tmpl_section(s, "USER_LINK"), "HREF", arena_printf(r->a,
			    "/platform/occupiers/%ld/users/%ld", n->user_occupier, t->user_id));
		else
			tmpl_show(s, "NO_USER_LINK");
	} else
		tmpl_show(d, "NOT_ASSIGNED");
	if (n->allocated) {
		s = *af = tmpl_section(d, "ASSIGN_FORM");
		if (t->occupier_id == 0)
			tmpl_show(s, "TEAM_HINT");
		if ((nc = db_assignees(r, t->operator_id, t->occupier_id, t->id, ASSIGNEES_SHOWN,
		    &c)) < 0)
			return 500;
		for (int i = 0; i < nc; i++) {
			struct tmpl_dict *o = tmpl_section(s, "ASSIGN_OPTION");

			tmpl_set(o, "USER_ID", c[i].id);
			tmpl_set(o, "NAME", c[i].name);
			tmpl_set(o, "EMAIL", c[i].email);
			if (atol(c[i].id) == t->user_id)
				tmpl_show(o, "SELECTED");
		}
		if (nc >= ASSIGNEES_SHOWN)
			tmpl_show(s, "ASSIGN_TRUNCATED");
	} else
		tmpl_show(d, "ALLOCATE_FIRST");

	return 0;
}

/* The messages: next to their fields, and in a summary that links to them. */
static void
num_errors_show(struct req *r, const struct num_errors *e, struct tmpl_dict *d,
    struct tmpl_dict *af)
{
	struct tmpl_dict *s;

	if (e != NULL && (e->allocation || e->assignee || (e->tel && e->tel->n))) {
		s = tmpl_section(d, "ERROR_SUMMARY");
		if (e->allocation) {
			struct tmpl_dict *it = tmpl_section(s, "ERROR_ITEM");

			tmpl_set(it, "FIELD_ID", "allocation");
			tmpl_set(it, "TEXT", T(r, e->allocation));
			tmpl_set(tmpl_section(d, "ALLOCATION_ERROR"), "ERROR_TEXT",
			    T(r, e->allocation));
		}
		if (e->assignee) {
			struct tmpl_dict *it = tmpl_section(s, "ERROR_ITEM");

			tmpl_set(it, "FIELD_ID", "assignee");
			tmpl_set(it, "TEXT", T(r, e->assignee));
			if (af != NULL)
				tmpl_set(tmpl_section(af, "ASSIGNEE_ERROR"), "ERROR_TEXT",
				    T(r, e->assignee));
		}
		if (e->tel)
			tel_error_items(r, s, e->tel, "ERROR_ITEM");
	}
}

static int
num_page(struct req *r, const struct num *n, const struct num_errors *e, int status)
{
	struct tmpl_dict *d, *af = NULL;
	const struct tel *t = &n->t;

	if ((d = page_start(r, "platform_number.tpl", "plat_tel_number_title")) == NULL)
		return 500;
	tmpl_set_int(d, "ID", t->id);
	tmpl_set(d, "NUMBER", t->number);
	tmpl_set(d, "EXTENSION", t->extension);
	tmpl_set(d, "SITE", t->site_name);
	if (strcmp(t->handset_type, "digital") == 0 && t->handset_logged_in)
		tmpl_show(d, "HANDSET_LOGOUT");
	tel_status_badge(r, d, state_name(t->pending ? ST_PENDING : ST_ACTIVE));
	if (num_allocation(r, n, d) != 0 || num_assignment(r, n, d, &af) != 0)
		return 500;
	num_errors_show(r, e, d, af);
	if (tel_show_form(r, d, e && e->shown ? e->shown : t, TEL_PLATFORM_MASK,
	    e ? e->tel : NULL) < 0)
		return 500;
	r->status = status;
	return page_finish(r);
}

/* PLAT-5: GET /platform/telephony/ID. */
int
h_tel_number(struct req *r)
{
	struct num n;
	int rc;

	if ((rc = num_get(r, &n)) != 0)
		return rc;
	return num_page(r, &n, NULL, 200);
}

/*
 * Within the caller's transaction: every number that used number n as its CLI loses that
 * choice, with a provisioning job and an audit entry each. Returns 0 or -1.
 */
static int
cli_drop(struct req *r, const struct tel *n)
{
	struct cli_user *c;
	int nc = db_cli_users(r, n->operator_id, n->id, &c);

	if (nc < 0)
		return -1;
	for (int i = 0; i < nc; i++)
		if (db_cli_drop(r, n->operator_id, c[i].id) != 1 || db_number_job(r, c[i].id) < 0 ||
		    audit_add(r, c[i].occupier_id, c[i].user_id, c[i].number, "tel.update",
		    "cli_number_id", n->number, "") < 0)
			return -1;
	return 0;
}

/* The words for an allocation in the audit log. */
static const char *
alloc_label(struct req *r, int allocated, long occ, const char *occ_name)
{
	if (!allocated)
		return T(r, "plat_tel_unallocated");
	if (occ == 0)
		return T(r, "plat_tel_account");
	return arena_printf(r->a, "%s (%ld)", occ_name, occ);
}

/* The number's page after a change: with the notice "saved", or as it is now (stale). */
static int
num_back(struct req *r, const struct num *n, int saved)
{
	return page_redirect(r, arena_printf(r->a, saved ? "/platform/telephony/%ld?n=number_saved" :
	    "/platform/telephony/%ld", n->t.id));
}

/* Begins the change's transaction with n's number locked at the version shown: 1; 0 it
 * changed since it was loaded, <0 failure (both rolled back). */
static int
num_lock(struct req *r, const struct num *n)
{
	int rc;

	if (tx_begin(r) < 0)
		return -1;
	if ((rc = db_number_lock(r, r->me->operator_id, n->t.id, n->t.version)) <= 0)
		tx_rollback(r);
	return rc;
}

/*
 * PLAT-5: POST /platform/telephony/ID/allocate with allocation = "none", "account" or an
 * occupier id (one with space at the number's site). Unassigns the number when its
 * allocation changes. One transaction, with audit.
 */
int
h_tel_allocate(struct req *r)
{
	struct num n;
	struct num_errors e = { 0 };
	const char *v = form_get(r, "allocation"), *new_name = "";
	long occ = 0, op = r->me->operator_id;
	int allocated = 1, rc;

	if ((rc = num_get(r, &n)) != 0)
		return rc;
	if (str_eq(v, "none"))
		allocated = 0;
	else if (!str_eq(v, "account")) {
		if (v == NULL || str_to_long(v, 1, 2000000000L, &occ) < 0)
			e.allocation = "plat_tel_err_allocation";
		else if ((rc = db_alloc_ok(r, op, occ, n.t.site_id, &new_name)) < 0)
			return 500;
		else if (rc == 0)
			e.allocation = "plat_tel_err_allocation";
	}
	if (e.allocation != NULL)
		return num_page(r, &n, &e, 400);
	if (allocated == n.allocated && occ == n.t.occupier_id)
		return num_back(r, &n, 1);
	if ((rc = num_lock(r, &n)) <= 0)
		return rc < 0 ? 500 : num_back(r, &n, 0);
	if (db_number_allocate(r, op, n.t.id, occ, allocated) != 1 ||
	    cli_drop(r, &n.t) < 0 ||
	    db_number_job(r, n.t.id) < 0 ||
	    audit_add(r, occ ? occ : n.t.occupier_id, 0, n.t.number, "number.allocate",
	    "allocation", alloc_label(r, n.allocated, n.t.occupier_id, n.occupier_name),
	    alloc_label(r, allocated, occ, new_name)) < 0 ||
	    (n.t.user_id && audit_add(r, n.t.occupier_id, n.t.user_id, n.t.number,
	    "number.assign", "user", n.user_email, "") < 0) ||
	    tx_commit(r) < 0)
		goto fail;
	return num_back(r, &n, 1);
fail:
	tx_rollback(r);
	return 500;
}

/*
 * PLAT-5: POST /platform/telephony/ID/assign with user = a user id of the number's occupier
 * (a team member when it is allocated to the account), or empty to unassign. A user holds
 * at most one number; assigning clears the user's Direct line. One transaction, with audit.
 */
int
h_tel_assign(struct req *r)
{
	struct num n;
	struct num_errors e = { 0 };
	const char *v = form_get(r, "user"), *email = "", *direct = "", *other = NULL;
	long uid = 0, op = r->me->operator_id;
	int rc;

	if ((rc = num_get(r, &n)) != 0)
		return rc;
	if (!n.allocated)
		e.assignee = "plat_tel_err_unallocated";
	else if (v != NULL && *v != '\0' && str_to_long(v, 1, 2000000000L, &uid) < 0)
		e.assignee = "plat_tel_err_assignee";
	if (e.assignee != NULL)
		return num_page(r, &n, &e, 400);
	if (uid == n.t.user_id)
		return num_back(r, &n, 1);
	if ((rc = num_lock(r, &n)) <= 0)
		return rc < 0 ? 500 : num_back(r, &n, 0);
	if (uid) {
		if ((rc = db_assignee(r, op, n.t.occupier_id, n.t.id, uid, &email, &direct,
		    &other)) < 0)
			goto fail;
		if (rc == 0 || other != NULL) {
			tx_rollback(r);
			e.assignee = rc == 0 ? "plat_tel_err_assignee" : "plat_tel_err_has_number";
			return num_page(r, &n, &e, 400);
		}
	}
	if (db_number_assign(r, op, n.t.id, uid) != 1 || db_number_job(r, n.t.id) < 0 ||
	    (n.t.user_id && audit_add(r, n.t.occupier_id, n.t.user_id, n.t.number,
	    "number.assign", "user", n.user_email, "") < 0) ||
	    (uid && audit_add(r, n.t.occupier_id, uid, n.t.number, "number.assign", "user",
	    "", email) < 0))
		goto fail;
	if (uid && *direct != '\0' &&
	    (db_direct_clear(r, op, uid) != 1 ||
	    audit_add(r, n.t.occupier_id, uid, email, "user.update", "direct_line", direct,
	    n.t.number) < 0))
		goto fail;
	if (tx_commit(r) < 0)
		goto fail;
	return num_back(r, &n, 1);
fail:
	tx_rollback(r);
	return 500;
}

/*
 * PLAT-5, TEL-3..6: POST /platform/telephony/ID/features, every feature with the
 * platform's rights. tel_parse() checks TEL-5; tel_save() writes, queues the provisioning
 * job and audits each changed field.
 */
int
h_tel_features(struct req *r)
{
	struct num n;
	struct num_errors e = { 0 };
	struct tel_errors te;
	struct tel nt;
	int rc;

	if ((rc = num_get(r, &n)) != 0)
		return rc;
	if ((rc = tel_parse(r, &n.t, TEL_PLATFORM_MASK, &nt, &te)) < 0)
		return 500;
	e.tel = &te;
	if (rc > 0) {
		/* a stale form shows the number as it is now; else what was typed */
		e.shown = te.msg[TF_VERSION] ? NULL : &nt;
		return num_page(r, &n, &e, 400);
	}
	if (tx_begin(r) < 0)
		return 500;
	rc = tel_save(r, &n.t, &nt);
	if (rc < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		if (rc != TEL_STALE)
			return 500;
		if (num_get(r, &n) != 0)
			return 500;
		te.msg[TF_VERSION] = "tel_err_stale";
		te.n = 1;
		return num_page(r, &n, &e, 400);
	}
	return num_back(r, &n, 1);
}
