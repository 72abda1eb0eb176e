/*
 * The operator's Account (PLAT-6, PLAT-7), for super admins: tabs for Team members (list,
 * add, delete), Services per site, account Wi-Fi devices (page_devices.c), account
 * telephony (page_telephony.c) and Settings (name, brand colour, whether the occupier
 * experience is offered, which extra telephony features the portal may edit, contact
 * emails). Every statement is scoped by the signed-in operator; every write is audited in
 * its transaction.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db.h"
#include "i18n.h"
#include "pages.h"
#include "tmpl.h"
#include "userform.h"
#include "validate.h"

/* The tabs of the Account page, in their order. */
static const struct {
	const char *id, *href, *key;
} tabs[] = {
	{ "team", "/platform/account", "plat_acc_tab_team" },
	{ "services", "/platform/account/services", "plat_acc_tab_services" },
	{ "devices", "/platform/account/devices", "plat_acc_tab_devices" },
	{ "telephony", "/platform/account/telephony", "plat_acc_tab_telephony" },
	{ "settings", "/platform/account/settings", "plat_acc_tab_settings" },
};

/* Includes the Account heading and its tabs (platform_account_tabs.tpl) at {{>TABS}}. */
void
account_tabs(struct req *r, struct tmpl_dict *d, const char *current)
{
	struct tmpl_dict *t = tmpl_include(d, "TABS", r->lang, "platform_account_tabs.tpl");

	tmpl_set(t, "OPERATOR_NAME", r->me->operator_name);
	for (size_t i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++) {
		struct tmpl_dict *it = tmpl_section(t, "TAB");

		tmpl_set(it, "HREF", tabs[i].href);
		tmpl_set(it, "LABEL", T(r, tabs[i].key));
		tmpl_show(it, strcmp(tabs[i].id, current) == 0 ? "CURRENT" : "OTHER");
	}
}

/* ------------------------------------------------------------------------------------ */
/* Team members                                                                          */

static const char *
role_key(const char *role)
{
	if (str_eq(role, "super_admin"))
		return "plat_acc_role_super_admin";
	if (str_eq(role, "admin"))
		return "plat_acc_role_admin";
	return "plat_acc_role_user";
}

/* PLAT-6: GET /platform/account, the team members. */
int
h_account(struct req *r)
{
	struct tmpl_dict *d;
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_TEAM, "i", (long long)r->me->operator_id) < 0)
		return 500;
	if ((d = page_start(r, "platform_account_team.tpl", "account")) == NULL)
		return 500;
	account_tabs(r, d, "team");
	tmpl_set_int(d, "TOTAL", (long)res.nrows);
	for (size_t i = 0; i < res.nrows; i++) {
		struct tmpl_dict *row = tmpl_section(d, "MEMBER");
		const char *role = db_str(&res, i, 3);

		tmpl_set(row, "ID", db_str(&res, i, 0));
		tmpl_set(row, "NAME", db_str(&res, i, 1));
		tmpl_set(row, "EMAIL", db_str(&res, i, 2));
		tmpl_set(row, "ROLE", T(r, role_key(role)));
		tmpl_set(row, "SITES", db_str(&res, i, 6));
		page_badge(r, row, "WIFI", db_str(&res, i, 5));
		if (str_eq(role, "user"))
			tmpl_show(row, "NO_ACCESS");
		else
			page_badge(r, tmpl_section(row, "ACCESS"), "ACCOUNT", db_str(&res, i, 4));
		if (db_isnull(&res, i, 7))
			tmpl_show(row, "NO_NUMBER");
		else {
			struct tmpl_dict *n = tmpl_section(row, "NUMBER");

			tmpl_set(n, "PHONE", db_str(&res, i, 7));
			tmpl_set(n, "NUMBER_ID", db_str(&res, i, 8));
		}
		if (db_int(&res, i, 0) != r->me->id)
			tmpl_show(row, "CAN_DELETE");
	}
	return page_finish(r);
}

/* What the add form holds, as typed. */
struct member_form {
	struct user_input in;
	long *sites;
	size_t nsites;
	int invite;
	struct user_errors err;
	const char *sites_error, *invite_error;
};

/*
 * Sets NAME_VALUE (name in capitals) and, with its message, the NAME_ERROR section of a
 * field and an ERROR item of the summary that links to the field's id (its name).
 */
static void
form_field(struct req *r, struct tmpl_dict *d, struct tmpl_dict *summary, const char *name,
    const char *value, const char *err_key)
{
	char upper[48], key[64], *o = upper;

	for (const char *p = name; *p != '\0' && o < upper + sizeof(upper) - 1; p++)
		*o++ = (char)toupper((unsigned char)*p);
	*o = '\0';
	snprintf(key, sizeof(key), "%s_VALUE", upper);
	tmpl_set(d, key, value ? value : "");
	if (err_key == NULL)
		return;
	snprintf(key, sizeof(key), "%s_ERROR", upper);
	tmpl_set(tmpl_section(d, key), "MESSAGE", T(r, err_key));
	if (summary != NULL) {
		struct tmpl_dict *it = tmpl_section(summary, "ERROR");

		tmpl_set(it, "FIELD", name);
		tmpl_set(it, "MESSAGE", T(r, err_key));
	}
}

/* The add-a-team-member page, empty (f NULL) or as submitted with its messages. */
static int
member_form_page(struct req *r, const struct member_form *f, int status)
{
	static const char *const roles[] = { "user", "admin", "super_admin" };
	struct tmpl_dict *d, *sum = NULL, *w;
	struct dbres sites, bounds;
	const char *lang = f ? f->in.language : "en", *role = f ? f->in.role : "admin";

	if (db_query(r->db, r->a, &sites, STMT_SITES, "i", (long long)r->me->operator_id) < 0 ||
	    db_query(r->db, r->a, &bounds, STMT_BOUNDS, "i", (long long)r->me->operator_id) < 0)
		return 500;
	if ((d = page_start(r, "platform_member_form.tpl", "plat_acc_add_member")) == NULL)
		return 500;
	if (f != NULL && (f->err.n || f->sites_error || f->invite_error))
		sum = tmpl_section(d, "ERRORS");
	form_field(r, d, sum, "first_name", f ? f->in.first_name : "",
	    f ? f->err.msg[UF_FIRST_NAME] : NULL);
	form_field(r, d, sum, "last_name", f ? f->in.last_name : "",
	    f ? f->err.msg[UF_LAST_NAME] : NULL);
	form_field(r, d, sum, "email", f ? f->in.email : "", f ? f->err.msg[UF_EMAIL] : NULL);
	form_field(r, d, sum, "job_title", f ? f->in.job_title : "",
	    f ? f->err.msg[UF_JOB_TITLE] : NULL);
	form_field(r, d, sum, "mobile_phone", f ? f->in.mobile_phone : "",
	    f ? f->err.msg[UF_MOBILE] : NULL);
	form_field(r, d, sum, "language", NULL, f ? f->err.msg[UF_LANGUAGE] : NULL);
	form_field(r, d, sum, "role", NULL, f ? f->err.msg[UF_ROLE] : NULL);
	form_field(r, d, sum, "sites", NULL, f ? f->sites_error : NULL);
	form_field(r, d, sum, "device_limit", f ? f->in.device_limit : "",
	    f ? f->err.msg[UF_DEVICE_LIMIT] : NULL);
	form_field(r, d, sum, "homesite", NULL, f ? f->err.msg[UF_HOMESITE] : NULL);
	form_field(r, d, sum, "invite", NULL, f ? f->invite_error : NULL);
	for (size_t i = 0; i < i18n_nlangs(); i++) {
		struct tmpl_dict *o = tmpl_section(d, "LANG");

		tmpl_set(o, "CODE", i18n_lang(i));
		tmpl_set(o, "LABEL", T(r, arena_printf(r->a, "language_%s", i18n_lang(i))));
		if (str_eq(lang, i18n_lang(i)))
			tmpl_show(o, "SELECTED");
	}
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		struct tmpl_dict *o = tmpl_section(d, "ROLE");

		tmpl_set(o, "CODE", roles[i]);
		tmpl_set(o, "LABEL", T(r, role_key(roles[i])));
		if (str_eq(role, roles[i]))
			tmpl_show(o, "SELECTED");
	}
	w = tmpl_section(d, "WIFI_FIELDS");
	tmpl_set(w, "MIN", bounds.nrows ? db_str(&bounds, 0, 0) : "1");
	tmpl_set(w, "MAX", bounds.nrows ? db_str(&bounds, 0, 1) : "10");
	for (size_t i = 0; i < sites.nrows; i++) {
		struct tmpl_dict *s = tmpl_section(d, "SITE"), *h = tmpl_section(w, "HOMESITE");
		long id = (long)db_int(&sites, i, 0);

		tmpl_set(s, "SITE_ID", db_str(&sites, i, 0));
		tmpl_set(s, "SITE_NAME", db_str(&sites, i, 1));
		tmpl_set(h, "SITE_ID", db_str(&sites, i, 0));
		tmpl_set(h, "SITE_NAME", db_str(&sites, i, 1));
		for (size_t k = 0; f != NULL && k < f->nsites; k++)
			if (f->sites[k] == id)
				tmpl_show(s, "CHECKED");
		if (f != NULL && str_eq(f->in.homesite, db_str(&sites, i, 0)))
			tmpl_show(h, "SELECTED");
	}
	if (f != NULL && f->in.wifi)
		tmpl_show(d, "WIFI_CHECKED");
	if (f == NULL || f->invite)
		tmpl_show(d, "INVITE_CHECKED");
	r->status = status;
	return page_finish(r);
}

/* PLAT-6: GET /platform/account/members/new. */
int
h_account_member_form(struct req *r)
{
	return member_form_page(r, NULL, 200);
}

/* A form value, trimmed, in the arena; "" when absent. */
static char *
field(struct req *r, const char *name)
{
	const char *v = form_get(r, name);
	char *s = arena_strdup(r->a, v ? v : "");

	return s ? str_trim(s) : (char *)"";
}

/*
 * PLAT-6: POST /platform/account/members/new. The shared user model checks and inserts
 * the person (occupier 0: a team member, roles super_admin, admin or user; Wi-Fi homesite
 * any site of the operator) and sends the platform invite; the sites they work at go to
 * user_sites. Team members of role user have no platform access, so no invite for them.
 */
int
h_account_member_new(struct req *r)
{
	struct member_form f;
	size_t nsite = kv_count(&r->form, "site");
	struct sbuf names;
	long id, op = r->me->operator_id;
	char *email;
	int rc = 500;

	memset(&f, 0, sizeof(f));
	f.in.first_name = field(r, "first_name");
	f.in.last_name = field(r, "last_name");
	email = field(r, "email");
	str_lower(email);
	f.in.email = email;
	f.in.job_title = field(r, "job_title");
	f.in.mobile_phone = field(r, "mobile_phone");
	f.in.direct_line = "";
	f.in.language = field(r, "language");
	f.in.role = field(r, "role");
	f.in.wifi = str_eq(form_get(r, "wifi"), "1");
	f.in.device_limit = field(r, "device_limit");
	f.in.homesite = field(r, "homesite");
	f.invite = str_eq(form_get(r, "invite"), "1");
	f.in.invite_portal = f.invite;
	if (nsite > 0 && (f.sites = arena_alloc(r->a, nsite * sizeof(long))) == NULL)
		return 500;
	for (size_t i = 0; i < nsite; i++) {
		struct dbres res;
		long s;

		if (str_to_long(kv_nth(&r->form, "site", i), 1, 2000000000L, &s) < 0) {
			f.sites_error = "plat_acc_err_site";
			continue;
		}
		if (db_query(r->db, r->a, &res, STMT_SITE_OK, "ii", (long long)s,
		    (long long)op) < 0)
			return 500;
		if (res.nrows == 0)
			f.sites_error = "plat_acc_err_site";
		else
			f.sites[f.nsites++] = s;
	}
	if (f.invite && str_eq(f.in.role, "user"))
		f.invite_error = "plat_acc_err_invite_user";
	if (user_validate(r, op, 0, &f.in, &f.err) < 0)
		return 500;
	if (f.err.n || f.sites_error || f.invite_error)
		return member_form_page(r, &f, 400);

	sbuf_init(&names);
	if (db_begin(r->db) < 0)
		goto out;
	if ((id = user_insert(r, op, 0, &f.in, &f.err)) <= 0) {
		db_rollback(r->db);
		if (id == 0)
			rc = member_form_page(r, &f, 400);
		goto out;
	}
	for (size_t i = 0; i < f.nsites; i++) {
		struct dbres res;

		if (db_exec(r->db, STMT_SITE_ADD, "ii", (long long)id, (long long)f.sites[i]) < 0 ||
		    db_query(r->db, r->a, &res, STMT_SITE_OK, "ii", (long long)f.sites[i],
		    (long long)op) < 0)
			goto fail;
		sbuf_printf(&names, "%s%s", i ? ", " : "", db_str(&res, 0, 0));
	}
	if ((f.nsites && audit_add(r, 0, id, arena_printf(r->a, "%s %s <%s>", f.in.first_name,
	    f.in.last_name, f.in.email), "team.update", "sites", "", names.data) < 0) ||
	    db_commit(r->db) < 0)
		goto fail;
	rc = page_redirect(r, "/platform/account?n=user_added");
	goto out;
fail:
	db_rollback(r->db);
out:
	sbuf_free(&names);
	return rc;
}

/* PLAT-6 without JavaScript: the confirmation page before deleting a team member. */
int
h_account_member_delete_form(struct req *r)
{
	struct tmpl_dict *d;
	struct dbres res;

	if (db_query(r->db, r->a, &res, STMT_MEMBER, "ii", (long long)r->id,
	    (long long)r->me->operator_id) < 0)
		return 500;
	if (res.nrows == 0)
		return 404;
	if (r->id == r->me->id)
		return 403;
	if ((d = page_start(r, "platform_member_delete.tpl", "plat_acc_delete_member")) == NULL)
		return 500;
	tmpl_set_int(d, "ID", r->id);
	tmpl_set(d, "NAME", db_str(&res, 0, 0));
	tmpl_set(d, "EMAIL", db_str(&res, 0, 1));
	return page_finish(r);
}

/*
 * PLAT-6: POST /platform/account/members/ID/delete with confirmed=1 (the dialog's, or the
 * confirmation page's; without it, that page). The shared user_delete() removes the person
 * with their sessions, Wi-Fi account and sites and frees their number; nobody deletes
 * themselves (so a super admin always remains).
 */
int
h_account_member_delete(struct req *r)
{
	int rc;

	if (!str_eq(form_get(r, "confirmed"), "1"))
		return h_account_member_delete_form(r);
	if (r->id == r->me->id)
		return 403;
	if (db_begin(r->db) < 0)
		return 500;
	rc = user_delete(r, r->me->operator_id, 0, r->id, 1);
	if (rc <= 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return rc == 0 ? 404 : 500;
	}
	return page_redirect(r, "/platform/account?n=user_deleted");
}

/* ------------------------------------------------------------------------------------ */
/* Services per site                                                                     */

/* The services an operator can activate at a site; stored by these codes. */
static const char *const services[] = {
	"wifi", "telephony", "printing", "meeting_rooms", "access_control",
};
#define NSERVICES (sizeof(services) / sizeof(services[0]))

/* The services page, with the stored choices. */
static int
services_page(struct req *r, const char *error_key, int status)
{
	struct tmpl_dict *d;
	struct dbres sites, on;

	if (db_query(r->db, r->a, &sites, STMT_SITES, "i", (long long)r->me->operator_id) < 0 ||
	    db_query(r->db, r->a, &on, STMT_SERVICES, "i", (long long)r->me->operator_id) < 0)
		return 500;
	if ((d = page_start(r, "platform_account_services.tpl", "plat_acc_tab_services")) == NULL)
		return 500;
	account_tabs(r, d, "services");
	if (error_key != NULL)
		tmpl_set(tmpl_section(d, "ERROR"), "MESSAGE", T(r, error_key));
	for (size_t i = 0; i < sites.nrows; i++) {
		struct tmpl_dict *s = tmpl_section(d, "SITE");

		tmpl_set(s, "SITE_ID", db_str(&sites, i, 0));
		tmpl_set(s, "SITE_NAME", db_str(&sites, i, 1));
		for (size_t k = 0; k < NSERVICES; k++) {
			struct tmpl_dict *c = tmpl_section(s, "SERVICE");

			tmpl_set(c, "CODE", services[k]);
			tmpl_set(c, "LABEL", T(r, arena_printf(r->a, "plat_svc_%s", services[k])));
			for (size_t j = 0; j < on.nrows; j++)
				if (str_eq(db_str(&on, j, 0), db_str(&sites, i, 0)) &&
				    str_eq(db_str(&on, j, 1), services[k]))
					tmpl_show(c, "CHECKED");
		}
	}
	r->status = status;
	return page_finish(r);
}

/* PLAT-6: GET /platform/account/services. */
int
h_account_services(struct req *r)
{
	return services_page(r, NULL, 200);
}

/* 1 when "site:service" of value v was ticked in the form. */
static int
ticked(struct req *r, const char *v)
{
	for (size_t i = 0; i < kv_count(&r->form, "service"); i++)
		if (str_eq(kv_nth(&r->form, "service", i), v))
			return 1;
	return 0;
}

/*
 * PLAT-6: POST /platform/account/services with a "service" = "SITE:CODE" per ticked box.
 * Only what changed is written and audited, in one transaction; values naming another
 * operator's site or an unknown service are refused.
 */
int
h_account_services_save(struct req *r)
{
	struct dbres sites, on;
	long long op = r->me->operator_id;

	if (db_query(r->db, r->a, &sites, STMT_SITES, "i", op) < 0 ||
	    db_query(r->db, r->a, &on, STMT_SERVICES, "i", op) < 0)
		return 500;
	/* every ticked value must be one the page offered */
	for (size_t i = 0; i < kv_count(&r->form, "service"); i++) {
		const char *v = kv_nth(&r->form, "service", i);
		int known = 0;

		for (size_t s = 0; s < sites.nrows && !known; s++)
			for (size_t k = 0; k < NSERVICES && !known; k++)
				known = str_eq(v, arena_printf(r->a, "%s:%s", db_str(&sites, s, 0),
				    services[k]));
		if (!known)
			return services_page(r, "plat_acc_err_service", 400);
	}
	if (db_begin(r->db) < 0)
		return 500;
	for (size_t s = 0; s < sites.nrows; s++) {
		for (size_t k = 0; k < NSERVICES; k++) {
			const char *site = db_str(&sites, s, 0);
			int was = 0, now = ticked(r, arena_printf(r->a, "%s:%s", site, services[k]));

			for (size_t j = 0; j < on.nrows; j++)
				was |= str_eq(db_str(&on, j, 0), site) &&
				    str_eq(db_str(&on, j, 1), services[k]);
			if (was == now)
				continue;
			if (db_exec(r->db, now ? STMT_SERVICE_ADD : STMT_SERVICE_DEL, "iis", op,
			    db_int(&sites, s, 0), services[k]) < 0 ||
			    audit_add(r, 0, 0, db_str(&sites, s, 1), "site.service", services[k],
			    was ? "on" : "off", now ? "on" : "off") < 0) {
				db_rollback(r->db);
				return 500;
			}
		}
	}
	if (db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return page_redirect(r, "/platform/account/services?n=changes_saved");
}

/* ------------------------------------------------------------------------------------ */
/* Settings: white label (PLAT-7), portal telephony rights (TEL-4), contacts (PLAT-6)     */

/* The settings, as stored or as typed. */
struct settings {
	const char *name, *colour;
	int experience, may_cli, may_moh, may_acr;
	const char *contact, *emergency;
	const char *name_err, *colour_err, *contact_err, *emergency_err;
};

static int
settings_load(struct req *r, struct settings *s)
{
	struct dbres res;

	memset(s, 0, sizeof(*s));
	if (db_query(r->db, r->a, &res, STMT_SETTINGS, "i", (long long)r->me->operator_id) < 0 ||
	    res.nrows == 0)
		return -1;
	s->name = db_str(&res, 0, 0);
	s->colour = db_str(&res, 0, 1);
	s->experience = (int)db_int(&res, 0, 2);
	s->may_cli = (int)db_int(&res, 0, 3);
	s->may_moh = (int)db_int(&res, 0, 4);
	s->may_acr = (int)db_int(&res, 0, 5);
	s->contact = db_str(&res, 0, 6);
	s->emergency = db_str(&res, 0, 7);
	return 0;
}

static int
settings_page(struct req *r, const struct settings *s, int status)
{
	struct tmpl_dict *d, *sum = NULL;

	if ((d = page_start(r, "platform_account_settings.tpl", "plat_acc_tab_settings")) == NULL)
		return 500;
	account_tabs(r, d, "settings");
	if (s->name_err || s->colour_err || s->contact_err || s->emergency_err)
		sum = tmpl_section(d, "ERRORS");
	form_field(r, d, sum, "operator_name", s->name, s->name_err);
	form_field(r, d, sum, "brand_colour", s->colour, s->colour_err);
	form_field(r, d, sum, "contact_email", s->contact, s->contact_err);
	form_field(r, d, sum, "emergency_email", s->emergency, s->emergency_err);
	if (s->experience)
		tmpl_show(d, "EXPERIENCE_CHECKED");
	if (s->may_cli)
		tmpl_show(d, "MAY_CLI_CHECKED");
	if (s->may_moh)
		tmpl_show(d, "MAY_MOH_CHECKED");
	if (s->may_acr)
		tmpl_show(d, "MAY_ACR_CHECKED");
	r->status = status;
	return page_finish(r);
}

/* PLAT-6, PLAT-7: GET /platform/account/settings. */
int
h_account_settings(struct req *r)
{
	struct settings s;

	if (settings_load(r, &s) < 0)
		return 500;
	return settings_page(r, &s, 200);
}

/* "#rrggbb", nothing else: the colour goes into a stylesheet. */
static const char *
validate_colour(const char *c)
{
	if (c == NULL || *c == '\0')
		return "err_required";
	if (strlen(c) != 7 || c[0] != '#')
		return "plat_acc_err_colour";
	for (int i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", c[i]))
			return "plat_acc_err_colour";
	return NULL;
}

/* Audits one setting when it changed. */
static int
audit_setting(struct req *r, const char *field_name, const char *old, const char *new_value)
{
	if (str_eq(old, new_value))
		return 0;
	return audit_add(r, 0, 0, r->me->operator_name, "operator.update", field_name, old,
	    new_value);
}

/* PLAT-6, PLAT-7: POST /platform/account/settings, checked, saved and audited at once. */
int
h_account_settings_save(struct req *r)
{
	struct settings old, s;
	char *colour;

	if (settings_load(r, &old) < 0)
		return 500;
	memset(&s, 0, sizeof(s));
	s.name = field(r, "operator_name");
	colour = field(r, "brand_colour");
	str_lower(colour);
	s.colour = colour;
	s.experience = str_eq(form_get(r, "experience"), "1");
	s.may_cli = str_eq(form_get(r, "portal_may_cli"), "1");
	s.may_moh = str_eq(form_get(r, "portal_may_moh"), "1");
	s.may_acr = str_eq(form_get(r, "portal_may_acr"), "1");
	s.contact = field(r, "contact_email");
	s.emergency = field(r, "emergency_email");
	str_lower((char *)s.contact);
	str_lower((char *)s.emergency);
	s.name_err = validate_name(s.name);
	s.colour_err = validate_colour(s.colour);
	s.contact_err = validate_email_optional(s.contact);
	s.emergency_err = validate_email_optional(s.emergency);
	if (s.name_err || s.colour_err || s.contact_err || s.emergency_err)
		return settings_page(r, &s, 400);
	if (db_begin(r->db) < 0)
		return 500;
	if (db_exec(r->db, STMT_SETTINGS_SAVE, "ssiiiissi", s.name, s.colour,
	    (long long)s.experience, (long long)s.may_cli, (long long)s.may_moh,
	    (long long)s.may_acr, *s.contact ? s.contact : NULL,
	    *s.emergency ? s.emergency : NULL, (long long)r->me->operator_id) < 0 ||
	    audit_setting(r, "name", old.name, s.name) < 0 ||
	    audit_setting(r, "brand_colour", old.colour, s.colour) < 0 ||
	    audit_setting(r, "offers_occupier_experience", old.experience ? "1" : "0",
	    s.experience ? "1" : "0") < 0 ||
	    audit_setting(r, "portal_may_cli", old.may_cli ? "1" : "0", s.may_cli ? "1" : "0") < 0 ||
	    audit_setting(r, "portal_may_moh", old.may_moh ? "1" : "0", s.may_moh ? "1" : "0") < 0 ||
	    audit_setting(r, "portal_may_acr", old.may_acr ? "1" : "0", s.may_acr ? "1" : "0") < 0 ||
	    audit_setting(r, "contact_email", old.contact, s.contact) < 0 ||
	    audit_setting(r, "emergency_email", old.emergency, s.emergency) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return page_redirect(r, "/platform/account/settings?n=changes_saved");
}
