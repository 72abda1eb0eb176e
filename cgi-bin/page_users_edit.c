/*
 * UM-5..9, WIFI-1/2, TEL-3..5: the edit form of User management (portal and platform) and
 * its save, in one transaction (the form itself: page_users_form.c).
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

int
h_user_edit_form(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	struct form_state f;

	memset(&f, 0, sizeof(f));
	f.in.first_name = u->first_name;
	f.in.last_name = u->last_name;
	f.in.email = u->email;
	f.in.job_title = u->job_title;
	f.in.mobile_phone = u->mobile;
	f.in.direct_line = u->direct;
	f.in.language = u->language;
	f.in.role = u->role;
	f.in.device_limit = u->wifi == ST_NO_ACCOUNT ? "3" : u->wifi_limit;
	f.in.homesite = u->wifi_site_id;
	f.version = u->version;
	f.wifi_action = "";
	if (tel_prepare(r, s, &f) < 0)
		return 500;
	return form_page(r, s, u, &f, 200);
}

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
	return audit_add(r, s->occupier_id, s->user_id, arena_printf(r->a, "%s %s <%s>",
	    u->first_name, u->last_name, u->email), "user.update", field_name, old_value,
	    new_value);
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

/* UM-9: the form again with the stored version, after someone else's save. */
static int
edit_conflict(struct req *r, const struct scope *s, const struct urow *u,
    struct form_state *f)
{
	tx_rollback(r);
	f->conflict = "err_conflict";
	f->version = u->version;
	return form_page(r, s, u, f, 409);
}

/*
 * UM-5..9: saves the edit form; the version number refuses a save over someone else's.
 * Everything in one transaction.
 */
int
h_user_edit(struct req *r)
{
	const struct scope *s = r->scope;
	const struct urow *u = r->target;
	struct form_state f;
	long ver = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	form_read(r, &f);
	edit_merge(s, u, &f);
	rc = user_validate(r, s->operator_id, s->occupier_id, &f.in, &f.err);
	if (rc < 0 || tel_prepare(r, s, &f) < 0)
		return 500;
	if (f.has_tel && tel_parse(r, &f.tel, f.tel_mask, &f.tel_new, &f.tel_err) < 0)
		return 500;
	if (f.version == NULL || str_to_long(f.version, 1, 2147483647L, &ver) < 0) {
		f.err.msg[UF_VERSION] = "err_stale";
		f.err.n++;
	}
	if (f.tel_err.msg[TF_VERSION] != NULL) {
		/* UM-9: the number's features were changed by someone else */
		f.conflict = "err_conflict";
		return form_page(r, s, u, &f, 409);
	}
	if (f.err.n || f.tel_err.n)
		return form_page(r, s, u, &f, 400);
	if (tx_begin(r) < 0)
		return 500;
	rc = db_user_update(r, s->operator_id, s->occupier_id, s->user_id, &f.in, ver);
	if (rc == 0)
		return edit_conflict(r, s, u, &f);
	if (rc < 0 || edit_audit(r, s, u, &f) < 0 || edit_email(r, s, u, &f) < 0 ||
	    edit_wifi(r, s, u, &f) < 0)
		goto fail;
	if ((f.in.invite_portal || f.in.invite_app) &&
	    user_invite(r, s->operator_id, s->occupier_id, s->user_id, f.in.invite_portal,
	    f.in.invite_app) < 0)
		goto fail;
	if (f.has_tel) {
		int n = tel_save(r, &f.tel, &f.tel_new);

		if (n == TEL_STALE)
			return edit_conflict(r, s, u, &f);
		if (n < 0)
			goto fail;
	}
	if (tx_commit(r) < 0)
		goto fail;
	return page_redirect(r, arena_printf(r->a, "%s/%ld?n=changes_saved", s->base, s->user_id));
fail:
	tx_rollback(r);
	if (tx_dup(r)) {
		f.err.msg[UF_EMAIL] = "err_email_taken";
		f.err.n++;
		return form_page(r, s, u, &f, 400);
	}
	return 500;
}
