/*
 * The occupier-user model (see userform.h): validation of user fields and the writes that
 * create, invite, delete users and manage their Wi-Fi accounts. Every statement is scoped by
 * the operator and the occupier it was given; callers pass the ids of the signed-in user's
 * tenancy, never ids taken from a form.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "conf.h"
#include "db_accounts.h"
#include "db_operator.h"
#include "db_users.h"
#include "i18n.h"
#include "link.h"
#include "mail.h"
#include "nthash.h"
#include "secret.h"
#include "states.h"
#include "userform.h"
#include "validate.h"

const char *const uf_names[UF__MAX] = {
	"first_name", "last_name", "email", "job_title", "mobile_phone", "direct_line",
	"language", "role", "device_limit", "homesite", "version",
};

#define IN(f) offsetof(struct user_input, f)
const struct user_field user_fields[UF__MAX] = {
	[UF_FIRST_NAME] = { IN(first_name), UFK_TEXT, 100, 1, "first_name",
	    "plat_imp_doc_first_name" },
	[UF_LAST_NAME] = { IN(last_name), UFK_TEXT, 100, 1, "last_name",
	    "plat_imp_doc_last_name" },
	[UF_EMAIL] = { IN(email), UFK_EMAIL, 254, 1, "email_address", "plat_imp_doc_email" },
	[UF_JOB_TITLE] = { IN(job_title), UFK_TEXT, 100, 0, "job_title",
	    "plat_imp_doc_job_title" },
	[UF_MOBILE] = { IN(mobile_phone), UFK_PHONE, 32, 0, "mobile_phone",
	    "plat_imp_doc_mobile_phone" },
	[UF_DIRECT] = { IN(direct_line), UFK_PHONE, 32, 0, "direct_line",
	    "plat_imp_doc_direct_line" },
	[UF_LANGUAGE] = { IN(language), UFK_LANGUAGE, 8, 1, "language",
	    "plat_imp_doc_language" },
	[UF_ROLE] = { IN(role), UFK_NONE, 16, 0, "role", "plat_imp_doc_role" },
	[UF_DEVICE_LIMIT] = { IN(device_limit), UFK_NONE, 4, 0, "device_limit",
	    "plat_imp_doc_device_limit" },
	[UF_HOMESITE] = { IN(homesite), UFK_NONE, 10, 0, "homesite", "plat_imp_doc_homesite" },
	[UF_VERSION] = { 0, UFK_NONE, 10, 0, NULL, NULL },
};
#undef IN

const char *
user_field_value(const struct user_input *in, enum uf_field f)
{
	if (f == UF_VERSION)
		return NULL;
	return *(const char *const *)((const char *)in + user_fields[f].off);
}

const char *
user_field_check(enum uf_field f, const char *v)
{
	const struct user_field *uf = &user_fields[f];

	if (v == NULL || *v == '\0')
		return uf->required ? "err_required" : NULL;
	if (utf8_chars(v) > uf->max)
		return uf->kind == UFK_TEXT ? "err_too_long" : uf->kind == UFK_EMAIL ?
		    "err_email" : uf->kind == UFK_PHONE ? "err_phone" : "err_language";
	switch (uf->kind) {
	case UFK_TEXT:
		return validate_text(v, uf->max);
	case UFK_EMAIL:
		return validate_email(v);
	case UFK_PHONE:
		return validate_phone(v);
	case UFK_LANGUAGE:
		return validate_language(v);
	default:
		return NULL;
	}
}

static void
set_err(struct user_errors *e, enum uf_field f, const char *key)
{
	if (key != NULL && e->msg[f] == NULL) {
		e->msg[f] = key;
		e->n++;
	}
}

/*
 * Checks the Wi-Fi fields: a whole number within the operator's bounds, and a homesite among
 * the sites the occupier has space at (any site of the operator for team members).
 */
static int
validate_wifi(struct req *r, long operator_id, long occupier_id, const char *limit,
    const char *homesite, struct user_errors *err)
{
	long v, lo, hi, site;
	int ok;

	if (db_wifi_bounds(r, operator_id, &lo, &hi) < 0)
		return -1;
	if (limit == NULL || *limit == '\0')
		set_err(err, UF_DEVICE_LIMIT, "err_required");
	else if (str_to_long(limit, lo, hi, &v) < 0)
		set_err(err, UF_DEVICE_LIMIT, "err_device_limit");
	if (homesite == NULL || *homesite == '\0')
		set_err(err, UF_HOMESITE, "err_homesite_required");
	else if (str_to_long(homesite, 1, 2000000000L, &site) < 0)
		set_err(err, UF_HOMESITE, "err_homesite");
	else if ((ok = db_site_usable(r, operator_id, occupier_id, site)) < 0)
		return -1;
	else if (ok == 0)
		set_err(err, UF_HOMESITE, "err_homesite");
	return 0;
}

int
user_validate(struct req *r, long operator_id, long occupier_id, const struct user_input *in,
    struct user_errors *err)
{
	long owner;
	int used;

	for (int f = 0; f < UF__MAX; f++)
		if (user_fields[f].kind != UFK_NONE)
			set_err(err, (enum uf_field)f, user_field_check((enum uf_field)f,
			    user_field_value(in, (enum uf_field)f)));
	if (in->role == NULL || (strcmp(in->role, "user") != 0 && strcmp(in->role, "admin") != 0 &&
	    (occupier_id != 0 || strcmp(in->role, "super_admin") != 0)))
		set_err(err, UF_ROLE, "err_role");
	if (in->wifi && validate_wifi(r, operator_id, occupier_id, in->device_limit,
	    in->homesite, err) < 0)
		return -1;
	if (err->msg[UF_EMAIL] == NULL && !in->email_looked_up) {
		if ((used = db_email_owner(r, operator_id, in->email, in->self_id, &owner)) < 0)
			return -1;
		/* issue 13: say whether the address is in this occupier (or team) */
		if (used)
			set_err(err, UF_EMAIL, owner == occupier_id ?
			    "err_email_taken_here" : "err_email_taken_elsewhere");
	}
	return err->n;
}

static int invite_who(struct req *, long, long, const struct who *, int, int);
static int wifi_create_who(struct req *, long, long, const struct who *, long, long, int);

long
user_insert(struct req *r, long operator_id, long occupier_id, const struct user_input *in,
    struct user_errors *err)
{
	long id;

	if ((id = db_user_add(r, operator_id, occupier_id, in)) <= 0) {
		if (id == 0)
			set_err(err, UF_EMAIL, "err_email_taken");
		return id;
	}
	if (audit_add(r, occupier_id, id, audit_user_label(r, in->first_name, in->last_name,
	    in->email), "user.create", "", "", "") < 0 ||
	    user_added(r, operator_id, occupier_id, in, id) < 0)
		return -1;
	return id;
}

int
user_added(struct req *r, long operator_id, long occupier_id, const struct user_input *in,
    long id)
{
	struct who w;

	if (!in->wifi && !in->invite_portal && !in->invite_app)
		return 0;
	/* The row just written is known: no need to read it back for the emails below. */
	memset(&w, 0, sizeof(w));
	w.id = id;
	w.email = in->email;
	w.lang = in->language;
	w.first_name = in->first_name;
	w.label = audit_user_label(r, in->first_name, in->last_name, in->email);
	w.role = in->role;
	w.state = state_name(ST_NOT_INVITED);
	if (in->wifi) {
		long lim = 0, site = 0;

		str_to_long(in->device_limit, 0, 1000, &lim);
		str_to_long(in->homesite, 0, 2000000000L, &site);
		if (wifi_create_who(r, operator_id, occupier_id, &w, site, lim, 1) < 0)
			return -1;
	}
	if ((in->invite_portal || in->invite_app) &&
	    invite_who(r, operator_id, occupier_id, &w, in->invite_portal, in->invite_app) < 0)
		return -1;
	return 0;
}

/* Loads (and locks) user_id within the tenancy; 1 found, 0 not, <0 failure. */
static int
who_get(struct req *r, long operator_id, long occupier_id, long user_id, struct who *w)
{
	return db_who_lock(r, operator_id, occupier_id, user_id, w);
}

int
user_delete(struct req *r, long operator_id, long occupier_id, long user_id, int allow_admin)
{
	struct who w;
	int rc;

	if ((rc = who_get(r, operator_id, occupier_id, user_id, &w)) <= 0)
		return rc;
	if (w.is_admin && !allow_admin)
		return 0;
	if (r->me != NULL && r->me->id == user_id)
		return 0;      /* nobody deletes themselves */
	if (db_user_remove(r, operator_id, occupier_id, user_id) != 1)
		return -1;
	if (audit_add(r, occupier_id, user_id, w.label, "user.delete", "", "", "") < 0)
		return -1;
	return 1;
}

int
user_invite(struct req *r, long operator_id, long occupier_id, long user_id, int portal,
    int app)
{
	struct who w;
	int rc;

	if ((rc = who_get(r, operator_id, occupier_id, user_id, &w)) <= 0)
		return rc;
	return invite_who(r, operator_id, occupier_id, &w, portal, app);
}

/* user_invite() for a user already loaded (and locked). */
static int
invite_who(struct req *r, long operator_id, long occupier_id, const struct who *wp, int portal,
    int app)
{
	const struct who w = *wp;
	long user_id = w.id;

	portal = portal && !w.invited_portal;
	app = app && !w.invited_app;
	if ((!portal && !app) || state_of(w.state) == ST_DEACTIVATED)
		return 0;
	if (db_user_invited(r, user_id, portal, app) < 0)
		return -1;
	if (state_of(w.state) == ST_NOT_INVITED) {
		/* first invitation: a link to choose a password, good for both apps; the
		 * email names what it grants (the platform for team members) */
		if (link_invite(r, user_id, operator_id, w.email, w.lang, w.first_name,
		    occupier_id == 0, portal, app) < 0)
			return -1;
	} else {
		/* AUTH-6: the second app only gets a notice, no new credentials */
		const char *const m[] = { "NAME", w.first_name, "BODY", i18n(i18n_pick(w.lang),
		    portal ? "mail_invite_notice_body_portal" : "mail_invite_notice_body_app"),
		    NULL };

		if (mail_queue_values_subject(r, operator_id, w.email, w.lang, "invite_notice",
		    portal ? "mail_invite_notice_subject_portal" :
		    "mail_invite_notice_subject_app", m) < 0)
			return -1;
	}
	if (audit_add(r, occupier_id, user_id, w.label, "user.invite", portal ? "portal" : "app",
	    "", "invited") < 0)
		return -1;
	if (portal && app && audit_add(r, occupier_id, user_id, w.label, "user.invite", "app",
	    "", "invited") < 0)
		return -1;
	return 1;
}

/* A new password for the account, encrypted for the database (with its NT hash beside it, for
 * FreeRADIUS: sql/010_radius.sql) and emailed in clear. */
static int
wifi_new_password(struct req *r, long operator_id, const struct who *w, long site,
    const char *site_name, long limit, int insert)
{
	char pw[13];
	unsigned char *enc, nt[NT_HASH_BYTES];
	size_t elen;
	char lim[24];

	secret_wifi_password(pw);
	if ((enc = secret_seal_for(r->a, SECRET_WIFI, w->id, pw, strlen(pw), &elen)) == NULL)
		return -1;
	if (nt_hash(pw, strlen(pw), nt) < 0)
		return -1;
	if (db_wifi_store(r, w->id, insert, site, limit, enc, elen, nt, sizeof(nt)) < 0)
		return -1;
	snprintf(lim, sizeof(lim), "%ld", limit);
	if (mail_queue_values(r, operator_id, w->email, w->lang, "wifi_password",
	    (const char *const[]){ "NAME", w->first_name, "PASSWORD", pw, "HOMESITE", site_name,
	    "DEVICE_LIMIT", lim, NULL }) < 0)
		return -1;
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(nt, sizeof(nt));
	return 0;
}

int
wifi_create(struct req *r, long operator_id, long occupier_id, long user_id, long site,
    long limit)
{
	struct who w;
	int rc;

	if ((rc = who_get(r, operator_id, occupier_id, user_id, &w)) <= 0)
		return rc;
	return wifi_create_who(r, operator_id, occupier_id, &w, site, limit, 0);
}

/* wifi_create() for a user already loaded; fresh: a new user, who has no account yet. */
static int
wifi_create_who(struct req *r, long operator_id, long occupier_id, const struct who *w,
    long site, long limit, int fresh)
{
	struct wifi_acct acct;
	const char *site_name;
	int rc;

	if (!fresh && (rc = db_wifi_acct(r, w->id, &acct)) != 0)
		return rc < 0 ? -1 : 0;
	if (db_site_name(r, operator_id, site, &site_name) <= 0)
		return -1;
	if (wifi_new_password(r, operator_id, w, site, site_name, limit, 1) < 0)
		return -1;
	return audit_add(r, occupier_id, w->id, w->label, "wifi.create", "", "",
	    "ACTIVE") < 0 ? -1 : 1;
}

int
wifi_deactivate(struct req *r, long operator_id, long occupier_id, long user_id)
{
	struct who w;
	int rc;

	if ((rc = who_get(r, operator_id, occupier_id, user_id, &w)) <= 0)
		return rc;
	if ((rc = db_wifi_off(r, user_id)) <= 0)
		return rc;
	return audit_add(r, occupier_id, user_id, w.label, "wifi.update", "state", "ACTIVE",
	    "DEACTIVATED") < 0 ? -1 : 1;
}

/* Shared by reactivate, reset and homesite change: each issues and emails a new password. */
static int
wifi_renew(struct req *r, long operator_id, long occupier_id, long user_id, long new_site,
    const char *want_state, const char *action)
{
	struct who w;
	struct wifi_acct acct;
	const char *site_name;
	long site;
	int rc;

	if ((rc = who_get(r, operator_id, occupier_id, user_id, &w)) <= 0)
		return rc;
	if ((rc = db_wifi_acct(r, user_id, &acct)) <= 0)
		return rc;
	if (want_state && strcmp(acct.state, want_state) != 0)
		return 0;
	site = new_site ? new_site : acct.site;
	if (new_site && new_site == acct.site)
		return 0;
	if (db_site_name(r, operator_id, site, &site_name) <= 0)
		return -1;
	if (wifi_new_password(r, operator_id, &w, site, site_name, acct.limit, 0) < 0)
		return -1;
	if (new_site)
		rc = audit_add(r, occupier_id, user_id, w.label, action, "homesite",
		    acct.site_name, site_name);
	else if (strcmp(acct.state, "ACTIVE") != 0)
		rc = audit_add(r, occupier_id, user_id, w.label, action, "state", acct.state,
		    "ACTIVE");
	else
		rc = audit_add(r, occupier_id, user_id, w.label, action, "", "", "");
	return rc < 0 ? -1 : 1;
}

int
wifi_reactivate(struct req *r, long operator_id, long occupier_id, long user_id)
{
	return wifi_renew(r, operator_id, occupier_id, user_id, 0, "DEACTIVATED",
	    "wifi.update");
}

int
wifi_reset_password(struct req *r, long operator_id, long occupier_id, long user_id)
{
	return wifi_renew(r, operator_id, occupier_id, user_id, 0, "ACTIVE",
	    "wifi.password_reset");
}

int
wifi_set_homesite(struct req *r, long operator_id, long occupier_id, long user_id, long site)
{
	int rc;

	if ((rc = db_site_usable(r, operator_id, occupier_id, site)) <= 0)
		return rc;
	return wifi_renew(r, operator_id, occupier_id, user_id, site, NULL, "wifi.update");
}
