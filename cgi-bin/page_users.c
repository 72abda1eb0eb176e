/*
 * User management (UM-1..9, WIFI-1..3, AUTH-6/7): the occupier admin's /users pages and the
 * platform's Users tab of an occupier (/platform/occupiers/ID/users), which are the same
 * pages seen with operator powers (PLAT-1: change an email, change a role after invitation,
 * delete an admin). A struct scope carries the tenancy, resolved from the signed-in user and
 * checked in SQL, never from a form field.
 *
 * This file: the scope, the stored user, the rule of who may delete whom, the details page.
 * page_users_list.c the list, page_users_form.c the add and edit form, page_users_actions.c
 * delete, resend, account state and Wi-Fi password.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "listidx.h"
#include "mail.h"
#include "pages.h"
#include "pcache.h"
#include "tel.h"
#include "tmpl.h"
#include "userform.h"
#include "users.h"
#include "validate.h"

/*
 * Resolves the tenancy of this request: an occupier admin's comes with the session, an
 * operator's is looked up. Returns 0, 404 when the occupier is not one of the signed-in
 * operator's, or 500.
 */
int
scope_get(struct req *r, struct scope *s)
{
	struct dbres res;

	memset(s, 0, sizeof(*s));
	s->operator_id = r->me->operator_id;
	s->platform = (r->me->role & R_OP) != 0;
	if (s->platform) {
		s->occupier_id = r->id;
		s->user_id = r->id2;
		s->base = arena_printf(r->a, "/platform/occupiers/%ld/users", r->id);
	} else {
		s->occupier_id = r->me->occupier_id;
		s->user_id = r->id;
		s->base = "/users";
		s->occupier_name = r->me->occupier_name;
		s->experience = r->me->offers_experience;
		s->version = r->me->occupier_version;
		return 0;
	}
	if (db_query(r->db, r->a, &res, STMT_SCOPE_OCC, "ii", (long long)s->occupier_id,
	    (long long)s->operator_id) < 0)
		return 500;
	if (res.nrows == 0)
		return 404;
	s->occupier_name = db_str(&res, 0, 0);
	s->experience = (int)db_int(&res, 0, 1);
	s->version = db_isnull(&res, 0, 2) ? NULL : db_str(&res, 0, 2);
	return 0;
}

/* Sets the shared values of every User management page. */
void
scope_show(struct req *r, const struct scope *s, struct tmpl_dict *d)
{
	tmpl_set(d, "BASE", s->base);
	tmpl_set(d, "OCCUPIER_NAME", s->occupier_name);
	if (s->platform) {
		struct tmpl_dict *p = tmpl_section(d, "PLATFORM");

		tmpl_set(p, "OCCUPIER_URL", arena_printf(r->a, "/platform/occupiers/%ld",
		    s->occupier_id));
		tmpl_set(p, "OCCUPIER_NAME", s->occupier_name);
		tmpl_set_int(p, "OCCUPIER_ID", s->occupier_id);
	} else
		tmpl_show(d, "PORTAL");
}

/* Loads the scope's user; 0 found, 404, or 500. */
int
urow_get(struct req *r, const struct scope *s, struct urow *u)
{
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_USER_GET, "iii", (long long)s->user_id,
	    (long long)s->operator_id, (long long)s->occupier_id) < 0)
		return 500;
	if (res.nrows == 0)
		return 404;
	u->id = db_str(&res, 0, 0);
	u->first_name = db_str(&res, 0, 1);
	u->last_name = db_str(&res, 0, 2);
	u->email = db_str(&res, 0, 3);
	u->job_title = db_str(&res, 0, 4);
	u->mobile = db_str(&res, 0, 5);
	u->direct = db_str(&res, 0, 6);
	u->language = db_str(&res, 0, 7);
	u->role = db_str(&res, 0, 8);
	u->account_state = db_str(&res, 0, 9);
	u->version = db_str(&res, 0, 10);
	u->invited_portal = (int)db_int(&res, 0, 11);
	u->invited_app = (int)db_int(&res, 0, 12);
	u->wifi_state = db_str(&res, 0, 13);
	u->wifi_limit = db_str(&res, 0, 14);
	u->wifi_site_id = db_str(&res, 0, 15);
	u->wifi_site = db_str(&res, 0, 16);
	u->number = db_isnull(&res, 0, 17) ? NULL : db_str(&res, 0, 17);
	u->extension = db_str(&res, 0, 18);
	u->number_status = db_str(&res, 0, 19);
	u->number_id = (long)db_int(&res, 0, 20);
	u->is_admin = !str_eq(u->role, "user");
	return 0;
}

const char *
language_name(struct req *r, const char *code)
{
	return T(r, arena_printf(r->a, "language_%s", code));
}

int
user_may_delete(const struct req *r, const struct scope *s, long id, int admin)
{
	return (!admin || s->platform) && r->me->id != id;
}

int
user_may_change_account(const struct req *r, long id)
{
	return r->me->id != id;
}

/* UM-5: the read-only details page. */
int
h_user_view(struct req *r)
{
	struct scope s;
	struct urow u;
	struct tmpl_dict *d;
	int rc;

	if ((rc = scope_get(r, &s)) != 0 || (rc = urow_get(r, &s, &u)) != 0)
		return rc;
	if ((d = page_start(r, "user_view.tpl", "user_details")) == NULL)
		return 500;
	scope_show(r, &s, d);
	tmpl_set(d, "ID", u.id);
	tmpl_set(d, "NAME", arena_printf(r->a, "%s %s", u.first_name, u.last_name));
	tmpl_set(d, "FIRST_NAME", u.first_name);
	tmpl_set(d, "LAST_NAME", u.last_name);
	tmpl_set(d, "EMAIL", u.email);
	tmpl_set(d, "JOB_TITLE", u.job_title);
	tmpl_set(d, "MOBILE", u.mobile);
	tmpl_set(d, "LANGUAGE", language_name(r, u.language));
	tmpl_set(d, "ROLE", T(r, u.is_admin ? "role_admin" : "role_user"));
	if (u.number != NULL) {
		struct tmpl_dict *n = tmpl_section(d, "NUMBER");

		tmpl_set(n, "PHONE", u.number);
		tmpl_set(n, "EXT", u.extension);
		page_badge(r, n, "NUMBER", u.number_status);
	} else {
		struct tmpl_dict *n = tmpl_section(d, "DIRECT");

		tmpl_set(n, "DIRECT_LINE", u.direct);
	}
	{
		struct tel t;
		int has = tel_load_user(r, s.user_id, s.operator_id, &t);

		if (has < 0)
			return 500;
		tel_show(r, d, has ? &t : NULL, NULL);
	}
	page_badge(r, d, "WIFI", u.wifi_state);
	if (!str_eq(u.wifi_state, "NO_ACCOUNT")) {
		struct tmpl_dict *w = tmpl_section(d, "WIFI");

		tmpl_set(w, "HOMESITE", u.wifi_site);
		tmpl_set(w, "DEVICE_LIMIT", u.wifi_limit);
		if (str_eq(u.wifi_state, "ACTIVE"))
			tmpl_show(w, "WIFI_ACTIVE");
	}
	if (s.experience) {
		struct tmpl_dict *a = tmpl_section(d, "ACCOUNT");

		page_badge(r, a, "ACCOUNT", u.account_state);
		tmpl_set(a, "PORTAL_STATE", T(r, u.invited_portal ? "invited" : "not_invited"));
		tmpl_set(a, "APP_STATE", T(r, u.invited_app ? "invited" : "not_invited"));
		if (str_eq(u.account_state, "AWAITING_VALIDATION"))
			tmpl_show(a, "CAN_RESEND");
		if (user_may_change_account(r, atol(u.id))) {
			if (str_eq(u.account_state, "DEACTIVATED"))
				tmpl_show(a, "CAN_REACTIVATE");
			else if (!str_eq(u.account_state, "NOT_INVITED"))
				tmpl_show(a, "CAN_DEACTIVATE");
		}
	}
	if (user_may_delete(r, &s, atol(u.id), u.is_admin))
		tmpl_show(d, "CAN_DELETE");
	return page_finish(r);
}
