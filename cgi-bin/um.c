/*
 * User management's operations on one user (UM-3, UM-5..9, WIFI-1..3, AUTH-6/7) without any
 * page: the add and edit saves, delete, resend the invitation, deactivate or reactivate the
 * account, reset the Wi-Fi password. The portal's and platform's pages (page_users_*.c) and
 * the JSON API (api_users.c) call these, so each rule is written once. Each runs its own
 * transaction and returns 0 when done, else the HTTP status of the refusal (400 with the
 * messages in f, 403, 404, 409, 500).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "link.h"
#include "mail.h"
#include "states.h"
#include "tel.h"
#include "tmpl.h"
#include "userform.h"
#include "users.h"
#include "validate.h"

struct email_change {
	const char *name, *old_email, *new_email;
};

static void
fill_email_change(struct tmpl_dict *d, void *arg)
{
	struct email_change *m = arg;

	tmpl_set(d, "NAME", m->name);
	tmpl_set(d, "OLD_EMAIL", m->old_email);
	tmpl_set(d, "NEW_EMAIL", m->new_email);
	tmpl_set(d, "LINK", "");
}

/* Audits one field when it changed. */
static int
audit_field(struct req *r, const struct scope *s, const struct urow *u, const char *field_name,
    const char *old_value, const char *new_value)
{
	if (str_eq(old_value, new_value))
		return 0;
	return audit_add(r, s->occupier_id, s->user_id, audit_user_label(r, u->first_name,
	    u->last_name, u->email), "user.update", field_name, old_value, new_value);
}

/*
 * The stored values the form may not change: email and role are taken from the stored user
 * unless the operator may change them, the direct line gives way to an assigned number.
 */
static void
edit_merge(const struct scope *s, const struct urow *u, struct form_state *f)
{
	int invited = u->account != ST_NOT_INVITED;

	if (!s->platform)
		f->in.email = u->email;              /* UM-4: never editable in the portal */
	if (f->in.role == NULL || (invited && !s->platform))
		f->in.role = u->role;                /* UM-6: locked once invited */
	if (u->number != NULL)
		f->in.direct_line = u->direct;       /* replaced by the assigned number */
	if (!s->experience)
		f->in.invite_portal = f->in.invite_app = 0;
	/* Wi-Fi fields are checked when an account exists or is being created */
	f->in.wifi = u->wifi == ST_NO_ACCOUNT ? f->in.wifi :
	    u->wifi != ST_DEACTIVATED || str_eq(f->wifi_action, "reactivate");
	if (str_eq(f->wifi_action, "deactivate"))
		f->in.wifi = 0;
	f->in.self_id = s->user_id;   /* the user's own address is not a clash */
}

/* Audits each changed field of the user's row; <0 on failure. */
static int
edit_audit(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f)
{
	const char *fields[][3] = {
		{ "first_name", u->first_name, f->in.first_name },
		{ "last_name", u->last_name, f->in.last_name },
		{ "email", u->email, f->in.email },
		{ "job_title", u->job_title, f->in.job_title },
		{ "mobile_phone", u->mobile, f->in.mobile_phone },
		{ "direct_line", u->direct, f->in.direct_line },
		{ "language", u->language, f->in.language },
		{ "role", u->role, f->in.role },
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (audit_field(r, s, u, fields[i][0], fields[i][1], fields[i][2]) < 0)
			return -1;
	return 0;
}

/* PLAT-1: a changed address: notices to both, the user's sessions and links end. */
static int
edit_email(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f)
{
	struct email_change m = { u->first_name, u->email, f->in.email };

	if (str_eq(f->in.email, u->email))
		return 0;
	if (mail_queue(r, s->operator_id, u->email, u->language, "email_changed",
	    fill_email_change, &m) < 0 ||
	    mail_queue(r, s->operator_id, f->in.email, u->language, "email_changed",
	    fill_email_change, &m) < 0 ||
	    session_end_all(r, s->user_id, 0) < 0 ||
	    db_user_tokens_end(r, s->user_id) < 0)
		return -1;   /* links sent to the old address die too */
	return 0;
}

/* WIFI-1..3 on the edit form: create, deactivate, reactivate, limit and homesite. */
static int
edit_wifi(struct req *r, const struct scope *s, const struct urow *u,
    const struct form_state *f)
{
	long limit = 0, site = 0;

	str_to_long(f->in.device_limit ? f->in.device_limit : "", 0, 1000, &limit);
	str_to_long(f->in.homesite ? f->in.homesite : "", 0, 2000000000L, &site);
	if (u->wifi == ST_NO_ACCOUNT)
		return f->in.wifi ? wifi_create(r, s->operator_id, s->occupier_id, s->user_id,
		    site, limit) : 0;
	if (str_eq(f->wifi_action, "deactivate"))
		return wifi_deactivate(r, s->operator_id, s->occupier_id, s->user_id);
	if (!f->in.wifi)
		return 0;
	if (str_eq(f->wifi_action, "reactivate") &&
	    wifi_reactivate(r, s->operator_id, s->occupier_id, s->user_id) < 0)
		return -1;
	if (limit != atol(u->wifi_limit) &&
	    (db_wifi_limit_set(r, s->user_id, limit) < 0 ||
	    audit_field(r, s, u, "device_limit", u->wifi_limit, f->in.device_limit) < 0))
		return -1;
	if (site != atol(u->wifi_site_id) &&
	    wifi_set_homesite(r, s->operator_id, s->occupier_id, s->user_id, site) < 0)
		return -1;
	return 0;
}

/* UM-9: someone else saved first: rolled back, the stored version for the next try. */
static int
edit_conflict(struct req *r, const struct urow *u, struct form_state *f)
{
	tx_rollback(r);
	f->conflict = "err_conflict";
	f->version = u->version;
	return 409;
}

/* The checks of an edit before anything is written: 0, or 400, 409, 500. */
static int
edit_check(struct req *r, const struct scope *s, struct form_state *f, long *ver)
{
	int rc = user_validate(r, s->operator_id, s->occupier_id, &f->in, &f->err);

	if (rc < 0 || (s->team && team_form_read(r, s, f) < 0))
		return 500;             /* team members: their sites and invitation (PLAT-6) */
	if (!f->no_tel) {
		if (tel_prepare(r, s, f) < 0)
			return 500;
		if (f->has_tel && tel_parse(r, &f->tel, f->tel_mask, &f->tel_new, &f->tel_err) < 0)
			return 500;
	}
	if (f->version == NULL || str_to_long(f->version, 1, 2147483647L, ver) < 0) {
		f->err.msg[UF_VERSION] = "err_stale";
		f->err.n++;
	}
	if (f->tel_err.msg[TF_VERSION] != NULL) {
		/* UM-9: the number's features were changed by someone else */
		f->conflict = "err_conflict";
		return 409;
	}
	return f->err.n || f->tel_err.n || f->sites_error || f->invite_error ? 400 : 0;
}

int
um_edit(struct req *r, const struct scope *s, const struct urow *u, struct form_state *f)
{
	long ver = 0;
	int rc;

	edit_merge(s, u, f);
	if ((rc = edit_check(r, s, f, &ver)) != 0)
		return rc;
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = team_last_super(r, s, u, f)) != 0) {
		tx_rollback(r);         /* PLAT-6: the last super admin stays one */
		if (rc < 0)
			return 500;
		f->err.msg[UF_ROLE] = "plat_acc_err_last_super";
		f->err.n++;
		return 400;
	}
	rc = db_user_update(r, s->operator_id, s->occupier_id, s->user_id, &f->in, ver);
	if (rc == 0)
		return edit_conflict(r, u, f);
	if (rc < 0 || edit_audit(r, s, u, f) < 0 || edit_email(r, s, u, f) < 0 ||
	    edit_wifi(r, s, u, f) < 0 || (s->team && team_sites_save(r, s, u, f) < 0))
		goto fail;
	if ((f->in.invite_portal || f->in.invite_app) &&
	    user_invite(r, s->operator_id, s->occupier_id, s->user_id, f->in.invite_portal,
	    f->in.invite_app) < 0)
		goto fail;
	if (f->has_tel && !f->no_tel) {
		int n = tel_save(r, &f->tel, &f->tel_new);

		if (n == TEL_STALE)
			return edit_conflict(r, u, f);
		if (n < 0)
			goto fail;
	}
	if (tx_commit(r) < 0)
		goto fail;
	return 0;
fail:
	tx_rollback(r);
	if (tx_dup(r)) {
		f->err.msg[UF_EMAIL] = "err_email_taken";
		f->err.n++;
		return 400;
	}
	return 500;
}

int
um_add(struct req *r, const struct scope *s, struct form_state *f, long *id)
{
	int rc;

	if (!s->experience)
		f->in.invite_portal = f->in.invite_app = 0;
	if (f->in.role == NULL)
		f->in.role = "user";
	if ((rc = user_validate(r, s->operator_id, s->occupier_id, &f->in, &f->err)) < 0)
		return 500;
	if (rc > 0)
		return 400;
	if (tx_begin(r) < 0)
		return 500;
	*id = user_insert(r, s->operator_id, s->occupier_id, &f->in, &f->err);
	if (*id <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return *id == 0 ? 400 : 500;
	}
	return 0;
}

int
um_delete(struct req *r, const struct scope *s, const struct urow *u)
{
	int rc;

	if (!user_may_delete(r, s, atol(u->id), u->is_admin))
		return 403;
	if (tx_begin(r) < 0)
		return 500;
	rc = user_delete(r, s->operator_id, s->occupier_id, s->user_id, s->platform);
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 404 : 500;
	}
	return 0;
}

int
um_resend(struct req *r, const struct scope *s, const struct urow *u)
{
	const char *to = form_get(r, "to");
	int portal = u->invited_portal, app = u->invited_app;

	if (!s->experience || u->account != ST_AWAITING_VALIDATION)
		return 400;
	/* issue 13: "Resend invite" per invitation, its email naming that one */
	if (!s->team && to != NULL && *to != '\0') {
		if (!(str_eq(to, "portal") && portal) && !(str_eq(to, "app") && app))
			return 400;
		portal = str_eq(to, "portal");
		app = !portal;
	}
	if (tx_begin(r) < 0)
		return 500;
	if (link_invite(r, s->user_id, s->operator_id, u->email, u->language, u->first_name,
	    s->team, portal, app) < 0 ||
	    audit_add(r, s->occupier_id, s->user_id, u->email, "user.invite_resend", "", "",
	    "") < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return 0;
}

int
um_account(struct req *r, const struct scope *s, const struct urow *u, const char *action)
{
	int off = str_eq(action, "deactivate");
	int n;

	if (!off && !str_eq(action, "reactivate"))
		return 400;
	if (!user_may_change_account(r, s->user_id))
		return 403;             /* never one's own account */
	if (tx_begin(r) < 0)
		return 500;
	n = db_user_account_set(r, s->operator_id, s->occupier_id, s->user_id, off);
	if (n < 0 || (n > 0 && off && account_revoke(r, s->user_id) < 0) ||
	    (n > 0 && audit_add(r, s->occupier_id, s->user_id, u->email, "user.update",
	    "account_state", u->account_state, state_name(off ? ST_DEACTIVATED : ST_ACTIVE)) < 0) ||
	    tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return 0;
}

int
um_wifi_reset(struct req *r, const struct scope *s)
{
	int rc;

	if (tx_begin(r) < 0)
		return 500;
	rc = wifi_reset_password(r, s->operator_id, s->occupier_id, s->user_id);
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 400 : 500;
	}
	return 0;
}
