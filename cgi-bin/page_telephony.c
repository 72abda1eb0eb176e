/*
 * The platform's Telephony pages (PLAT-5, TEL-1): the operator's numbers by site, and a
 * number's page where it is allocated (to an occupier with space at its site, or to the
 * operator's account), assigned (to a user of that occupier, or a team member) and where
 * every feature of TEL-3 is edited with the platform's rights of TEL-4 (tel.c does the
 * features). Every statement is scoped by the signed-in operator.
 */
#include <string.h>

#include "app.h"
#include "states.h"
#include "audit.h"
#include "db.h"
#include "pages.h"
#include "tel.h"
#include "tmpl.h"

#define NUMBERS_SHOWN 2000          /* numbers on the list page */
#define ASSIGNEES_SHOWN 2000        /* people offered in the assignment list */

/* A status badge of a number: ACTIVE (green) or PENDING (amber), always with its text. */
static void
status_badge(struct req *r, struct tmpl_dict *d, const char *status)
{
	int pending = state_of(status) == ST_PENDING;

	tmpl_set(d, "STATUS_CLASS", pending ? "badge-amber" : "badge-green");
	tmpl_set(d, "STATUS_TEXT", T(r, pending ? "status_pending" : "status_active"));
}

/* The rows of res (NUM_LIST columns) into SITE sections of d, one per site, in order. */
static void
numbers_by_site(struct req *r, struct tmpl_dict *d, const struct dbres *res)
{
	struct tmpl_dict *site = NULL;
	const char *last = NULL;

	for (size_t i = 0; i < res->nrows && i < NUMBERS_SHOWN; i++) {
		struct tmpl_dict *row;

		if (last == NULL || strcmp(last, db_str(res, i, 10)) != 0) {
			last = db_str(res, i, 10);
			site = tmpl_section(d, "SITE");
			tmpl_set(site, "SITE_ID", last);
			tmpl_set(site, "SITE_NAME", db_str(res, i, 11));
		}
		row = tmpl_section(site, "NUMBER");
		tmpl_set(row, "ID", db_str(res, i, 0));
		tmpl_set(row, "NUMBER", db_str(res, i, 1));
		tmpl_set(row, "EXTENSION", db_str(res, i, 2));
		status_badge(r, row, db_str(res, i, 3));
		if (!db_int(res, i, 4))
			tmpl_show(row, "UNALLOCATED");
		else if (db_isnull(res, i, 5))
			tmpl_show(row, "TO_ACCOUNT");
		else {
			struct tmpl_dict *o = tmpl_section(row, "TO_OCCUPIER");

			tmpl_set(o, "OCC_ID", db_str(res, i, 5));
			tmpl_set(o, "OCC_NAME", db_str(res, i, 6));
		}
		if (db_isnull(res, i, 7))
			tmpl_show(row, "NOBODY");
		else {
			struct tmpl_dict *u = tmpl_section(row, "ASSIGNEE");

			tmpl_set(u, "NAME", db_str(res, i, 8));
			tmpl_set(u, "EMAIL", db_str(res, i, 9));
		}
	}
	if (res->nrows > NUMBERS_SHOWN)
		tmpl_show(d, "TRUNCATED");
	if (res->nrows == 0)
		tmpl_show(d, "EMPTY");
}

/* PLAT-5: GET /platform/telephony, every number of the operator by site. */
int
h_tel_list(struct req *r)
{
	struct tmpl_dict *d;
	struct dbres res;
	const char *q;
	char *like;
	long page;
	int rc;

	if ((rc = list_args(r, 100, &q, &page)) != 0)
		return rc;
	if ((like = like_arg(r->a, q)) == NULL)
		return 500;
	if (db_query(r->db, r->a, &res, STMT_NUMBERS, "issssssi",
	    (long long)r->me->operator_id, q, like, like, like, like, like,
	    (long long)NUMBERS_SHOWN + 1) < 0)
		return 500;
	if ((d = page_start(r, "platform_telephony.tpl", "telephony")) == NULL)
		return 500;
	tmpl_set(d, "Q", q);
	tmpl_set_int(d, "TOTAL", (long)res.nrows);
	tmpl_show(d, "ALL");
	numbers_by_site(r, d, &res);
	return page_finish(r);
}

/* PLAT-6: GET /platform/account/telephony, the numbers allocated to the account by site. */
int
h_account_telephony(struct req *r)
{
	struct tmpl_dict *d;
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_ACCOUNT_NUMBERS, "ii",
	    (long long)r->me->operator_id, (long long)NUMBERS_SHOWN + 1) < 0)
		return 500;
	if ((d = page_start(r, "platform_telephony.tpl", "plat_acc_tab_telephony")) == NULL)
		return 500;
	account_tabs(r, tmpl_section(d, "ACCOUNT"), "telephony");
	tmpl_set_int(d, "TOTAL", (long)res.nrows);
	numbers_by_site(r, d, &res);
	return page_finish(r);
}

/* ------------------------------------------------------------------------------------ */
/* A number's page                                                                       */

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
	struct dbres res;
	int rc;

	memset(n, 0, sizeof(*n));
	if ((rc = tel_load(r, r->id, r->me->operator_id, &n->t)) <= 0)
		return rc < 0 ? 500 : 404;
	if (db_query(r->db, r->a, &res, STMT_NUM_EXTRA, "ii", (long long)r->id,
	    (long long)r->me->operator_id) < 0)
		return 500;
	if (res.nrows == 0)
		return 404;
	n->allocated = (int)db_int(&res, 0, 0);
	n->occupier_name = db_str(&res, 0, 1);
	n->user_name = db_str(&res, 0, 3);
	n->user_email = db_str(&res, 0, 4);
	n->user_occupier = (long)db_int(&res, 0, 5);
	n->operator_name = db_str(&res, 0, 6);
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
	struct dbres res;

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
	if (db_query(r->db, r->a, &res, STMT_ALLOC_CHOICES, "ii", (long long)t->operator_id,
	    (long long)t->site_id) < 0)
		return 500;
	for (size_t i = 0; i < res.nrows; i++) {
		s = tmpl_section(d, "ALLOC_OPTION");
		tmpl_set(s, "OCC_ID", db_str(&res, i, 0));
		tmpl_set(s, "OCC_NAME", db_str(&res, i, 1));
		if (n->allocated && db_int(&res, i, 0) == t->occupier_id)
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
	struct dbres res;

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
		if (db_query(r->db, r->a, &res, STMT_ASSIGNEES, "iuii", (long long)t->operator_id,
		    (long long)t->occupier_id, (long long)t->id, (long long)ASSIGNEES_SHOWN) < 0)
			return 500;
		for (size_t i = 0; i < res.nrows; i++) {
			struct tmpl_dict *o = tmpl_section(s, "ASSIGN_OPTION");

			tmpl_set(o, "USER_ID", db_str(&res, i, 0));
			tmpl_set(o, "NAME", db_str(&res, i, 1));
			tmpl_set(o, "EMAIL", db_str(&res, i, 2));
			if (db_int(&res, i, 0) == t->user_id)
				tmpl_show(o, "SELECTED");
		}
		if (res.nrows >= ASSIGNEES_SHOWN)
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
	status_badge(r, d, state_name(t->pending ? ST_PENDING : ST_ACTIVE));
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
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_CLI_USERS, "ii", (long long)n->id,
	    (long long)n->operator_id) < 0)
		return -1;
	for (size_t i = 0; i < res.nrows; i++) {
		long long id = db_int(&res, i, 0);

		if (db_exec(r->db, STMT_CLI_DROP, "ii", id, (long long)n->operator_id) != 1 ||
		    db_exec(r->db, STMT_JOB, "i", id) < 0 ||
		    audit_add(r, (long)db_int(&res, i, 2), (long)db_int(&res, i, 3),
		    db_str(&res, i, 1), "tel.update", "cli_number_id", n->number, "") < 0)
			return -1;
	}
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
	struct dbres res;
	const char *v = form_get(r, "allocation"), *new_name = "";
	long occ = 0;
	int allocated = 1, rc;
	long long op = r->me->operator_id;

	if ((rc = num_get(r, &n)) != 0)
		return rc;
	if (str_eq(v, "none"))
		allocated = 0;
	else if (!str_eq(v, "account")) {
		if (v == NULL || str_to_long(v, 1, 2000000000L, &occ) < 0)
			e.allocation = "plat_tel_err_allocation";
		else if (db_query(r->db, r->a, &res, STMT_ALLOC_OK, "iii", (long long)occ, op,
		    (long long)n.t.site_id) < 0)
			return 500;
		else if (res.nrows == 0)
			e.allocation = "plat_tel_err_allocation";
		else
			new_name = db_str(&res, 0, 0);
	}
	if (e.allocation != NULL)
		return num_page(r, &n, &e, 400);
	if (allocated == n.allocated && occ == n.t.occupier_id)
		return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld?n=number_saved",
		    n.t.id));
	if (db_begin(r->db) < 0)
		return 500;
	if (db_query(r->db, r->a, &res, STMT_NUM_LOCK, "iii", (long long)n.t.id, op,
	    (long long)n.t.version) < 0)
		goto fail;
	if (res.nrows == 0) {
		/* changed since it was loaded: show it as it is now */
		db_rollback(r->db);
		return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld", n.t.id));
	}
	if (db_exec(r->db, STMT_ALLOCATE, "uiii", (long long)occ, (long long)allocated,
	    (long long)n.t.id, op) != 1 ||
	    cli_drop(r, &n.t) < 0 ||
	    db_exec(r->db, STMT_JOB, "i", (long long)n.t.id) < 0 ||
	    audit_add(r, occ ? occ : n.t.occupier_id, 0, n.t.number, "number.allocate",
	    "allocation", alloc_label(r, n.allocated, n.t.occupier_id, n.occupier_name),
	    alloc_label(r, allocated, occ, new_name)) < 0 ||
	    (n.t.user_id && audit_add(r, n.t.occupier_id, n.t.user_id, n.t.number,
	    "number.assign", "user", n.user_email, "") < 0) ||
	    db_commit(r->db) < 0)
		goto fail;
	return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld?n=number_saved",
	    n.t.id));
fail:
	db_rollback(r->db);
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
	struct dbres res;
	const char *v = form_get(r, "user"), *email = "", *direct = "";
	long uid = 0;
	int rc;
	long long op = r->me->operator_id;

	if ((rc = num_get(r, &n)) != 0)
		return rc;
	if (!n.allocated)
		e.assignee = "plat_tel_err_unallocated";
	else if (v != NULL && *v != '\0' && str_to_long(v, 1, 2000000000L, &uid) < 0)
		e.assignee = "plat_tel_err_assignee";
	if (e.assignee != NULL)
		return num_page(r, &n, &e, 400);
	if (uid == n.t.user_id)
		return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld?n=number_saved",
		    n.t.id));
	if (db_begin(r->db) < 0)
		return 500;
	if (db_query(r->db, r->a, &res, STMT_NUM_LOCK, "iii", (long long)n.t.id, op,
	    (long long)n.t.version) < 0)
		goto fail;
	if (res.nrows == 0) {
		db_rollback(r->db);
		return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld", n.t.id));
	}
	if (uid) {
		if (db_query(r->db, r->a, &res, STMT_ASSIGNEE_OK, "iiiu", (long long)n.t.id,
		    (long long)uid, op, (long long)n.t.occupier_id) < 0)
			goto fail;
		if (res.nrows == 0 || !db_isnull(&res, 0, 2)) {
			db_rollback(r->db);
			e.assignee = res.nrows == 0 ? "plat_tel_err_assignee" :
			    "plat_tel_err_has_number";
			return num_page(r, &n, &e, 400);
		}
		email = db_str(&res, 0, 0);
		direct = db_str(&res, 0, 1);
	}
	if (db_exec(r->db, STMT_ASSIGN, "uii", (long long)uid, (long long)n.t.id, op) != 1 ||
	    db_exec(r->db, STMT_JOB, "i", (long long)n.t.id) < 0 ||
	    (n.t.user_id && audit_add(r, n.t.occupier_id, n.t.user_id, n.t.number,
	    "number.assign", "user", n.user_email, "") < 0) ||
	    (uid && audit_add(r, n.t.occupier_id, uid, n.t.number, "number.assign", "user",
	    "", email) < 0))
		goto fail;
	if (uid && *direct != '\0' &&
	    (db_exec(r->db, STMT_DIRECT_CLEAR, "ii", (long long)uid, op) != 1 ||
	    audit_add(r, n.t.occupier_id, uid, email, "user.update", "direct_line", direct,
	    n.t.number) < 0))
		goto fail;
	if (db_commit(r->db) < 0)
		goto fail;
	return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld?n=number_saved",
	    n.t.id));
fail:
	db_rollback(r->db);
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
	if (db_begin(r->db) < 0)
		return 500;
	rc = tel_save(r, &n.t, &nt);
	if (rc < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		if (rc != TEL_STALE)
			return 500;
		if (num_get(r, &n) != 0)
			return 500;
		te.msg[TF_VERSION] = "tel_err_stale";
		te.n = 1;
		return num_page(r, &n, &e, 400);
	}
	return page_redirect(r, arena_printf(r->a, "/platform/telephony/%ld?n=number_saved",
	    n.t.id));
}
