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

/* Sets the shared values of every User management page. */
void
scope_show(struct req *r, const struct scope *s, struct tmpl_dict *d)
{
	tmpl_set(d, "BASE", s->base);
	tmpl_set(d, "OCCUPIER_NAME", s->occupier_name);
	if (s->team) {
		tmpl_set(d, "BACK", "/platform/account");
		tmpl_show(d, "TEAM");
		return;
	}
	tmpl_set(d, "BACK", s->base);
	tmpl_show(d, "OCCUPIER");
	if (s->platform) {
		struct tmpl_dict *p = tmpl_section(d, "PLATFORM");

		tmpl_set(p, "OCCUPIER_URL", arena_printf(r->a, "/platform/occupiers/%ld",
		    s->occupier_id));
		tmpl_set(p, "OCCUPIER_NAME", s->occupier_name);
		tmpl_set_int(p, "OCCUPIER_ID", s->occupier_id);
	} else
		tmpl_show(d, "PORTAL");
}

const char *
language_name(struct req *r, const char *code)
{
	return T(r, arena_printf(r->a, "language_%s", code));
}

int
user_may_delete(const struct req *r, const struct scope *s, long id, int admin)
{
	return (!admin || s->platform) && r->me->id != id && !s->team;
}

int
user_may_change_account(const struct req *r, long id)
{
	return r->me->id != id;
}

/* The phone number or direct line; on the platform the number links to its page. */
static void
view_phone(struct req *r, const struct scope *s, const struct urow *u, struct tmpl_dict *d)
{
	if (u->number != NULL) {
		struct tmpl_dict *n = tmpl_section(d, "NUMBER");

		tmpl_set(n, "PHONE", u->number);
		tmpl_set(n, "EXT", u->extension);
		page_badge(r, n, "NUMBER", u->number_status);
		if (s->platform)
			tmpl_set_int(tmpl_section(n, "NUMBER_LINK"), "NUMBER_ID", u->number_id);
		else
			tmpl_show(n, "NUMBER_TEXT");
	} else {
		struct tmpl_dict *n = tmpl_section(d, "DIRECT");

		tmpl_set(n, "DIRECT_LINE", u->direct);
	}
}

/* WIFI-1..3 from the details page: create (through the form), deactivate, reactivate, reset. */
static void
view_wifi(struct req *r, const struct urow *u, struct tmpl_dict *d)
{
	page_badge(r, d, "WIFI", u->wifi_state);
	if (u->wifi == ST_NO_ACCOUNT) {
		tmpl_show(d, "WIFI_CREATE");
		return;
	}
	{
		struct tmpl_dict *w = tmpl_section(d, "WIFI");

		tmpl_set(w, "HOMESITE", u->wifi_site);
		tmpl_set(w, "DEVICE_LIMIT", u->wifi_limit);
	}
	tmpl_show(d, u->wifi == ST_ACTIVE ? "WIFI_ACTIVE" : "WIFI_DEACTIVATED");
}

/* UM-6, AUTH-6: the invitations (per app; the platform's for team members) and access;
 * returns its section for what issue 16 adds there. */
static struct tmpl_dict *
view_account(struct req *r, const struct scope *s, const struct urow *u, struct tmpl_dict *d)
{
	struct tmpl_dict *a = tmpl_section(d, "ACCOUNT");
	int no_access = s->team && str_eq(u->role, "user");

	page_badge(r, a, "ACCOUNT", u->account_state);
	if (s->team) {
		tmpl_set(tmpl_section(a, "TEAM_ACCESS"), "PLATFORM_STATE", T(r, no_access ?
		    "plat_acc_no_access" : u->invited_portal ? "invited" : "not_invited"));
		if (!no_access && !u->invited_portal)
			tmpl_show(a, "INVITE_PLATFORM");
	} else {
		struct tmpl_dict *p = tmpl_section(a, "APPS");

		tmpl_set(p, "PORTAL_STATE", T(r, u->invited_portal ? "invited" : "not_invited"));
		tmpl_set(p, "APP_STATE", T(r, u->invited_app ? "invited" : "not_invited"));
		if (!u->invited_portal)
			tmpl_show(a, "INVITE_PORTAL");
		if (!u->invited_app)
			tmpl_show(a, "INVITE_APP");
		/* issue 13: "Resend invite" per invitation, beside the one it sends again */
		if (u->account == ST_AWAITING_VALIDATION && u->invited_portal)
			tmpl_show(p, "RESEND_PORTAL");
		if (u->account == ST_AWAITING_VALIDATION && u->invited_app)
			tmpl_show(p, "RESEND_APP");
	}
	if (s->team && u->account == ST_AWAITING_VALIDATION)
		tmpl_show(a, "CAN_RESEND");
	if (user_may_change_account(r, atol(u->id))) {
		if (u->account == ST_DEACTIVATED)
			tmpl_show(a, "CAN_REACTIVATE");
		else if (u->account != ST_NOT_INVITED)
			tmpl_show(a, "CAN_DEACTIVATE");
	}
	return a;
}

/* UM-5: the read-only details page. */
int
h_user_view(struct req *r)
{
	return user_view(r, NULL, NULL, 200);
}

/*
 * Issue 16 beside the details: the invitation's expiry, two-factor sign-in with the reset of
 * an admin above, and the leaving date with its form (leave_value and its message when a
 * date was refused).
 */
static int
user_view_extra(struct req *r, struct tmpl_dict *d, struct tmpl_dict *acct,
    const char *leave_value, const char *leave_err)
{
	const struct scope *s = r->scope;
	struct uextra x;
	struct tmpl_dict *l = tmpl_section(d, "LEAVING");

	if (db_user_extra(r, s->operator_id, s->occupier_id, s->user_id, &x) <= 0)
		return -1;
	if (acct != NULL && r->target->account == ST_AWAITING_VALIDATION &&
	    *x.invite_expires)
		tmpl_set(tmpl_section(acct, x.invite_expired ? "INVITE_EXPIRED" : "INVITE_EXPIRES"),
		    "WHEN", x.invite_expires);
	if (acct != NULL) {
		tmpl_set(acct, "TWOFA_STATE", T(r, x.twofa_on ? "twofa_on" : "twofa_off"));
		if (x.twofa_on && r->me->id != s->user_id)
			tmpl_show(acct, "CAN_TWOFA_RESET");
	}
	if (*x.leave_on) {
		tmpl_set(tmpl_section(l, "LEAVES"), "DATE", x.leave_on);
		tmpl_show(l, "CAN_CANCEL");
	} else
		tmpl_show(l, "NOT_LEAVING");
	if (r->me->id != s->user_id)
		form_field(r, tmpl_section(l, "LEAVE_FORM"), NULL, "leave_on",
		    leave_value ? leave_value : x.leave_on, leave_err);
	return 0;
}

int
user_view(struct req *r, const char *leave_value, const char *leave_err, int status)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	struct tmpl_dict *d, *acct = NULL;
	struct tel t;
	int has;

	if ((d = page_start(r, "user_view.tpl", s->team ? "plat_acc_member_details" :
	    "user_details")) == NULL)
		return 500;
	r->status = status;
	scope_show(r, s, d);
	tmpl_set(d, "ID", u->id);
	tmpl_set(d, "NAME", arena_printf(r->a, "%s %s", u->first_name, u->last_name));
	tmpl_set(d, "FIRST_NAME", u->first_name);
	tmpl_set(d, "LAST_NAME", u->last_name);
	tmpl_set(d, "EMAIL", u->email);
	tmpl_set(d, "JOB_TITLE", u->job_title);
	tmpl_set(d, "MOBILE", u->mobile);
	tmpl_set(d, "LANGUAGE", language_name(r, u->language));
	tmpl_set(d, "ROLE", T(r, u->is_admin ? "role_admin" : "role_user"));
	tmpl_set(d, "EDIT_LABEL", T(r, s->team ? "plat_acc_edit_member" : "edit_user_details"));
	if (s->team && team_view(r, s, u, d) < 0)
		return 500;
	view_phone(r, s, u, d);
	if ((has = tel_load_user(r, s->user_id, s->operator_id, &t)) < 0)
		return 500;
	tel_show(r, d, has ? &t : NULL, NULL);
	view_wifi(r, u, d);
	if (s->experience)
		acct = view_account(r, s, u, d);
	if (user_may_delete(r, s, atol(u->id), u->is_admin))
		tmpl_show(d, "CAN_DELETE");
	if (s->team && r->me->id != atol(u->id))
		tmpl_show(d, "CAN_DELETE_MEMBER");
	if (radius_devices_show(r, d, s->user_id, s->operator_id, s->occupier_id,
	    arena_printf(r->a, "%s/%ld/devices/disconnect", s->base, s->user_id)) < 0)
		return 500;
	if (s->team)            /* API tokens and issue 16's extras are the occupiers' */
		return page_finish(r);
	if (tokens_show(r, d, s->user_id, arena_printf(r->a, "%s/%ld/tokens/revoke", s->base,
	    s->user_id), NULL) < 0 || user_view_extra(r, d, acct, leave_value, leave_err) < 0)
		return 500;
	return page_finish(r);
}
