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
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "db_operator.h"
#include "db_users.h"
#include "i18n.h"
#include "pages.h"
#include "tmpl.h"
#include "userform.h"
#include "users.h"
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

/* PLAT-6: GET /platform/account, the team members. */
int
h_account(struct req *r)
{
	struct tmpl_dict *d;
	struct team_row *t;
	int n;

	if ((n = db_team(r, r->me->operator_id, &t)) < 0)
		return 500;
	if ((d = page_start(r, "platform_account_team.tpl", "account")) == NULL)
		return 500;
	account_tabs(r, d, "team");
	tmpl_set_int(d, "TOTAL", (long)n);
	for (int i = 0; i < n; i++) {
		struct tmpl_dict *row = tmpl_section(d, "MEMBER");

		tmpl_set_int(row, "ID", t[i].id);
		tmpl_set(row, "NAME", t[i].name);
		tmpl_set(row, "EMAIL", t[i].email);
		tmpl_set(row, "ROLE", T(r, team_role_key(t[i].role)));
		tmpl_set(row, "SITES", t[i].sites);
		page_badge(r, row, "WIFI", t[i].wifi_state);
		if (str_eq(t[i].role, "user"))
			tmpl_show(row, "NO_ACCESS");
		else
			page_badge(r, tmpl_section(row, "ACCESS"), "ACCOUNT", t[i].account_state);
		if (t[i].number == NULL)
			tmpl_show(row, "NO_NUMBER");
		else {
			struct tmpl_dict *nd = tmpl_section(row, "NUMBER");

			tmpl_set(nd, "PHONE", t[i].number);
			tmpl_set(nd, "NUMBER_ID", t[i].number_id);
		}
		if (t[i].id != r->me->id)
			tmpl_show(row, "CAN_DELETE");
		/* issue 16: a lost device, reset by the super admin for those below */
		if (t[i].twofa_on && t[i].id != r->me->id && !str_eq(t[i].role, "super_admin"))
			tmpl_show(row, "CAN_TWOFA_RESET");
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

/* The language and role choices of the add-a-team-member form, lang and role chosen. */
static void
member_choices(struct req *r, struct tmpl_dict *d, const char *lang, const char *role)
{
	static const char *const roles[] = { "user", "admin", "super_admin" };

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
		tmpl_set(o, "LABEL", T(r, team_role_key(roles[i])));
		if (str_eq(role, roles[i]))
			tmpl_show(o, "SELECTED");
	}
}

/* The operator's sites twice: the sites a member works at (d) and the Wi-Fi homesite
 * choices (w), with f's choices checked. */
static void
member_sites(struct tmpl_dict *d, struct tmpl_dict *w, const struct member_form *f,
    const struct site *sites, size_t nsites)
{
	for (size_t i = 0; i < nsites; i++) {
		struct tmpl_dict *s = tmpl_section(d, "SITE"), *h = tmpl_section(w, "HOMESITE");
		long id = atol(sites[i].id);

		tmpl_set(s, "SITE_ID", sites[i].id);
		tmpl_set(s, "SITE_NAME", sites[i].name);
		tmpl_set(h, "SITE_ID", sites[i].id);
		tmpl_set(h, "SITE_NAME", sites[i].name);
		for (size_t k = 0; f != NULL && k < f->nsites; k++)
			if (f->sites[k] == id)
				tmpl_show(s, "CHECKED");
		if (f != NULL && str_eq(f->in.homesite, sites[i].id))
			tmpl_show(h, "SELECTED");
	}
}

/* The add-a-team-member page, empty (f NULL) or as submitted with its messages. */
static int
member_form_page(struct req *r, const struct member_form *f, int status)
{
	struct tmpl_dict *d, *sum = NULL, *w;
	struct site *sites;
	size_t nsites;
	long min, max;

	if (db_sites(r, r->me->operator_id, &sites, &nsites) < 0 ||
	    db_wifi_bounds(r, r->me->operator_id, &min, &max) < 0)
		return 500;
	if ((d = page_start(r, "platform_member_form.tpl", "plat_acc_add_member")) == NULL)
		return 500;
	if (f != NULL && (f->err.n || f->sites_error || f->invite_error))
		sum = tmpl_section(d, "ERRORS");
	/* the user fields (userform.h) in the form's order, the team's own between them */
	for (int i = UF_FIRST_NAME; i <= UF_HOMESITE; i++) {
		const char *v = f ? user_field_value(&f->in, (enum uf_field)i) : "";

		if (i == UF_DIRECT)
			continue;
		if (i == UF_DEVICE_LIMIT)
			form_field(r, d, sum, "sites", NULL, f ? f->sites_error : NULL);
		if (i == UF_LANGUAGE || i == UF_ROLE || i == UF_HOMESITE)
			v = NULL;               /* choices, not typed */
		form_field(r, d, sum, uf_names[i], v, f ? f->err.msg[i] : NULL);
	}
	form_field(r, d, sum, "invite", NULL, f ? f->invite_error : NULL);
	member_choices(r, d, f ? f->in.language : "en", f ? f->in.role : "admin");
	w = tmpl_section(d, "WIFI_FIELDS");
	tmpl_set_int(w, "MIN", min);
	tmpl_set_int(w, "MAX", max);
	member_sites(d, w, f, sites, nsites);
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

/* The submitted form into f (fields, sites checked to be the operator's); <0 failure. */
static int
member_read(struct req *r, struct member_form *f)
{
	size_t nsite = kv_count(&r->form, "site");
	char *email;

	memset(f, 0, sizeof(*f));
	f->in.first_name = form_text(r, "first_name");
	f->in.last_name = form_text(r, "last_name");
	email = form_text(r, "email");
	str_lower(email);
	f->in.email = email;
	f->in.job_title = form_text(r, "job_title");
	f->in.mobile_phone = form_text(r, "mobile_phone");
	f->in.direct_line = "";
	f->in.language = form_text(r, "language");
	f->in.role = form_text(r, "role");
	f->in.wifi = str_eq(form_get(r, "wifi"), "1");
	f->in.device_limit = form_text(r, "device_limit");
	f->in.homesite = form_text(r, "homesite");
	f->invite = str_eq(form_get(r, "invite"), "1");
	f->in.invite_portal = f->invite;
	if (nsite > 0 && (f->sites = arena_alloc(r->a, nsite * sizeof(long))) == NULL)
		return -1;
	for (size_t i = 0; i < nsite; i++) {
		const char *name;
		long s;
		int ok;

		if (str_to_long(kv_nth(&r->form, "site", i), 1, 2000000000L, &s) < 0) {
			f->sites_error = "plat_acc_err_site";
			continue;
		}
		if ((ok = db_site_name(r, r->me->operator_id, s, &name)) < 0)
			return -1;
		if (ok == 0)
			f->sites_error = "plat_acc_err_site";
		else
			f->sites[f->nsites++] = s;
	}
	return 0;
}

/* In the caller's transaction: gives new member id f's sites, audited; <0 failure. */
static int
member_sites_save(struct req *r, long id, const struct member_form *f)
{
	struct sbuf names;
	int rc = -1;

	sbuf_init(&names);
	for (size_t i = 0; i < f->nsites; i++) {
		const char *name = "";

		if (db_team_site_add(r, id, f->sites[i]) < 0 ||
		    db_site_name(r, r->me->operator_id, f->sites[i], &name) < 0)
			goto out;
		sbuf_printf(&names, "%s%s", i ? ", " : "", name);
	}
	if (f->nsites && audit_add(r, 0, id, audit_user_label(r, f->in.first_name,
	    f->in.last_name, f->in.email), "team.update", "sites", "", names.data) < 0)
		goto out;
	rc = 0;
out:
	sbuf_free(&names);
	return rc;
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
	long id, op = r->me->operator_id;

	if (member_read(r, &f) < 0)
		return 500;
	if (f.invite && str_eq(f.in.role, "user"))
		f.invite_error = "plat_acc_err_invite_user";
	if (user_validate(r, op, 0, &f.in, &f.err) < 0)
		return 500;
	if (f.err.n || f.sites_error || f.invite_error)
		return member_form_page(r, &f, 400);
	if (tx_begin(r) < 0)
		return 500;
	if ((id = user_insert(r, op, 0, &f.in, &f.err)) <= 0) {
		tx_rollback(r);
		return id == 0 ? member_form_page(r, &f, 400) : 500;
	}
	if (member_sites_save(r, id, &f) < 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return 500;
	}
	return page_redirect(r, "/platform/account?n=user_added");
}

/* PLAT-6 without JavaScript: the confirmation page before deleting a team member. */
int
h_account_member_delete_form(struct req *r)
{
	struct tmpl_dict *d;
	const char *name, *email;
	int rc;

	if ((rc = db_team_member(r, r->me->operator_id, r->id, &name, &email)) <= 0)
		return rc < 0 ? 500 : 404;
	if (r->id == r->me->id)
		return 403;
	if ((d = page_start(r, "platform_member_delete.tpl", "plat_acc_delete_member")) == NULL)
		return 500;
	tmpl_set_int(d, "ID", r->id);
	tmpl_set(d, "NAME", name);
	tmpl_set(d, "EMAIL", email);
	return page_finish(r);
}

/* 1 when team member r->id is the operator's last super admin (locked), 0 not, <0 failure. */
static int
member_last_super(struct req *r)
{
	struct urow u;
	int rc, left;

	if ((rc = db_user_get(r, r->me->operator_id, 0, r->id, &u)) <= 0)
		return rc;
	if (!str_eq(u.role, "super_admin"))
		return 0;
	if ((left = db_team_supers_left(r, r->me->operator_id, r->id)) < 0)
		return -1;
	return left == 0;
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
	if (tx_begin(r) < 0)
		return 500;
	if ((rc = member_last_super(r)) != 0) {
		tx_rollback(r);
		return rc < 0 ? 500 : 403;      /* the last super admin stays */
	}
	rc = user_delete(r, r->me->operator_id, 0, r->id, 1);
	if (rc <= 0 || tx_commit(r) < 0) {
		tx_rollback(r);
		return rc == 0 ? 404 : 500;
	}
	return page_redirect(r, "/platform/account?n=user_deleted");
}
